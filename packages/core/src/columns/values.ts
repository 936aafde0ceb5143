/**
 * Column values as JS arrays and row links in the form the arquero reference engine and
 * survey designs read: decoded lazily, once per dataset, only when such an engine runs. The
 * links are the substrate's own (`columns/links.ts`), shared with validation and the kernel.
 */
import type { TableName } from '../schema/tables.js';
import { decodeVector } from './decode.js';
import { compose, groupIndex, parentIndex } from './links.js';
import { hasColumn, rowCount, type TableSet } from './tables.js';

export { hasColumn, rowCount };

const caches = new WeakMap<object, Map<string, unknown[]>>();

/** A column's values as a JS array (decoded once per dataset). */
export function columnValues(ds: TableSet, table: TableName, column: string): unknown[] {
  let cache = caches.get(ds.tables);
  if (!cache) caches.set(ds.tables, (cache = new Map()));
  const key = `${table}\u0000${column}`;
  let v = cache.get(key);
  if (!v) {
    const vec = ds.tables[table]?.getChild(column);
    if (!vec) throw new Error(`${table}.${column} is not in the dataset`);
    cache.set(key, (v = decodeVector(vec)));
  }
  return v;
}

/**
 * For each row of `child`, the row of `parent` it links to through `via`
 * (−1 when the value is null or has no parent row).
 */
export function parentRows(ds: TableSet, child: TableName, parent: TableName, via: string): Int32Array {
  return parentIndex(ds, child, parent, via);
}

export { compose };

/** The site row of every row of a table. */
export function siteRows(ds: TableSet, table: TableName): Int32Array {
  return groupIndex(ds, table, 'site');
}

/** The management-unit row of every row of a table (−1 where there is none). */
export function unitRows(ds: TableSet, table: TableName): Int32Array {
  if (table !== 'management_units' && table !== 'households' && table !== 'persons')
    throw new Error(`rows of ${table} do not belong to management units`);
  return groupIndex(ds, table, 'unit');
}

/** Values of `column` gathered through a row map (null where the row is −1). */
export function gather(values: readonly unknown[], rows: Int32Array): unknown[] {
  const out = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = r < 0 ? null : values[r];
  }
  return out;
}

