/**
 * A dataset's own divisions list: `divisions.csv` beside the tables (the columns of
 * `guizhou-divisions.csv`), for data of a province other than Guizhou.
 */
import { decodeText } from '../../io/decode.js';
import { parseDivisions, type Divisions } from '../../schema/divisions.js';
import type { FindingCollector } from '../finding.js';

/** The file name of a dataset's own divisions list. */
export const DIVISIONS_FILE = 'divisions.csv';

/** The divisions list among a dataset's files, or undefined (with a finding when it is not valid). */
export function divisionsFromFiles(files: readonly { readonly name: string; readonly bytes: Uint8Array }[], out: FindingCollector): Divisions | undefined {
  const f = files.find((x) => (x.name.split(/[\\/]/).pop() ?? x.name) === DIVISIONS_FILE);
  if (!f) return undefined;
  const ctx = { table: null, file: f.name };
  const text = decodeText(f.bytes, 'auto', ctx, out);
  if (text === null) return undefined;
  const d = parseDivisions(text);
  if (typeof d === 'string') {
    out.add('error', 'bad_divisions', ctx, {}, { detail: d });
    return undefined;
  }
  return d;
}
