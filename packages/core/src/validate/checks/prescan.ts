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
