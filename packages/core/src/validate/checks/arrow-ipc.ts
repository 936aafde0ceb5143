/**
 * A pre-scan of Arrow IPC bytes before decoding: every message (schema, dictionary and record
 * batches) must lie inside the file; a file (`ARROW1` … `ARROW1`) must end with its footer
 * and magic; a stream should end with its end-of-stream marker. A stream cut exactly between
 * two batches is indistinguishable from a shorter one but for that marker: a warning.
 * The flatbuffer fields are read by hand (Message.fbs, File.fbs), sharing no code with the reader.
 */
import type { FindingCollector, FindingContext } from '../finding.js';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // ARROW1

/** Minimal flatbuffer table access over a DataView; out-of-range reads throw RangeError. */
class Fb {
  constructor(
    readonly v: DataView,
    readonly base: number,
  ) {}
  /** The root table of a buffer that starts at `base`. */
  static root(v: DataView, base: number): Fb {
    return new Fb(v, base + v.getUint32(base, true));
  }
  private field(i: number): number {
    const vt = this.base - this.v.getInt32(this.base, true);
    const size = this.v.getUint16(vt, true);
    const at = 4 + 2 * i;
    return at < size ? this.v.getUint16(vt + at, true) : 0;
  }
  u8(i: number): number {
    const o = this.field(i);
    return o ? this.v.getUint8(this.base + o) : 0;
  }
  i64(i: number): number {
    const o = this.field(i);
    return o ? Number(this.v.getBigInt64(this.base + o, true)) : 0;
  }
  table(i: number): Fb | undefined {
    const o = this.field(i);
    return o ? new Fb(this.v, this.base + o + this.v.getUint32(this.base + o, true)) : undefined;
  }
  /** A vector of structs: its start and length. */
  vector(i: number): { start: number; length: number } | undefined {
    const o = this.field(i);
    if (!o) return undefined;
    const p = this.base + o + this.v.getUint32(this.base + o, true);
    return { start: p + 4, length: this.v.getUint32(p, true) };
  }
}

/** What a walk over the messages found. */
interface Walk {
  /** Rows in the record batches. */
  rows: number;
  /** Record batches. */
  batches: number;
  /** Whether the end-of-stream marker was seen. */
  ended: boolean;
  /** Where the walk stopped. */
  end: number;
  /** Why the bytes are broken, or undefined. */
  broken?: string;
}

const MESSAGE_TYPE = ['none', 'schema', 'dictionary batch', 'record batch'];

function walk(v: DataView, start: number, limit: number, schemaFirst: boolean): Walk {
  const w: Walk = { rows: 0, batches: 0, ended: false, end: start };
  let p = start;
  let k = 0;
  while (p < limit) {
    if (limit - p < 4) return { ...w, broken: `it ends inside the header of message ${k + 1}` };
    let len = v.getInt32(p, true);
    let head = 4;
    if (len === -1) {
      if (limit - p < 8) return { ...w, broken: `it ends inside the header of message ${k + 1}` };
      len = v.getInt32(p + 4, true);
      head = 8;
    }
    if (len === 0) {
      w.ended = true;
      w.end = p + head;
      return w;
    }
    if (len < 0 || p + head + len > limit) return { ...w, broken: `message ${k + 1} needs ${len} bytes of metadata, ${Math.max(0, limit - p - head)} are left` };
    let type: number;
    let body: number;
    let rows = 0;
    try {
      const m = Fb.root(v, p + head);
      type = m.u8(1);
      body = m.i64(3);
      const h = m.table(2);
      if (type === 3 && h) rows = h.i64(0);
    } catch {
      return { ...w, broken: `the metadata of message ${k + 1} is not readable` };
    }
    if (schemaFirst && k === 0 && type !== 1) return { ...w, broken: 'it does not start with a schema' };
    if (body < 0 || p + head + len + body > limit)
      return { ...w, broken: `the ${MESSAGE_TYPE[type] ?? 'message'} ${k + 1} needs ${body} bytes of data, ${Math.max(0, limit - p - head - len)} are left` };
    if (type === 3) {
      w.rows += rows;
      w.batches++;
    }
    p += head + len + body;
    k++;
    w.end = p;
  }
  return w;
}

const hasMagic = (b: Uint8Array, at: number): boolean => at >= 0 && MAGIC.every((c, i) => b[at + i] === c);

/** Check Arrow IPC bytes; true when they cannot be read without losing rows (the finding is added). */
export function scanArrowIPC(bytes: Uint8Array, ctx: FindingContext, out: FindingCollector): boolean {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (detail: string): true => {
    out.add('error', 'truncated_file', ctx, {}, { detail });
    return true;
  };
  if (bytes.length === 0 || (!hasMagic(bytes, 0) && (bytes.length < 4 || v.getInt32(0, true) !== -1))) {
    // Not cut but something else (streams since Arrow 0.15 start with a continuation marker).
    out.add('error', 'unreadable_file', ctx, {}, { detail: bytes.length === 0 ? 'the file is empty' : 'not an Arrow IPC file or stream' });
    return true;
  }
  if (hasMagic(bytes, 0)) {
    // The file format: magic, padding, a stream, the footer, its length, magic.
    if (!hasMagic(bytes, bytes.length - 6)) return broken('an Arrow IPC file must end with ARROW1 after its footer; the end is missing');
    const footerLen = bytes.length >= 16 ? v.getInt32(bytes.length - 10, true) : -1;
    const footerAt = bytes.length - 10 - footerLen;
    if (footerLen <= 0 || footerAt < 8) return broken('the footer length does not fit the file');
    // Writers may leave the schema to the footer.
    const w = walk(v, 8, footerAt, false);
    if (w.broken) return broken(w.broken);
    try {
      const batches = Fb.root(v, footerAt).vector(3);
      for (let i = 0; i < (batches?.length ?? 0); i++) {
        const at = batches!.start + 24 * i;
        const off = Number(v.getBigInt64(at, true));
        const end = off + v.getInt32(at + 8, true) + Number(v.getBigInt64(at + 16, true));
        if (off < 8 || end > footerAt) return broken(`record batch ${i + 1} of the footer lies outside the file`);
      }
      if ((batches?.length ?? 0) !== w.batches) return broken(`the footer lists ${batches?.length ?? 0} record batches, the file holds ${w.batches}`);
    } catch {
      return broken('the footer is not readable');
    }
    return false;
  }
  const w = walk(v, 0, bytes.length, true);
  if (w.broken) return broken(w.broken);
  if (!w.ended) out.add('warning', 'unterminated_stream', ctx, {}, { count: w.rows });
  return false;
}
