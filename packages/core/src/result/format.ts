/**
 * Output formats of tables: plain objects, CSV, JSON, Arrow IPC and Parquet bytes.
 * Browser-safe; writing files is the caller's (or the Node entry's) business.
 */
import { csvFormatRows } from 'd3-dsv';
import { DataType, tableToIPC, type Table } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { decodeVector } from '../io/decode-columns.js';
import type { ResultRow, ResultTable } from './assemble.js';
import type { DrillDownRow, DrillDownTable } from './drilldown.js';

/** An output format. */
export type OutputFormat = 'csv' | 'json' | 'arrow' | 'parquet';

/** The output formats. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'json', 'arrow', 'parquet'];

const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : (v ?? null));

/**
 * The rows of an Arrow table as plain objects (nulls kept, bigints as numbers): a result table
 * gives {@link ResultRow}s, a drill-down list {@link DrillDownRow}s, any other table records.
 * @example for (const row of toObjects(await compute(ds, fourMusts, { by: 'county' }))) console.log(row.area_name, row.value);
 */
export function toObjects(table: ResultTable): ResultRow[];
export function toObjects(table: DrillDownTable): DrillDownRow[];
export function toObjects<T = Record<string, unknown>>(table: Table): T[];
export function toObjects<T = Record<string, unknown>>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  const out = new Array<T>(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const o: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) o[names[j] as string] = plain(cols[j]!.get(i));
    out[i] = o as T;
  }
  return out;
}

/** Columns of an Arrow table as plain arrays. */
function columnsOf(table: Table): { name: string; type: DataType; data: unknown[] }[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: f.type, data: decodeVector(table.getChild(f.name)!) }));
}

/** CSV text (UTF-8, header row, empty cell for null, numbers in shortest round-trip form). */
export function toCSV(table: Table): string {
  return [...csvChunks(table)].join('');
}

/** CSV text in chunks of rows (the first chunk starts with the header), for large tables. */
export function* csvChunks(table: Table, rowsPerChunk = 65536): Generator<string> {
  const cols = columnsOf(table);
  yield `${csvFormatRows([cols.map((c) => c.name)])}\n`;
  for (let start = 0; start < table.numRows; start += rowsPerChunk) {
    const end = Math.min(table.numRows, start + rowsPerChunk);
    const rows: string[][] = [];
    for (let i = start; i < end; i++)
      rows.push(
        cols.map((c) => String(c.data[i] ?? '')),
      );
    yield `${csvFormatRows(rows)}\n`;
  }
}

/** JSON text: an array of row objects. */
export function toJSON(table: Table, space?: number): string {
  return `${JSON.stringify(toObjects(table), null, space)}\n`;
}

/** Arrow IPC file bytes. */
export function toArrowIPC(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}

const parquetType = (t: DataType): 'STRING' | 'BOOLEAN' | 'INT32' | 'DOUBLE' => {
  if (DataType.isBool(t)) return 'BOOLEAN';
  if (DataType.isInt(t)) return 'INT32';
  if (DataType.isFloat(t)) return 'DOUBLE';
  return 'STRING';
};

/** Parquet file bytes. */
export function toParquet(table: Table): Uint8Array {
  const columnData = columnsOf(table).map((c) => ({ name: c.name, data: c.data, type: parquetType(c.type) }));
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/** Encode a table in a format: text for csv/json, bytes for arrow/parquet. */
export function formatTable(table: Table, format: OutputFormat): string | Uint8Array {
  switch (format) {
    case 'csv':
      return toCSV(table);
    case 'json':
      return toJSON(table, 1);
    case 'arrow':
      return toArrowIPC(table);
    case 'parquet':
      return toParquet(table);
  }
}
