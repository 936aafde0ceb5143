/**
 * Byte-level checks of a table file before it is parsed: CSV structure, Arrow IPC and
 * Parquet truncation. They see only the bytes, so they hold whatever reader follows.
 */
import type { TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { scanArrowIPC } from './arrow-ipc.js';
import { scanCSV } from './csv-structure.js';
import { scanParquet } from './parquet.js';

/**
 * Pre-scan a table file; true when it must not be parsed (a finding says why), so that
 * one broken file gives one finding rather than a cascade.
 */
export async function prescan(
  bytes: Uint8Array,
  format: 'csv' | 'parquet' | 'arrow',
  table: TableName,
  file: string,
  out: FindingCollector,
): Promise<boolean> {
  const ctx = { table, file };
  switch (format) {
    case 'csv':
      return scanCSV(bytes, table, ctx, out);
    case 'arrow':
      return scanArrowIPC(bytes, ctx, out);
    case 'parquet':
      return scanParquet(bytes, ctx, out);
  }
}

/**
 * A reader's exception in words a user can act on: its own message when it describes the file,
 * nothing of an internal failure (`Cannot read properties of …`, a RangeError).
 */
export function readerFailure(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (e instanceof TypeError || e instanceof RangeError || /Cannot read prop|undefined|null|is not a function|Invalid typed array|out of bounds|offset/i.test(m))
    return 'its contents are damaged';
  return m.length > 200 ? `${m.slice(0, 200)}…` : m;
}
