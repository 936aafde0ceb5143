/**
 * A pre-scan of Parquet bytes before reading: `PAR1` at both ends, a footer that fits the
 * file, row groups whose row counts add up to the file's, and column chunks inside the file.
 * A cut file loses its footer, so it is never read as a shorter table. The page headers of
 * every column chunk are read too (Thrift compact protocol, by hand): a page whose value
 * count or sizes do not fit its chunk would make a reader allocate or loop without end.
 */
import type { FindingCollector, FindingContext } from '../finding.js';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const magicAt = (b: Uint8Array, at: number): boolean => at >= 0 && PAR1.every((c, i) => b[at + i] === c);

/** Check Parquet bytes; true when they cannot be read without losing rows (the finding is added). */
export async function scanParquet(bytes: Uint8Array, ctx: FindingContext, out: FindingCollector): Promise<boolean> {
  const broken = (detail: string): true => {
    out.add('error', 'truncated_file', ctx, {}, { detail });
    return true;
  };
  if (bytes.length < 4 || !magicAt(bytes, 0)) return false; // not Parquet at all: the reader says so
  if (bytes.length < 12 || !magicAt(bytes, bytes.length - 4)) return broken('a Parquet file must end with PAR1 after its footer; the end is missing');
  const footerLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 8, true);
  const footerAt = bytes.length - 8 - footerLen;
  if (footerAt < 4) return broken(`the footer length (${footerLen} bytes) does not fit the file`);
  const { parquetMetadata } = await import('hyparquet');
  let meta: Awaited<ReturnType<typeof parquetMetadata>>;
  try {
    meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return false; // an unreadable footer: the reader's finding names it
  }
  try {
    return checkChunks(meta, footerAt, bytes, broken);
  } catch {
    out.add('error', 'unreadable_file', ctx, {}, { detail: 'not a readable Parquet file (its footer is damaged)' });
    return true;
  }
}

function checkChunks(
  meta: Awaited<ReturnType<typeof import('hyparquet').parquetMetadata>>,
  footerAt: number,
  bytes: Uint8Array,
  broken: (detail: string) => true,
): boolean {
  let sum = 0n;
  for (const [g, rg] of meta.row_groups.entries()) {
    sum += BigInt(rg.num_rows);
    for (const c of rg.columns) {
      const m = c.meta_data;
      if (!m) continue;
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      const end = start + Number(m.total_compressed_size);
      if (start < 4 || end > footerAt) return broken(`column ${m.path_in_schema.join('.')} of row group ${g + 1} lies outside the file`);
    }
  }
  if (sum !== BigInt(meta.num_rows)) return broken(`the row groups hold ${sum} rows, the footer says ${meta.num_rows}`);
  for (const [g, rg] of meta.row_groups.entries())
    for (const c of rg.columns) {
      const m = c.meta_data;
      if (!m) continue;
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      const why = checkPages(bytes, start, start + Number(m.total_compressed_size), Number(m.num_values));
      if (why) return broken(`column ${m.path_in_schema.join('.')} of row group ${g + 1}: ${why}`);
    }
  return false;
}

/** A Thrift compact-protocol struct as field id → value (nested structs likewise; lists skipped). */
type Thrift = Map<number, number | Thrift>;

class ThriftReader {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
    private readonly end: number,
  ) {}
  private byte(): number {
    if (this.pos >= this.end) throw new RangeError('past the chunk');
    return this.b[this.pos++]!;
  }
  private varint(): number {
    let r = 0;
    let mul = 1;
    for (let k = 0; k < 10; k++) {
      const x = this.byte();
      r += (x & 0x7f) * mul;
      if (!(x & 0x80)) return r;
      mul *= 128;
    }
    throw new RangeError('varint too long');
  }
  private zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }
  private skip(type: number, depth: number): number | Thrift {
    switch (type) {
      case 1:
        return 1;
      case 2:
        return 0;
      case 3:
        return this.byte();
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7:
        this.pos += 8;
        return 0;
      case 8: {
        this.pos += this.varint();
        return 0;
      }
      case 9:
      case 10: {
        const h = this.byte();
        const n = h >> 4 === 15 ? this.varint() : h >> 4;
        for (let i = 0; i < n; i++) this.skip(h & 15, depth + 1);
        return 0;
      }
      case 12:
        return this.struct(depth + 1);
      default:
        throw new RangeError(`thrift type ${type}`);
    }
  }
  struct(depth = 0): Thrift {
    if (depth > 8) throw new RangeError('thrift nesting');
    const out: Thrift = new Map();
    let fid = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return out;
      fid = h >> 4 ? fid + (h >> 4) : this.zigzag();
      out.set(fid, this.skip(h & 15, depth));
    }
  }
}

const num = (t: Thrift | undefined, f: number): number => {
  const v = t?.get(f);
  return typeof v === 'number' ? v : -1;
};

/** Why the pages of a column chunk [start, end) do not fit it, or undefined. */
function checkPages(b: Uint8Array, start: number, end: number, values: number): string | undefined {
  const r = new ThriftReader(b, start, end);
  let seen = 0;
  try {
    while (r.pos < end && seen < values) {
      const h = r.struct();
      const compressed = num(h, 3);
      const uncompressed = num(h, 2);
      if (compressed < 0 || uncompressed < 0 || r.pos + compressed > end) return 'a page does not fit its column chunk';
      const v1 = h.get(5);
      const v2 = h.get(8);
      const data = (v1 ?? v2) as Thrift | undefined;
      const dict = h.get(7) as Thrift | undefined;
      if (data instanceof Map) {
        const n = num(data, 1);
        if (n < 0 || seen + n > values) return `a page holds ${n} values, more than the chunk's ${values}`;
        // The required fields of DataPageHeader (1–4) and DataPageHeaderV2 (1–6).
        for (let f = 2; f <= (v2 ? 6 : 4); f++) if (num(data, f) < 0) return 'a page header lacks a required field';
        if (v2 && (num(data, 2) > n || num(data, 5) + num(data, 6) > compressed)) return 'a page header does not fit its page';
        seen += n;
      } else if (dict instanceof Map) {
        const n = num(dict, 1);
        if (n < 0 || n > uncompressed * 8 + 8) return 'a dictionary page holds more values than its size allows';
      }
      r.pos += compressed;
    }
  } catch {
    return 'a page header is not readable';
  }
  return seen === values ? undefined : `its pages hold ${seen} values, the footer says ${values}`;
}
