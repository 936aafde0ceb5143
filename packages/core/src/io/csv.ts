/**
 * CSV parsing straight into dictionary-coded text columns: the bytes are tokenized once (RFC
 * 4180 quoting, with d3-dsv's rules for odd input), each distinct cell text of a column is
 * decoded once, and each row costs one code per column — no row objects, no per-cell strings.
 * UTF-8 is checked strictly on the way (a cell that is not valid UTF-8 stops the parse); rows
 * with the wrong number of fields and repeated headers are findings naming the row.
 */
import { makeData, makeVector, Utf8, type Vector } from 'apache-arrow';
import type { FindingCollector, FindingContext } from '../validate/finding.js';
import type { TextColumn } from './columnar.js';
import { lineOfInvalidUtf8, type TextEncoding } from './decode.js';
import { fastUtf8Check, isValidUtf8, validUtf8Values } from './utf8.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Thrown when a cell is not valid UTF-8. */
export class InvalidUtf8 extends Error {}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// While a file already checked as UTF-8 as a whole is parsed, its cells need no check of their own
// (a cell ends at an ASCII delimiter, which never falls inside a character).
let checkedFile = false;

/** Decode UTF-8 bytes strictly (ASCII without TextDecoder). */
function decode(bytes: Uint8Array, a: number, b: number): string {
  if (b - a < 64) {
    let s = '';
    for (let j = a; j < b; j++) {
      const c = bytes[j]!;
      if (c >= 0x80) return decodeStrict(bytes, a, b);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decodeStrict(bytes, a, b);
}

function decodeStrict(bytes: Uint8Array, a: number, b: number): string {
  try {
    return fatal.decode(bytes.subarray(a, b));
  } catch {
    throw new InvalidUtf8();
  }
}

/** Rows after which a column whose texts are mostly distinct (ids, names) is kept as bytes. */
const PLAIN_AFTER = 4096;

/**
 * A growing column: codes per row and a hash table over the bytes of its distinct texts. A column
 * whose texts are mostly distinct switches to plain UTF-8 bytes and offsets (an Arrow Utf8 column
 * at the end): no hashing, no decoding, its UTF-8 checked once at the end.
 */
class ColumnBuilder {
  codes = new Int32Array(1024);
  length = 0;
  dict: string[] = [];
  private plain: { bytes: Uint8Array; offsets: Int32Array; at: number } | undefined;
  private last = -1;
  private slots = new Int32Array(1 << 8).fill(-1);
  private hashes = new Int32Array(128);
  private starts = new Int32Array(129);
  private arena = new Uint8Array(1024);

  push(bytes: Uint8Array, a: number, b: number): void {
    const p = this.plain;
    if (p) {
      if (p.at + (b - a) > p.bytes.length) p.bytes = grown(p.bytes, p.at + (b - a), p.at);
      if (this.length + 1 >= p.offsets.length) p.offsets = grownInts(p.offsets);
      p.bytes.set(bytes.subarray(a, b), p.at);
      p.at += b - a;
      p.offsets[++this.length] = p.at;
      return;
    }
    // A cell equal to the cell above takes its code (compared with the kept bytes of that text).
    const last = this.last;
    if (last >= 0) {
      const ea = this.starts[last]!;
      if (this.starts[last + 1]! - ea === b - a) {
        const arena = this.arena;
        let j = 0;
        while (j < b - a && arena[ea + j] === bytes[a + j]) j++;
        if (j === b - a) {
          if (this.length === this.codes.length) this.codes = grownInts(this.codes);
          this.codes[this.length++] = last;
          return;
        }
      }
    }
    let h = 2166136261;
    for (let j = a; j < b; j++) h = Math.imul(h ^ bytes[j]!, 16777619);
    h |= 0;
    const mask = this.slots.length - 1;
    let s = h & mask;
    let code = -1;
    for (;;) {
      const e = this.slots[s]!;
      if (e < 0) break;
      if (this.hashes[e] === h && this.same(e, bytes, a, b)) {
        code = e;
        break;
      }
      s = (s + 1) & mask;
    }
    if (code < 0) code = this.add(bytes, a, b, h, s);
    if (this.length === this.codes.length) this.codes = grownInts(this.codes);
    this.codes[this.length++] = this.last = code;
    if (this.length === PLAIN_AFTER && this.dict.length * 2 > this.length) this.toPlain();
  }

  /** Keep the column as bytes from now on: the rows so far are written out from their codes. */
  private toPlain(): void {
    const n = this.length;
    const offsets = new Int32Array(Math.max(1024, n * 2));
    let size = 0;
    for (let i = 0; i < n; i++) size += this.starts[this.codes[i]! + 1]! - this.starts[this.codes[i]!]!;
    const bytes = new Uint8Array(Math.max(size * 4, 1 << 16));
    let at = 0;
    for (let i = 0; i < n; i++) {
      const c = this.codes[i]!;
      bytes.set(this.arena.subarray(this.starts[c]!, this.starts[c + 1]!), at);
      at += this.starts[c + 1]! - this.starts[c]!;
      offsets[i + 1] = at;
    }
    this.plain = { bytes, offsets, at };
    this.dict = [];
    this.codes = new Int32Array(0);
    this.slots = new Int32Array(0);
  }

  private same(e: number, bytes: Uint8Array, a: number, b: number): boolean {
    const ea = this.starts[e]!;
    if (this.starts[e + 1]! - ea !== b - a) return false;
    const arena = this.arena;
    for (let j = 0; j < b - a; j++) if (arena[ea + j] !== bytes[a + j]) return false;
    return true;
  }

  private add(bytes: Uint8Array, a: number, b: number, h: number, slot: number): number {
    const value = decode(bytes, a, b);
    const id = this.dict.length;
    if (id + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const starts = new Int32Array(hashes.length + 1);
      starts.set(this.starts);
      this.starts = starts;
    }
    const at = this.starts[id]!;
    if (at + (b - a) > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, at + (b - a)));
      arena.set(this.arena.subarray(0, at));
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(a, b), at);
    this.starts[id + 1] = at + (b - a);
    this.hashes[id] = h;
    this.dict.push(value);
    this.slots[slot] = id;
    if (this.dict.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let e = 0; e < this.dict.length; e++) {
      let s = this.hashes[e]! & mask;
      while (slots[s]! >= 0) s = (s + 1) & mask;
      slots[s] = e;
    }
    this.slots = slots;
  }

  /**
   * The column, with `rows` rows (missing trailing fields are empty text). Throws
   * {@link InvalidUtf8} when a column kept as bytes is not UTF-8.
   */
  finish(rows: number): TextColumn | Vector<Utf8> {
    const empty = new Uint8Array(0);
    while (this.length < rows) this.push(empty, 0, 0);
    const p = this.plain;
    if (p) {
      const n = this.length;
      const valueOffsets = p.offsets.subarray(0, n + 1);
      if (!checkedFile && !validUtf8Values(p.bytes, valueOffsets, n)) throw new InvalidUtf8();
      return makeVector(makeData({ type: new Utf8(), length: n, nullCount: 0, valueOffsets, data: p.bytes.subarray(0, p.at) }));
    }
    return { kind: 'text', codes: this.codes.slice(0, this.length), dict: this.dict, bytes: { arena: this.arena, starts: this.starts } };
  }
}

