/**
 * The column mapping itself: unknown tables and columns, two canonical columns read from
 * one header, and its `values` section (the user's spellings of values → canonical values,
 * flat by column or per table: `{ "values": { "sex": { "M": "male" } } }`).
 */
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { allowedValues, type ValueMap } from './labels.js';

/** The key of a mapping that holds value maps rather than headers. */
export const VALUES_KEY = 'values';

const isTable = (k: string): k is TableName => (TABLE_NAMES as readonly string[]).includes(k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasColumn = (t: TableName, c: string): boolean => SCHEMA[t].columns.some((s) => s.name === c);

/** The value map of a table's column from a mapping, or undefined. */
export function valueMapOf(mapping: unknown, table: TableName, column: string): ValueMap | undefined {
  if (!isObject(mapping)) return undefined;
  const v = mapping[VALUES_KEY];
  if (!isObject(v)) return undefined;
  const perTable = v[table];
  const m = isObject(perTable) && isObject(perTable[column]) ? perTable[column] : v[column];
  if (!isObject(m)) return undefined;
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(m)) if (typeof to === 'string') out[from] = to;
  return out;
}

/** The headers each canonical column of a table is read from, under a mapping (unmapped: its own name). */
function headersOf(mapping: Record<string, unknown>, table: TableName): Map<string, string> {
  const per = mapping[table];
  const m = new Map<string, string>();
  for (const c of SCHEMA[table].columns) {
    const h = isObject(per) ? per[c.name] : mapping[c.name];
    m.set(c.name, typeof h === 'string' ? h : c.name);
  }
  return m;
}

/** Check a column mapping: every key a canonical table or column, every header used once, every value map sound. */
export function checkMapping(mapping: unknown, out: FindingCollector): void {
  if (mapping === undefined || mapping === null) return;
  const top = { table: null, file: null };
  if (!isObject(mapping)) {
    out.add('error', 'bad_mapping', top, {}, { detail: 'the mapping must be a JSON object' });
    return;
  }
  const known = new Set(TABLE_NAMES.flatMap((t) => SCHEMA[t].columns.map((c) => c.name)));
  for (const [k, v] of Object.entries(mapping)) {
    if (k === VALUES_KEY && isObject(v)) continue;
    if (typeof v === 'string') {
      if (!known.has(k)) out.add('error', 'bad_mapping', top, { column: k }, { detail: `"${k}" is not a canonical column` });
    } else if (isObject(v)) {
      if (!isTable(k)) {
        out.add('error', 'bad_mapping', top, {}, { detail: `"${k}" is not a canonical table` });
        continue;
      }
      for (const [c, h] of Object.entries(v)) {
        if (!hasColumn(k, c)) out.add('error', 'bad_mapping', { table: k, file: null }, { column: c }, { detail: `"${c}" is not a column of ${k}` });
        else if (typeof h !== 'string') out.add('error', 'bad_mapping', { table: k, file: null }, { column: c }, { detail: `the header of ${k}.${c} must be text` });
      }
    } else out.add('error', 'bad_mapping', top, {}, { detail: `the value of "${k}" must be a header name or an object` });
  }
  for (const t of TABLE_NAMES) {
    const byHeader = new Map<string, string[]>();
    for (const [c, h] of headersOf(mapping, t)) byHeader.set(h, [...(byHeader.get(h) ?? []), c]);
    for (const [h, cols] of byHeader)
      if (cols.length > 1) out.add('error', 'mapping_same_header', { table: t, file: null }, { column: cols.join(', '), value: h }, { detail: cols.map((c) => `${t}.${c}`).join(' and ') });
  }
  const vals = mapping[VALUES_KEY];
  if (vals === undefined) return;
  if (!isObject(vals)) {
    out.add('error', 'bad_mapping', top, {}, { detail: `"${VALUES_KEY}" must be an object of value maps` });
    return;
  }
  const checkMap = (tables: readonly TableName[], column: string, m: unknown, where: string): void => {
    const owners = tables.filter((t) => hasColumn(t, column));
    if (owners.length === 0) return void out.add('error', 'bad_mapping', top, { column }, { detail: `${where}: "${column}" is not a canonical column` });
    if (!isObject(m)) return void out.add('error', 'bad_mapping', top, { column }, { detail: `${where}.${column} must map values to values` });
    for (const [from, to] of Object.entries(m)) {
      const allowed = owners.map((t) => allowedValues(t, column)).find((a) => a !== undefined);
      if (typeof to !== 'string') out.add('error', 'bad_mapping', top, { column, value: from }, { detail: `${where}.${column}: the value for "${from}" must be text` });
      else if (allowed && !allowed.includes(to))
        out.add('error', 'bad_mapping', top, { column, value: from }, { detail: `${where}.${column}: "${from}" is mapped to "${to}", which is not one of ${allowed.join(', ')}` });
    }
  };
  for (const [k, v] of Object.entries(vals)) {
    if (isTable(k) && isObject(v) && !Object.values(v).every((x) => typeof x === 'string')) {
      for (const [c, m] of Object.entries(v)) checkMap([k], c, m, `${VALUES_KEY}.${k}`);
    } else checkMap(TABLE_NAMES, k, v, VALUES_KEY);
  }
}
