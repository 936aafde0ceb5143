/**
 * Columns of a dataset encoded once for tight loops: booleans as three-valued bytes,
 * numbers as Float64Array (NaN for null), text as small integer codes into a dictionary
 * (−1 for null). Encodings are read straight from the Arrow buffers and cached per set of
 * tables; loading seeds the cache with the encodings validation built, so they are built once.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import type { TableName } from '../schema/tables.js';
import type { TableSet } from './tables.js';
import { ByteEntries, hashBytes } from './bytes.js';

/** Three-valued bytes: 0 false, 1 true, 2 unknown. */
export const F = 0;
/** True. */
export const T = 1;
/** Unknown. */
export const U = 2;

/** A boolean column as three-valued bytes. */
export interface TriColumn {
  readonly kind: 'tri';
  readonly data: Uint8Array;
}
/** A numeric column; null is NaN. */
export interface NumColumn {
  readonly kind: 'num';
  readonly data: Float64Array;
}
/** A text column as codes into `dict` (−1 for null). */
export interface CodeColumn {
  readonly kind: 'code';
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}
/** An encoded column. */
export type Encoded = TriColumn | NumColumn | CodeColumn;

const caches = new WeakMap<object, Map<string, Encoded>>();

function cacheOf(ds: TableSet): Map<string, Encoded> {
  let cache = caches.get(ds.tables);
  if (!cache) caches.set(ds.tables, (cache = new Map()));
  return cache;
}

/** Bytes held by the cached encodings of a dataset (typed arrays, and about 2 bytes per character plus 16 per dictionary entry). */
export function encodingBytes(ds: TableSet): number {
  let bytes = 0;
  for (const e of caches.get(ds.tables)?.values() ?? []) {
    if (e.kind === 'code') {
      bytes += e.codes.byteLength;
      for (const s of e.dict) bytes += 16 + 2 * s.length;
    } else bytes += e.data.byteLength;
  }
  return bytes;
}

/** The encoding of `table.column`, built on first use and cached with the dataset. */
export function encoded(ds: TableSet, table: TableName, column: string): Encoded {
  const cache = cacheOf(ds);
  const key = `${table}\u0000${column}`;
  let e = cache.get(key);
  if (!e) {
    const vec = ds.tables[table]?.getChild(column);
    if (!vec) throw new Error(`${table}.${column} is not in the dataset`);
    cache.set(key, (e = encodeVector(vec)));
  }
  return e;
}

/** Record an encoding built elsewhere (by validation) so that engines do not build it again. */
export function seedEncoding(ds: TableSet, table: TableName, column: string, e: Encoded): void {
  cacheOf(ds).set(`${table}\u0000${column}`, e);
}

function validAt(bitmap: Uint8Array | null | undefined, offset: number, i: number): boolean {
  if (!bitmap) return true;
  const j = i + offset;
  return ((bitmap[j >> 3]! >> (j & 7)) & 1) === 1;
}

const utf8 = new TextDecoder();

