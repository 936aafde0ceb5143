/**
 * Coercion of raw cells (CSV text, Parquet/Arrow/JS values) to canonical column types.
 * A value that cannot be read is never guessed: it becomes a finding and the row is named.
 */
import { TYPE_TEXT } from '../messages/index.js';
import type { ColumnSpec, ColumnType } from '../schema/tables.js';
import type { FindingCollector, FindingContext } from '../validate/finding.js';

/** A canonical JS value of a column: text, boolean, number, or null (unknown). */
export type CellValue = string | boolean | number | null;

const TRUE_TEXT = new Set(['true', 't', '1', 'yes', 'y', '是', '真', 'TRUE', 'True', 'T', 'YES', 'Yes', 'Y']);
const FALSE_TEXT = new Set(['false', 'f', '0', 'no', 'n', '否', '假', 'FALSE', 'False', 'F', 'NO', 'No', 'N']);
const INT32_MAX = 2147483647;
const NUM_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const PERIOD_RE = /^(\d{4})-(\d{2})$/;
const CODE_RE = /^\d{6}$/;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** An ISO date (YYYY-MM-DD) from text or a Date, or undefined when invalid. */
export function parseDate(v: unknown): string | undefined {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return undefined;
    return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  }
  if (typeof v !== 'string') return undefined;
  const m = DATE_RE.exec(v);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

/** Read one non-null cell as the given type; undefined when it cannot be read. */
export function readCell(type: ColumnType, v: unknown): CellValue | undefined {
  switch (type) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint') return String(v);
      return undefined;
    case 'code': {
      const s = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
      return s; // format checked by the validation rules, so the finding says "area code"
    }
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
      if (typeof v === 'bigint') return v === 1n ? true : v === 0n ? false : undefined;
      if (typeof v === 'string') {
        const s = v.trim();
        return TRUE_TEXT.has(s) ? true : FALSE_TEXT.has(s) ? false : undefined;
      }
      return undefined;
    case 'integer': {
      // Integer columns are 32-bit: a larger value is an error, never wrapped.
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && NUM_RE.test(v.trim()) ? Number(v.trim()) : NaN;
      return Number.isInteger(n) && Math.abs(n) <= INT32_MAX ? n : undefined;
    }
    case 'number': {
      if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'string') {
        const s = v.trim();
        return NUM_RE.test(s) ? Number(s) : undefined;
      }
      return undefined;
    }
    case 'date':
      return parseDate(typeof v === 'string' ? v.trim() : v);
    case 'period': {
      if (typeof v !== 'string') return undefined;
      const m = PERIOD_RE.exec(v.trim());
      if (!m) return undefined;
      const mo = Number(m[2]);
      return mo >= 1 && mo <= 12 ? v.trim() : undefined;
    }
  }
}

/** Whether a raw cell means "unknown": null, undefined, empty or blank text, NaN. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Coerce a raw column to its canonical type. Unreadable cells are reported
 * (`bad_type`, `bad_date`, `bad_period`) and become null in the output, which is
 * only ever used after the caller has checked that no error was found.
 */
export function coerceColumn(
  spec: ColumnSpec,
  raw: ArrayLike<unknown>,
  header: string,
  ctx: FindingContext,
  out: FindingCollector,
): CellValue[] {
  const n = raw.length;
  const values = new Array<CellValue>(n);
  const label = header === spec.name ? spec.name : `${spec.name} [${header}]`;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (isBlank(v)) {
      values[i] = null;
      if (spec.required) out.add('error', 'required_null', ctx, { row: i + 1, column: label }, { column: spec.name });
      continue;
    }
    const c = readCell(spec.type, v);
    if (c === undefined) {
      values[i] = null;
      const code = spec.type === 'date' ? 'bad_date' : spec.type === 'period' ? 'bad_period' : 'bad_type';
      out.add('error', code, ctx, { row: i + 1, column: label, value: v }, { detail: TYPE_TEXT[spec.type]?.en ?? spec.type });
    } else values[i] = c;
  }
  return values;
}

/** Extra (non-schema) columns are kept as text, never dropped. */
export function textColumn(raw: ArrayLike<unknown>): (string | null)[] {
  const out = new Array<string | null>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    out[i] = isBlank(v) ? null : v instanceof Date ? (parseDate(v) ?? String(v)) : String(v);
  }
  return out;
}
