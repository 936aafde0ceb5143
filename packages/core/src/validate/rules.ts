/**
 * Validation rules of schema v1 as columnar passes over canonical Arrow columns: a rule on a
 * text column is decided once per distinct value (through the column's dictionary) and mapped
 * back to the rows that hold it; booleans and numbers are checked over typed arrays; keys and
 * references through the hashed id codes and row links that the engines then reuse. Each rule
 * adds typed findings naming table, file, row and column, in row order.
 */
import { utf8FromCodes } from '../io/columnar.js';
import { GUIZHOU_CODE_CHANGES } from '../schema/divisions.js';
import { SCHEMA, type TableName } from '../schema/tables.js';
import { ValidationContext, type CheckedTable, type DatasetCheck, type RuleOptions, type TableCheck } from './context.js';
import type { FindingCollector } from './finding.js';

export { ValidationContext, type CheckedTable, type DatasetCheck, type RuleOptions, type TableCheck } from './context.js';

const CODE_RE = /^\d{6}$/;
const OBSOLETE = new Map(GUIZHOU_CODE_CHANGES.map((c) => [c.from, c.to]));

/** Rows whose code is flagged, in row order. */
function* flagged(codes: Int32Array, flags: Uint8Array): Generator<number> {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0 && flags[c] === 1) yield i;
  }
}

/** Area codes: six digits; obsolete codes are mapped to today's (the column is rebuilt). */
function checkCodes(t: CheckedTable, column: string, cx: ValidationContext): void {
  const e = cx.codes(t, column);
  if (!e) return;
  const ctx = cx.ctx(t);
  const label = cx.label(t, column);
  const bad = new Uint8Array(e.dict.length);
  let anyBad = false;
  let anyOld = false;
  e.dict.forEach((s, k) => {
    if (!CODE_RE.test(s)) anyBad = Boolean((bad[k] = 1));
    else if (OBSOLETE.has(s)) anyOld = true;
  });
  if (anyBad) for (const i of flagged(e.codes, bad)) cx.out.add('error', 'bad_code', ctx, { row: i + 1, column: label, value: e.dict[e.codes[i]!] });
  if (!anyOld) return;
  const replaced = new Map<string, { to: string; rows: number; first: number }>();
  for (let i = 0; i < e.codes.length; i++) {
    const c = e.codes[i]!;
    if (c < 0) continue;
    const v = e.dict[c]!;
    const to = OBSOLETE.get(v);
    if (to === undefined || bad[c]) continue;
    const r = replaced.get(v);
    if (r) r.rows++;
    else replaced.set(v, { to, rows: 1, first: i + 1 });
  }
  const index = new Map<string, number>();
  const dict: string[] = [];
  const xlate = e.dict.map((s) => {
    const v = OBSOLETE.get(s) ?? s;
    let k = index.get(v);
    if (k === undefined) index.set(v, (k = dict.push(v) - 1));
    return k;
  });
  const codes = e.codes.map((c) => (c < 0 ? -1 : xlate[c]!));
  cx.replace(t, column, { vector: utf8FromCodes(codes, dict), encoding: { kind: 'code', codes, dict } });
  for (const [from, r] of replaced)
    cx.out.add('warning', 'obsolete_code', ctx, { row: r.first, column: label, value: from }, { detail: r.to, count: r.rows });
}

/** The numbers of a column as doubles (NaN: null). */
function numbers(t: CheckedTable, column: string, cx: ValidationContext): Float64Array | undefined {
  const e = cx.encoding(t, column);
  return e?.kind === 'num' ? e.data : undefined;
}

/** Three-valued bytes of a boolean column (0 false, 1 true, 2 null). */
function tri(t: CheckedTable, column: string, cx: ValidationContext): Uint8Array | undefined {
  const e = cx.encoding(t, column);
  return e?.kind === 'tri' ? e.data : undefined;
}

