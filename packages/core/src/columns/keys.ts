/**
 * Id columns as hashed codes over their UTF-8 bytes: one code per distinct id, decided on the
 * bytes alone (ids are decoded to text only when a finding names one). Uniqueness and row links
 * are computed on these codes; a child's ids are looked up in its parent's hash table directly.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { ByteEntries, hashBytes } from './bytes.js';
import { encodeVector } from './encode.js';

const utf8 = new TextDecoder();

function decodeSlice(bytes: Uint8Array, a: number, b: number): string {
  return utf8.decode(bytes.subarray(a, b));
}

function ascii(bytes: Uint8Array, a: number, b: number): boolean {
  for (let j = a; j < b; j++) if (bytes[j]! >= 0x80) return false;
  return true;
}

/** Byte order of [a, b) of x against [c, d) of y: negative, 0 or positive. */
function compareBytes(x: Uint8Array, a: number, b: number, y: Uint8Array, c: number, d: number): number {
  const n = Math.min(b - a, d - c);
  for (let j = 0; j < n; j++) {
    const u = x[a + j]!;
    const v = y[c + j]!;
    if (u !== v) return u - v;
  }
  return b - a - (d - c);
}

/** A hash table of distinct byte strings (linear probing; entries point into the column's buffers). */
export class KeyDictionary extends ByteEntries {
  /** Number of distinct ids. */
  size = 0;
  /**
   * Whether the entries are in strictly increasing byte order, all ASCII (an id column read in
   * sorted order): then no hash table is needed to build the codes, and two sorted dictionaries
   * translate by a merge. The hash table is built only if an id is looked up.
   */
  sorted = false;
  private readonly expected: number;
  // Ids that are not ASCII may be invalid UTF-8; those whose text holds a replacement character
  // are matched by text, as decoding makes them equal.
  private readonly replaced = new Map<string, number>();

  /** A dictionary sized for about `expected` distinct ids (it grows past them); its hash table is built on first use. */
  constructor(expected = 256) {
    super(0, Math.max(256, expected));
    this.expected = expected;
  }

  /** Register a buffer the entries may point into; returns its index. */
  chunk(bytes: Uint8Array): number {
    return this.chunks.push(bytes) - 1;
  }

  /** The hash table over the entries, built on first use (over entries appended sorted, too). */
  private index(): Int32Array {
    if (this.table.length) return this.table;
    let cap = 1024;
    while (cap < Math.max(this.expected, this.size) * 2) cap *= 2;
    const table = (this.table = new Int32Array(2 * cap));
    const mask = cap - 1;
    for (let e = 0; e < this.size; e++) {
      const h = hashBytes(this.chunks[this.chunkOf[e]!]!, this.starts[e]!, this.ends[e]!);
      let s = h & mask;
      while (table[2 * s] !== 0) s = (s + 1) & mask;
      table[2 * s] = e + 1;
      table[2 * s + 1] = h;
    }
    return table;
  }

  /** Append an entry known to be greater than every other (ASCII bytes, sorted input). */
  appendSorted(c: number, a: number, b: number): number {
    const id = this.size;
    if (id === 0) this.sorted = true;
    this.setEntry(id, c, a, b);
    this.size++;
    return id;
  }

  /** The slot of bytes [a, b) with hash h: its entry's slot (≥ 0), or −1 − the empty slot. */
  private probe(bytes: Uint8Array, a: number, b: number, h: number): number {
    const table = this.index();
    const mask = (table.length >> 1) - 1;
    let s = h & mask;
    for (;;) {
      const e = table[2 * s]!;
      if (e === 0) return -1 - s;
      if (table[2 * s + 1] === h && this.same(e - 1, bytes, a, b)) return s;
      s = (s + 1) & mask;
    }
  }

  /** The code of bytes [a, b) of chunk `c`, added when new. */
  code(c: number, a: number, b: number): number {
    const bytes = this.chunks[c]!;
    const h = hashBytes(bytes, a, b);
    const p = this.probe(bytes, a, b, h);
    if (p >= 0) return this.table[2 * p]! - 1;
    this.sorted = false;
    const id = this.size;
    if (!ascii(bytes, a, b)) {
      const text = decodeSlice(bytes, a, b);
      if (text.includes('\uFFFD')) {
        const known = this.replaced.get(text);
        if (known !== undefined) return known;
        this.replaced.set(text, id);
      }
    }
    this.setEntry(id, c, a, b);
    this.table[2 * (-1 - p)] = id + 1;
    this.table[2 * (-1 - p) + 1] = h;
    this.size++;
    if (this.size * 4 > this.table.length) this.rehash(this.table.length);
    return id;
  }

  /** The code of an id given as bytes, or −1 when absent. */
  find(bytes: Uint8Array, a: number, b: number): number {
    const p = this.probe(bytes, a, b, hashBytes(bytes, a, b));
    if (p >= 0) return this.table[2 * p]! - 1;
    if (this.replaced.size && !ascii(bytes, a, b)) return this.replaced.get(decodeSlice(bytes, a, b)) ?? -1;
    return -1;
  }