/** A copy of `x` with room for at least `need` bytes, keeping its first `used`. */
function grown(x: Uint8Array, need: number, used: number): Uint8Array {
  const y = new Uint8Array(Math.max(x.length * 2, need));
  y.set(x.subarray(0, used));
  return y;
}

/** A copy of `x`, twice as long. */
function grownInts(x: Int32Array): Int32Array<ArrayBuffer> {
  const y = new Int32Array(x.length * 2);
  y.set(x);
  return y;
}

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII and stray bytes). */
const seqLength = (b: number): number => (b < 0xc2 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : b < 0xf5 ? 4 : 1);

/**
 * Parse UTF-8 CSV bytes (no BOM) into text columns keyed by header; null when the header is
 * unusable; with `keep`, only those columns (the others are still read for UTF-8). Throws
 * {@link InvalidUtf8} (before adding any finding) when a cell is not UTF-8.
 */
export function parseCSVBytes(text: Uint8Array, ctx: FindingContext, out: FindingCollector, keep?: readonly string[]): Record<string, TextColumn | Vector<Utf8>> | null {
  // With a native check (Node), the whole file is checked once, before any finding.
  if (fastUtf8Check()) {
    if (!isValidUtf8(text)) throw new InvalidUtf8();
    checkedFile = true;
  }
  try {
    return parseChecked(text, ctx, out, keep);
  } finally {
    checkedFile = false;
  }
}

