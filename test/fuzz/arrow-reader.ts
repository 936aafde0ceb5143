/**
 * An independent, strict reader of Arrow IPC streams for the fuzz tests (shares no code with
 * apache-arrow or houfu): the flatbuffers of Schema.fbs and Message.fbs read by hand, for the
 * column types of canonical tables (Utf8, Bool, Int32, Float64), uncompressed, no
 * dictionaries. Anything inconsistent — a buffer outside the body, offsets that go back or
 * past the data, invalid UTF-8, a message cut short — is malformed; a stream that ends between
 * two messages without its end marker is read, and said to be unterminated.
 */

/** Columns by name, or why the bytes are not a table. */
export type ArrowRead = { readonly columns: Record<string, unknown[]>; readonly rows: number; readonly ended: boolean } | { readonly malformed: string };

class Malformed extends Error {}
const fail = (why: string): never => {
  throw new Malformed(why);
};

class Fb {
  constructor(
    private readonly v: DataView,
    readonly base: number,
  ) {}
  private check(p: number, n: number): number {
    if (p < 0 || p + n > this.v.byteLength) fail('flatbuffer read outside the message');
    return p;
  }
  private field(i: number): number {
    const vt = this.base - this.v.getInt32(this.check(this.base, 4), true);
    const size = this.v.getUint16(this.check(vt, 2), true);
    return 4 + 2 * i < size ? this.v.getUint16(this.check(vt + 4 + 2 * i, 2), true) : 0;
  }
  u8(i: number): number {
    const o = this.field(i);
    return o ? this.v.getUint8(this.check(this.base + o, 1)) : 0;
  }
  i16(i: number): number {
    const o = this.field(i);
    return o ? this.v.getInt16(this.check(this.base + o, 2), true) : 0;
  }
  i32(i: number): number {
    const o = this.field(i);
    return o ? this.v.getInt32(this.check(this.base + o, 4), true) : 0;
  }
  i64(i: number): number {
    const o = this.field(i);
    return o ? Number(this.v.getBigInt64(this.check(this.base + o, 8), true)) : 0;
  }
  private ref(i: number): number | undefined {
    const o = this.field(i);
    if (!o) return undefined;
    const p = this.base + o;
    return p + this.v.getUint32(this.check(p, 4), true);
  }
  table(i: number): Fb | undefined {
    const p = this.ref(i);
    return p === undefined ? undefined : new Fb(this.v, this.check(p, 4));
  }
  string(i: number): string {
    const p = this.ref(i);
    if (p === undefined) return '';
    const n = this.v.getUint32(this.check(p, 4), true);
    this.check(p + 4, n);
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(this.v.buffer, this.v.byteOffset + p + 4, n));
  }
  /** Tables of a vector. */
  tables(i: number): Fb[] {
    const p = this.ref(i);
    if (p === undefined) return [];
    const n = this.v.getUint32(this.check(p, 4), true);
    this.check(p + 4, 4 * n);
    return Array.from({ length: n }, (_, k) => {
      const e = p + 4 + 4 * k;
      return new Fb(this.v, this.check(e + this.v.getUint32(e, true), 4));
    });
  }
  /** A vector of structs: start and count. */
  structs(i: number, size: number): { start: number; n: number } {
    const p = this.ref(i);
    if (p === undefined) return { start: 0, n: 0 };
    const n = this.v.getUint32(this.check(p, 4), true);
    this.check(p + 4, size * n);
    return { start: p + 4, n };
  }
}

type Kind = 'utf8' | 'bool' | 'int32' | 'float64';

function kindOf(f: Fb): Kind {
  const type = f.u8(2);
  const t = f.table(3);
  if (f.table(4)) fail('dictionary-encoded field');
  if (type === 5) return 'utf8';
  if (type === 6) return 'bool';
  if (type === 2 && t && t.i32(0) === 32 && t.u8(1) === 1) return 'int32';
  if (type === 3 && t && t.i16(0) === 2) return 'float64';
  return fail(`unsupported type ${type}`);
}

/** Read an Arrow IPC stream. */
export function readArrowStream(bytes: Uint8Array): ArrowRead {
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof Malformed || e instanceof RangeError || e instanceof TypeError) return { malformed: (e as Error).message };
    throw e;
  }
}

