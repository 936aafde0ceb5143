/**
 * A pre-scan of CSV bytes before parsing: a quote that never closes (or closes only after
 * swallowing whole rows), a title row above the header, a delimiter other than the comma.
 * It reads bytes, not text: the quote, comma, semicolon and line feed are single bytes in
 * UTF-8 and in GB18030, so the scan holds for both encodings.
 */
import { SCHEMA, type TableName } from '../../schema/tables.js';
import type { FindingCollector, FindingContext } from '../finding.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** The first physical lines of a file, split naively on a delimiter (for header checks only). */
function firstLines(bytes: Uint8Array, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  const dec = new TextDecoder('utf-8');
  for (let i = 0; i <= bytes.length && lines.length < max; i++) {
    if (i === bytes.length || bytes[i] === LF) {
      let end = i;
      if (end > start && bytes[end - 1] === CR) end--;
      if (i < bytes.length || end > start) lines.push(dec.decode(bytes.subarray(start, end)).replace(/^\uFEFF/, ''));
      start = i + 1;
    }
  }
  return lines;
}

const nonEmpty = (fields: string[]): number => fields.filter((f) => f.replace(/"/g, '').trim() !== '').length;

/** Check the structure of a CSV file; true when it cannot be parsed meaningfully (the finding is added). */
export function scanCSV(bytes: Uint8Array, table: TableName, ctx: FindingContext, out: FindingCollector): boolean {
  const lines = firstLines(bytes, 12);
  const header = lines[0] ?? '';
  const canonical = new Set(SCHEMA[table].columns.map((c) => c.name));
  // Delimiter: a header without commas that splits on ; or tab or |.
  if (!header.includes(',')) {
    for (const [d, name] of [
      [';', 'semicolons (;)'],
      ['\t', 'tabs'],
      ['|', 'vertical bars (|)'],
    ] as const)
      if (header.split(d).length >= 3) {
        out.add('error', 'wrong_delimiter', ctx, { row: null }, { detail: name });
        return true;
      }
  }
  // Title row: line 1 names no canonical column and holds at most one value, or fewer values
  // than a later line that names canonical columns.
  const fields = lines.map((l) => l.split(','));
  const named = (f: string[]): number => f.filter((x) => canonical.has(x.replace(/"/g, '').trim())).length;
  if (fields.length > 1 && named(fields[0]!) === 0) {
    const k = fields.findIndex((f, i) => i > 0 && (named(f) >= 2 || (nonEmpty(fields[0]!) <= 1 && nonEmpty(f) >= 3)));
    if (k > 0 && nonEmpty(fields[0]!) < nonEmpty(fields[k]!)) {
      out.add('error', 'title_row', ctx, { row: null }, { detail: String(k + 1) });
      return true;
    }
  }
  const width = Math.max(1, header.split(',').length);
  // Quotes, RFC 4180: a field that starts with a quote runs to the next lone quote. The scan
  // jumps from quote to quote (most files have none); lines are counted only for a finding.
  const n = bytes.length;
  // The line at byte `k`, counted on from the last position asked for (positions only grow).
  let pos = 0;
  let posLine = 1;
  const lineAt = (k: number): number => {
    for (let j = bytes.indexOf(LF, pos); j >= 0 && j < k; j = bytes.indexOf(LF, j + 1)) posLine++;
    pos = k;
    return posLine;
  };
  for (let i = bytes.indexOf(QUOTE); i >= 0 && i < n; i = bytes.indexOf(QUOTE, i)) {
    const prev = i > 0 ? bytes[i - 1] : LF;
    if (prev !== COMMA && prev !== LF && prev !== CR) {
      // A quote inside a field is text.
      i++;
      continue;
    }
    const openLine = lineAt(i);
    let line = openLine;
    let j = i + 1;
    let commasOnLine = 0;
    let rowLike = false;
    let closed = false;
    while (j < n) {
      const c = bytes[j]!;
      if (c === QUOTE) {
        if (bytes[j + 1] === QUOTE) {
          j += 2;
          continue;
        }
        closed = true;
        break;
      }
      if (c === LF) {
        line++;
        commasOnLine = 0;
      } else if (c === COMMA && ++commasOnLine >= width - 1 && width > 2 && line > openLine) rowLike = true;
      j++;
    }
    if (!closed || rowLike) {
      out.add('error', 'unterminated_quote', ctx, { row: openLine - 1 || null }, { detail: String(openLine), ...(closed ? { value: String(line) } : {}) });
      return true;
    }
    // Line feeds inside the quotes were counted: the count goes on from the closing quote.
    pos = j;
    posLine = line;
    i = j + 1;
    // A closing quote ends its field: the CSV reader would take the next byte as a delimiter.
    const next = bytes[i];
    if (next !== undefined && next !== COMMA && next !== LF && next !== CR) {
      out.add('error', 'bad_csv', ctx, { row: line - 1 || null }, { detail: `line ${line}: text after the closing quote of a field (a quote inside a field must be doubled)` });
      return true;
    }
  }
  return false;
}
