/**
 * CSV parsing into raw text columns (RFC 4180 quoting, via d3-dsv). Rows with the wrong
 * number of fields and repeated headers are findings naming the row.
 */
import { csvParseRows } from 'd3-dsv';
import type { FindingCollector, FindingContext } from '../validate/finding.js';

/** Parse CSV text into columns of strings keyed by header; null when the header is unusable. */
export function parseCSV(text: string, ctx: FindingContext, out: FindingCollector): Record<string, string[]> | null {
  const rows = csvParseRows(text);
  // A final empty line is not a row.
  while (rows.length > 1 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  const header = rows[0];
  if (!header || (header.length === 1 && header[0] === '')) {
    out.add('error', 'bad_csv', ctx, { row: null }, { detail: 'the file has no header row' });
    return null;
  }
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of names) {
    if (seen.has(h)) {
      out.add('error', 'bad_csv', ctx, { column: h }, { detail: `header "${h}" appears twice` });
      return null;
    }
    seen.add(h);
  }
  const n = rows.length - 1;
  const cols: string[][] = names.map(() => new Array<string>(n));
  for (let r = 0; r < n; r++) {
    const row = rows[r + 1]!;
    if (row.length !== names.length)
      out.add('error', 'bad_csv', ctx, { row: r + 1 }, { detail: `row ${r + 1} has ${row.length} fields, the header has ${names.length}` });
    for (let c = 0; c < names.length; c++) cols[c]![r] = row[c] ?? '';
  }
  // No prototype: a column named __proto__ or constructor is a column like any other.
  const result: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  names.forEach((h, i) => (result[h] = cols[i]!));
  return result;
}
