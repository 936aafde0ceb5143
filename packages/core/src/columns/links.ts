/**
 * Row links as index arrays, resolved once per dataset from the encoded key columns:
 * for each child row, its parent's row (−1 for none), matching on the period too when
 * both tables are monthly — the same rule as the other engines.
 */
import { SCHEMA, type TableName } from '../schema/tables.js';
import { encoded, type CodeColumn, type Encoded } from './encode.js';
import { encodeKeys, type KeyCodes } from './keys.js';
import { hasColumn, type TableSet } from './tables.js';

const caches = new WeakMap<object, Map<string, Int32Array>>();

function cacheOf(ds: TableSet): Map<string, Int32Array> {
  let cache = caches.get(ds.tables);
  if (!cache) caches.set(ds.tables, (cache = new Map()));
  return cache;
}

function cached(ds: TableSet, key: string, build: () => Int32Array): Int32Array {
  const cache = cacheOf(ds);
  let v = cache.get(key);
  if (!v) cache.set(key, (v = build()));
  return v;
}

/** Bytes held by the cached row links of a dataset. */
export function linkBytes(ds: TableSet): number {
  let bytes = 0;
  for (const v of caches.get(ds.tables)?.values() ?? []) bytes += v.byteLength;
  return bytes;
}

/** Number of rows of a table (0 when absent). */
export function rows(ds: TableSet, table: TableName): number {
  return ds.tables[table]?.numRows ?? 0;
}

/** Text codes of a column; numbers and booleans are written as text (keys are text in the schema). */
export function codesOf(e: Encoded): CodeColumn {
  if (e.kind === 'code') return e;
  const n = e.data.length;
  const codes = new Int32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = e.data[i]!;
    if (e.kind === 'num' ? Number.isNaN(x) : x === 2) {
      codes[i] = -1;
      continue;
    }
    const s = e.kind === 'num' ? String(x) : String(x === 1);
    let c = index.get(s);
    if (c === undefined) index.set(s, (c = dict.push(s) - 1));
    codes[i] = c;
  }
  return { kind: 'code', codes, dict };
}

/** An id column hashed for linking (not kept: links are what engines keep). */
function keyColumn(ds: TableSet, table: TableName, column: string): KeyCodes {
  const vec = ds.tables[table]?.getChild(column);
  if (!vec) throw new Error(`${table}.${column} is not in the dataset`);
  return encodeKeys(vec);
}

/** Translation of the codes of `from` into codes of `to` (−1 where `to` lacks the value). */
export function translate(from: readonly string[], to: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  for (let i = 0; i < to.length; i++) index.set(to[i]!, i);
  const out = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = index.get(from[i]!) ?? -1;
  return out;
}

/**
 * For each child row, the parent row with the same key (and the same period when both periods
 * are given; null periods match each other), −1 for a null key or no parent. With duplicate
 * parent keys the last row wins (duplicates are a validation error anyway).
 */
export function linkRows(pk: KeyCodes, ck: KeyCodes, pp?: CodeColumn, cp?: CodeColumn): Int32Array {
  const xlate = ck.dict.translate(pk.dict);
  const n = ck.codes.length;
  const out = new Int32Array(n);
  const np = pk.codes.length;
  if (pp && cp) {
    const pxlate = translate(cp.dict, pp.dict);
    const width = pp.dict.length + 1;
    const rowOf = new Int32Array(pk.dict.size * width).fill(-1);
    for (let r = 0; r < np; r++) if (pk.codes[r]! >= 0) rowOf[pk.codes[r]! * width + (pp.codes[r]! < 0 ? width - 1 : pp.codes[r]!)] = r;
    for (let i = 0; i < n; i++) {
      const c = ck.codes[i]!;
      const k = c < 0 ? -1 : xlate[c]!;
      if (k < 0) {
        out[i] = -1;
        continue;
      }
      const p = cp.codes[i]!;
      const q = p < 0 ? width - 1 : pxlate[p]!;
      out[i] = q < 0 ? -1 : rowOf[k * width + q]!;
    }
    return out;
  }
  const rowOf = new Int32Array(pk.dict.size).fill(-1);
  for (let r = 0; r < np; r++) if (pk.codes[r]! >= 0) rowOf[pk.codes[r]!] = r;
  for (let i = 0; i < n; i++) {
    const c = ck.codes[i]!;
    const k = c < 0 ? -1 : xlate[c]!;
    out[i] = k < 0 ? -1 : rowOf[k]!;
  }
  return out;
}

/** Record a row link built elsewhere (by validation) so that engines do not build it again. */
export function seedLink(ds: TableSet, child: TableName, parent: TableName, via: string, rows: Int32Array): void {
  cacheOf(ds).set(`${child}>${parent}:${via}`, rows);
}

/** For each row of `child`, the row of `parent` it links to through `via` (−1 for none). */
export function parentIndex(ds: TableSet, child: TableName, parent: TableName, via: string): Int32Array {
  return cached(ds, `${child}>${parent}:${via}`, () => {
    const pk = keyColumn(ds, parent, SCHEMA[parent].key);
    const ck = keyColumn(ds, child, via);
    if (hasColumn(ds, child, 'period') && hasColumn(ds, parent, 'period'))
      return linkRows(pk, ck, codesOf(encoded(ds, parent, 'period')), codesOf(encoded(ds, child, 'period')));
    return linkRows(pk, ck);
  });
}

/** Compose row maps a → b and b → c into a → c. */
export function compose(ab: Int32Array, bc: Int32Array): Int32Array {
  const out = new Int32Array(ab.length);
  for (let i = 0; i < ab.length; i++) {
    const b = ab[i]!;
    out[i] = b < 0 ? -1 : bc[b]!;
  }
  return out;
}

/** The row of `parent` for each row of `table`: itself, a direct parent, or a grandparent. */
export function ancestorIndex(ds: TableSet, table: TableName, parent: TableName): Int32Array {
  if (table === 'persons' && parent === 'sites')
    return cached(ds, 'persons>>sites', () =>
      compose(parentIndex(ds, 'persons', 'households', 'household_id'), parentIndex(ds, 'households', 'sites', 'site_id')),
    );
  if (table === 'persons' && parent === 'management_units')
    return cached(ds, 'persons>>management_units', () =>
      compose(parentIndex(ds, 'persons', 'households', 'household_id'), parentIndex(ds, 'households', 'management_units', 'unit_id')),
    );
  const via = SCHEMA[table].columns.find((c) => c.references === parent)?.name;
  if (!via) throw new Error(`rows of ${table} do not link to ${parent}`);
  return parentIndex(ds, table, parent, via);
}

/** The site row (or management-unit row) of every row of a table. */
export function groupIndex(ds: TableSet, table: TableName, group: 'site' | 'unit'): Int32Array {
  const target: TableName = group === 'unit' ? 'management_units' : 'sites';
  if (table === target) return cached(ds, `${table}=`, () => Int32Array.from({ length: rows(ds, table) }, (_, i) => i));
  return ancestorIndex(ds, table, target);
}
