/**
 * Drill-down on the SQL engines: the engines only list row states (one SELECT), `result/`
 * filters, sorts and writes the texts — so DuckDB, PostgreSQL and ClickHouse (two shards) give
 * the kernel's lists, text for text, and the hand fixture's expected households
 * (test/fixtures/hand/README.md).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failingHouseholds, toObjects, type Dataset, type Engine } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { loadIntoPostgres, postgresDataset, postgresEngine } from '@houfu/core/postgres';
import { clickhouseDataset, clickhouseEngine, loadIntoClickHouse } from '@houfu/core/clickhouse';
import { fourMusts } from '@houfu/indicators';
import { clickhouseOrSkip, type TestClickHouse } from './helpers/clickhouse.js';
import { startPostgres, warnSkipped, type TestPostgres } from './helpers/postgres.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const musts = fourMusts.filter((d) => d.unit === 'household');
const data: Record<string, Dataset> = {};
const onPostgres: Record<string, Dataset> = {};
const onClickHouse: Record<string, Dataset> = {};
const closers: (() => Promise<void>)[] = [];
let server: TestPostgres | undefined;
let ch: TestClickHouse | undefined;

beforeAll(async () => {
  for (const d of ['hand', 'hand-periods'] as const) data[d] = await loadDataset(here(`./fixtures/${d}`));
  ch = await clickhouseOrSkip();
  if (ch)
    for (const [name, ds] of Object.entries(data)) {
      const database = `drill_${name.replace('-', '_')}`;
      await loadIntoClickHouse(ch.url, ds, { cluster: ch.cluster, database });
      onClickHouse[name] = await clickhouseDataset({ url: ch.url, database });
    }
  const s = await startPostgres();
  if ('reason' in s) return warnSkipped(s.reason);
  server = s;
  for (const [name, ds] of Object.entries(data)) {
    const schema = `drill_${name.replace('-', '_')}`;
    await loadIntoPostgres(s.url, ds, { schema });
    const opened = await postgresDataset({ connection: s.url, schema });
    onPostgres[name] = opened.dataset;
    closers.push(opened.close);
  }
}, 180_000);

afterAll(async () => {
  for (const close of closers) await close();
  await server?.stop();
  await ch?.stop();
});

const list = async (ds: Dataset, def: (typeof musts)[number], engine: 'kernel' | 'duckdb-wasm' | Engine, options = {}) =>
  toObjects(await failingHouseholds(ds, def, { engine, ...options }));

describe('drill-down on SQL engines', () => {
  it('DuckDB lists the hand fixture’s households failing or unknown on the employment must', async () => {
    const employment = musts.find((d) => d.id === 'four_musts.employment')!;
    const rows = (await list(data['hand']!, employment, 'duckdb-wasm')) as { household_id: string; status: string }[];
    expect(rows.map((r) => [r.household_id, r.status])).toEqual([
      ['H02', 'failed'], ['H05', 'unknown'], ['H07', 'unknown'], ['H11', 'unknown'], ['H12', 'failed'], ['H13', 'unknown'],
    ]);
  });

  for (const name of ['hand', 'hand-periods'])
    it(`DuckDB, PostgreSQL and ClickHouse give the kernel's lists, every household must and status (${name})`, async () => {
      const ds = data[name]!;
      let listed = 0;
      for (const def of musts)
        for (const status of ['failed', 'unknown', 'both'] as const) {
          const want = await list(ds, def, 'kernel', { status });
          listed += want.length;
          expect(await list(ds, def, 'duckdb-wasm', { status }), `${def.id} ${status} duckdb`).toEqual(want);
          if (onPostgres[name]) expect(await list(onPostgres[name]!, def, postgresEngine, { status }), `${def.id} ${status} postgres`).toEqual(want);
          if (onClickHouse[name]) expect(await list(onClickHouse[name]!, def, clickhouseEngine, { status }), `${def.id} ${status} clickhouse`).toEqual(want);
        }
      expect(listed).toBeGreaterThan(0);
    }, 120_000);
});
