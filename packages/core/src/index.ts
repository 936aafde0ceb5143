/**
 * @houfu/core — typed indicators of post-relocation support (易地扶贫搬迁后续扶持)
 * over columnar data: schema, loading, validation, the indicator model, the planner,
 * engines and results. Browser-safe; file-system helpers are in `@houfu/core/node`.
 * @packageDocumentation
 */
export * from './schema/tables.js';
export * from './schema/divisions.js';
export * from './model/expr.js';
export * from './model/indicator.js';
export type { FindingCode, MessageArgs } from './messages/index.js';
export { FINDING_TEXT, STATUS_TEXT, LEVEL_TEXT } from './messages/index.js';
export { type Finding, type Severity, formatFinding, hasErrors, countFindings } from './validate/finding.js';
export {
  type Dataset,
  type DatasetOptions,
  type LoadProgress,
  type ColumnMapping,
  type RawColumns,
  datasetFromColumns,
  datasetFromArrow,
  arrowColumns,
  arrowTable,
  isUsable,
} from './dataset.js';
export { HoufuError, type HoufuErrorCode } from './errors.js';
export { dispatch, movement, MOVEMENT_TEXT, type Dispatch, type DispatchOptions, type IndicatorChange, type CountyRank, type SiteChange, type HouseholdChanges, type DemoComparison, type Movement } from './dispatch/index.js';
export { registers, periodEnd, type Registers, type RegisterOptions, type DepartmentTasks, type CountyProblems } from './registers/index.js';
export { normalize, SHORTHAND_KINDS, type DefinitionFinding, type Normalized } from './model/normalize.js';
export { definitionJsonSchema } from './model/json-schema.js';
export type { DefinitionRule } from './messages/definitions.js';
export {
  plan,
  PlanError,
  LEVELS,
  type Level,
  type Plan,
  type PlanOptions,
  type FramePlan,
  type FrameDesign,
  type SurveyRefs,
  type PlanMeasure,
  type PlanQuantifier,
  type PlanBreakdown,
  type PlanIndicator,
  type MeasureRef,
  type PlanLink,
  type PlanQuantifierExpr,
  type CountMeasure,
  type SumMeasure,
  type WeightedSumMeasure,
  type MeasureKind,
  type ClassifiedTriple,
  type NoDesign,
  type SurveyDesignPart,
  type DesignKind,
  type BreakdownKind,
  type KindHandlers,
  type RowsPlan,
  byKind,
  planRows,
  planFrame,
  quantifierId,
} from './plan/plan.js';
export type { Engine, FrameSums } from './engines/engine.js';
export { compute, assertUsable, type ComputeOptions, type EngineName } from './compute.js';
export {
  type ResultTable,
  type ResultRow,
  type ResultSchema,
  type Status,
  RESULT_COLUMNS,
  statusOf,
  valueOf,
  assemble,
} from './result/assemble.js';
export { toObjects, toCSV, csvChunks, toJSON, toArrowIPC, toParquet, formatTable, OUTPUT_FORMATS, type OutputFormat } from './result/format.js';
export { failingHouseholds, type DrillDownOptions, type DrillDownRow, type DrillDownSchema, type DrillDownTable } from './drilldown.js';
export { datasetFromFiles, tableFile, type InputFile, type ReadOptions, type TableFormat } from './io/files.js';
export type { TextEncoding } from './io/decode.js';
export * from './cube/index.js';
export {
  frameQuery,
  duckdbDialect,
  postgresDialect,
  quoteIdent,
  checkDialect,
  standardParts,
  standardLogic,
  sqlEngine,
  runPlan,
  type Dialect,
  type SqlParts,
  type FrameJoin,
  type FrameSql,
  type SqlLogic,
  type QuantifierCounts,
  type QuantifierSubquery,
  type SqlQuery,
  type FrameQuery,
  type SqlNaming,
  type SqlSession,
  type SqlSource,
  type SqlRow,
} from './engines/sql/index.js';
// Surveys and suppression: the full API is in `@houfu/core/survey` (its quantile functions are
// large); `compute` loads it when given a design or `suppress`.
export { type SurveyDesign, type PreparedDesign, type StratumInfo, parseDesign, prepareDesign } from './survey/design.js';
export type { Interval } from './survey/intervals.js';
export { columnsRead, type ReadsOptions, type TableColumns } from './plan/reads.js';
export { PROPORTION_METHODS, type ProportionMethod } from './survey/methods.js';
export type { Comparison, CompareOptions } from './survey/compare.js';
export { suppressCells, primaryReason, type Cell, type Equation, type SuppressionReason } from './publish/cells.js';
