/**
 * The buffers of a decoded Arrow table, checked before any value is read: a damaged file can
 * decode into offsets that run backwards or past their data, or buffers shorter than their
 * column, which would read garbage or fail deep inside a later step.
 */
import { DataType, type Data, type Table } from 'apache-arrow';
import { validUtf8Values } from '../../io/utf8.js';

// Set bits per byte value.
const POP = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** Number of set bits [a, b) of a bitmap (least significant bit first). */
function countSetBits(bits: Uint8Array, a: number, b: number): number {
  let n = 0;
  let i = a;
  for (; i < b && (i & 7) !== 0; i++) n += (bits[i >> 3]! >> (i & 7)) & 1;
  for (; i + 8 <= b; i += 8) n += POP[bits[i >> 3]!]!;
  for (; i < b; i++) n += (bits[i >> 3]! >> (i & 7)) & 1;
  return n;
}

function checkData(d: Data, name: string): string | undefined {
  const n = d.length;
  const end = d.offset + n;
  if (n < 0 || d.offset < 0) return `column ${name} has a negative length`;
  if (d.nullCount > 0 && (d.nullBitmap?.length ?? 0) * 8 < end) return `column ${name} has a short validity bitmap`;
  const bits = d.nullBitmap;
  if (bits && bits.length > 0 && bits.length * 8 >= end) {
    const nulls = end - countSetBits(bits, d.offset, end);
    // Which rows are unknown must be beyond doubt: the count in the metadata and the bitmap agree.
    if (d.nullCount >= 0 && nulls !== d.nullCount) return `column ${name} says ${d.nullCount} values are missing, its bitmap ${nulls}`;
  }
  if (DataType.isUtf8(d.type) || DataType.isBinary(d.type)) {
    const o = d.valueOffsets as Int32Array | undefined;
    const v = d.values as Uint8Array | undefined;
    if (!o || o.length < n + 1) return `column ${name} has too few offsets`;
    let prev = o[0]!;
    if (prev < 0) return `column ${name} has a negative offset`;
    for (let i = 1; i <= n; i++) {
      const x = o[i]!;
      if (x < prev) return `the offsets of column ${name} run backwards`;
      prev = x;
    }
    if (prev > (v?.length ?? 0)) return `the offsets of column ${name} point past its data`;
    // Text must be UTF-8 (a reader would put replacement characters in its place): the bytes
    // as a whole, and no value starting inside a character.
    if (DataType.isUtf8(d.type) && v && !validUtf8Values(v, o, n)) return `column ${name} holds text that is not UTF-8`;
  } else if (DataType.isBool(d.type)) {
    // An all-null column's values are never read; writers may leave its value buffer empty.
    if (d.nullCount < n && (d.values?.length ?? 0) * 8 < end) return `column ${name} has too few values`;
  } else if (DataType.isInt(d.type) || DataType.isFloat(d.type) || DataType.isDate(d.type) || DataType.isTimestamp(d.type)) {
    if ((d.values?.length ?? 0) < n) return `column ${name} has too few values`;
  }
  for (const c of d.children) {
    const why = checkData(c, name);
    if (why) return why;
  }
  if (d.dictionary) for (const c of d.dictionary.data) {
    const why = checkData(c, name);
    if (why) return why;
  }
  return undefined;
}

/** Why a decoded Arrow table's buffers do not hold its columns, or undefined. */
export function checkArrowData(t: Table): string | undefined {
  for (const f of t.schema.fields) {
    const col = t.getChild(f.name);
    if (!col) continue;
    for (const d of col.data) {
      const why = checkData(d, f.name);
      if (why) return why;
    }
  }
  return undefined;
}
