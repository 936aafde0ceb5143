/**
 * Excel workbooks (exceljs, loaded on use): one sheet per level, a header row in Chinese and English,
 * number formats by indicator (percent, whole numbers), the header frozen, autofilter, fitted widths.
 */
import { toObjects, type IndicatorDefinition } from '@houfu/core';
import type { Table } from 'apache-arrow';
import { displayWidth } from '../common.js';
import { header, levelName, statusName } from './labels.js';

/** One sheet: a name, its columns and rows. */
export interface Sheet {
  /** Sheet name (at most 31 characters, no []:*?/\). */
  readonly name: string;
  /** Column keys, in order. */
  readonly columns: readonly string[];
  /** Rows as objects keyed by column. */
  readonly rows: readonly Record<string, unknown>[];
  /** Excel number format of a cell (e.g. "0.00%"), if any. */
  readonly numFmt?: (column: string, row: Record<string, unknown>) => string | undefined;
}

/** Header text of a column in both languages: "数值 value". */
export const bilingual = (col: string): string => {
  const zh = header(col, 'zh');
  const en = header(col, 'en');
  return zh === en ? col : `${zh} ${en}`;
};

const INT = '#,##0';
const DEC = '#,##0.00';

/** The Excel number format of an indicator's values. */
export function valueFormat(def: IndicatorDefinition | undefined): string {
  switch (def?.format) {
    case 'percent':
      return '0.00%';
    case 'count':
      return INT;
    default:
      return DEC;
  }
}

const safeName = (s: string): string => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Write sheets to an .xlsx file's bytes. */
export async function workbook(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'houfu';
  for (const s of sheets) {
    const ws = wb.addWorksheet(safeName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    const heads = s.columns.map(bilingual);
    ws.addRow(heads);
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => (r[c] === undefined ? null : r[c])));
      if (s.numFmt)
        s.columns.forEach((c, i) => {
          const f = s.numFmt!(c, r);
          if (f && typeof r[c] === 'number') row.getCell(i + 1).numFmt = f;
        });
    }
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.alignment = { vertical: 'middle' };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } };
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, s.rows.length + 1), column: Math.max(1, s.columns.length) } };
    s.columns.forEach((c, i) => {
      const texts = [heads[i]!, ...s.rows.slice(0, 2000).map((r) => (typeof r[c] === 'number' ? (r[c] as number).toLocaleString('en-US', { maximumFractionDigits: 2 }) + '  ' : String(r[c] ?? '')))];
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, ...texts.map(displayWidth)) + 2);
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** Result rows as sheets, one per level, with the indicator's names beside its id. */
export function resultSheets(t: Table, defs: readonly IndicatorDefinition[]): Sheet[] {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const names = t.schema.fields.map((f) => f.name);
  const rows: Record<string, unknown>[] = toObjects<Record<string, unknown>>(t).map((r) => {
    const d = byId.get(String(r.indicator_id));
    return { ...r, indicator_zh: d?.name.zh ?? null, indicator_en: d?.name.en ?? null, status: `${statusName(String(r.status), 'zh')} ${statusName(String(r.status), 'en')}` };
  });
  const hasPeriod = rows.some((r) => r.period !== null);
  const columns = names.flatMap((n) => (n === 'indicator_id' ? [n, 'indicator_zh', 'indicator_en'] : n === 'period' && !hasPeriod ? [] : n === 'level' ? [] : [n]));
  const levels = [...new Set(rows.map((r) => String(r.level)))];
  const numFmt = (c: string, r: Record<string, unknown>): string | undefined => {
    const d = byId.get(String(r.indicator_id));
    if (c === 'value' || c === 'target' || c === 'se' || c === 'ci_low' || c === 'ci_high') return valueFormat(d);
    if (c === 'numerator' || c === 'denominator' || c === 'unknown' || c === 'n') return Number.isInteger(r[c]) ? INT : DEC;
    return undefined;
  };
  return levels.map((l) => ({ name: `${levelName(l, 'zh')} ${levelName(l, 'en')}`, columns, rows: rows.filter((r) => r.level === l), numFmt }));
}

/** A drill-down list as one sheet. */
export function householdSheets(t: Table): Sheet[] {
  const rows = toObjects<Record<string, unknown>>(t);
  const columns = t.schema.fields.map((f) => f.name).filter((c) => c !== 'period' || rows.some((r) => r.period !== null));
  return [{ name: '家庭 households', columns, rows }];
}
