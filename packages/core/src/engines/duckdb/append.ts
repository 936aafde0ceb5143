/**
 * Columns into native DuckDB through its appender, chunk by chunk from the encoded columns
 * (booleans as bytes, numbers as Float64Array, text as codes into a dictionary), copied into
 * chunk vectors in bulk: no row objects, no text file. Text with few distinct values goes in as an ENUM of its dictionary
 * (one code per row; the appender casts it to VARCHAR), other text one string per row.
 */
import { DataType, type Data, type Table, type Vector } from 'apache-arrow';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { T, U, type Encoded } from '../../columns/encode.js';
import { duckdbDialect, quoteIdent } from '../sql/dialect.js';
import { duckdbTypeOf } from './direct.js';

type Api = typeof import('@duckdb/node-api');
const ident = (name: string): string => quoteIdent(duckdbDialect, name);

/** The few functions of `@duckdb/node-bindings` (node-api's own native layer) that write chunk vectors in bulk. */
export interface VectorBindings {
  data_chunk_get_vector(chunk: unknown, column: number): unknown;
  copy_data_to_vector(vector: unknown, offset: number, buffer: ArrayBufferLike, byteOffset: number, byteCount: number): void;
  copy_data_to_vector_validity(vector: unknown, offset: number, buffer: ArrayBufferLike, byteOffset: number, byteCount: number): void;
  vector_ensure_validity_writable(vector: unknown): void;
  vector_assign_string_element(vector: unknown, index: number, text: string): void;
  vector_assign_string_element_len(vector: unknown, index: number, bytes: Uint8Array): void;
}

/** Rows of one chunk (DuckDB's vector size). */
const CHUNK = 2048;

/** How one column fills a chunk vector: its values for rows [start, start + n), and whether row i is null. */
export interface ColumnWriter {
  /** The chunk vector's type. */
  readonly type: DuckDBType;
  /** Write the values of the rows (nulls are marked by `isNull`). */
  write(b: VectorBindings, vector: unknown, start: number, n: number): void;
  /** Whether a row is null, or undefined when the column has no null. */
  readonly isNull: ((i: number) => boolean) | undefined;
}

function writerOf(api: Api, e: Encoded, type: string, rows: number): ColumnWriter {
  const copy = (b: VectorBindings, vector: unknown, a: ArrayBufferView): void => b.copy_data_to_vector(vector, 0, a.buffer, a.byteOffset, a.byteLength);
  if (e.kind === 'tri') {
    const d = e.data;
    const bytes = new Uint8Array(CHUNK);
    return {
      type: api.BOOLEAN,
      write: (b, v, s, n) => {
        for (let k = 0; k < n; k++) bytes[k] = d[s + k] === T ? 1 : 0;
        copy(b, v, bytes.subarray(0, n));
      },
      isNull: d.includes(U) ? (i) => d[i] === U : undefined,
    };
  }
  if (e.kind === 'num') {
    const d = e.data;
    const isNull = d.some(Number.isNaN) ? (i: number) => Number.isNaN(d[i]!) : undefined;
    if (type === 'DOUBLE') return { type: api.DOUBLE, write: (b, v, s, n) => copy(b, v, d.subarray(s, s + n)), isNull };
    const big = type === 'BIGINT';
    const out = big ? new BigInt64Array(CHUNK) : new Int32Array(CHUNK);
    return {
      type: big ? api.BIGINT : api.INTEGER,
      write: (b, v, s, n) => {
        if (out instanceof BigInt64Array) for (let k = 0; k < n; k++) out[k] = Number.isNaN(d[s + k]!) ? 0n : BigInt(d[s + k]!);
        else for (let k = 0; k < n; k++) out[k] = d[s + k]! | 0;
        copy(b, v, out.subarray(0, n));
      },
      isNull,
    };
  }
  const { codes, dict } = e;
  const isNull = codes.includes(-1) ? (i: number) => codes[i]! < 0 : undefined;
  // Few distinct values: an ENUM of the dictionary, one code per row (the appender casts it to VARCHAR).
  if (dict.length > 0 && dict.length * 4 <= rows && !dict.includes('')) {
    const out = dict.length <= 0xff ? new Uint8Array(CHUNK) : dict.length <= 0xffff ? new Uint16Array(CHUNK) : new Uint32Array(CHUNK);
    return {
      type: api.ENUM(dict as string[]),
      write: (b, v, s, n) => {
        for (let k = 0; k < n; k++) out[k] = Math.max(codes[s + k]!, 0);
        copy(b, v, out.subarray(0, n));
      },
      isNull,
    };
  }
  return {
    type: api.VARCHAR,
    write: (b, v, s, n) => {
      for (let k = 0; k < n; k++) {
        const c = codes[s + k]!;
        if (c >= 0) b.vector_assign_string_element(v, k, dict[c]!);
      }
    },
    isNull,
  };
}

