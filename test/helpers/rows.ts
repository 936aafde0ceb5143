/**
 * Comparing result rows: expected rows (hand-calculated, values as "p/q" fractions),
 * reference rows and engine rows all reduce to one comparable shape.
 */
import { readFileSync } from 'node:fs';

/** A result row reduced to the fields the tests compare. */
export interface CmpRow {
  indicator_id: string;
  level: string;
  area_code: string;
  period: string | null;
  numerator: number;
  denominator: number;
  unknown: number;
  value: number | null;
  target: number | null;
  status: string;
}

/** One row of a fixture's expected.json. */
export interface ExpectedRow extends Omit<CmpRow, 'value'> {
  value: string | number | null;
}

/** A fixture's expected.json. */
export interface ExpectedFile {
  description: string;
  indicators: string[];
  levels: string[];
  rows: ExpectedRow[];
}

/** Parse "p/q" (or a plain number, or null) into a number. */
export function fractionValue(v: string | number | null): number | null {
  if (v === null || typeof v === 'number') return v;
  const m = /^(-?\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`not a fraction: ${v}`);
  return Number(m[1]) / Number(m[2]);
}

/** Read an expected.json with its values as numbers. */
export function readExpected(file: string): { file: ExpectedFile; rows: CmpRow[] } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ExpectedFile;
  return { file: parsed, rows: parsed.rows.map((r) => ({ ...r, value: fractionValue(r.value) })) };
}

function toNum(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new Error(`expected a number, got ${JSON.stringify(v)}`);
}

function toNumOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : toNum(v);
}

/** Reduce an engine (or reference) row object to the compared fields. */
export function cmpRow(o: Record<string, unknown>): CmpRow {
  return {
    indicator_id: String(o.indicator_id),
    level: String(o.level),
    area_code: String(o.area_code),
    period: o.period === null || o.period === undefined ? null : String(o.period),
    numerator: toNum(o.numerator),
    denominator: toNum(o.denominator),
    unknown: toNum(o.unknown),
    value: toNumOrNull(o.value),
    target: toNumOrNull(o.target),
    status: String(o.status),
  };
}

/** The identity of a result row. */
export function rowKey(r: Pick<CmpRow, 'indicator_id' | 'level' | 'area_code' | 'period'>): string {
  return `${r.indicator_id} | ${r.level} | ${r.area_code} | ${r.period ?? 'null'}`;
}

/** Values agree within 1e-12, relative to their size (exact zero and null alike). */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Differences between two row sets, as readable lines (empty when they agree):
 * missing and extra rows, then per row every field that differs. Counts compare exactly,
 * values within 1e-12.
 */
export function diffRows(actual: CmpRow[], expected: CmpRow[], labels = { actual: 'actual', expected: 'expected' }): string[] {
  const out: string[] = [];
  const a = new Map<string, CmpRow>();
  for (const r of actual) {
    const k = rowKey(r);
    if (a.has(k)) out.push(`duplicate ${labels.actual} row ${k}`);
    a.set(k, r);
  }
  const e = new Map<string, CmpRow>();
  for (const r of expected) {
    const k = rowKey(r);
    if (e.has(k)) out.push(`duplicate ${labels.expected} row ${k}`);
    e.set(k, r);
  }
  for (const k of e.keys()) if (!a.has(k)) out.push(`missing from ${labels.actual}: ${k}`);
  for (const k of a.keys()) if (!e.has(k)) out.push(`not in ${labels.expected}: ${k}`);
  for (const [k, er] of e) {
    const ar = a.get(k);
    if (!ar) continue;
    const bad: string[] = [];
    for (const f of ['numerator', 'denominator', 'unknown', 'target', 'status'] as const) {
      if (ar[f] !== er[f]) bad.push(`${f} ${String(ar[f])} ≠ ${String(er[f])}`);
    }
    if (!sameValue(ar.value, er.value)) bad.push(`value ${String(ar.value)} ≠ ${String(er.value)}`);
    if (bad.length) out.push(`${k}: ${bad.join(', ')} (${labels.actual} ≠ ${labels.expected})`);
  }
  return out;
}

/** The indicator ids of the catalog table of docs/semantics.md, in order. */
export function specIndicatorIds(semanticsMarkdown: string): string[] {
  const section = semanticsMarkdown.split(/^## The catalog/m)[1] ?? '';
  const ids: string[] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*([a-z_]+\.[a-z_0-9]+)\s*\|/.exec(line);
    if (m) ids.push(m[1]!);
  }
  return ids;
}

/**
 * The result tables of a fixture README (one `### indicator.id` section each, with columns
 * level, area, [period,] numerator, denominator, unknown, value, status), as expected rows
 * without targets.
 */
export function readmeRows(markdown: string): Omit<ExpectedRow, 'target'>[] {
  const rows: Omit<ExpectedRow, 'target'>[] = [];
  let id: string | null = null;
  let header: string[] | null = null;
  for (const line of markdown.split('\n')) {
    const h = /^### ([a-z_]+\.[a-z_0-9]+)/.exec(line);
    if (h) {
      id = h[1]!;
      header = null;
      continue;
    }
    if (!id || !line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells[0] === 'level') {
      header = cells;
      continue;
    }
    if (!header || cells[0]!.startsWith('---')) continue;
    const r = Object.fromEntries(header.map((k, i) => [k, cells[i]!]));
    const value = r.value === 'null' ? null : r.value!.includes('/') ? r.value! : Number(r.value);
    rows.push({
      indicator_id: id,
      level: r.level!,
      area_code: r.area!,
      period: r.period === undefined || r.period === 'null' ? null : r.period,
      numerator: Number(r.numerator),
      denominator: Number(r.denominator),
      unknown: Number(r.unknown),
      value,
      status: r.status!,
    });
  }
  return rows;
}
