/**
 * Text decoding of table files: UTF-8 with or without BOM, or GB18030/GBK as saved by
 * Chinese Excel. Detection is strict: bytes that are not valid UTF-8 are tried as
 * GB18030, and bytes valid in neither are an error, never replacement characters.
 */
import type { FindingCollector, FindingContext } from '../validate/finding.js';

/** Text encodings a table file may use. */
export type TextEncoding = 'auto' | 'utf-8' | 'gb18030';

/** Decode bytes to text; null (with a finding) when they cannot be decoded. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding, ctx: FindingContext, out: FindingCollector): string | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === 'utf-8' || bom || encoding === 'auto') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch (e) {
      if (encoding === 'utf-8' || bom) {
        out.add('error', 'bad_encoding', ctx, { row: lineOfInvalidUtf8(body) }, { detail: 'invalid UTF-8' });
        return null;
      }
    }
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    if (encoding === 'auto') out.add('info', 'encoding_gb18030', ctx, {});
    return text;
  } catch {
    out.add('error', 'bad_encoding', ctx, { row: lineOfInvalidUtf8(body) }, { detail: 'invalid UTF-8 and invalid GB18030' });
    return null;
  }
}

/** The 1-based data row (line − 1) holding the first invalid UTF-8 sequence, for the finding. */
export function lineOfInvalidUtf8(bytes: Uint8Array): number | null {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) return line - 1 || null;
    for (let k = 1; k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line - 1 || null;
    i += n;
  }
  return null;
}
