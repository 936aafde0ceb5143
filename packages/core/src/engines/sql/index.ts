/**
 * The SQL compiler: plans → SQL text with bound parameters, a base emitter with DuckDB and
 * PostgreSQL dialects, and the runner shared by the SQL engines.
 */
export { duckdbDialect, postgresDialect, quoteIdent, type Dialect, type ParamType } from './dialect.js';
export { frameQuery, FRAME_COLUMNS, type EmitContext, type FrameQuery, type SqlQuery } from './emit.js';
export { columnName, tableName, type SqlNaming } from './naming.js';
export { frameSums, runPlan, sqlEngine, type SqlRow, type SqlSession, type SqlSource } from './run.js';
