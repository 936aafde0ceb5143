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
  duckdbDialect, frameQuery, plan, postgresDialect, quoteIdent, type Dataset, type Dialect, type FrameSums, type IndicatorDefinition, type Plan,
} from '@houfu/core';
import { arqueroEngine } from '@houfu/core/arquero';
import { nativeDuckDBAvailable, openDuckDBNative, openDuckDBWasm, type DuckDBConnector } from '@houfu/core/duckdb';
import { loadIntoPostgres } from '@houfu/core/postgres';
import { loadDataset } from '@houfu/core/node';
import { catalog, family } from '@houfu/indicators';
import { startPostgres, warnSkipped, type TestPostgres } from './helpers/postgres.js';
import { EDGE_DEFINITIONS } from './helpers/sql-defs.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Case {
  name: string;
  data: 'hand' | 'hand-periods';
  defs: readonly IndicatorDefinition[];
  by: 'site' | 'unit';
  breakdown?: string[];
}
const unitIds = ['services.police_room_coverage', 'party.members_elected_per_unit', 'party.units_electing_share', 'four_musts.employment', 'four_musts.training'];
const CASES: Case[] = [
  { name: 'catalog-by-site', data: 'hand', defs: catalog, by: 'site' },
  { name: 'unit', data: 'hand', defs: catalog.filter((d) => unitIds.includes(d.id)), by: 'unit' },
  { name: 'periods-breakdown', data: 'hand-periods', defs: family('four_musts'), by: 'site', breakdown: ['sites.site_type'] },
  { name: 'person-breakdown', data: 'hand-periods', defs: family('employment').filter((d) => d.unit === 'person'), by: 'site', breakdown: ['sex', 'is_demo'] },
  { name: 'edge-cases', data: 'hand', defs: EDGE_DEFINITIONS, by: 'site' },
];

/** Frame sums keyed by group | period | breakdown, for comparing engines regardless of row order. */
function keyed(p: Plan, sums: readonly FrameSums[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  sums.forEach((f, i) => {
    f.group.forEach((g, r) => {
      const key = [i, g, f.period[r], ...f.breakdown.map((b) => b[r])].map(String).join(' | ');
      out[key] = Object.fromEntries(p.frames[i]!.measures.map((m) => [m.id, f.sums[m.id]![r]!]));
    });
  });
  // Groups where every sum is zero may be absent in one engine and present in another.
  for (const k of Object.keys(out)) if (Object.values(out[k]!).every((v) => v === 0)) delete out[k];
  return out;
}

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
  for (const c of CASES) {
    for (const dialect of [duckdbDialect, postgresDialect] as Dialect[]) {
      it(`${c.name} (${dialect.name})`, async () => {
        const ds = data[c.data]!;
        const p = plan(ds, c.defs, { by: c.by, ...(c.breakdown ? { breakdown: c.breakdown } : {}) });
        const queries = p.frames.map((f) => frameQuery(f, { dialect, naming: {}, dataset: ds }));
        await expect(queries.map(show).join('\n')).toMatchFileSnapshot(`./__snapshots__/sql/${c.name}.${dialect.name}.sql`);
        const want = keyed(p, await arqueroEngine.run(p, ds));
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
            const f = p.frames[i]!;
            sums.push({
              group: rows.map((r) => String(r['g'])),
              period: rows.map((r) => (q.periodic ? (r['p'] as string) : null)),
              breakdown: f.breakdown.map((_, b) => rows.map((r) => (r[`b${b}`] === null ? null : String(r[`b${b}`])))),
              sums: Object.fromEntries(f.measures.map((m) => [m.id, rows.map((r) => Number(r[m.id]))])),
            });
          }
          expect(keyed(p, sums), label).toEqual(want);
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
