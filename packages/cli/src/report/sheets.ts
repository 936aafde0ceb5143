/** The report's published-vs-computed table as an Excel sheet. */
import type { Sheet } from '../format/xlsx.js';
import { FIELD_TEXT, NOT_COMPARED_TEXT, type ReportModel } from './model.js';

/** One sheet of published and computed figures (none when the data are not Guizhou's). */
export function comparisonSheet(m: ReportModel): Sheet[] {
  if (!m.comparisons.length) return [];
  const rows = m.comparisons.map((c) => ({
    figure_zh: c.figure.label.zh,
    figure_en: c.figure.label.en,
    published: c.figure.value,
    computed: c.computed,
    difference: c.difference,
    note: c.reason ? `${NOT_COMPARED_TEXT[c.reason].zh} ${NOT_COMPARED_TEXT[c.reason].en}` : '',
    compared_with: `${c.figure.indicator} · ${FIELD_TEXT[c.figure.field].zh} ${FIELD_TEXT[c.figure.field].en}`,
  }));
  const fmt = (col: string, r: Record<string, unknown>): string | undefined => {
    const c = m.comparisons[rows.indexOf(r as (typeof rows)[number])];
    if (!c || !['published', 'computed', 'difference'].includes(col)) return undefined;
    return c.figure.decimals > 0 ? `#,##0.${'0'.repeat(c.figure.decimals)}` : '#,##0';
  };
  return [{ name: '公布数 published', columns: ['figure_zh', 'figure_en', 'published', 'computed', 'difference', 'note', 'compared_with'], rows, numFmt: fmt }];
}