function decodeSlice(bytes: Uint8Array, a: number, b: number): string {
  if (b - a < 64) {
    let s = '';
    for (let j = a; j < b; j++) {
      const c = bytes[j]!;
      if (c >= 0x80) return utf8.decode(bytes.subarray(a, b));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(a, b));
}

/**
 * Dictionary encoder over UTF-8 byte slices: hashes the bytes, decodes each distinct
 * value once. Entries live in flat arrays (hash table with linear probing).
 */
export class ByteDictionary extends ByteEntries {
  readonly dict: string[] = [];
  private readonly lookup = new Map<string, number>();
  private last: Uint8Array | undefined;

  constructor() {
    super(1 << 10, 256);
  }

  code(bytes: Uint8Array, a: number, b: number): number {
    const h = hashBytes(bytes, a, b);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let s = h & mask;
    for (;;) {
      const e = table[2 * s]!;
      if (e === 0) break;
      if (table[2 * s + 1] === h && this.same(e - 1, bytes, a, b)) return e - 1;
      s = (s + 1) & mask;
    }
    const value = decodeSlice(bytes, a, b);
    const id = this.dict.length;
    // Different bytes decode to the same text only through replacement characters (invalid
    // UTF-8): one code per distinct string.
    if (value.includes('\uFFFD')) {
      const known = this.lookup.get(value);
      if (known !== undefined) return known;
      this.lookup.set(value, id);
    }
    if (bytes !== this.last) (this.last = bytes), this.chunks.push(bytes);
    this.dict.push(value);
    this.setEntry(id, this.chunks.length - 1, a, b);
    table[2 * s] = id + 1;
    table[2 * s + 1] = h;
    if (this.dict.length * 4 > table.length) this.rehash(table.length);
    return id;
  }
}

/** Codes of one Utf8 chunk with 32-bit offsets; a row equal to the row before takes its code. */
function codeChunk(d: Data, dict: ByteDictionary, codes: Int32Array, k: number): void {
  const offsets = d.valueOffsets as Int32Array;
  const bytes = d.values as Uint8Array;
  const bitmap = d.nullCount > 0 ? d.nullBitmap : null;
  const off = d.offset;
  let pa = 0;
  let pb = -1;
  let prev = -1;
  for (let i = 0; i < d.length; i++, k++) {
    if (bitmap) {
      const j = off + i;
      if (((bitmap[j >> 3]! >> (j & 7)) & 1) === 0) {
        codes[k] = -1;
        continue;
      }
    }
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (b - a === pb - pa) {
      let j = 0;
      while (j < b - a && bytes[a + j] === bytes[pa + j]) j++;
      if (j === b - a) {
        codes[k] = prev;
        continue;
      }
    }
    codes[k] = prev = dict.code(bytes, a, b);
    pa = a;
    pb = b;
  }
}

/** Encode an Arrow vector (all chunks). */
export function encodeVector(v: Vector): Encoded {
  const n = v.length;
  const type = v.type as DataType;
  if (DataType.isBool(type)) {
    const data = new Uint8Array(n);
    let k = 0;
    for (const d of v.data as Data[]) {
      const bits = d.values as Uint8Array;
      const bitmap = d.nullCount > 0 ? d.nullBitmap : null;
      const off = d.offset;
      if (!bitmap)
        for (let i = 0; i < d.length; i++, k++) {
          const j = off + i;
          data[k] = (bits[j >> 3]! >> (j & 7)) & 1;
        }
      else
        for (let i = 0; i < d.length; i++, k++) {
          const j = off + i;
          const m = 1 << (j & 7);
          data[k] = bitmap[j >> 3]! & m ? (bits[j >> 3]! & m ? T : F) : U;
        }
    }
    return { kind: 'tri', data };
  }
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) {
    const data = new Float64Array(n);
    let k = 0;
    for (const d of v.data as Data[]) {
      const vals = d.values as ArrayLike<number | bigint>;
      const bitmap = d.nullCount > 0 ? d.nullBitmap : null;
      const off = d.offset;
      const fast = DataType.isFloat(type) || (DataType.isInt(type) && (type as { bitWidth: number }).bitWidth <= 32);
      if (fast && !bitmap) {
        for (let i = 0; i < d.length; i++, k++) data[k] = vals[i] as number;
        continue;
      }
      for (let i = 0; i < d.length; i++, k++) {
        if (!validAt(bitmap, off, i)) data[k] = NaN;
        else if (fast) data[k] = vals[i] as number;
        else {
          const x = v.get(k);
          data[k] = x === null ? NaN : Number(x);
        }
      }
    }
    return { kind: 'num', data };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    const codes = new Int32Array(n);
    const dict = new ByteDictionary();
    let k = 0;
    for (const d of v.data as Data[]) {
      if (d.valueOffsets instanceof Int32Array) {
        codeChunk(d, dict, codes, k);
        k += d.length;
        continue;
      }
      const offsets = d.valueOffsets as ArrayLike<number | bigint>;
      const bytes = d.values as Uint8Array;
      const bitmap = d.nullCount > 0 ? d.nullBitmap : null;
      const off = d.offset;
      const big = typeof offsets[0] === 'bigint';
      for (let i = 0; i < d.length; i++, k++) {
        if (!validAt(bitmap, off, i)) codes[k] = -1;
        else if (big) codes[k] = dict.code(bytes, Number(offsets[i]), Number(offsets[i + 1]));
        else codes[k] = dict.code(bytes, offsets[i] as number, offsets[i + 1] as number);
      }
    }
    return { kind: 'code', codes, dict: dict.dict };
  }
  // Anything else (dictionary-encoded text, dates…): through apache-arrow's own accessors.
  const codes = new Int32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = v.get(i) as unknown;
    if (x === null || x === undefined) {
      codes[i] = -1;
      continue;
    }
    const s = x instanceof Date ? x.toISOString().slice(0, 10) : String(x);
    let c = index.get(s);
    if (c === undefined) {
      index.set(s, (c = dict.length));
      dict.push(s);
    }
    codes[i] = c;
  }
  return { kind: 'code', codes, dict };
}

/** The value of an encoded column at a row, as the other engines see it. */
export function valueAt(e: Encoded, i: number): string | number | boolean | null {
  switch (e.kind) {
    case 'tri':
      return e.data[i] === U ? null : e.data[i] === T;
    case 'num': {
      const x = e.data[i]!;
      return Number.isNaN(x) ? null : x;
    }
    case 'code': {
      const c = e.codes[i]!;
      return c < 0 ? null : e.dict[c]!;
    }
  }
}
