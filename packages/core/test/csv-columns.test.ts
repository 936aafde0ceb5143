/**
 * The byte-level CSV reader against d3-dsv (an independent parser) on random text built from
 * the characters that matter — delimiters, quotes, line ends, spaces, non-ASCII — and on
 * Guizhou-like rows: the same header, the same cells per column, the same malformed rows.
 */
import fc from 'fast-check';
import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { Vector } from 'apache-arrow';
import type { TextColumn } from '../src/io/columnar.js';
import { useUtf8Check } from '../src/io/utf8.js';
import { isUtf8 } from 'node:buffer';
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

/** The cells of a column as read: texts of a coded column, or of a column kept as bytes. */
function cells(c: TextColumn | Vector): string[] {
  if (c instanceof Vector) return Array.from(c.toArray() as string[]);
  // One code per distinct text.
  expect(new Set(c.dict).size).toBe(c.dict.length);
  return Array.from(c.codes, (k) => c.dict[k]!);
}

function parsed(text: string): { columns: Record<string, string[]>; bad: number[] } | null {
  const out = new FindingCollector();
  const cols = parseCSVBytes(new TextEncoder().encode(text), ctx, out);
  if (!cols) return null;
  const columns: Record<string, string[]> = {};
  for (const [h, c] of Object.entries(cols)) columns[h] = cells(c);
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
    expect(cells(cols['a']!)).toEqual(['是']);
    expect(out.result().map((f) => f.code)).toEqual(['encoding_gb18030']);
    const strict = new FindingCollector();
    expect(readCSV(gbk, 'utf-8', ctx, strict)).toBeNull();
    expect(strict.result().map((f) => [f.code, f.row])).toEqual([['bad_encoding', 1]]);
  });

  it('keeps a column of mostly distinct texts as bytes, reading what d3-dsv reads', () => {
    // 6,000 rows: ids all distinct (kept as bytes after 4,096 rows), a sex column of two values;
    // quoted ids with doubled quotes, empty ids, non-ASCII names, and one short row at 5,000.
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const id = i % 997 === 0 ? '' : i % 13 === 0 ? `"P""${i}"",x"` : `P${String(i).padStart(7, '0')}`;
      return i === 5000 ? `${id},女` : `${id},${i % 2 ? 'male' : 'female'},名${i}`;
    });
    const text = `person_id,sex,name\n${rows.join('\n')}\n`;
    const out = new FindingCollector();
    const cols = parseCSVBytes(new TextEncoder().encode(text), ctx, out)!;
    expect(cols['person_id']).toBeInstanceOf(Vector);
    expect(cols['sex']).not.toBeInstanceOf(Vector);
    const want = oracle(text)!;
    for (const h of ['person_id', 'sex', 'name']) expect(cells(cols[h]!), h).toEqual(want.columns[h]);
    expect(out.result().map((f) => [f.code, f.row])).toEqual([['bad_csv', 5001]]);
  });

  it('finds bytes that are not UTF-8 in a column kept as bytes, and reads the file as GB18030', () => {
    const enc = new TextEncoder();
    const head = enc.encode(`id,v\n${Array.from({ length: 5000 }, (_, i) => `I${i},1`).join('\n')}\n`);
    // "是" in GBK (0xCA 0xC7) in the id of the last row, after the column was switched to bytes.
    const tail = new Uint8Array([0x49, 0xca, 0xc7, 0x2c, 0x31, 0x0a]);
    const bytes = new Uint8Array(head.length + tail.length);
    bytes.set(head);
    bytes.set(tail, head.length);
    const out = new FindingCollector();
    const cols = readCSV(bytes, 'auto', ctx, out)!;
    expect(cells(cols['id']!).at(-1)).toBe('I是');
    expect(cells(cols['id']!)).toHaveLength(5001);
    expect(out.result().map((f) => f.code)).toEqual(['encoding_gb18030']);
    const strict = new FindingCollector();
    expect(readCSV(bytes, 'utf-8', ctx, strict)).toBeNull();
    // Data row 5,001 (the header is not counted), as for the small file above.
    expect(strict.result().map((f) => [f.code, f.row])).toEqual([['bad_encoding', 5001]]);
  });

  it('keeps only the columns asked for, still reading the others for UTF-8', () => {
    const text = 'a,b,c\n1,x,是\n2,"y,z",\n3\n';
    const out = new FindingCollector();
    const cols = parseCSVBytes(new TextEncoder().encode(text), ctx, out, ['a', 'c'])!;
    expect(Object.keys(cols)).toEqual(['a', 'c']);
    expect(cells(cols['a']!)).toEqual(['1', '2', '3']);
    expect(cells(cols['c']!)).toEqual(['是', '', '']);
    expect(out.result().map((f) => [f.code, f.row])).toEqual([['bad_csv', 3]]);
    // GBK bytes (是 = 0xCA 0xC7) in column b, which is not kept: the file is still read as GB18030.
    const gbk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xca, 0xc7, 0x0a]);
    const found = new FindingCollector();
    expect(cells(readCSV(gbk, 'auto', ctx, found, ['a'])!['a']!)).toEqual(['1']);
    expect(found.result().map((f) => f.code)).toEqual(['encoding_gb18030']);
  });

  it('with a native UTF-8 check (as in Node), reads the same cells and detects GB18030 the same way (runs last: it installs the check)', () => {
    const text = 'h1,h2\n是,"a\n""b"""\n,x\n';
    const before = parsed(text);
    useUtf8Check((b) => isUtf8(b));
    expect(parsed(text)).toEqual(before);
    expect(parsed(text)).toEqual(oracle(text));
    const gbk = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xca, 0xc7, 0x0a]);
    const found = new FindingCollector();
    expect(cells(readCSV(gbk, 'auto', ctx, found, ['a'])!['a']!)).toEqual(['1']);
    expect(found.result().map((f) => f.code)).toEqual(['encoding_gb18030']);
    const strict = new FindingCollector();
    expect(readCSV(gbk, 'utf-8', ctx, strict)).toBeNull();
    expect(strict.result().map((f) => [f.code, f.row])).toEqual([['bad_encoding', 1]]);
  });
});
