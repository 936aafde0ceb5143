/**
 * A pre-scan of Parquet bytes before reading: `PAR1` at both ends, a footer that fits the
 * file, row groups whose row counts add up to the file's, and column chunks inside the file.
 * A cut file loses its footer, so it is never read as a shorter table.
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
  return false;
}
