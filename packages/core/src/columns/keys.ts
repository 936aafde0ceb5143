/**
 * Id columns as hashed codes over their UTF-8 bytes: one code per distinct id, decided on the
 * bytes alone (ids are decoded to text only when a finding names one). Uniqueness and row links
 * are computed on these codes; a child's ids are looked up in its parent's hash table directly.
 */
import { DataType, type Data, type Vector } from 'apache-arrow';
import { encodeVector } from './encode.js';

const utf8 = new TextDecoder();

function decodeSlice(bytes: Uint8Array, a: number, b: number): string {
  return utf8.decode(bytes.subarray(a, b));
}

function ascii(bytes: Uint8Array, a: number, b: number): boolean {
  for (let j = a; j < b; j++) if (bytes[j]! >= 0x80) return false;
  return true;
}

/** A hash table of distinct byte strings (linear probing; entries point into the column's buffers). */
export class KeyDictionary {
  /** Number of distinct ids. */
  size = 0;
  private slots = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(512);
  private starts = new Int32Array(512);
  private ends = new Int32Array(512);
  private chunkOf = new Int32Array(512);
  private readonly chunks: Uint8Array[] = [];
  // Ids that are not ASCII may be invalid UTF-8; those whose text holds a replacement character
  // are matched by text, as decoding makes them equal.
  private readonly replaced = new Map<string, number>();

  /** Register a buffer the entries may point into; returns its index. */
  chunk(bytes: Uint8Array): number {
    return this.chunks.push(bytes) - 1;
  }

  private probe(bytes: Uint8Array, a: number, b: number, h: number): number {
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (;;) {
      const e = this.slots[s]!;
      if (e < 0) return -1 - s;
      if (this.hashes[e] === h && this.same(e, bytes, a, b)) return e;
      s = (s + 1) & mask;
    }
  }

  private static hash(bytes: Uint8Array, a: number, b: number): number {
    let h = 2166136261;
    for (let j = a; j < b; j++) h = Math.imul(h ^ bytes[j]!, 16777619);
    h |= 0;
    return h;
  }

  /** The code of bytes [a, b) of chunk `c`, added when new. */
  code(c: number, a: number, b: number): number {
    const bytes = this.chunks[c]!;
    const h = KeyDictionary.hash(bytes, a, b);
    const p = this.probe(bytes, a, b, h);
    if (p >= 0) return p;
    const id = this.size;
    if (!ascii(bytes, a, b)) {
      const text = decodeSlice(bytes, a, b);
      if (text.includes('\uFFFD')) {
        const known = this.replaced.get(text);
        if (known !== undefined) return known;
        this.replaced.set(text, id);
      }
    }
    if (id === this.hashes.length) this.growEntries();
    this.hashes[id] = h;
    this.starts[id] = a;
    this.ends[id] = b;
    this.chunkOf[id] = c;
    this.slots[-1 - p] = id;
    this.size++;
    if (this.size * 2 > this.slots.length) this.grow();
    return id;
  }

  /** The code of an id given as bytes, or −1 when absent. */
  find(bytes: Uint8Array, a: number, b: number): number {
    const p = this.probe(bytes, a, b, KeyDictionary.hash(bytes, a, b));
    if (p >= 0) return p;
    if (this.replaced.size && !ascii(bytes, a, b)) return this.replaced.get(decodeSlice(bytes, a, b)) ?? -1;
    return -1;
  }

  /** The text of an id. */
  text(e: number): string {
    return decodeSlice(this.chunks[this.chunkOf[e]!]!, this.starts[e]!, this.ends[e]!);
  }

  /** The code in `other` of each code of this dictionary (−1 where `other` lacks the id). */
  translate(other: KeyDictionary): Int32Array {
    const out = new Int32Array(this.size);
    for (let e = 0; e < this.size; e++) out[e] = other.find(this.chunks[this.chunkOf[e]!]!, this.starts[e]!, this.ends[e]!);
    return out;
  }

  private same(e: number, bytes: Uint8Array, a: number, b: number): boolean {
    const ea = this.starts[e]!;
    if (this.ends[e]! - ea !== b - a) return false;
    const eb = this.chunks[this.chunkOf[e]!]!;
    for (let j = 0; j < b - a; j++) if (eb[ea + j] !== bytes[a + j]) return false;
    return true;
  }

  private growEntries(): void {
    const grow = (x: Int32Array): Int32Array<ArrayBuffer> => {
      const y = new Int32Array(x.length * 2);
      y.set(x);
      return y;
    };
    this.hashes = grow(this.hashes);
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.chunkOf = grow(this.chunkOf);
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let e = 0; e < this.size; e++) {
      let s = this.hashes[e]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = e;
    }
    this.slots = slots;
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

/** Hash an id column (Utf8; other types through their text). */
export function encodeKeys(v: Vector): KeyCodes {
  const n = v.length;
  const codes = new Int32Array(n);
  const dict = new KeyDictionary();
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
