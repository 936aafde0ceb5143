/**
 * Validation rules of schema v1 over coerced columns. Each rule adds typed findings
 * naming table, file, row and column.
 */
import type { CellValue } from '../io/coerce.js';
import { GUIZHOU_CODE_CHANGES } from '../schema/divisions.js';
import { SCHEMA, type TableName } from '../schema/tables.js';
import type { FindingCollector, FindingContext } from './finding.js';

/** A table after coercion: canonical columns as JS arrays. */
export interface CoercedTable {
  /** Canonical table. */
  readonly name: TableName;
  /** Source file name, or null. */
  readonly file: string | null;
  /** Number of rows. */
  readonly rowCount: number;
  /** Columns by canonical name (schema columns present, then extra columns). */
  readonly columns: Record<string, CellValue[]>;
  /** The user's header for each canonical column, when mapped. */
  readonly headers: Record<string, string>;
  /** The dataset has no such table (an optional table, standing in as an empty one). */
  readonly absent?: boolean;
}

/** Options of validation. */
export interface RuleOptions {
  /** The current year, for the birth-year rule (default: this year). */
  readonly currentYear?: number;
}

const CODE_RE = /^\d{6}$/;
const OBSOLETE = new Map(GUIZHOU_CODE_CHANGES.map((c) => [c.from, c.to]));

const ctxOf = (t: CoercedTable): FindingContext => ({ table: t.name, file: t.file });
const label = (t: CoercedTable, c: string): string => (t.headers[c] && t.headers[c] !== c ? `${c} [${t.headers[c]}]` : c);

/** Enumerations, minimums, code formats (mapping obsolete codes), future birth years. */
function checkValues(t: CoercedTable, out: FindingCollector, year: number): void {
  const ctx = ctxOf(t);
  for (const spec of SCHEMA[t.name].columns) {
    const col = t.columns[spec.name];
    if (!col) continue;
    if (spec.values) {
      const allowed = new Set<CellValue>(spec.values);
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (v !== null && v !== undefined && !allowed.has(v))
          out.add('error', 'unknown_value', ctx, { row: i + 1, column: label(t, spec.name), value: v }, { detail: spec.values.join(', ') });
      }
    }
    if (spec.min !== undefined) {
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (typeof v === 'number' && v < spec.min)
          out.add('error', 'below_minimum', ctx, { row: i + 1, column: label(t, spec.name), value: v }, { detail: String(spec.min) });
      }
    }
    if (spec.type === 'code') {
      const replaced = new Map<string, { to: string; rows: number; first: number }>();
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (v === null || v === undefined) continue;
        if (typeof v !== 'string' || !CODE_RE.test(v)) {
          out.add('error', 'bad_code', ctx, { row: i + 1, column: label(t, spec.name), value: v });
          continue;
        }
        const to = OBSOLETE.get(v);
        if (to !== undefined) {
          col[i] = to;
          const r = replaced.get(v);
          if (r) r.rows++;
          else replaced.set(v, { to, rows: 1, first: i + 1 });
        }
      }
      for (const [from, r] of replaced)
        out.add('warning', 'obsolete_code', ctx, { row: r.first, column: label(t, spec.name), value: from }, { detail: r.to, count: r.rows });
    }
  }
  if (t.name === 'persons') {
    const by = t.columns['birth_year'];
    if (by)
      for (let i = 0; i < by.length; i++) {
        const v = by[i];
        if (typeof v === 'number' && v > year)
          out.add('error', 'future_birth_year', ctx, { row: i + 1, column: label(t, 'birth_year'), value: v }, { detail: String(year) });
      }
    const lab = t.columns['is_labor'];
    const emp = t.columns['employed'];
    const typ = t.columns['employment_type'];
    for (let i = 0; i < t.rowCount; i++) {
      if (emp?.[i] === true && lab?.[i] === false)
        out.add('warning', 'employed_not_labor', ctx, { row: i + 1, column: label(t, 'employed') });
      const ty = typ?.[i];
      if (ty !== null && ty !== undefined && emp?.[i] === false)
        out.add('warning', 'employment_type_mismatch', ctx, { row: i + 1, column: label(t, 'employment_type'), value: ty }, { detail: 'false' });
    }
  }
  if (t.name === 'sites') {
    const pc = t.columns['prefecture_code'];
    const cc = t.columns['county_code'];
    if (pc && cc)
      for (let i = 0; i < t.rowCount; i++) {
        const p = pc[i];
        const c = cc[i];
        if (typeof p === 'string' && typeof c === 'string' && CODE_RE.test(p) && CODE_RE.test(c) && c.slice(0, 4) !== p.slice(0, 4))
          out.add('error', 'county_prefecture_mismatch', ctx, { row: i + 1, column: label(t, 'county_code'), value: c }, { detail: p });
      }
  }
}

