/**
 * Raw columns to canonical Arrow columns, column by column. A text column (CSV, or an Arrow
 * Utf8 column) is read through its dictionary: each distinct cell text is read once and the
 * verdict mapped back to the rows that hold it. Arrow columns that already have the canonical
 * type are kept as they are (no copy); other types go through JS values, one column at a time.
 * Findings are the same, in the same order, as reading every cell one by one.
 */
import { Bool, DataType, Float64, Int32, makeData, makeVector, Utf8, Vector } from 'apache-arrow';
import { encodeVector, type CodeColumn, type Encoded } from '../columns/encode.js';
import { decodeVector } from '../columns/decode.js';
import { TYPE_TEXT } from '../messages/index.js';
import type { ColumnSpec, ColumnType } from '../schema/tables.js';
import type { FindingCollector, FindingContext } from '../validate/finding.js';
import { buildVector } from './build.js';
import { coerceColumn, readCell, textColumn, type CellValue } from './coerce.js';

/** A raw text column as per-row codes into its distinct cell texts (−1: no value). */
export interface TextColumn {
  readonly kind: 'text';
  /** Per row, the index of its text in `dict`, or −1. */
  readonly codes: Int32Array;
  /** Distinct cell texts. */
  readonly dict: readonly string[];
  /** Their UTF-8 bytes, when the reader kept them: text `e` is `arena[starts[e]..starts[e + 1]]`. */
  readonly bytes?: { readonly arena: Uint8Array; readonly starts: Int32Array };
  /** The Utf8 vector the codes were read from, kept as the canonical column when no text changes. */
  readonly source?: Vector;
}

/** A Utf8 vector as a text column (its dictionary built once, the vector kept as its source). */
export function textOfVector(v: Vector): TextColumn {
  const e = encodeVector(v) as CodeColumn;
  return { kind: 'text', codes: e.codes, dict: e.dict, source: v };
}

/** A raw column: an Arrow vector, a dictionary-coded text column, or JS values. */
export type RawColumn = Vector | TextColumn | ArrayLike<unknown>;

/** A canonical column and, when it was built on the way, its encoding for the engines. */
export interface CanonicalColumn {
  /** The column with its canonical Arrow type. */
  readonly vector: Vector;
  /** Its encoding (dictionary codes, three-valued bytes or doubles), when built. */
  readonly encoding?: Encoded;
}

/** Whether a raw column is a dictionary-coded text column. */
export function isTextColumn(c: RawColumn): c is TextColumn {
  return (c as TextColumn).kind === 'text' && (c as TextColumn).codes instanceof Int32Array;
}

/** Number of rows of a raw column. */
export function rawLength(c: RawColumn): number {
  return isTextColumn(c) ? c.codes.length : c.length;
}

const ARROW_TYPE: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  code: () => new Utf8(),
  date: () => new Utf8(),
  period: () => new Utf8(),
  boolean: () => new Bool(),
  integer: () => new Int32(),
  number: () => new Float64(),
};

/** The canonical Arrow type of a column type. */
export function arrowTypeOf(type: ColumnType): DataType {
  return ARROW_TYPE[type]();
}

const isText = (t: ColumnType): boolean => t === 'string' || t === 'code' || t === 'date' || t === 'period';
const EXTRA: ColumnSpec = { name: '', type: 'string', required: false };

/** A JS array of texts (and nulls) as a text column; undefined when it holds other values. */
function textOfArray(raw: ArrayLike<unknown>): TextColumn | undefined {
  const n = raw.length;
  const codes = new Int32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    if (typeof v !== 'string') return undefined;
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = dict.push(v) - 1));
    codes[i] = c;
  }
  return { kind: 'text', codes, dict };
}

/** A Utf8 vector from codes into distinct texts (each text encoded once). */
export function utf8FromCodes(codes: Int32Array, dict: readonly string[]): Vector<Utf8> {
  const enc = new TextEncoder();
  const bytes = dict.map((s) => enc.encode(s));
  const n = codes.length;
  const offsets = new Int32Array(n + 1);
  let size = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c < 0) nulls++;
    else size += bytes[c]!.length;
  }
  const data = new Uint8Array(size);
  const bitmap = nulls ? new Uint8Array((n + 7) >> 3) : undefined;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0) {
      const b = bytes[c]!;
      if (b.length === 1) data[pos] = b[0]!;
      else data.set(b, pos);
      pos += b.length;
      if (bitmap) bitmap[i >> 3]! |= 1 << (i & 7);
    }
    offsets[i + 1] = pos;
  }
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data }));
}