/** Enumerations, minimums, code formats (mapping obsolete codes). */
export const checkValues: TableCheck = (t, cx) => {
  const ctx = cx.ctx(t);
  for (const spec of SCHEMA[t.name].columns) {
    if (!t.columns[spec.name]) continue;
    if (spec.values) {
      const e = cx.codes(t, spec.name)!;
      const allowed = new Set<string>(spec.values);
      const bad = new Uint8Array(e.dict.length);
      let any = false;
      e.dict.forEach((s, k) => {
        if (!allowed.has(s)) any = Boolean((bad[k] = 1));
      });
      if (any)
        for (const i of flagged(e.codes, bad))
          cx.out.add('error', 'unknown_value', ctx, { row: i + 1, column: cx.label(t, spec.name), value: e.dict[e.codes[i]!] }, { detail: spec.values.join(', ') });
    }
    if (spec.min !== undefined) {
      const x = numbers(t, spec.name, cx);
      if (x)
        for (let i = 0; i < x.length; i++)
          if (x[i]! < spec.min) cx.out.add('error', 'below_minimum', ctx, { row: i + 1, column: cx.label(t, spec.name), value: x[i] }, { detail: String(spec.min) });
    }
    if (spec.type === 'code') checkCodes(t, spec.name, cx);
  }
};

/** Future birth years; employment facts that contradict each other. */
export const checkPersons: TableCheck = (t, cx) => {
  if (t.name !== 'persons') return;
  const ctx = cx.ctx(t);
  const by = numbers(t, 'birth_year', cx);
  if (by)
    for (let i = 0; i < by.length; i++)
      if (by[i]! > cx.year) cx.out.add('error', 'future_birth_year', ctx, { row: i + 1, column: cx.label(t, 'birth_year'), value: by[i] }, { detail: String(cx.year) });
  const lab = tri(t, 'is_labor', cx);
  const emp = tri(t, 'employed', cx);
  const typ = cx.codes(t, 'employment_type');
  if (!emp) return;
  for (let i = 0; i < t.rowCount; i++) {
    if (emp[i] === 1 && lab?.[i] === 0) cx.out.add('warning', 'employed_not_labor', ctx, { row: i + 1, column: cx.label(t, 'employed') });
    const c = typ ? typ.codes[i]! : -1;
    if (c >= 0 && emp[i] === 0)
      cx.out.add('warning', 'employment_type_mismatch', ctx, { row: i + 1, column: cx.label(t, 'employment_type'), value: typ!.dict[c] }, { detail: 'false' });
  }
};

/** A site's county lies in its prefecture. */
export const checkSites: TableCheck = (t, cx) => {
  if (t.name !== 'sites') return;
  const pc = cx.codes(t, 'prefecture_code');
  const cc = cx.codes(t, 'county_code');
  if (!pc || !cc) return;
  for (let i = 0; i < t.rowCount; i++) {
    const p = pc.codes[i]! < 0 ? null : pc.dict[pc.codes[i]!]!;
    const c = cc.codes[i]! < 0 ? null : cc.dict[cc.codes[i]!]!;
    if (p !== null && c !== null && CODE_RE.test(p) && CODE_RE.test(c) && c.slice(0, 4) !== p.slice(0, 4))
      cx.out.add('error', 'county_prefecture_mismatch', cx.ctx(t), { row: i + 1, column: cx.label(t, 'county_code'), value: c }, { detail: p });
  }
};

/** Slots of (id, period) keys: id code × (periods + 1), the last slot for a null period. */
function keySlots(t: CheckedTable, idColumn: string, withPeriod: boolean, cx: ValidationContext): { slots: Int32Array; size: number } | undefined {
  const id = cx.keys(t, idColumn);
  if (!id) return undefined;
  const period = withPeriod ? cx.codes(t, 'period') : undefined;
  if (!period) return { slots: id.codes, size: id.dict.size };
  const width = period.dict.length + 1;
  const slots = new Int32Array(id.codes.length);
  for (let i = 0; i < slots.length; i++) {
    const c = id.codes[i]!;
    const p = period.codes[i]!;
    slots[i] = c < 0 ? -1 : c * width + (p < 0 ? width - 1 : p);
  }
  return { slots, size: id.dict.size * width };
}