function read(bytes: Uint8Array): ArrowRead {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  let fields: { name: string; kind: Kind }[] | undefined;
  const columns: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  let rows = 0;
  let ended = false;
  for (;;) {
    if (p === bytes.length && fields) break;
    if (p + 8 > bytes.length) fail('cut inside a message header');
    if (v.getInt32(p, true) !== -1) fail('no continuation marker');
    const len = v.getInt32(p + 4, true);
    if (len === 0) {
      ended = true;
      break;
    }
    if (len < 0 || p + 8 + len > bytes.length) fail('metadata outside the stream');
    const meta = new DataView(bytes.buffer, bytes.byteOffset + p + 8, len);
    const m = new Fb(meta, meta.getUint32(0, true));
    const type = m.u8(1);
    const body = m.i64(3);
    const bodyAt = p + 8 + len;
    if (body < 0 || bodyAt + body > bytes.length) fail('body outside the stream');
    const h = m.table(2) ?? fail('message without header');
    if (type === 1) {
      if (fields) fail('a second schema');
      fields = h.tables(1).map((f) => ({ name: f.string(0), kind: kindOf(f) }));
      if (new Set(fields.map((f) => f.name)).size !== fields.length) fail('repeated field name');
      for (const f of fields) columns[f.name] = [];
    } else if (type === 3) {
      if (!fields) fail('a batch before the schema');
      if (h.table(3)) fail('compressed batch');
      const n = h.i64(0);
      const nodes = h.structs(1, 16);
      const bufs = h.structs(2, 16);
      if (nodes.n !== fields!.length) fail('nodes do not match the fields');
      const buffer = (k: number): Uint8Array => {
        if (k >= bufs.n) fail('too few buffers');
        const off = Number(meta.getBigInt64(bufs.start + 16 * k, true));
        const blen = Number(meta.getBigInt64(bufs.start + 16 * k + 8, true));
        if (off < 0 || blen < 0 || off + blen > body) fail('buffer outside the body');
        return bytes.subarray(bodyAt + off, bodyAt + off + blen);
      };
      let b = 0;
      for (let k = 0; k < fields!.length; k++) {
        const f = fields![k]!;
        const len2 = Number(meta.getBigInt64(nodes.start + 16 * k, true));
        const nulls = Number(meta.getBigInt64(nodes.start + 16 * k + 8, true));
        if (len2 !== n) fail('a column of another length');
        const validity = buffer(b++);
        if (nulls > 0 && validity.length < Math.ceil(n / 8)) fail('short validity bitmap');
        const valid = (i: number): boolean => nulls === 0 || ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
        let counted = 0;
        for (let i = 0; i < n; i++) if (!valid(i)) counted++;
        if (counted !== nulls) fail('null count does not match the bitmap');
        const out = columns[f.name]!;
        if (f.kind === 'utf8') {
          const offs = buffer(b++);
          const data = buffer(b++);
          if (offs.length < 4 * (n + 1)) fail('short offsets');
          const o = new DataView(offs.buffer, offs.byteOffset, offs.length);
          const dec = new TextDecoder('utf-8', { fatal: true });
          for (let i = 0; i < n; i++) {
            const a = o.getInt32(4 * i, true);
            const z = o.getInt32(4 * i + 4, true);
            if (a < 0 || z < a || z > data.length) fail('offsets outside the data');
            out.push(valid(i) ? dec.decode(data.subarray(a, z)) : null);
          }
        } else if (f.kind === 'bool') {
          const bits = buffer(b++);
          if (bits.length < Math.ceil(n / 8)) fail('short booleans');
          for (let i = 0; i < n; i++) out.push(valid(i) ? ((bits[i >> 3]! >> (i & 7)) & 1) === 1 : null);
        } else {
          const width = f.kind === 'int32' ? 4 : 8;
          const vals = buffer(b++);
          if (vals.length < width * n) fail('short values');
          const d = new DataView(vals.buffer, vals.byteOffset, vals.length);
          for (let i = 0; i < n; i++) out.push(valid(i) ? (width === 4 ? d.getInt32(4 * i, true) : d.getFloat64(8 * i, true)) : null);
        }
      }
      rows += n;
    } else fail(`message type ${type}`);
    p = bodyAt + body;
  }
  if (!fields) fail('no schema');
  return { columns, rows, ended };
}
