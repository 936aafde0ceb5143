/**
 * What the columnar substrate works on: a set of canonical Arrow tables. Encodings and row
 * links are cached per set (the `tables` object), so a dataset and the validation that built
 * it share them.
 */
import type { Table } from 'apache-arrow';
import type { TableName } from '../schema/tables.js';

/** A set of canonical tables (a dataset is one). */
export interface TableSet {
  /** Canonical tables present, as Arrow tables. */
  readonly tables: Readonly<Partial<Record<TableName, Table>>>;
}

/** Whether a table of the set has a column. */
export function hasColumn(ds: TableSet, table: TableName, column: string): boolean {
  return ds.tables[table]?.schema.fields.some((f) => f.name === column) ?? false;
}

/** Number of rows of a table (0 when absent). */
export function rowCount(ds: TableSet, table: TableName): number {
  return ds.tables[table]?.numRows ?? 0;
}
