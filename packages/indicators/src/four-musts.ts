/**
 * The four musts (四个必须) of training and employment, per the letter of the policy:
 * training of every worker, one stably employed person in every household with labor,
 * a way to put one of the three lands to use, a stable income for every household.
 */
import { and, any, all, col, eq, implies, not, or, rate, type Expr, type IndicatorDefinition } from '@houfu/core';
import { cite } from './source.js';

const laborMember = { zh: '劳动力', en: 'workers' };
const employedMember = { zh: '已就业劳动力', en: 'employed workers' };
const untrainedMember = { zh: '未培训劳动力', en: 'untrained workers' };

/** A household has labor: some member is in the labor force. */
export const hasLabor: Expr = any('persons', col('is_labor'), laborMember);
/** Some worker of the household is employed. */
export const hasEmployedWorker: Expr = any('persons', and(col('is_labor'), col('employed')), employedMember);
/** Every worker of the household is trained (households without labor: true). */
export const allWorkersTrained: Expr = all('persons', implies(col('is_labor'), col('trained')), untrainedMember);

const LANDS = ['land_contract', 'land_forest', 'land_homestead'] as const;
/** Some land of the household's origin has a use. */
export const landRevitalized: Expr = or(...LANDS.map((c) => eq(c, 'revitalized')));
/** Some land of the household exists (not all three 'none'). */
export const hasLand: Expr = not(and(...LANDS.map((c) => eq(c, 'none'))));

/** 劳动力必须全员培训: trained workers / workers. */
export const training: IndicatorDefinition = rate({
  id: 'four_musts.training',
  name: { zh: '劳动力培训率', en: 'Training of the labor force' },
  description: {
    zh: '已培训的搬迁劳动力占搬迁劳动力的比例（培训情况不详者不计入分母，单列为未知）',
    en: 'Trained relocated workers as a share of relocated workers (workers whose training is unknown are counted apart)',
  },
  unit: 'person',
  universe: col('is_labor'),
  outcome: col('trained'),
  target: { value: 1, direction: 'at_least' },
  source: cite('劳动力必须全员培训', 'every member of the labor force must be trained'),
  reasons: {
    failed: { zh: '劳动力未参加培训', en: 'the worker has not been trained' },
    unknown: { zh: '劳动力状态或培训情况不详', en: 'labor status or training is unknown' },
  },
});

/** 有劳动力家庭必须实现一人以上稳定就业: labor households with an employed worker / labor households. */
export const employment: IndicatorDefinition = rate({
  id: 'four_musts.employment',
  name: { zh: '有劳动力家庭一人以上就业率', en: 'Labor households with at least one employed' },
  description: {
    zh: '至少一名劳动力就业的有劳动力搬迁家庭占有劳动力搬迁家庭的比例',
    en: 'Relocated households with labor in which at least one worker is employed, as a share of households with labor',
  },
  unit: 'household',
  universe: hasLabor,
  outcome: hasEmployedWorker,
  target: { value: 1, direction: 'at_least' },
  source: cite('有劳动力家庭必须实现一人以上稳定就业', 'every household with labor must have at least one person in stable employment'),
  reasons: {
    failed: { zh: '有劳动力但无人就业', en: 'the household has workers but none is employed' },
    unknown: { zh: '劳动力或就业情况不详', en: 'labor or employment status of a member is unknown' },
  },
});

/** 三块地必须有一种盘活途径: households with a revitalized land / households with any land. */
export const land: IndicatorDefinition = rate({
  id: 'four_musts.land',
  name: { zh: '“三块地”盘活率', en: 'Three lands put to use' },
  description: {
    zh: '承包地、山林地、宅基地至少一块已盘活的搬迁家庭占有“三块地”的搬迁家庭的比例（三块地均无者不适用）',
    en: 'Households with at least one of contract, forest or homestead land revitalized, as a share of households holding any (households with none: not applicable)',
  },
  unit: 'household',
  universe: hasLand,
  outcome: landRevitalized,
  target: { value: 1, direction: 'at_least' },
  source: cite('承包地、山林地、宅基地“三块地”必须有一种盘活途径', 'of the three lands at least one must have a way to be put to use'),
  reasons: {
    failed: { zh: '“三块地”均未盘活', en: 'none of the three lands has been put to use' },
    unknown: { zh: '“三块地”情况不详', en: 'the status of some land is unknown' },
  },
});

/** 每个搬迁家庭必须有一份稳定收入. */
export const income: IndicatorDefinition = rate({
  id: 'four_musts.income',
  name: { zh: '稳定收入家庭比例', en: 'Households with a stable income' },
  description: { zh: '有稳定收入的搬迁家庭占搬迁家庭的比例', en: 'Relocated households with a stable income, as a share of households' },
  unit: 'household',
  outcome: col('stable_income'),
  target: { value: 1, direction: 'at_least' },
  source: cite('每个搬迁家庭必须有一份稳定收入', 'every relocated household must have a stable income'),
  reasons: {
    failed: { zh: '无稳定收入', en: 'no stable income' },
    unknown: { zh: '收入情况不详', en: 'income status is unknown' },
  },
});

/** All four musts met by a household (a must that does not apply counts as met). */
export const allFour: IndicatorDefinition = rate({
  id: 'four_musts.all',
  name: { zh: '“四个必须”全部达到的家庭比例', en: 'Households meeting all four musts' },
  description: {
    zh: '四个必须均达到的搬迁家庭占搬迁家庭的比例：任一项未达到即为未达到；否则任一项不详即为不详；不适用的项视为达到',
    en: 'Households meeting all four musts: failed if any must fails, else unknown if any is unknown, else met; a must that does not apply counts as met',
  },
  unit: 'household',
  outcome: and(allWorkersTrained, implies(hasLabor, hasEmployedWorker), implies(hasLand, landRevitalized), col('stable_income')),
  target: { value: 1, direction: 'at_least' },
  source: cite('四个必须', 'the four musts'),
  reasons: {
    failed: { zh: '至少一项“必须”未达到', en: 'at least one must is not met' },
    unknown: { zh: '至少一项“必须”情况不详', en: 'at least one must is unknown' },
  },
  components: [
    { id: 'four_musts.training', name: { zh: '劳动力全员培训', en: 'training' }, holds: allWorkersTrained },
    { id: 'four_musts.employment', name: { zh: '一户一人以上就业', en: 'employment' }, holds: implies(hasLabor, hasEmployedWorker) },
    { id: 'four_musts.land', name: { zh: '“三块地”盘活', en: 'land' }, holds: implies(hasLand, landRevitalized) },
    { id: 'four_musts.income', name: { zh: '稳定收入', en: 'income' }, holds: col('stable_income') },
  ],
});

/** The four musts family, in policy order, with the composite last. */
export const fourMusts: readonly IndicatorDefinition[] = [training, employment, land, income, allFour];