  /** The text of an id. */
  text(e: number): string {
    return decodeSlice(this.chunks[this.chunkOf[e]!]!, this.starts[e]!, this.ends[e]!);
  }

  /** The code in `other` of each code of this dictionary (−1 where `other` lacks the id). */
  translate(other: KeyDictionary): Int32Array {
    if (this.sorted && other.sorted) return this.merge(other);
    const out = new Int32Array(this.size);
    for (let e = 0; e < this.size; e++) out[e] = other.find(this.chunks[this.chunkOf[e]!]!, this.starts[e]!, this.ends[e]!);
    return out;
  }

  /** `translate` of two sorted dictionaries: one pass over both. */
  private merge(other: KeyDictionary): Int32Array {
    const out = new Int32Array(this.size).fill(-1);
    let j = 0;
    for (let e = 0; e < this.size && j < other.size; e++) {
      const bytes = this.chunks[this.chunkOf[e]!]!;
      const a = this.starts[e]!;
      const b = this.ends[e]!;
      let c = -1;
      while (j < other.size && (c = compareBytes(other.chunks[other.chunkOf[j]!]!, other.starts[j]!, other.ends[j]!, bytes, a, b)) < 0) j++;
      if (j < other.size && c === 0) out[e] = j;
    }
    return out;
  }
}

/** An id column: per row the code of its id (−1 for null), and the distinct ids. */
export interface KeyCodes {
  /** Per row, the id's code, or −1. */
  readonly codes: Int32Array;
  /** The distinct ids. */
  readonly dict: KeyDictionary;
}

function validAt(bitmap: Uint8Array | null | undefined, offset: number, i: number): boolean {
  if (!bitmap) return true;
  const j = i + offset;
  return ((bitmap[j >> 3]! >> (j & 7)) & 1) === 1;
}

/**
 * Codes of a Utf8 id column read in non-decreasing byte order, with no null and only ASCII bytes
 * (ids exported sorted): one code per run of equal ids, with no hashing. False, leaving `dict`
 * to be discarded, when the column is not such a column.
 */
function sortedKeys(v: Vector, codes: Int32Array, dict: KeyDictionary): boolean {
  let prev: Uint8Array | undefined;
  let pa = 0;
  let pb = 0;
  let code = -1;
  let k = 0;
  for (const d of v.data as Data[]) {
    if (d.nullCount > 0) return false;
    const offsets = d.valueOffsets as Int32Array;
    const bytes = d.values as Uint8Array;
    // ASCII only: one pass over the chunk's bytes.
    for (let j = offsets[0]!, end = offsets[d.length]!; j < end; j++) if (bytes[j]! >= 0x80) return false;
    const c = dict.chunk(bytes);
    for (let i = 0; i < d.length; i++, k++) {
      const a = offsets[i]!;
      const b = offsets[i + 1]!;
      const order = prev ? compareBytes(bytes, a, b, prev, pa, pb) : 1;
      if (order < 0) return false;
      if (order > 0) code = dict.appendSorted(c, a, b);
      codes[k] = code;
      prev = bytes;
      pa = a;
      pb = b;
    }
  }
  return true;
}

/** Hash an id column (Utf8; other types through their text). */
export function encodeKeys(v: Vector): KeyCodes {
  const n = v.length;
  const codes = new Int32Array(n);
  let dict = new KeyDictionary(n);
  if (!DataType.isUtf8(v.type)) {
    // Not canonical (ids are text): through the text of each value.
    const e = encodeVector(v);
    let textCodes: Int32Array;
    let text: readonly string[];
    if (e.kind === 'code') ({ codes: textCodes, dict: text } = e);
    else {
      const index = new Map<string, number>();
      const list: string[] = [];
      textCodes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const x = e.data[i]!;
        if (e.kind === 'num' ? Number.isNaN(x) : x === 2) {
          textCodes[i] = -1;
          continue;
        }
        const s = e.kind === 'num' ? String(x) : String(x === 1);
        let c = index.get(s);
        if (c === undefined) index.set(s, (c = list.push(s) - 1));
        textCodes[i] = c;
      }
      text = list;
    }
    const enc = new TextEncoder();
    const xlate = text.map((s) => {
      const bytes = enc.encode(s);
      return dict.code(dict.chunk(bytes), 0, bytes.length);
    });
    for (let i = 0; i < n; i++) codes[i] = textCodes[i]! < 0 ? -1 : xlate[textCodes[i]!]!;
    return { codes, dict };
  }
  if (sortedKeys(v, codes, dict)) return { codes, dict };
  dict = new KeyDictionary(n);
  let k = 0;
  for (const d of v.data as Data[]) {
    const offsets = d.valueOffsets as Int32Array;
    const c = dict.chunk(d.values as Uint8Array);
    const bitmap = d.nullCount > 0 ? d.nullBitmap : null;
    const off = d.offset;
    for (let i = 0; i < d.length; i++, k++) codes[k] = validAt(bitmap, off, i) ? dict.code(c, offsets[i]!, offsets[i + 1]!) : -1;
  }
  return { codes, dict };
}
