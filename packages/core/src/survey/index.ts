/**
 * Sample surveys and safe publication (`@houfu/core/survey`): designs, intervals, comparisons,
 * suppression. A separate entry: its quantile functions are large, and pages that do not
 * estimate from samples do not load them. `compute` with a design or `suppress` loads it itself.
 */
export { type SurveyDesign, type PreparedDesign, type StratumInfo, parseDesign, prepareDesign } from './design.js';
export {
  type Interval,
  type ProportionMethod,
  PROPORTION_METHODS,
  logitInterval,
  wilsonInterval,
  clopperPearsonInterval,
  kornGraubardInterval,
  designWilsonInterval,
  waldInterval,
} from './intervals.js';
export { SURVEY_COLUMNS } from './assemble.js';
export { compare, COMPARE_COLUMNS, type Comparison, type CompareOptions } from './compare.js';
export { suppressCells, primaryReason, type Cell, type Equation, type SuppressionReason } from '../publish/cells.js';
export { DEFAULT_THRESHOLD, BREAKDOWN_TOTAL } from '../publish/suppress.js';