/**
 * Text straight from an Arrow UTF-8 column's buffers, one string per row, for columns of mostly
 * distinct values (ids), where a dictionary would cost more than it saves. ASCII bytes are
 * handed over as they are; other text is decoded first.
 */
export function utf8Writer(api: Api, v: Vector): ColumnWriter | undefined {
  if (!DataType.isUtf8(v.type)) return undefined;
  const ascii = (bytes: Uint8Array): boolean => {
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
    return true;
  };
  const parts = (v.data as Data[]).map((d) => ({ d, offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array, ascii: ascii(d.values as Uint8Array) }));
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) starts.push((at += p.d.length) - p.d.length);
  const decoder = new TextDecoder();
  return {
    type: api.VARCHAR,
    write: (b, vector, s, n) => {
      let j = 0;
      while (j + 1 < parts.length && starts[j + 1]! <= s) j++;
      for (let k = 0; k < n; k++) {
        const row = s + k;
        while (j + 1 < parts.length && starts[j + 1]! <= row) j++;
        const p = parts[j]!;
        const i = row - starts[j]! + p.d.offset;
        if (p.d.nullCount > 0 && !p.d.getValid(row - starts[j]!)) continue;
        const slice = p.bytes.subarray(p.offsets[i]!, p.offsets[i + 1]!);
        if (p.ascii) b.vector_assign_string_element_len(vector, k, slice);
        else b.vector_assign_string_element(vector, k, decoder.decode(slice));
      }
    },
    isNull: v.nullCount > 0 ? (row) => !v.isValid(row) : undefined,
  };
}

/**
 * Create table `target` holding an Arrow table's rows, appended chunk by chunk from the
 * encodings `encode` gives for its columns.
 */
export async function appendColumns(
  api: Api,
  b: VectorBindings,
  conn: DuckDBConnection,
  target: { name: string; schema?: string },
  table: Table,
  encode: (column: string) => Encoded | ColumnWriter,
): Promise<void> {
  const fields = table.schema.fields;
  const types = fields.map((f) => duckdbTypeOf(f.type));
  const qualified = `${target.schema !== undefined ? `${ident(target.schema)}.` : ''}${ident(target.name)}`;
  await conn.run(`CREATE TABLE ${qualified} (${fields.map((f, i) => `${ident(f.name)} ${types[i]}`).join(', ')})`);
  const n = table.numRows;
  if (n === 0 || fields.length === 0) return;
  const writers = fields.map((f, i) => {
    const e = encode(f.name);
    return 'write' in e ? e : writerOf(api, e, types[i]!, n);
  });
  const validity = new Uint8Array(CHUNK / 8);
  const appender = await conn.createAppender(target.name, target.schema ?? null);
  try {
    const chunk = api.DuckDBDataChunk.create(writers.map((w) => w.type));
    for (let start = 0; start < n; start += CHUNK) {
      const rows = Math.min(CHUNK, n - start);
      // Reset first: the strings and validity of the previous chunk go.
      chunk.reset();
      chunk.rowCount = rows;
      for (const [c, w] of writers.entries()) {
        const vector = b.data_chunk_get_vector(chunk.chunk, c);
        w.write(b, vector, start, rows);
        if (!w.isNull) continue;
        validity.fill(0);
        for (let k = 0; k < rows; k++) if (!w.isNull(start + k)) validity[k >> 3]! |= 1 << (k & 7);
        b.vector_ensure_validity_writable(vector);
        b.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(rows / 64) * 8);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
