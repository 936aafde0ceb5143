/**
 * An independent Parquet reader for the fuzz tests: native DuckDB (`read_parquet`), which
 * shares no code with hyparquet. The bytes go through a temporary file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The part of @duckdb/node-api used here (resolved from packages/core, which depends on it). */
interface Conn {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): unknown[]; columnNames(): string[] }>;
  closeSync?(): void;
}
interface Api {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<Conn> }> };
}
const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));
let conn: Conn | undefined;
const dir = mkdtempSync(join(tmpdir(), 'houfu-fuzz-pq-'));
let n = 0;

/** Columns of a Parquet file as DuckDB reads them, or why DuckDB refuses it. */
export async function parquetOracle(bytes: Uint8Array): Promise<{ columns: Record<string, unknown[]> } | { malformed: string }> {
  if (!conn) {
    const api = (await import(require.resolve('@duckdb/node-api'))) as Api;
    conn = await (await api.DuckDBInstance.create(':memory:')).connect();
  }
  const file = join(dir, `f${n++}.parquet`);
  writeFileSync(file, bytes);
  try {
    const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    const columns: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
    for (const name of reader.columnNames()) columns[name] = rows.map((r) => (typeof r[name] === 'bigint' ? Number(r[name]) : (r[name] ?? null)));
    return { columns };
  } catch (e) {
    return { malformed: (e as Error).message };
  } finally {
    rmSync(file, { force: true });
  }
}

/** Close DuckDB and remove the temporary folder. */
export async function closeOracle(): Promise<void> {
  conn?.closeSync?.();
  conn = undefined;
  rmSync(dir, { recursive: true, force: true });
}
