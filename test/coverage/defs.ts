/** Small indicator definitions for the coverage tests (no target unless given, no reasons). */
import { col, rate, type IndicatorDefinition } from '@houfu/core';

const text = { zh: '测试', en: 'test' };
const source = { clause: '测试', clauseEn: 'test', document: 'test' };

/** Households with a stable income / households whose income is known. */
export const income: IndicatorDefinition = rate({ id: 'test.income', name: text, description: text, source, unit: 'household', outcome: col('stable_income') });

/** The same with a target of 50 % and reasons for drill-down. */
export const incomeWithReasons: IndicatorDefinition = rate({
  id: 'test.income_reasons',
  name: text,
  description: text,
  source,
  unit: 'household',
  outcome: col('stable_income'),
  target: { value: 0.5, direction: 'at_least' },
  reasons: { failed: { zh: '无收入', en: 'no income' }, unknown: { zh: '不详', en: 'not known' } },
});

/** A person indicator (not a household must). */
export const trained: IndicatorDefinition = rate({ id: 'test.trained', name: text, description: text, source, unit: 'person', universe: col('is_labor'), outcome: col('trained') });
