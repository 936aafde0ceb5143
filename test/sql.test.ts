/**
 * The SQL compiler: golden SQL per dialect (test/__snapshots__/sql/), then the same text
 * executed — on DuckDB (duckdb-wasm, and native DuckDB when installed) and on PostgreSQL —
 * must give the arquero engine's frame sums exactly. Also: literals never reach the text,
 * names are always quoted.
 */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  duckdbDialect, frameQuery, plan, postgresDialect, quoteIdent, type Dataset, type Dialect, type FrameSums,
} from '@houfu/core';
import { arqueroEngine } from '@houfu/core/arquero';
import { nativeDuckDBAvailable, openDuckDBNative, openDuckDBWasm, type DuckDBConnector } from '@houfu/core/duckdb';
import { loadIntoPostgres } from '@houfu/core/postgres';
import { loadDataset } from '@houfu/core/node';
import { startPostgres, warnSkipped, type TestPostgres } from './helpers/postgres.js';
import { EDGE_DEFINITIONS, keyedSums, SQL_CASES, sumsFromRows } from './helpers/sql-defs.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const data: Record<string, Dataset> = {};
let wasm: DuckDBConnector;
let native: DuckDBConnector | undefined;
let server: TestPostgres | undefined;
let client: pg.Client | undefined;

beforeAll(async () => {
  for (const d of ['hand', 'hand-periods'] as const) data[d] = await loadDataset(here(`./fixtures/${d}`));
  wasm = await openDuckDBWasm();
  if (await nativeDuckDBAvailable()) native = await openDuckDBNative({ threads: 1 });
  const s = await startPostgres();
  if ('reason' in s) warnSkipped(s.reason);
  else {
    server = s;
    client = new pg.Client(s.url);
    await client.connect();
  }
  for (const [name, ds] of Object.entries(data)) {
    const schema = name.replace('-', '_');
    for (const c of [wasm, native]) {
      if (!c) continue;
      await c.query({ text: `CREATE SCHEMA ${schema}`, params: [] });
      for (const [t, table] of Object.entries(ds.tables)) await c.loadTable(t, table, schema);
    }
    if (server) await loadIntoPostgres(server.url, ds, { schema });
  }
}, 180_000);

afterAll(async () => {
  await wasm?.close();
  await native?.close();
  await client?.end();
  await server?.stop();
});

const show = (q: { text: string; params: readonly unknown[] }) => `-- params: ${JSON.stringify(q.params)}\n${q.text}\n`;

describe('golden SQL, executed', () => {
  for (const c of SQL_CASES) {
    for (const dialect of [duckdbDialect, postgresDialect] as Dialect[]) {
      it(`${c.name} (${dialect.name})`, async () => {
        const ds = data[c.data]!;
        const p = plan(ds, c.defs, { by: c.by, ...(c.breakdown ? { breakdown: c.breakdown } : {}) });
        const queries = p.frames.map((f) => frameQuery(f, { dialect, naming: {}, dataset: ds }));
        await expect(queries.map(show).join('\n')).toMatchFileSnapshot(`./__snapshots__/sql/${c.name}.${dialect.name}.sql`);
        const want = keyedSums(p, await arqueroEngine.run(p, ds));
        expect(Object.keys(want).length).toBeGreaterThan(0);
        const schema = c.data.replace('-', '_');
        const runners: [string, (text: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>][] = [];
        if (dialect.name === 'duckdb') {
          for (const [label, conn] of [['duckdb-wasm', wasm], ['duckdb-native', native]] as const)
            if (conn) runners.push([label, async (text, params) => {
              await conn.query({ text: `SET search_path = '${schema}'`, params: [] });
              return conn.query({ text, params: params as never });
            }]);
        } else if (client) {
          const cl = client;
          runners.push(['postgres', async (text, params) => {
            await cl.query(`SET search_path TO ${schema}`);
            return (await cl.query({ text, values: [...params] })).rows;
          }]);
        }
        for (const [label, runQuery] of runners) {
          const sums: FrameSums[] = [];
          for (const [i, q] of queries.entries()) {
            const rows = await runQuery(q.text, q.params);
            sums.push(sumsFromRows(p.frames[i]!, rows, q.periodic));
          }
          expect(keyedSums(p, sums), label).toEqual(want);
        }
      });
    }
  }
});

describe('SQL text', () => {
  it('binds every literal as a parameter and quotes every name', () => {
    const ds = data['hand']!;
    const p = plan(ds, EDGE_DEFINITIONS, { by: 'site' });
    for (const dialect of [duckdbDialect, postgresDialect]) {
      const all = p.frames.map((f) => frameQuery(f, { dialect, naming: { tables: { persons: 'ren"kou' }, columns: { persons: { sex: "xing'bie" } } }, dataset: ds }));
      const text = all.map((q) => q.text).join('\n');
      const params = all.flatMap((q) => q.params);
      expect(params).toEqual(expect.arrayContaining(['苗族', "O'Brien; \"x\"", '520200', 'school', 1990.5, 'female']));
      for (const v of ['苗族', "O'Brien", '520200', 'school', '1990.5', "'female'"]) expect(text).not.toContain(v);
      expect(text).toContain('"ren""kou"');
      expect(text).toContain(`"xing'bie"`);
    }
  });

  it('refuses names a database would truncate or cannot hold', () => {
    expect(() => quoteIdent(postgresDialect, 'x'.repeat(64))).toThrow(/longer than 63 bytes/);
    expect(() => quoteIdent(postgresDialect, '人'.repeat(22))).toThrow(/longer than 63 bytes/);
    expect(quoteIdent(postgresDialect, '人'.repeat(21))).toBe(`"${'人'.repeat(21)}"`);
    expect(() => quoteIdent(duckdbDialect, 'a\u0000b')).toThrow(/NUL/);
    expect(() => quoteIdent(duckdbDialect, '')).toThrow(/empty/);
    expect(quoteIdent(duckdbDialect, 'a"b')).toBe('"a""b"');
  });
});
