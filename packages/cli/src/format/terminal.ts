/** Result tables for people at a terminal: names instead of ids, formatted numbers, 100 columns. */
import { RESULT_COLUMNS, toObjects, type IndicatorDefinition } from '@houfu/core';
import type { Table } from 'apache-arrow';
import { clip, textTable } from '../common.js';
import { WIDTH } from '../help.js';
import type { Lang } from '../messages.js';
import { count, header, levelName, shown, statusName, targetText } from './labels.js';

const FIXED = new Set<string>(RESULT_COLUMNS);

/** The columns of a table that are not among the fixed result columns (breakdowns, survey columns). */
export const extraColumns = (t: Table): string[] => t.schema.fields.map((f) => f.name).filter((n) => !FIXED.has(n));

/**
 * `compute` results as an aligned table under one heading per indicator (its name, id and target):
 * area, value, numerator, denominator, unknown, status.
 */
export function resultsTable(t: Table, defs: readonly IndicatorDefinition[], lang: Lang, width = WIDTH): string {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const order = new Map(defs.map((d, i) => [d.id, i]));
  const all = toObjects<Record<string, unknown>>(t);
  // Grouped by indicator, in the order asked for (the rows keep their order within a group).
  const rows = all.map((r, i) => ({ r, i })).sort((a, b) => (order.get(String(a.r.indicator_id)) ?? 0) - (order.get(String(b.r.indicator_id)) ?? 0) || a.i - b.i).map((x) => x.r);
  const levels = new Set(rows.map((r) => r.level));
  const hasPeriod = rows.some((r) => r.period !== null);
  const extra = extraColumns(t).filter((c) => !['se', 'ci_low', 'ci_high', 'df', 'deff', 'n', 'flag'].includes(c));
  const hasCi = t.schema.fields.some((f) => f.name === 'ci_low');
  type Row = Record<string, unknown>;
  const cols: { h: string; right?: boolean; get: (r: Row, d: IndicatorDefinition | undefined) => string }[] = [
    ...(levels.size > 1 ? [{ h: header('level', lang), get: (r: Row) => levelName(String(r.level), lang) }] : []),
    { h: header('area', lang), get: (r) => `${r.area_name ?? ''} ${r.area_code}`.trim() },
    ...(hasPeriod ? [{ h: header('period', lang), get: (r: Row) => String(r.period ?? '') }] : []),
    ...extra.map((c) => ({ h: header(c, lang), get: (r: Row) => String(r[c] ?? '') })),
    { h: header('value', lang), right: true, get: (r, d) => shown(d, r.value as number | null) },
    ...(hasCi ? [{ h: lang === 'zh' ? '置信区间' : 'CI', get: (r: Row, d: IndicatorDefinition | undefined) => (r.ci_low === null || r.ci_low === undefined ? '' : `${shown(d, r.ci_low as number)}–${shown(d, r.ci_high as number)}`) }] : []),
    { h: header('numerator', lang), right: true, get: (r) => count(r.numerator as number) },
    { h: header('denominator', lang), right: true, get: (r) => count(r.denominator as number) },
    { h: header('unknown', lang), right: true, get: (r) => count(r.unknown as number) },
    { h: header('status', lang), get: (r) => statusName(String(r.status), lang) },
  ];
  const body = rows.map((r) => cols.map((c) => c.get(r, byId.get(String(r.indicator_id)))));
  const right = new Set(cols.flatMap((c, i) => (c.right ? [i] : [])));
  const lines = textTable(cols.map((c) => `  ${c.h}`.slice(c === cols[0] ? 0 : 2)), body.map((b) => b.map((x, i) => (i === 0 ? `  ${x}` : x))), { right, width, shrink: [0, 1] })
    .trimEnd()
    .split('\n');
  const out = [lines[0]!, lines[1]!];
  rows.forEach((r, i) => {
    const id = String(r.indicator_id);
    if (i === 0 || String(rows[i - 1]!.indicator_id) !== id) {
      const d = byId.get(id);
      const target = targetText(d);
      out.push(clip(`${d ? d.name[lang] : id} · ${id}${target ? ` · ${lang === 'zh' ? '目标' : 'target'} ${target}` : ''}`, width));
    }
    out.push(lines[i + 2]!);
  });
  return `${out.join('\n')}\n`;
}

/** `households` lists as an aligned table. */
export function householdsTable(t: Table, lang: Lang, width = WIDTH): string {
  const rows = toObjects<Record<string, unknown>>(t);
  const hasPeriod = rows.some((r) => r.period !== null);
  const cols = ['household_id', ...(hasPeriod ? ['period'] : []), 'site_name', 'county_name', 'status', lang === 'zh' ? 'reason_zh' : 'reason'];
  const status = (s: string): string => (s === 'failed' ? (lang === 'zh' ? '未达到' : 'failed') : s === 'unknown' ? (lang === 'zh' ? '不详' : 'unknown') : s);
  const body = rows.map((r) => cols.map((c) => (c === 'status' ? status(String(r[c])) : String(r[c] ?? ''))));
  const head = cols.map((c) => (c === 'reason_zh' || c === 'reason' ? (lang === 'zh' ? '原因' : 'reason') : header(c, lang)));
  return textTable(head, body, { width, shrink: [cols.length - 1, cols.indexOf('site_name'), cols.indexOf('county_name')] });
}
