/**
 * Datasets from files in memory (browser-safe): a list of named byte arrays, each
 * `TABLE.csv`, `TABLE.parquet` or `TABLE.arrow`. The Node entry reads them from a folder.
 */
import { buildDataset, type Dataset, type DatasetOptions, type RawTable } from '../dataset.js';
import { TABLE_NAMES, type TableName } from '../schema/tables.js';
import { FindingCollector } from '../validate/finding.js';
import { readCSV } from './csv.js';
import type { TextEncoding } from './decode.js';
import { readParquet } from './parquet.js';
import { divisionsFromFiles } from '../validate/checks/divisions-file.js';
import { prescan, readerFailure } from '../validate/checks/prescan.js';
import { checkArrowData } from '../validate/checks/arrow-data.js';

/** A file in memory. */
export interface InputFile {
  /** File name (its stem names the table). */
  readonly name: string;
  /** Its bytes. */
  readonly bytes: Uint8Array;
}

/** Options of reading files. */
export interface ReadOptions extends DatasetOptions {
  /** Text encoding of CSV files (default: auto-detect UTF-8, else GB18030). */
  readonly encoding?: TextEncoding;
}

/** Table file formats. */
export type TableFormat = 'csv' | 'parquet' | 'arrow';

const EXT: Record<string, TableFormat> = { '.csv': 'csv', '.parquet': 'parquet', '.arrow': 'arrow', '.feather': 'arrow', '.ipc': 'arrow' };

/** The canonical table and format a file name stands for, or undefined. */
export function tableFile(name: string): { table: TableName; format: TableFormat } | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const stem = base.slice(0, dot);
  const format = EXT[base.slice(dot).toLowerCase()];
  if (!format || !(TABLE_NAMES as readonly string[]).includes(stem)) return undefined;
  return { table: stem as TableName, format };
}

/** Read one table file into raw columns; null (with findings) when unreadable. */
export async function readTableFile(
  file: InputFile,
  format: TableFormat,
  table: TableName,
  out: FindingCollector,
  encoding: TextEncoding = 'auto',
  columns?: readonly string[],
): Promise<RawTable | null> {
  const ctx = { table, file: file.name };
  if (await prescan(file.bytes, format, table, file.name, out)) return null;
  switch (format) {
    case 'csv':
      return readCSV(file.bytes, encoding, ctx, out, columns);
    case 'parquet':
      try {
        return await readParquet(file.bytes, columns);
      } catch (e) {
        out.add('error', 'unreadable_file', ctx, {}, { detail: `not a readable Parquet file (${readerFailure(e)})` });
        return null;
      }
    case 'arrow':
      try {
        const t = (await import('./arrow-ipc.js')).readArrowIPC(file.bytes);
        const damaged = checkArrowData(t);
        if (!damaged) return t;
        out.add('error', 'unreadable_file', ctx, {}, { detail: `not a readable Arrow IPC file (${damaged})` });
        return null;
      } catch (e) {
        out.add('error', 'unreadable_file', ctx, {}, { detail: `not a readable Arrow IPC file (${readerFailure(e)})` });
        return null;
      }
  }
}

/**
 * Build a validated dataset from files in memory (e.g. from a file input in a page).
 * Files whose names are not canonical tables are ignored; two files for one table are an error.
 */
export async function datasetFromFiles(files: readonly InputFile[], options: ReadOptions = {}): Promise<Dataset> {
  const out = new FindingCollector();
  const raw: Partial<Record<TableName, RawTable>> = {};
  const names: Partial<Record<TableName, string>> = {};
  for (const f of files) {
    const t = tableFile(f.name);
    if (!t || (options.columns && !options.columns[t.table])) continue;
    if (names[t.table]) {
      out.add('error', 'unreadable_file', { table: t.table, file: f.name }, {}, { detail: `two files for table ${t.table}: ${names[t.table]} and ${f.name}` });
      continue;
    }
    names[t.table] = f.name;
    // Without a mapping, headers are the canonical names: the readers can skip the other columns.
    const only = options.mapping ? undefined : options.columns?.[t.table];
    const cols = await readTableFile(f, t.format, t.table, out, options.encoding, only);
    if (cols) raw[t.table] = cols;
    options.onProgress?.({ step: 'read', table: t.table, done: Object.keys(names).length, total: files.filter((g) => tableFile(g.name)).length });
  }
  const divisions = options.divisions ?? divisionsFromFiles(files, out);
  return buildDataset(raw, {
    ...options,
    ...(divisions ? { divisions } : {}),
    files: { ...names, ...options.files },
    findings: [...(options.findings ?? []), ...out.result()],
  });
}