/** Key spaces (ids × (periods + 1)) up to this many slots are checked through one direct table. */
export const DIRECT_KEY_SLOTS = 1 << 26;

/**
 * For each row whose (id, period) key an earlier row holds, that first row (1-based; 0 for first
 * rows and null ids), by id buckets: rows grouped by id code (a stable counting sort), then each
 * bucket's periods stamped in a table as wide as the periods. Memory is linear in the rows, for
 * key spaces too large for a direct table.
 */
export function repeatedKeyRows(ids: Int32Array, idCount: number, periods: Int32Array | undefined, periodCount: number): Int32Array {
  const n = ids.length;
  const start = new Int32Array(idCount + 1);
  for (let i = 0; i < n; i++) if (ids[i]! >= 0) start[ids[i]! + 1]!++;
  for (let c = 0; c < idCount; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, idCount);
  const order = new Int32Array(start[idCount]!);
  for (let i = 0; i < n; i++) if (ids[i]! >= 0) order[next[ids[i]!]!++] = i;
  const width = periods ? periodCount + 1 : 1;
  const stamp = new Int32Array(width);
  const first = new Int32Array(width);
  const out = new Int32Array(n);
  for (let c = 0; c < idCount; c++)
    for (let j = start[c]!; j < start[c + 1]!; j++) {
      const i = order[j]!;
      const p = periods ? (periods[i]! < 0 ? width - 1 : periods[i]!) : 0;
      if (stamp[p] !== c + 1) {
        stamp[p] = c + 1;
        first[p] = i + 1;
      } else out[i] = first[p]!;
    }
  return out;
}

/** Primary keys are unique (per period for periodic tables); `directSlots` bounds the direct table. */
export function checkKeysWith(t: CheckedTable, cx: ValidationContext, directSlots: number): void {
  const spec = SCHEMA[t.name];
  const ids = cx.keys(t, spec.key);
  if (!ids) return;
  const withPeriod = t.columns['period'] !== undefined;
  const dup = (i: number, f: number): void =>
    cx.out.add('error', 'duplicate_id', cx.ctx(t), { row: i + 1, column: cx.label(t, spec.key), value: ids.dict.text(ids.codes[i]!) }, { detail: String(f) });
  const period = withPeriod ? cx.codes(t, 'period') : undefined;
  if (ids.dict.size * (period ? period.dict.length + 1 : 1) > directSlots) {
    const first = repeatedKeyRows(ids.codes, ids.dict.size, period?.codes, period?.dict.length ?? 0);
    for (let i = 0; i < first.length; i++) if (first[i]! > 0) dup(i, first[i]!);
    return;
  }
  const k = keySlots(t, spec.key, withPeriod, cx)!;
  let nonNull = 0;
  for (let i = 0; i < k.slots.length; i++) if (k.slots[i]! >= 0) nonNull++;
  if (!withPeriod && ids.dict.size === nonNull) return;
  // The first row of each key (1-based; 0: not seen yet).
  const firstOf = new Int32Array(k.size);
  for (let i = 0; i < k.slots.length; i++) {
    const s = k.slots[i]!;
    if (s < 0) continue;
    const f = firstOf[s]!;
    if (f === 0) firstOf[s] = i + 1;
    else dup(i, f);
  }
}

/** Primary keys are unique (per period for periodic tables). */
export const checkKeys: TableCheck = (t, cx) => checkKeysWith(t, cx, DIRECT_KEY_SLOTS);