/** A Utf8 vector from codes into texts held as bytes (`skip[e]` non-zero: null). */
function utf8FromArena(codes: Int32Array, skip: Uint8Array, arena: Uint8Array, starts: Int32Array): Vector<Utf8> {
  const n = codes.length;
  const offsets = new Int32Array(n + 1);
  let size = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c < 0 || skip[c]) nulls++;
    else size += starts[c + 1]! - starts[c]!;
  }
  const data = new Uint8Array(size);
  const bitmap = nulls ? new Uint8Array((n + 7) >> 3) : undefined;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0 && !skip[c]) {
      const a = starts[c]!;
      const b = starts[c + 1]!;
      for (let j = a; j < b; j++) data[pos++] = arena[j]!;
      if (bitmap) bitmap[i >> 3]! |= 1 << (i & 7);
    }
    offsets[i + 1] = pos;
  }
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data }));
}

/** A Bool vector from three-valued bytes (0 false, 1 true, 2 null). */
function boolFromTri(tri: Uint8Array): Vector<Bool> {
  const n = tri.length;
  const bits = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) if (tri[i] === 2) nulls++;
  const bitmap = nulls ? new Uint8Array((n + 7) >> 3) : undefined;
  for (let i = 0; i < n; i++) {
    const t = tri[i]!;
    if (t === 1) bits[i >> 3]! |= 1 << (i & 7);
    if (bitmap && t !== 2) bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap: bitmap, data: bits }));
}

/** An Int32 or Float64 vector from doubles (NaN: null). */
function numberFromDoubles(x: Float64Array, integer: boolean): Vector {
  const n = x.length;
  let nulls = 0;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i]!)) nulls++;
  const bitmap = nulls ? new Uint8Array((n + 7) >> 3) : undefined;
  const data = integer ? new Int32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    data[i] = v;
    if (bitmap) bitmap[i >> 3]! |= 1 << (i & 7);
  }
  const type = integer ? new Int32() : new Float64();
  return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap: bitmap, data } as never)) as Vector;
}

const blankText = (s: string): boolean => s.trim() === '';

/**
 * Coerce a dictionary-coded text column: each distinct text is read once; findings are then
 * listed row by row, in row order. `source`, when given, is the Utf8 vector the codes came
 * from: it is kept when no text changes.
 */
function coerceText(spec: ColumnSpec, col: TextColumn | CodeColumn, label: string, ctx: FindingContext, out: FindingCollector, source?: Vector): CanonicalColumn {
  const { codes, dict } = col;
  const m = dict.length;
  const n = codes.length;
  // 0: read, 1: blank, 2: unreadable.
  const state = new Uint8Array(m);
  const mapped = new Array<CellValue>(m);
  let blank = 0;
  let bad = 0;
  let changed = false;
  for (let e = 0; e < m; e++) {
    const s = dict[e]!;
    if (blankText(s)) {
      state[e] = 1;
      blank++;
      mapped[e] = null;
      continue;
    }
    const c = readCell(spec.type, s);
    if (c === undefined) {
      state[e] = 2;
      bad++;
      mapped[e] = null;
    } else {
      mapped[e] = c;
      if (c !== s) changed = true;
    }
  }
  if (spec.required || blank || bad) {
    const code = spec.type === 'date' ? 'bad_date' : spec.type === 'period' ? 'bad_period' : 'bad_type';
    const detail = TYPE_TEXT[spec.type]?.en ?? spec.type;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      const st = c < 0 ? 1 : state[c]!;
      if (st === 0) continue;
      if (st === 1) {
        if (spec.required) out.add('error', 'required_null', ctx, { row: i + 1, column: label }, { column: spec.name });
      } else out.add('error', code, ctx, { row: i + 1, column: label, value: dict[c] }, { detail });
    }
  }
  if (isText(spec.type)) {
    if (source && !changed && !blank && !bad) return { vector: source, encoding: { kind: 'code', codes, dict } };
    if (!changed) {
      // Texts stay as they are; blank and unreadable ones become null.
      const xlate = new Int32Array(m);
      const dict2: string[] = [];
      for (let e = 0; e < m; e++) xlate[e] = state[e] === 0 ? dict2.push(dict[e]!) - 1 : -1;
      const codes2 = blank || bad ? codes.map((c) => (c < 0 ? -1 : xlate[c]!)) : codes;
      const bytes = (col as TextColumn).bytes;
      const vector = bytes ? utf8FromArena(codes, state, bytes.arena, bytes.starts) : utf8FromCodes(codes2, dict2);
      return { vector, encoding: { kind: 'code', codes: codes2, dict: dict2 } };
    }
    // Distinct texts after reading (trimmed codes, ISO dates…): one code each, in order of first use.
    const index = new Map<string, number>();
    const dict2: string[] = [];
    const xlate = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const v = mapped[e];
      if (v === null || v === undefined) {
        xlate[e] = -1;
        continue;
      }
      const s = v as string;
      let c = index.get(s);
      if (c === undefined) index.set(s, (c = dict2.push(s) - 1));
      xlate[e] = c;
    }
    const codes2 = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      codes2[i] = c < 0 ? -1 : xlate[c]!;
    }
    return { vector: utf8FromCodes(codes2, dict2), encoding: { kind: 'code', codes: codes2, dict: dict2 } };
  }
  if (spec.type === 'boolean') {
    const t = new Uint8Array(m);
    for (let e = 0; e < m; e++) t[e] = mapped[e] === true ? 1 : mapped[e] === false ? 0 : 2;
    const tri = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      tri[i] = c < 0 ? 2 : t[c]!;
    }
    return { vector: boolFromTri(tri), encoding: { kind: 'tri', data: tri } };
  }
  const x = new Float64Array(m);
  for (let e = 0; e < m; e++) x[e] = typeof mapped[e] === 'number' ? (mapped[e] as number) : NaN;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    data[i] = c < 0 ? NaN : x[c]!;
  }
  return { vector: numberFromDoubles(data, spec.type === 'integer'), encoding: { kind: 'num', data } };
}

