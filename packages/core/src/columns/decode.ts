/**
 * Fast decoding of Arrow vectors into plain JS arrays (nulls kept). apache-arrow's
 * per-value access decodes each string on every read; engines that work on JS arrays
 * decode each column once with these.
 */
import { DataType, type Vector } from 'apache-arrow';

const utf8 = new TextDecoder();

// In a sliced Data, apache-arrow slices value offsets and fixed-width values but keeps
// bit-packed buffers (validity, booleans) whole, with `offset` pointing into them.
function validAt(bitmap: Uint8Array | undefined, offset: number, i: number): boolean {
  if (!bitmap) return true;
  const j = i + offset;
  return ((bitmap[j >> 3]! >> (j & 7)) & 1) === 1;
}

/**
 * Decodes UTF-8 slices of one buffer into strings, sharing one string among equal short
 * values (enumerations, codes): fewer allocations, less memory. It stops interning when
 * values turn out mostly distinct (ids).
 */
class Interner {
  private readonly buckets = new Map<number, { a: number; b: number; s: string }[]>();
  private seen = 0;
  private hits = 0;
  private active = true;

  constructor(private readonly bytes: Uint8Array) {}

  get(a: number, b: number): string {
    const bytes = this.bytes;
    if (!this.active || b - a > 24) return decodeSlice(bytes, a, b);
    let h = 2166136261;
    for (let j = a; j < b; j++) h = Math.imul(h ^ bytes[j]!, 16777619);
    const bucket = this.buckets.get(h);
    this.seen++;
    if (bucket)
      for (const e of bucket)
        if (e.b - e.a === b - a) {
          let same = true;
          for (let j = 0; j < b - a; j++)
            if (bytes[e.a + j] !== bytes[a + j]) {
              same = false;
              break;
            }
          if (same) {
            this.hits++;
            return e.s;
          }
        }
    const s = decodeSlice(bytes, a, b);
    if (bucket) bucket.push({ a, b, s });
    else this.buckets.set(h, [{ a, b, s }]);
    if (this.seen === 4096 && this.hits < 2048) {
      this.active = false;
      this.buckets.clear();
    }
    return s;
  }
}

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

/** Decode a vector into a JS array: strings, booleans, numbers, or null. */
export function decodeVector(v: Vector): unknown[] {
  const out = new Array<unknown>(v.length);
  let k = 0;
  for (const d of v.data) {
    const n = d.length;
    const bitmap = d.nullCount > 0 ? d.nullBitmap : undefined;
    const off = d.offset;
    if (DataType.isUtf8(d.type)) {
      const offsets = d.valueOffsets as Int32Array;
      const bytes = d.values as Uint8Array;
      const intern = new Interner(bytes);
      for (let i = 0; i < n; i++, k++) {
        if (!validAt(bitmap, off, i)) {
          out[k] = null;
          continue;
        }
        out[k] = intern.get(offsets[i]!, offsets[i + 1]!);
      }
    } else if (DataType.isBool(d.type)) {
      const bits = d.values as Uint8Array;
      for (let i = 0; i < n; i++, k++) {
        const j = off + i;
        out[k] = validAt(bitmap, off, i) ? ((bits[j >> 3]! >> (j & 7)) & 1) === 1 : null;
      }
    } else if (DataType.isInt(d.type) || DataType.isFloat(d.type)) {
      const vals = d.values as ArrayLike<number | bigint>;
      for (let i = 0; i < n; i++, k++) {
        const x = vals[i]!;
        out[k] = validAt(bitmap, off, i) ? (typeof x === 'bigint' ? Number(x) : x) : null;
      }
    } else {
      for (let i = 0; i < n; i++, k++) {
        const x = v.get(k);
        out[k] = x === undefined ? null : typeof x === 'bigint' ? Number(x) : x;
      }
    }
  }
  return out;
}
