/**
 * Where a dataset's tables came from on disk, so that native DuckDB can read the user's own
 * Parquet and CSV files instead of being handed the validated columns. The Node loader marks
 * a dataset it read from a folder; the mark names each file with its size and modification
 * time at validation and the validated Arrow table it produced. Browser-safe (no imports).
 */
import type { Dataset } from '../../dataset.js';
import type { TableName } from '../../schema/tables.js';

/** One table file as validation read it. */
export interface TableFileSource {
  /** Absolute or working-directory-relative path of the file. */
  readonly path: string;
  /** Its format. */
  readonly format: 'csv' | 'parquet' | 'arrow';
  /** Size in bytes when validation read it. */
  readonly size: number;
  /** Modification time (ms since the epoch) when validation read it. */
  readonly mtimeMs: number;
}

/** What the loader knew about the files of a dataset. */
export interface DatasetFileSources {
  /** The files, per table. */
  readonly files: Readonly<Partial<Record<TableName, TableFileSource>>>;
  /** Whether a column mapping (headers or values) was applied. */
  readonly mapped: boolean;
  /** The text encoding asked for (`auto` unless the caller forced one). */
  readonly encoding: string;
}

interface Mark extends DatasetFileSources {
  readonly tables: Dataset['tables'];
}

// A registry symbol, so that the mark survives duplicate copies of this module (ESM and CJS builds).
const MARK = Symbol.for('houfu.duckdb.fileSources');

/**
 * Findings that mean validation rewrote values or headers of a table: the file as it is on
 * disk no longer reads as the validated columns.
 */
const REWRITES = new Set(['encoding_gb18030', 'value_synonym', 'mapped_value', 'obsolete_code', 'bad_mapping', 'mapping_same_header']);

/** Record where a dataset's tables came from (the Node loader calls this). */
export function markFileSources(ds: Dataset, sources: DatasetFileSources): Dataset {
  const mark: Mark = { ...sources, tables: ds.tables };
  Object.defineProperty(ds, MARK, { value: mark, enumerable: false });
  return ds;
}

/**
 * The file a table can be read from directly, or the reason it cannot: the dataset was marked
 * by the loader, the table is still the validated one, no mapping and no rewriting finding
 * touched it, and the file is Parquet or UTF-8 CSV. (Whether its cells are already canonical is
 * checked by DuckDB while reading.)
 */
export function directSource(ds: Dataset, table: TableName): { source: TableFileSource } | { reason: string } {
  const mark = (ds as unknown as Record<symbol, Mark | undefined>)[MARK];
  const source = mark?.files[table];
  if (!mark || !source) return { reason: 'not read from a file on disk' };
  if (mark.tables !== ds.tables || !ds.tables[table]) return { reason: 'the tables are not the ones validated from the files' };
  if (source.format === 'arrow') return { reason: 'Arrow IPC files are handed over as columns' };
  if (mark.mapped) return { reason: 'a column mapping was applied' };
  if (source.format === 'csv' && mark.encoding === 'gb18030') return { reason: 'the CSV file is GB18030 text' };
  const rewrite = ds.findings.find((f) => f.table === table && REWRITES.has(f.code));
  if (rewrite) return { reason: rewrite.code === 'encoding_gb18030' ? 'the CSV file is GB18030 text' : `validation rewrote the table (${rewrite.code})` };
  return { source };
}
