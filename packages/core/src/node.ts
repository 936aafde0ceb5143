/**
 * @houfu/core/node — the Node.js entry: datasets from and to folders on disk.
 * Everything else is in the browser-safe main entry.
 * @packageDocumentation
 */
import { mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import type { Table } from 'apache-arrow';
import { cubeFormatOf, readCube, writeCube } from './cube/io.js';
import type { Cube } from './cube/meta.js';
import type { ColumnMapping, Dataset } from './dataset.js';
import { HoufuError } from './errors.js';
import { ERROR_TEXT } from './messages/index.js';
import { datasetFromFiles, tableFile, type InputFile, type ReadOptions, type TableFormat } from './io/files.js';
import { csvChunks, toArrowIPC, toCSV, toParquet } from './result/format.js';
import type { TableName } from './schema/tables.js';
import { decodeText } from './io/decode.js';
import { FindingCollector } from './validate/finding.js';
import { DIVISIONS_FILE } from './validate/checks/divisions-file.js';
import { useUtf8Check } from './io/utf8.js';
import { markFileSources, type TableFileSource } from './engines/duckdb/files.js';

// Node checks UTF-8 without decoding (simdutf): the Arrow text check costs a scan, not a string.
useUtf8Check((bytes) => isUtf8(bytes));

export { datasetFromFiles, tableFile, type InputFile, type ReadOptions, type TableFormat } from './io/files.js';

/**
 * Load and validate a dataset folder of `TABLE.csv|parquet|arrow` files.
 * Validation findings are in `dataset.findings`; computing on a dataset with errors throws.
 * @example const ds = await loadDataset('datasets/guizhou-2019-sample');
 */
export async function loadDataset(dir: string, options: ReadOptions = {}): Promise<Dataset> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new HoufuError('io', { zh: `无法读取数据目录 ${dir}`, en: `cannot read the data folder ${dir}: ${(e as Error).message}` });
  }
  const files: InputFile[] = [];
  const out = new FindingCollector();
  const unreadable: Partial<Record<TableName, string>> = {};
  // Where each table came from, so that native DuckDB can read the same files itself.
  const sources: Partial<Record<TableName, TableFileSource>> = {};
  for (const n of names.sort()) {
    const t = tableFile(n);
    if (!t && n !== DIVISIONS_FILE) continue;
    // Tables a computation does not read are not read from disk either.
    if (t && options.columns && !options.columns[t.table]) continue;
    try {
      const path = join(dir, n);
      const b = await readFile(path);
      // The file's own buffer, not a copy of it.
      files.push({ name: n, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) });
      if (t) sources[t.table] = { path, format: t.format, ...(({ size, mtimeMs }) => ({ size, mtimeMs }))(await stat(path)) };
    } catch (e) {
      // A folder named like a table file, or a file without read permission: a finding, not a crash.
      out.add('error', 'unreadable_file', { table: t?.table ?? null, file: n }, {}, { detail: fileErrorText(e) });
      if (t) unreadable[t.table] = n;
    }
  }
  const ds = await datasetFromFiles(files, {
    ...options,
    files: { ...unreadable, ...options.files },
    findings: [...(options.findings ?? []), ...out.result()],
  });
  return markFileSources(ds, { files: sources, mapped: options.mapping !== undefined, encoding: options.encoding ?? 'auto' });
}

/** Why a file cannot be read, in words (no stack, no internal text). */
function fileErrorText(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it does not exist (a broken link?)';
  return `${code ?? 'error'}: ${(e as Error).message ?? String(e)}`;
}

/**
 * Read a column mapping from a JSON file (canonical name → the user's header, flat or per
 * table; `values` maps the user's spellings of values). Decoded like a CSV file: UTF-8, or GB18030/GBK.
 */
export async function readMapping(path: string): Promise<ColumnMapping> {
  try {
    const out = new FindingCollector();
    const text = decodeText(new Uint8Array(await readFile(path)), 'auto', { table: null, file: path }, out);
    if (text === null) throw new Error(out.findings[0]?.message ?? 'not UTF-8 or GB18030 text');
    return JSON.parse(text) as ColumnMapping;
  } catch (e) {
    throw new HoufuError('io', { zh: `无法读取列映射文件 ${path}`, en: `cannot read the column mapping ${path}: ${(e as Error).message}` });
  }
}

/** Encode a table in a file format. */
export function tableBytes(table: Table, format: TableFormat): Uint8Array {
  return format === 'csv' ? new TextEncoder().encode(toCSV(table)) : format === 'arrow' ? toArrowIPC(table) : toParquet(table);
}

/** Write tables into a folder as `NAME.csv|parquet|arrow`; returns the paths written. */
export async function writeTables(dir: string, tables: Partial<Record<TableName | string, Table>>, format: TableFormat): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const [name, t] of Object.entries(tables)) {
    if (!t) continue;
    const p = join(dir, `${name}.${format}`);
    if (format === 'csv') await writeCSV(p, t);
    else await writeFile(p, tableBytes(t, format));
    paths.push(p);
  }
  return paths;
}

/** Write a table as CSV, streaming chunks of rows (no size limit from one big string). */
export async function writeCSV(path: string, table: Table): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (const chunk of csvChunks(table)) await fh.write(chunk);
  } finally {
    await fh.close();
  }
}

/** Write a dataset's tables into a folder. */
export async function writeDataset(dir: string, dataset: Dataset, format: TableFormat = 'csv'): Promise<string[]> {
  return writeTables(dir, dataset.tables, format);
}

/**
 * Read a cube file (`.parquet` or `.arrow`), checking its metadata and every cell.
 * @example const cube = await loadCube('cube.parquet');
 */
export async function loadCube(path: string): Promise<Cube> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new HoufuError('io', ERROR_TEXT.cubeUnreadable(path, (e as Error).message));
  }
  try {
    return await readCube(bytes);
  } catch (e) {
    if (e instanceof HoufuError) throw new HoufuError(e.code, { zh: `${path}：${e.messageZh}`, en: `${path}: ${e.message}` });
    throw e;
  }
}

/** Write a cube file, Parquet or Arrow IPC by the file's extension; returns the number of bytes written. */
export async function saveCube(path: string, cube: Cube): Promise<number> {
  const format = cubeFormatOf(path);
  if (!format) throw new HoufuError('invalid_request', ERROR_TEXT.cubeFileName(path));
  const bytes = writeCube(cube, format);
  await writeFile(path, bytes);
  return bytes.length;
}
