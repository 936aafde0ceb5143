/**
 * Fast decoding of Arrow vectors into plain JS arrays (nulls kept). apache-arrow's
 * per-value access decodes each string on every read; engines that work on JS arrays
 * decode each column once with these.
 */
import { DataType, type Vector } from 'apache-arrow';

const utf8 = new TextDecoder();

function validAt(bitmap: Uint8Array | undefined, offset: number, i: number): boolean {
  if (!bitmap) return true;
  const j = i + offset;
  return ((bitmap[j >> 3]! >> (j & 7)) & 1) === 1;
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
      for (let i = 0; i < n; i++, k++) {
        if (!validAt(bitmap, off, i)) {
          out[k] = null;
          continue;
        }
        const a = offsets[off + i]!;
        const b = offsets[off + i + 1]!;
        let s = '';
        let ascii = b - a < 64;
        if (ascii)
          for (let j = a; j < b; j++) {
            const c = bytes[j]!;
            if (c >= 0x80) {
              ascii = false;
              break;
            }
            s += String.fromCharCode(c);
          }
        out[k] = ascii ? s : utf8.decode(bytes.subarray(a, b));
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
        const x = vals[off + i]!;
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