function parseChecked(text: Uint8Array, ctx: FindingContext, out: FindingCollector, keep?: readonly string[]): Record<string, TextColumn | Vector<Utf8>> | null {
  let N = text.length;
  let I = 0;
  let eof = N <= 0;
  let eol = false;
  if (text[N - 1] === LF) --N;
  if (text[N - 1] === CR) --N;
  let scratch = new Uint8Array(256);
  // The current token: bytes [ta, tb) of `tok` (the text itself, or `scratch` for unescaped quotes).
  let tok: Uint8Array = text;
  let ta = 0;
  let tb = 0;

  /** Next token: 0 a field, 1 end of line, 2 end of file. */
  const token = (): 0 | 1 | 2 => {
    if (eof) return 2;
    if (eol) {
      eol = false;
      return 1;
    }
    const j = I;
    let i: number;
    if (text[j] === QUOTE) {
      while ((I++ < N && text[I] !== QUOTE) || text[++I] === QUOTE);
      if ((i = I) >= N) eof = true;
      else {
        const c = text[I++]!;
        if (c === LF) eol = true;
        else if (c === CR) {
          eol = true;
          if (text[I] === LF) ++I;
        } else if (c >= 0x80) {
          // The character after a closing quote is taken as a delimiter, whatever it is.
          const n = seqLength(c);
          decode(text, I - 1, Math.min(I - 1 + n, text.length));
          I += n - 1;
        }
      }
      // Unescape "" inside the quotes.
      const a = Math.min(j + 1, text.length);
      const b = Math.min(Math.max(a, i - 1), text.length);
      let quotes = false;
      for (let k = a; k < b; k++) if (text[k] === QUOTE) quotes = true;
      if (!quotes) {
        tok = text;
        ta = a;
        tb = b;
        return 0;
      }
      if (scratch.length < b - a) scratch = new Uint8Array(b - a);
      let w = 0;
      for (let k = a; k < b; k++) {
        scratch[w++] = text[k]!;
        if (text[k] === QUOTE && text[k + 1] === QUOTE) k++;
      }
      tok = scratch;
      ta = 0;
      tb = w;
      return 0;
    }
    while (I < N) {
      const c = text[(i = I++)]!;
      if (c === LF) eol = true;
      else if (c === CR) {
        eol = true;
        if (text[I] === LF) ++I;
      } else if (c !== COMMA) continue;
      tok = text;
      ta = j;
      tb = i;
      return 0;
    }
    eof = true;
    tok = text;
    ta = j;
    tb = N;
    return 0;
  };

  // Header row.
  const names: string[] = [];
  let t = token();
  while (t === 0) {
    names.push(decode(tok, ta, tb).trim());
    t = token();
  }
  if (names.length === 0 || (names.length === 1 && names[0] === '')) {
    decodeStrict(text, 0, text.length);
    out.add('error', 'bad_csv', ctx, { row: null }, { detail: 'the file has no header row' });
    return null;
  }
  const seen = new Set<string>();
  for (const h of names) {
    if (seen.has(h)) {
      decodeStrict(text, 0, text.length);
      out.add('error', 'bad_csv', ctx, { column: h }, { detail: `header "${h}" appears twice` });
      return null;
    }
    seen.add(h);
  }
  const width = names.length;
  // Columns not kept are tokenized and checked for UTF-8, but not stored.
  const cols = names.map((h) => (keep && !keep.includes(h) ? null : new ColumnBuilder()));
  const empty = new Uint8Array(0);
  // Rows with a wrong number of fields, reported once the whole file is known to be UTF-8.
  const badRows: number[] = [];
  const badCounts: number[] = [];
  let rows = 0;
  let fields = 0;
  const push = (): void => {
    const col = fields < width ? cols[fields] : null;
    if (col) col.push(tok, ta, tb);
    else if (!checkedFile) for (let k = ta; k < tb; k++) if (tok[k]! >= 0x80) decodeStrict(tok, ta, tb);
    fields++;
  };
  const commit = (): void => {
    rows++;
    if (fields !== width) {
      badRows.push(rows);
      badCounts.push(fields);
    }
    for (let c = fields; c < width; c++) cols[c]?.push(empty, 0, 0);
  };
  // Lines holding one empty field are held back: at the end of the file they are not rows.
  let pendingEmpty = 0;
  const flush = (): void => {
    for (; pendingEmpty > 0; pendingEmpty--) {
      fields = 1;
      cols[0]?.push(empty, 0, 0);
      commit();
    }
  };
  while ((t = token()) !== 2) {
    // t is the first field of a row.
    if (tb === ta) {
      t = token();
      if (t !== 0) {
        pendingEmpty++;
        continue;
      }
      flush();
      fields = 1;
      cols[0]?.push(empty, 0, 0);
    } else {
      flush();
      fields = 0;
    }
    while (t === 0) {
      push();
      t = token();
    }
    commit();
  }
  // No prototype: a column named __proto__ or constructor is a column like any other.
  const result: Record<string, TextColumn | Vector<Utf8>> = Object.create(null) as Record<string, TextColumn | Vector<Utf8>>;
  names.forEach((h, i) => {
    const col = cols[i];
    if (col) result[h] = col.finish(rows);
  });
  for (let k = 0; k < badRows.length; k++)
    out.add('error', 'bad_csv', ctx, { row: badRows[k]! }, { detail: `row ${badRows[k]} has ${badCounts[k]} fields, the header has ${width}` });
  return result;
}

