/**
 * The two Parquet readers: parquet-wasm (into Arrow columns) and hyparquet (into JS values) are
 * independent decoders; the datasets they give must be the same, table by table, for files
 * written by houfu and for a file written by DuckDB with its own types (BIGINT, DATE, VARCHAR).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toObjects } from '@houfu/core';
import { buildDataset, type RawTable } from '../src/dataset.js';
import { loadDataset, writeTables } from '@houfu/core/node';
import { parquetReader, readParquet, readParquetValues } from '../src/io/parquet.js';
import type { TableName } from '../src/schema/tables.js';

const HAND_PERIODS = fileURLToPath(new URL('../../../test/fixtures/hand-periods/', import.meta.url));
const tmp = await mkdtemp(join(tmpdir(), 'houfu-parquet-readers-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A dataset from a folder of Parquet files, each read by `read`. */
async function datasetWith(dir: string, read: (b: Uint8Array) => Promise<RawTable>) {
  const tables: Partial<Record<TableName, RawTable>> = {};
  for (const n of await readdir(dir)) if (n.endsWith('.parquet')) tables[n.slice(0, -8) as TableName] = await read(new Uint8Array(await readFile(join(dir, n))));
  return buildDataset(tables, { today: '2026-01-01' });
}

describe('Parquet readers', () => {
  it('reads through parquet-wasm here (it is installed), into Arrow tables', async () => {
    expect(await parquetReader()).toBe('parquet-wasm');
    const src = await loadDataset(HAND_PERIODS);
    const dir = join(tmp, 'houfu');
    await writeTables(dir, src.tables, 'parquet');
    const t = await readParquet(new Uint8Array(await readFile(join(dir, 'persons.parquet'))));
    expect(Array.isArray((t as Record<string, unknown>)['person_id'])).toBe(false);
  });

  it('gives the same dataset as hyparquet for houfu files (monthly, with nulls)', async () => {
    const src = await loadDataset(HAND_PERIODS);
    const dir = join(tmp, 'houfu2');
    await writeTables(dir, src.tables, 'parquet');
    const a = await datasetWith(dir, readParquet);
    const b = await datasetWith(dir, readParquetValues);
    expect(a.findings).toEqual(b.findings);
    for (const name of Object.keys(b.tables) as TableName[]) expect(toObjects(a.tables[name]!), name).toEqual(toObjects(b.tables[name]!));
  });

  it('gives the same dataset as hyparquet for files DuckDB rewrote with its own types (DATE, BIGINT)', async () => {
    const src = await loadDataset(HAND_PERIODS);
    const dir = join(tmp, 'duckdb');
    await writeTables(dir, src.tables, 'parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rewrite = async (table: string, replace: string) => {
      const f = join(dir, `${table}.parquet`);
      await db.run(`COPY (SELECT * REPLACE (${replace}) FROM read_parquet('${f}')) TO '${f}.tmp' (FORMAT parquet)`);
      await import('node:fs/promises').then((fs) => fs.rename(`${f}.tmp`, f));
    };
    await rewrite('sites', 'CAST(opened_on AS DATE) AS opened_on');
    await rewrite('management_units', 'CAST(population AS BIGINT) AS population');
    const a = await datasetWith(dir, readParquet);
    const b = await datasetWith(dir, readParquetValues);
    expect(a.findings).toEqual(b.findings);
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Both give back the columns the CSV fixture holds (read by the CSV reader, a third path).
    for (const t of ['sites', 'management_units'] as const) {
      expect(toObjects(a.tables[t]!), t).toEqual(toObjects(src.tables[t]!));
      expect(toObjects(b.tables[t]!), t).toEqual(toObjects(src.tables[t]!));
    }
  });
});
