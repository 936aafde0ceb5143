/**
 * Fast construction of Arrow vectors from canonical JS columns. apache-arrow's generic
 * builders cost seconds per million strings; these write the buffers directly
 * (offsets and UTF-8 bytes, bit-packed booleans, validity bitmaps).
 */
import { Bool, Float64, Int32, makeData, makeVector, Utf8, type DataType, type Vector } from 'apache-arrow';

const isNull = (v: unknown): boolean => v === null || v === undefined;

function validity(values: ArrayLike<unknown>): { bitmap: Uint8Array | undefined; nulls: number } {
  const n = values.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (isNull(values[i])) nulls++;
  if (nulls === 0) return { bitmap: undefined, nulls };
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (!isNull(values[i])) bitmap[i >> 3]! |= 1 << (i & 7);
  return { bitmap, nulls };
}

/** A Utf8 vector from text values (null stays null; other values are written as text). */
export function utf8Vector(values: ArrayLike<unknown>): Vector<Utf8> {
  const n = values.length;
  const { bitmap, nulls } = validity(values);
  const offsets = new Int32Array(n + 1);
  const enc = new TextEncoder();
  let buf = new Uint8Array(Math.max(64, n * 8));
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!isNull(v)) {
      const s = typeof v === 'string' ? v : String(v);
      if (pos + s.length * 3 > buf.length) {
        const next = new Uint8Array(Math.max(buf.length * 2, pos + s.length * 3));
        next.set(buf.subarray(0, pos));
        buf = next;
      }
      let ascii = true;
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        buf[pos + k] = c;
      }
      pos += ascii ? s.length : enc.encodeInto(s, buf.subarray(pos)).written;
    }
    offsets[i + 1] = pos;
  }
  const data = buf.slice(0, pos);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data }));
}

/** A Bool vector from true/false/null values. */
export function boolVector(values: ArrayLike<unknown>): Vector<Bool> {
  const n = values.length;
  const { bitmap, nulls } = validity(values);
  const bits = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3]! |= 1 << (i & 7);
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data: bits }));
}

/** An Int32 or Float64 vector from numbers and nulls. */
export function numberVector(values: ArrayLike<unknown>, type: Int32 | Float64): Vector<Int32 | Float64> {
  const n = values.length;
  const { bitmap, nulls } = validity(values);
  const data = type instanceof Int32 ? new Int32Array(n) : new Float64Array(n);
  if (nulls === 0 && (values instanceof Int32Array || values instanceof Float64Array)) data.set(values);
  else for (let i = 0; i < n; i++) data[i] = isNull(values[i]) ? 0 : (values[i] as number);
  return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap: bitmap, data } as never)) as unknown as Vector<Int32 | Float64>;
}

/** A vector of a canonical Arrow type (Utf8, Bool, Int32, Float64). */
export function buildVector(values: ArrayLike<unknown>, type: DataType): Vector {
  if (type instanceof Utf8) return utf8Vector(values);
  if (type instanceof Bool) return boolVector(values);
  if (type instanceof Int32 || type instanceof Float64) return numberVector(values, type);
  throw new TypeError(`no builder for Arrow type ${String(type)}`);
}
