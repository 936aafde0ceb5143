/**
 * The byte-level CSV reader against d3-dsv (an independent parser) on random text built from
 * the characters that matter — delimiters, quotes, line ends, spaces, non-ASCII — and on
 * Guizhou-like rows: the same header, the same cells per column, the same malformed rows.
 */
import fc from 'fast-check';
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { parseCSVBytes, readCSV } from '../src/io/csv.js';
import { FindingCollector } from '../src/validate/finding.js';

const ctx = { table: 'persons', file: 'persons.csv' };

/** What the rows of d3-dsv mean as columns: header trimmed, trailing empty lines dropped, missing cells empty. */
function oracle(text: string): { columns: Record<string, string[]>; bad: number[] } | null {
  const rows = csvParseRows(text);
  while (rows.length > 1 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  const header = rows[0];
  if (!header || (header.length === 1 && header[0] === '')) return null;
  const names = header.map((h) => h.trim());
  if (new Set(names).size !== names.length) return null;
  const columns: Record<string, string[]> = {};
  names.forEach((h, c) => (columns[h] = rows.slice(1).map((r) => r[c] ?? '')));
  const bad = rows.slice(1).flatMap((r, i) => (r.length !== names.length ? [i + 1] : []));
  return { columns, bad };
}

function parsed(text: string): { columns: Record<string, string[]>; bad: number[] } | null {
  const out = new FindingCollector();
  const cols = parseCSVBytes(new TextEncoder().encode(text), ctx, out);
  if (!cols) return null;
  const columns: Record<string, string[]> = {};
  for (const [h, c] of Object.entries(cols)) {
    // One code per distinct text.
    expect(new Set(c.dict).size).toBe(c.dict.length);
    columns[h] = Array.from(c.codes, (k) => c.dict[k]!);
  }
  const bad = out.result().filter((f) => f.code === 'bad_csv' && f.count === undefined).map((f) => f.row!);
  return { columns, bad };
}

describe('CSV into dictionary-coded columns', () => {
  it('reads what d3-dsv reads, on random text', () => {
    const ch = fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '是', 'é', '1');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 60 }), (chars) => {
        const text = `h1,h2,h3\n${chars.join('')}`;
        const want = oracle(text);
        const got = parsed(text);
        expect(got).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads headers and odd quoting as d3-dsv does', () => {
    for (const text of ['', '\n', 'a,b\n\n\n', ' a , b \n1,2\n', 'a,a\n1,2', 'a,b\n"x""y",2\n', 'a,b\n"x"z,2\n', 'a,b\n"unterminated,2\n', 'a\n\n\nx\n\n', 'a,b\r\n1,2\r\n3\r\n']) {
      expect(parsed(text), JSON.stringify(text)).toEqual(oracle(text));
    }
  });

  it('stops on bytes that are not UTF-8, and reads them as GB18030 when they are', () => {
    // "是" in GBK is 0xCA 0xC7: not UTF-8.
    const gbk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xca, 0xc7, 0x2c, 0x31, 0x0a]);
    const out = new FindingCollector();
    const cols = readCSV(gbk, 'auto', ctx, out)!;
    expect(Array.from(cols['a']!.codes, (k) => cols['a']!.dict[k])).toEqual(['是']);
    expect(out.result().map((f) => f.code)).toEqual(['encoding_gb18030']);
    const strict = new FindingCollector();
    expect(readCSV(gbk, 'utf-8', ctx, strict)).toBeNull();
    expect(strict.result().map((f) => [f.code, f.row])).toEqual([['bad_encoding', 1]]);
  });
});
