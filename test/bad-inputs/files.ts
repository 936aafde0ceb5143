/**
 * A dataset as a map of files, and small edits that make a bad or unusual input from the
 * clean hand fixture (test/fixtures/hand). The fixture has no quoted fields, so a line splits on commas.
 */
import { Table, tableToIPC } from 'apache-arrow';
import type { Dataset, TableName } from '@houfu/core';
import { tableBytes } from '@houfu/core/node';

/** One entry of a dataset folder: CSV text, bytes, or a folder (named like a file). */
export type Entry = string | Uint8Array | { readonly dir: true };

/** The entries of a dataset folder, by file name. */
export type Files = Map<string, Entry>;

/** What an edit may use: the clean fixture loaded (for Arrow and Parquet versions of its tables). */
export interface EditContext {
  readonly clean: Dataset;
}

/** An edit of a dataset folder. */
export type Edit = (files: Files, ctx: EditContext) => void;

const text = (files: Files, name: string): string => {
  const e = files.get(name);
  if (typeof e !== 'string') throw new Error(`${name} is not a text file here`);
  return e;
};

/** The rows of a CSV table (header first). */
export function rows(files: Files, table: TableName): string[][] {
  return text(files, `${table}.csv`)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

/** Replace a CSV table by rows (header first). */
export function setRows(files: Files, table: TableName, r: string[][]): void {
  files.set(`${table}.csv`, `${r.map((x) => x.join(',')).join('\n')}\n`);
}

/** Edits applied in order. */
export const all =
  (...edits: Edit[]): Edit =>
  (f, c) => {
    for (const e of edits) e(f, c);
  };

/** Set one cell: data row (1-based, the header not counted) and column. */
export const cell =
  (table: TableName, row: number, column: string, value: string): Edit =>
  (f) => {
    const r = rows(f, table);
    const i = r[0]!.indexOf(column);
    if (i < 0 || !r[row]) throw new Error(`no cell ${table}.${column} row ${row}`);
    r[row]![i] = value;
    setRows(f, table, r);
  };

/** Set a whole column through a function of the old value. */
export const column =
  (table: TableName, name: string, f: (v: string, row: number) => string): Edit =>
  (files) => {
    const r = rows(files, table);
    const i = r[0]!.indexOf(name);
    if (i < 0) throw new Error(`no column ${table}.${name}`);
    for (let k = 1; k < r.length; k++) r[k]![i] = f(r[k]![i]!, k);
    setRows(files, table, r);
  };

/** Rename a header. */
export const header =
  (table: TableName, from: string, to: string): Edit =>
  (f) => {
    const r = rows(f, table);
    const i = r[0]!.indexOf(from);
    if (i < 0) throw new Error(`no column ${table}.${from}`);
    r[0]![i] = to;
    setRows(f, table, r);
  };

/** Remove a column. */
export const dropColumn =
  (table: TableName, name: string): Edit =>
  (f) => {
    const r = rows(f, table);
    const i = r[0]!.indexOf(name);
    setRows(
      f,
      table,
      r.map((x) => x.filter((_, k) => k !== i)),
    );
  };

/** Add a column with one value for every row. */
export const addColumn =
  (table: TableName, name: string, value: (row: number) => string): Edit =>
  (f) => {
    const r = rows(f, table);
    setRows(
      f,
      table,
      r.map((x, k) => [...x, k === 0 ? name : value(k)]),
    );
  };

/** Edit the raw text of a file. */
export const raw =
  (name: string, f: (text: string) => string): Edit =>
  (files) =>
    void files.set(name, f(text(files, name)));

/** Replace a file by bytes (computed from the clean dataset when given a function). */
export const bytes =
  (name: string, b: Uint8Array | ((ctx: EditContext) => Uint8Array)): Edit =>
  (files, ctx) =>
    void files.set(name, typeof b === 'function' ? b(ctx) : b);

/** Remove a file. */
export const remove =
  (name: string): Edit =>
  (f) =>
    void f.delete(name);

/** A table as Arrow IPC (stream or file) or Parquet instead of CSV. */
export const as =
  (table: TableName, format: 'stream' | 'file' | 'parquet', cut?: (b: Uint8Array) => Uint8Array): Edit =>
  (files, { clean }) => {
    const t = clean.tables[table]!;
    let b = format === 'parquet' ? tableBytes(t, 'parquet') : tableToIPC(t, format);
    if (cut) b = cut(b);
    files.delete(`${table}.csv`);
    files.set(`${table}.${format === 'parquet' ? 'parquet' : 'arrow'}`, b);
  };

/** A table's Arrow IPC stream in two record batches (rows split at `at`). */
export function twoBatches(t: Table, at: number): Uint8Array {
  return tableToIPC(new Table([...t.slice(0, at).batches, ...t.slice(at).batches]), 'stream');
}

/** GB18030 (GBK) bytes of a text (the Chinese characters of the fixture are all in GBK). */
export function gbk(s: string): Uint8Array {
  const out: number[] = [];
  const dec = new TextDecoder('gb18030');
  // Build the encoder table from the decoder: every two-byte GBK code that decodes to a character.
  const table = gbkTable ?? (gbkTable = buildGbk(dec));
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const code = table.get(ch);
      if (code === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return new Uint8Array(out);
}

let gbkTable: Map<string, number> | undefined;
function buildGbk(dec: TextDecoder): Map<string, number> {
  const m = new Map<string, number>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const s = dec.decode(new Uint8Array([a, b]));
      if (s.length === 1 && s !== '\uFFFD' && !m.has(s)) m.set(s, (a << 8) | b);
    }
  return m;
}