/**
 * Read a CSV file's bytes into text columns: UTF-8 with or without BOM, or GB18030/GBK as saved
 * by Chinese Excel. Detection is strict: bytes that are not valid UTF-8 are tried as GB18030,
 * and bytes valid in neither are an error (naming the line), never replacement characters.
 */
export function readCSV(
  bytes: Uint8Array,
  encoding: TextEncoding,
  ctx: FindingContext,
  out: FindingCollector,
  keep?: readonly string[],
): Record<string, TextColumn | Vector<Utf8>> | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === 'utf-8' || bom || encoding === 'auto') {
    try {
      return parseCSVBytes(body, ctx, out, keep);
    } catch (e) {
      if (!(e instanceof InvalidUtf8)) throw e;
      if (encoding === 'utf-8' || bom) {
        out.add('error', 'bad_encoding', ctx, { row: lineOfInvalidUtf8(body) }, { detail: 'invalid UTF-8' });
        return null;
      }
    }
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(body);
  } catch {
    out.add('error', 'bad_encoding', ctx, { row: lineOfInvalidUtf8(body) }, { detail: 'invalid UTF-8 and invalid GB18030' });
    return null;
  }
  if (encoding === 'auto') out.add('info', 'encoding_gb18030', ctx, {});
  return parseCSVBytes(new TextEncoder().encode(text), ctx, out, keep);
}