/** Required-null findings of an Arrow column kept as it is. */
function nullFindings(spec: ColumnSpec, v: Vector, label: string, ctx: FindingContext, out: FindingCollector): void {
  if (!spec.required || v.nullCount === 0) return;
  let k = 0;
  for (const d of v.data) {
    const bitmap = d.nullBitmap;
    for (let i = 0; i < d.length; i++, k++) {
      const j = d.offset + i;
      if (d.nullCount > 0 && bitmap && ((bitmap[j >> 3]! >> (j & 7)) & 1) === 0)
        out.add('error', 'required_null', ctx, { row: k + 1, column: label }, { column: spec.name });
    }
  }
}

const utf8 = new TextDecoder();

/** Whether a Utf8 vector holds a blank text (empty or white space only). */
function hasBlank(v: Vector): boolean {
  for (const d of v.data) {
    const offsets = d.valueOffsets as Int32Array;
    const bytes = d.values as Uint8Array;
    const bitmap = d.nullCount > 0 ? d.nullBitmap : undefined;
    for (let i = 0; i < d.length; i++) {
      const a = offsets[i]!;
      const b = offsets[i + 1]!;
      const c = bytes[a]!;
      // A first byte that starts neither white space nor a character JS trims (the lead bytes
      // of U+00A0, U+1680, U+2000–U+205F, U+3000 and U+FEFF) makes the text non-blank.
      if (b > a && c > 0x20 && c !== 0xc2 && c !== 0xe1 && c !== 0xe2 && c !== 0xe3 && c !== 0xef) continue;
      if (bitmap) {
        const j = d.offset + i;
        if (((bitmap[j >> 3]! >> (j & 7)) & 1) === 0) continue;
      }
      if (b === a || utf8.decode(bytes.subarray(a, b)).trim() === '') return true;
    }
  }
  return false;
}

/** Whether every valid value of a Float64 vector is finite (NaN and infinities need reading). */
function allFinite(v: Vector): boolean {
  for (const d of v.data) {
    const vals = d.values as Float64Array;
    const bitmap = d.nullCount > 0 ? d.nullBitmap : undefined;
    for (let i = 0; i < d.length; i++) {
      const x = vals[i]!;
      if (x - x !== 0) {
        if (!bitmap) return false;
        const j = d.offset + i;
        if (((bitmap[j >> 3]! >> (j & 7)) & 1) === 1) return false;
      }
    }
  }
  return true;
}

/** JS values of an Arrow vector (dates and timestamps as Date), for the cell-by-cell path. */
function valuesOf(v: Vector): unknown[] {
  const values = decodeVector(v);
  if (DataType.isDate(v.type) || DataType.isTimestamp(v.type))
    for (let i = 0; i < values.length; i++) if (typeof values[i] === 'number') values[i] = new Date(values[i] as number);
  return values;
}

