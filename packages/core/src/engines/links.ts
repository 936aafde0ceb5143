/**
 * Links between the rows of a dataset's tables, resolved once and cached per dataset:
 * for each child row, the row index of its parent (household, site, management unit),
 * matching on the period too when both tables are monthly. Also decoded column values.
 * Engine-independent: any engine working on JS arrays may use them.
 */
import { hasColumn, type Dataset } from '../dataset.js';

export { hasColumn };
import { decodeVector } from '../io/decode-columns.js';
import { SCHEMA, type TableName } from '../schema/tables.js';

interface Cache {
  columns: Map<string, unknown[]>;
  rows: Map<string, Int32Array>;
}
const caches = new WeakMap<Dataset, Cache>();

function cacheOf(ds: Dataset): Cache {
  let c = caches.get(ds);
  if (!c) caches.set(ds, (c = { columns: new Map(), rows: new Map() }));
  return c;
}

/** Number of rows of a table (0 when absent). */
export function rowCount(ds: Dataset, table: TableName): number {
  return ds.tables[table]?.numRows ?? 0;
}

/** A column's values as a JS array (decoded once per dataset). */
export function columnValues(ds: Dataset, table: TableName, column: string): unknown[] {
  const cache = cacheOf(ds).columns;
  const key = `${table}\u0000${column}`;
  let v = cache.get(key);
  if (!v) {
    const vec = ds.tables[table]?.getChild(column);
    if (!vec) throw new Error(`${table}.${column} is not in the dataset`);
    cache.set(key, (v = decodeVector(vec)));
  }
  return v;
}

const SEP = '\u0001';

/**
 * For each row of `child`, the row of `parent` it links to through `via`
 * (−1 when the value is null or has no parent row).
 */
export function parentRows(ds: Dataset, child: TableName, parent: TableName, via: string): Int32Array {
  const cache = cacheOf(ds).rows;
  const key = `${child}>${parent}:${via}`;
  let rows = cache.get(key);
  if (rows) return rows;
  const byPeriod = hasColumn(ds, child, 'period') && hasColumn(ds, parent, 'period');
  const pid = columnValues(ds, parent, SCHEMA[parent].key);
  const pPeriod = byPeriod ? columnValues(ds, parent, 'period') : undefined;
  const index = new Map<unknown, number>();
  for (let i = 0; i < pid.length; i++) index.set(pPeriod ? `${pid[i]}${SEP}${pPeriod[i]}` : pid[i], i);
  const cv = columnValues(ds, child, via);
  const cPeriod = byPeriod ? columnValues(ds, child, 'period') : undefined;
  rows = new Int32Array(cv.length);
  for (let i = 0; i < cv.length; i++) {
    const v = cv[i];
    rows[i] = v === null ? -1 : (index.get(cPeriod ? `${v}${SEP}${cPeriod[i]}` : v) ?? -1);
  }
  cache.set(key, rows);
  return rows;
}

/** Compose two row maps: a → b, then b → c. */
export function compose(ab: Int32Array, bc: Int32Array): Int32Array {
  const out = new Int32Array(ab.length);
  for (let i = 0; i < ab.length; i++) {
    const b = ab[i]!;
    out[i] = b < 0 ? -1 : bc[b]!;
  }
  return out;
}

/** The site row of every row of a table. */
export function siteRows(ds: Dataset, table: TableName): Int32Array {
  if (table === 'sites') return Int32Array.from({ length: rowCount(ds, 'sites') }, (_, i) => i);
  if (table === 'persons')
    return compose(parentRows(ds, 'persons', 'households', 'household_id'), parentRows(ds, 'households', 'sites', 'site_id'));
  return parentRows(ds, table, 'sites', 'site_id');
}

/** The management-unit row of every row of a table (−1 where there is none). */
export function unitRows(ds: Dataset, table: TableName): Int32Array {
  if (table === 'management_units') return Int32Array.from({ length: rowCount(ds, table) }, (_, i) => i);
  if (table === 'households') return parentRows(ds, 'households', 'management_units', 'unit_id');
  if (table === 'persons')
    return compose(parentRows(ds, 'persons', 'households', 'household_id'), parentRows(ds, 'households', 'management_units', 'unit_id'));
  throw new Error(`rows of ${table} do not belong to management units`);
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
