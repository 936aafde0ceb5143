/** Employment: the employment rate of workers and the households the employment must leaves behind. */
import { col, count, not, rate, TRUE, type IndicatorDefinition } from '@houfu/core';
import { hasEmployedWorker, hasLabor } from './four-musts.js';
import { cite } from './source.js';

/** Employed workers / workers. */
export const employmentRate: IndicatorDefinition = rate({
  id: 'employment.rate',
  name: { zh: '劳动力就业率', en: 'Employment rate of workers' },
  description: { zh: '已就业搬迁劳动力占搬迁劳动力的比例', en: 'Employed relocated workers as a share of relocated workers' },
  unit: 'person',
  universe: col('is_labor'),
  outcome: col('employed'),
  source: cite('已实现就业82.25万人', '822,500 people employed'),
  reasons: {
    failed: { zh: '劳动力未就业', en: 'the worker is not employed' },
    unknown: { zh: '劳动力或就业状态不详', en: 'labor or employment status is unknown' },
  },
});

/** Households with labor (count; denominator: households whose labor status is known). */
export const laborHouseholds: IndicatorDefinition = count({
  id: 'employment.labor_households',
  name: { zh: '有劳动力家庭户数', en: 'Households with labor' },
  description: { zh: '至少有一名劳动力的搬迁家庭户数', en: 'Relocated households with at least one member in the labor force' },
  unit: 'household',
  universe: TRUE,
  outcome: hasLabor,
  source: cite('有劳动力家庭40.32万户', '403,200 households with labor'),
});

/** Labor households with no employed worker — the "zero-employment" households to clear (target 0). */
export const zeroHouseholds: IndicatorDefinition = count({
  id: 'employment.zero_households',
  name: { zh: '零就业家庭户数', en: 'Zero-employment households' },
  description: {
    zh: '有劳动力但无一人就业的搬迁家庭户数（动态清零目标为 0；分母为有劳动力家庭户数）',
    en: 'Households with labor in which no worker is employed (target 0, "dynamic clearing"; denominator: households with labor)',
  },
  unit: 'household',
  universe: hasLabor,
  outcome: not(hasEmployedWorker),
  target: { value: 0, direction: 'at_most' },
  source: cite('有劳动力家庭必须实现一人以上稳定就业', 'every household with labor must have at least one person in stable employment'),
  reasons: {
    failed: { zh: '有劳动力但无人就业', en: 'the household has workers but none is employed' },
    unknown: { zh: '劳动力或就业情况不详', en: 'labor or employment status of a member is unknown' },
  },
});

/** Persons employed (count). */
export const employedPersons: IndicatorDefinition = count({
  id: 'employment.employed_persons',
  name: { zh: '已就业人数', en: 'Persons employed' },
  description: { zh: '已实现就业的搬迁人口数', en: 'Relocated persons in employment' },
  unit: 'person',
  outcome: col('employed'),
  source: cite('已实现就业82.25万人', '822,500 people employed'),
});

/** The employment family. */
export const employmentFamily: readonly IndicatorDefinition[] = [employmentRate, laborHouseholds, zeroHouseholds, employedPersons];