/** Plain text (ids, names) from JS strings: blank cells are null, written straight into a Utf8 column. */
function plainTextOfArray(spec: ColumnSpec, raw: ArrayLike<unknown>, label: string, ctx: FindingContext, out: FindingCollector): CanonicalColumn | undefined {
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (typeof v !== 'string' && v !== null && v !== undefined) return undefined;
  }
  let values: ArrayLike<unknown> = raw;
  let copied: (string | null)[] | undefined;
  for (let i = 0; i < n; i++) {
    const v = raw[i] as string | null | undefined;
    const c = v === null || v === undefined ? -1 : v.charCodeAt(0);
    if (c > 0x20 && c < 0x80) continue;
    if (v === null || v === undefined || v.trim() === '') {
      if (spec.required) out.add('error', 'required_null', ctx, { row: i + 1, column: label }, { column: spec.name });
      if (v !== null && v !== undefined) (copied ??= Array.from(raw as ArrayLike<string | null>))[i] = null;
    }
  }
  if (copied) values = copied;
  return { vector: buildVector(values, new Utf8()) };
}

/**
 * JS booleans or numbers that already are canonical values (e.g. from a Parquet reader) read
 * without cell-by-cell coercion; undefined when any value needs reading.
 */
function typedOfArray(spec: ColumnSpec, raw: ArrayLike<unknown>): { column: CanonicalColumn; nulls: number[] } | undefined {
  const n = raw.length;
  const nulls: number[] = [];
  if (spec.type === 'boolean') {
    const tri = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      if (v === true) tri[i] = 1;
      else if (v === false) tri[i] = 0;
      else if (v === null || v === undefined) {
        tri[i] = 2;
        nulls.push(i);
      } else return undefined;
    }
    return { column: { vector: boolFromTri(tri), encoding: { kind: 'tri', data: tri } }, nulls };
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    const data = new Float64Array(n);
    const integer = spec.type === 'integer';
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      if (typeof v === 'number') {
        if (integer ? !Number.isInteger(v) || Math.abs(v) > 2147483647 : !Number.isFinite(v)) return undefined;
        data[i] = v;
      } else if (v === null || v === undefined) {
        data[i] = NaN;
        nulls.push(i);
      } else return undefined;
    }
    return { column: { vector: numberFromDoubles(data, integer), encoding: { kind: 'num', data } }, nulls };
  }
  return undefined;
}

/**
 * A raw column as a canonical column of `spec` (null spec: an extra column, kept as text).
 * Unreadable cells are findings and become null.
 */
export function canonicalColumn(spec: ColumnSpec | null, raw: RawColumn, header: string, ctx: FindingContext, out: FindingCollector): CanonicalColumn {
  const s = spec ?? EXTRA;
  const label = spec && header !== spec.name ? `${spec.name} [${header}]` : header;
  if (isTextColumn(raw)) return coerceText(s, raw, label, ctx, out, raw.source);
  if (raw instanceof Vector) {
    const t = raw.type as DataType;
    if (DataType.isUtf8(t)) {
      // Plain text (ids, names): kept unless a cell is blank, decided on the bytes.
      if (s.type === 'string' && !s.values && !hasBlank(raw)) {
        if (spec) nullFindings(spec, raw, label, ctx, out);
        return { vector: raw };
      }
      return coerceText(s, encodeVector(raw) as CodeColumn, label, ctx, out, raw);
    }
    if (spec && ((spec.type === 'boolean' && DataType.isBool(t)) || (spec.type === 'integer' && DataType.isInt(t) && (t as Int32).bitWidth === 32 && (t as Int32).isSigned))) {
      nullFindings(spec, raw, label, ctx, out);
      return { vector: raw };
    }
    if (spec?.type === 'number' && DataType.isFloat(t) && (t as Float64).precision === 2 && allFinite(raw)) {
      nullFindings(spec, raw, label, ctx, out);
      return { vector: raw };
    }
    return canonicalColumn(spec, valuesOf(raw), header, ctx, out);
  }
  if (s.type === 'string' && !s.values) {
    const plain = plainTextOfArray(s, raw, label, ctx, out);
    if (plain) return plain;
  }
  const text = textOfArray(raw);
  if (text) return coerceText(s, text, label, ctx, out);
  const typed = spec && typedOfArray(spec, raw);
  if (typed) {
    if (spec.required) for (const i of typed.nulls) out.add('error', 'required_null', ctx, { row: i + 1, column: label }, { column: spec.name });
    return typed.column;
  }
  if (!spec) return { vector: buildVector(textColumn(raw), new Utf8()) };
  return { vector: buildVector(coerceColumn(spec, raw, header, ctx, out), arrowTypeOf(spec.type)) };
}
