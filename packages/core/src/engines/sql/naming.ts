/**
 * Where canonical tables and columns live in a database: table names, an optional schema
 * and a column mapping (canonical name → the database's name), all configurable.
 */
import type { ColumnMapping } from '../../dataset.js';
import type { TableName } from '../../schema/tables.js';

/** Names of the canonical tables and columns in a database. */
export interface SqlNaming {
  /** Schema holding the tables (PostgreSQL; omitted: the search path). */
  readonly schema?: string;
  /** Database table per canonical table; omitted tables keep their canonical name. */
  readonly tables?: Partial<Record<TableName, string>>;
  /** Database column per canonical column, per table or flat (as a dataset's column mapping). */
  readonly columns?: ColumnMapping;
}

/** The database name of a canonical table. */
export function tableName(naming: SqlNaming, table: TableName): string {
  return naming.tables?.[table] ?? table;
}

/** The database name of a canonical column of a table. */
export function columnName(naming: SqlNaming, table: TableName, column: string): string {
  const m = naming.columns as Record<string, unknown> | undefined;
  if (!m) return column;
  const perTable = m[table];
  if (perTable && typeof perTable === 'object') {
    const v = (perTable as Record<string, unknown>)[column];
    return typeof v === 'string' ? v : column;
  }
  const v = m[column];
  return typeof v === 'string' ? v : column;
}