/** The keys of a table's rows: the id, or id + period for monthly tables (null id: null). */
function keysOf(t: CoercedTable, idCol: string, withPeriod: boolean): readonly unknown[] {
  const ids = t.columns[idCol] ?? [];
  const period = withPeriod ? t.columns['period'] : undefined;
  if (!period) return ids;
  const out = new Array<unknown>(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = ids[i] === null ? null : `${ids[i]}\u0000${period[i] ?? ''}`;
  return out;
}

/** Primary keys are unique (per period for periodic tables). */
function checkKeys(t: CoercedTable, out: FindingCollector): void {
  const spec = SCHEMA[t.name];
  const ids = t.columns[spec.key];
  if (!ids) return;
  const keys = keysOf(t, spec.key, t.columns['period'] !== undefined);
  const first = new Map<unknown, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    const f = first.get(k);
    if (f === undefined) first.set(k, i + 1);
    else out.add('error', 'duplicate_id', ctxOf(t), { row: i + 1, column: label(t, spec.key), value: ids[i] }, { detail: String(f) });
  }
}

/** Every reference points at an existing parent row (in the same period when both are periodic). */
function checkReferences(t: CoercedTable, tables: Partial<Record<TableName, CoercedTable>>, out: FindingCollector): void {
  for (const spec of SCHEMA[t.name].columns) {
    if (!spec.references) continue;
    const col = t.columns[spec.name];
    const parent = tables[spec.references];
    // A reference into an absent optional table cannot be checked: it is not an orphan.
    if (!col || !parent || parent.absent) continue;
    const samePeriod = t.columns['period'] !== undefined && parent.columns['period'] !== undefined;
    const keys = new Set(keysOf(parent, SCHEMA[spec.references].key, samePeriod));
    const refs = keysOf(t, spec.name, samePeriod);
    const period = t.columns['period'];
    for (let i = 0; i < refs.length; i++) {
      if (col[i] === null || col[i] === undefined || keys.has(refs[i])) continue;
      const where = samePeriod ? `${parent.name} (period ${period?.[i]})` : parent.name;
      out.add('error', 'orphan_row', ctxOf(t), { row: i + 1, column: label(t, spec.name), value: col[i] }, { column: spec.name, detail: where });
    }
  }
}

/** Households with no persons (in their period). */
function checkEmptyHouseholds(tables: Partial<Record<TableName, CoercedTable>>, out: FindingCollector): void {
  const h = tables.households;
  const p = tables.persons;
  if (!h || !p) return;
  const samePeriod = h.columns['period'] !== undefined && p.columns['period'] !== undefined;
  const has = new Set(keysOf(p, 'household_id', samePeriod));
  const keys = keysOf(h, 'household_id', samePeriod);
  for (let i = 0; i < keys.length; i++)
    if (keys[i] !== null && !has.has(keys[i]))
      out.add('warning', 'household_without_persons', ctxOf(h), { row: i + 1, column: label(h, 'household_id'), value: h.columns['household_id']?.[i] });
}

/** Run every rule of schema v1 over coerced tables (obsolete area codes are mapped in place). */
export function validateTables(
  tables: Partial<Record<TableName, CoercedTable>>,
  out: FindingCollector,
  options: RuleOptions = {},
): void {
  const year = options.currentYear ?? new Date().getFullYear();
  for (const t of Object.values(tables)) {
    if (!t) continue;
    checkValues(t, out, year);
    checkKeys(t, out);
  }
  for (const t of Object.values(tables)) if (t) checkReferences(t, tables, out);
  checkEmptyHouseholds(tables, out);
  const h = tables.households;
  const p = tables.persons;
  if (h && p && (h.columns['period'] === undefined) !== (p.columns['period'] === undefined)) {
    const [has, lacks] = h.columns['period'] ? [h, p] : [p, h];
    out.add('error', 'period_mismatch', ctxOf(lacks), { column: 'period' }, { table: lacks.name, detail: has.name });
  }
}
