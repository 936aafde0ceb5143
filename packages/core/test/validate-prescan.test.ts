/**
 * Byte-level pre-scans of table files: broken CSV structure, truncated Arrow IPC (file and
 * stream) and Parquet. Each broken file gives its one finding, and nothing else about it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFromFiles, type Dataset, type FindingCode, type InputFile } from '@houfu/core';
import { tableBytes } from '@houfu/core/node';

const SAMPLE = join(__dirname, '../../../datasets/guizhou-2019-sample');
const TABLES = ['sites', 'households', 'persons', 'management_units'] as const;
let csv: Record<string, Uint8Array>;
let clean: Dataset;

beforeAll(async () => {
  csv = {};
  for (const t of TABLES) csv[t] = new Uint8Array(await readFile(join(SAMPLE, `${t}.csv`)));
  clean = await datasetFromFiles(TABLES.map((t) => ({ name: `${t}.csv`, bytes: csv[t]! })));
});

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The sample's files with one replaced (and the format of that one given by its name). */
async function withFile(name: string, bytes: Uint8Array): Promise<Dataset> {
  const table = name.split('.')[0];
  const files: InputFile[] = TABLES.filter((t) => t !== table).map((t) => ({ name: `${t}.csv`, bytes: csv[t]! }));
  return datasetFromFiles([...files, { name, bytes }]);
}

const codes = (ds: Dataset): FindingCode[] => ds.findings.map((f) => f.code);

/** Replace line `n` (1-based) of a CSV file. */
function editLine(b: Uint8Array, n: number, f: (line: string) => string): Uint8Array {
  const lines = dec(b).split('\n');
  lines[n - 1] = f(lines[n - 1]!);
  return enc(lines.join('\n'));
}

describe('CSV structure', () => {
  it('the clean sample passes the scan', () => {
    expect(clean.findings).toEqual([]);
  });

  it('an unterminated quote is one finding naming the line where it opened, no cascade', async () => {
    const ds = await withFile('persons.csv', editLine(csv.persons!, 40, (l) => l.replace(/^([^,]*),/, '$1,"')));
    expect(ds.findings.map((f) => [f.code, f.file, f.row])).toEqual([['unterminated_quote', 'persons.csv', 39]]);
    expect(ds.findings[0]!.message).toContain('line 40 never closes');
  });

  it('counts the lines inside earlier quoted fields when naming the line of an unterminated quote', async () => {
    // Line 5 gets a quoted name holding two line feeds (two lines more), line 30 (then 32) a quote that never closes.
    let b = editLine(csv.persons!, 5, (l) => l.replace(/^([^,]*),/, '$1,"a\nb\nc",'));
    b = editLine(b, 32, (l) => l.replace(/^([^,]*),/, '$1,"'));
    const ds = await withFile('persons.csv', b);
    expect(codes(ds)).toContain('unterminated_quote');
    expect(ds.findings.find((f) => f.code === 'unterminated_quote')!.message).toContain('line 32 never closes');
  });

  it('a quote that closes only after swallowing rows names both lines', async () => {
    let b = editLine(csv.persons!, 40, (l) => l.replace(/^([^,]*),/, '$1,"'));
    b = editLine(b, 45, (l) => l.replace(/,([^,]*)$/, ',$1"'));
    const ds = await withFile('persons.csv', b);
    expect(codes(ds)).toEqual(['unterminated_quote']);
    expect(ds.findings[0]!.message).toContain('opened on line 40 closes only on line 45');
  });

  it('a quoted field with a comma is fine', async () => {
    const b = editLine(csv.sites!, 2, (l) => l.replace(/^([^,]*),([^,]*),/, '$1,"$2, 一期",'));
    expect((await withFile('sites.csv', b)).findings).toEqual([]);
  });

  it('a title row above the header (an Excel export) is one finding', async () => {
    const title = enc('贵州省易地扶贫搬迁人员信息表,,,,,,,,,\n');
    const ds = await withFile('persons.csv', new Uint8Array([...title, ...csv.persons!]));
    expect(ds.findings.map((f) => [f.code, f.file])).toEqual([['title_row', 'persons.csv']]);
    expect(ds.findings[0]!.message).toContain('header is on line 2');
  });

  it('a blank line above the header is a title row too', async () => {
    const ds = await withFile('sites.csv', new Uint8Array([...enc('\n'), ...csv.sites!]));
    expect(codes(ds)).toEqual(['title_row']);
  });

  it('a semicolon-delimited file is one finding saying so', async () => {
    const ds = await withFile('households.csv', enc(dec(csv.households!).replace(/,/g, ';')));
    expect(codes(ds)).toEqual(['wrong_delimiter']);
    expect(ds.findings[0]!.message).toContain('semicolons');
  });
});

describe('Arrow IPC truncation', () => {
  /** The persons table in three record batches. */
  let batches: Table;
  beforeAll(() => {
    const t = clean.tables.persons!;
    const n = t.numRows;
    batches = new Table([...t.slice(0, 6000).batches, ...t.slice(6000, 12000).batches, ...t.slice(12000, n).batches]);
    expect(batches.batches).toHaveLength(3);
  });

  it('a whole stream and a whole file read with no finding', async () => {
    expect((await withFile('persons.arrow', tableToIPC(batches, 'stream'))).findings).toEqual([]);
    expect((await withFile('persons.arrow', tableToIPC(batches, 'file'))).findings).toEqual([]);
  });

  it('a stream cut between two batches warns that it is unterminated, with the rows read', async () => {
    const two = tableToIPC(new Table(batches.batches.slice(0, 2)), 'stream');
    // Without its 8-byte end-of-stream marker, the first two batches of the stream.
    const cut = two.subarray(0, two.length - 8);
    expect(Buffer.compare(tableToIPC(batches, 'stream').subarray(0, cut.length), cut)).toBe(0);
    const ds = await withFile('persons.arrow', cut);
    const f = ds.findings.find((x) => x.code === 'unterminated_stream');
    expect(f).toMatchObject({ severity: 'warning', file: 'persons.arrow' });
    expect(f!.message).toContain('(12000 rows read)');
  });

  it('a stream cut inside a batch is an error; so is a file cut anywhere', async () => {
    const s = tableToIPC(batches, 'stream');
    for (const at of [100, Math.floor(s.length / 2), s.length - 9]) {
      const ds = await withFile('persons.arrow', s.subarray(0, at));
      expect(codes(ds), `cut at ${at}`).toEqual(['truncated_file']);
    }
    const f = tableToIPC(batches, 'file');
    for (const at of [7, 300, Math.floor(f.length / 2), f.length - 1]) {
      const ds = await withFile('persons.arrow', f.subarray(0, at));
      expect(codes(ds), `cut at ${at}`).toEqual(['truncated_file']);
    }
  });
});

describe('Parquet truncation', () => {
  it('a whole file reads with no finding; a cut one is one error', async () => {
    const p = tableBytes(clean.tables.households!, 'parquet');
    expect((await withFile('households.parquet', p)).findings).toEqual([]);
    for (const at of [10, Math.floor(p.length / 2), p.length - 1]) {
      const ds = await withFile('households.parquet', p.subarray(0, at));
      expect(codes(ds), `cut at ${at}`).toEqual(['truncated_file']);
    }
  });
});
