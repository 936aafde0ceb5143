/**
 * The SQL compiler: plans → SQL text with bound parameters, a base emitter with DuckDB and
 * PostgreSQL dialects, and the runner shared by the SQL engines.
 */
export {
  checkDialect, checkIdent, duckdbDialect, postgresDialect, quoteIdent, standardLogic, standardParts,
  type Dialect, type FrameJoin, type FrameSql, type ParamType, type QuantifierCounts, type QuantifierSubquery, type SqlLogic, type SqlParts,
} from './dialect.js';
export { frameQuery, FRAME_COLUMNS, type EmitContext, type FrameQuery, type SqlQuery } from './emit.js';
export { columnName, tableName, type SqlNaming } from './naming.js';
export { frameSums, runPlan, sqlEngine, type SqlRow, type SqlSession, type SqlSource } from './run.js';