/** Every reference points at an existing parent row (in the same period when both are periodic). */
export const checkReferences: TableCheck = (t, cx) => {
  for (const spec of SCHEMA[t.name].columns) {
    if (!spec.references) continue;
    const parent = cx.tables[spec.references];
    if (!t.columns[spec.name] || !parent || cx.absent.has(spec.references)) continue;
    const refs = cx.keys(t, spec.name)!;
    const samePeriod = t.columns['period'] !== undefined && parent.columns['period'] !== undefined;
    const rows = cx.link(t, parent, spec.name);
    const period = samePeriod ? cx.codes(t, 'period') : undefined;
    for (let i = 0; i < refs.codes.length; i++) {
      const c = refs.codes[i]!;
      if (c < 0 || (rows && rows[i]! >= 0)) continue;
      const p = period && period.codes[i]! >= 0 ? period.dict[period.codes[i]!] : null;
      const where = samePeriod ? `${parent.name} (period ${p})` : parent.name;
      cx.out.add('error', 'orphan_row', cx.ctx(t), { row: i + 1, column: cx.label(t, spec.name), value: refs.dict.text(c) }, { column: spec.name, detail: where });
    }
  }
};

/** Households with no persons (in their period). */
export const checkEmptyHouseholds: DatasetCheck = (cx) => {
  const h = cx.tables.households;
  const p = cx.tables.persons;
  if (!h || !p) return;
  const samePeriod = h.columns['period'] !== undefined && p.columns['period'] !== undefined;
  const keys = keySlots(h, 'household_id', samePeriod, cx);
  if (!keys) return;
  const hit = new Uint8Array(keys.size);
  const rows = cx.link(p, h, 'household_id');
  if (rows)
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r >= 0) hit[keys.slots[r]!] = 1;
    }
  const ids = cx.keys(h, 'household_id')!;
  for (let i = 0; i < keys.slots.length; i++) {
    const s = keys.slots[i]!;
    if (s >= 0 && !hit[s])
      cx.out.add('warning', 'household_without_persons', cx.ctx(h), { row: i + 1, column: cx.label(h, 'household_id'), value: ids.dict.text(ids.codes[i]!) });
  }
};

/** Households and persons are both monthly or both not. */
export const checkPeriods: DatasetCheck = (cx) => {
  const h = cx.tables.households;
  const p = cx.tables.persons;
  if (h && p && (h.columns['period'] === undefined) !== (p.columns['period'] === undefined)) {
    const [has, lacks] = h.columns['period'] ? [h, p] : [p, h];
    cx.out.add('error', 'period_mismatch', cx.ctx(lacks), { column: 'period' }, { table: lacks.name, detail: has.name });
  }
};

/** The checks of one table, in the order they run on each table. */
export const TABLE_CHECKS: readonly TableCheck[] = [checkValues, checkPersons, checkSites, checkKeys];
/** The checks across tables, after every table's own: references first. */
export const DATASET_CHECKS: readonly DatasetCheck[] = [
  (cx) => {
    for (const t of Object.values(cx.tables)) if (t) checkReferences(t, cx);
  },
  checkEmptyHouseholds,
  checkPeriods,
];

/** Checks to run: schema v1's, then any given. */
export interface Checks {
  /** Checks per table. */
  readonly table?: readonly TableCheck[];
  /** Checks across tables. */
  readonly dataset?: readonly DatasetCheck[];
}

/**
 * Run every rule of schema v1 (and `extra` checks) over coerced tables; obsolete area codes are
 * mapped in place. Returns the context, which holds the encodings and links it built.
 */
export function validateTables(
  tables: Partial<Record<TableName, CheckedTable>>,
  out: FindingCollector,
  options: RuleOptions = {},
  cx: ValidationContext = new ValidationContext(tables, out, options.currentYear ?? new Date().getFullYear()),
  extra: Checks = {},
): ValidationContext {
  const tableChecks = [...TABLE_CHECKS, ...(extra.table ?? [])];
  for (const t of Object.values(tables)) if (t) for (const check of tableChecks) check(t, cx);
  for (const check of [...DATASET_CHECKS, ...(extra.dataset ?? [])]) check(cx);
  return cx;
}
