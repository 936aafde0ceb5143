/**
 * Hostile names and values on the SQL engines: quotes, semicolons, `"; DROP TABLE`,
 * backslashes, placeholders, Chinese text and very long strings — in filter values of
 * definitions, in area names and data values, in table names and column mappings. Either a
 * clear validation error, or the same numbers as arquero (and as counted by hand from the
 * rows); only the intended statements run; the database is unchanged.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, eq, rate, toObjects, type Dataset } from '@houfu/core';
import { loadIntoPostgres, postgresDataset, postgresEngine, type Queryable } from '@houfu/core/postgres';
import { startEngines, type Engines } from './helpers/engines.js';
import { hostileDataset, hostileDefinitions as makeDefinitions } from './helpers/hostile.js';

const LONG = '长'.repeat(5000) + "'; DROP TABLE persons; --";
const HOSTILE = [
  "O'Brien",
  '"; DROP TABLE persons; --',
  "'); DROP TABLE sites; --",
  'back\\slash\\',
  '$1 ? :name %s',
  '苗族；“引号”',
  'line\nbreak\ttab',
  LONG,
];

const source = { clause: '测试', clauseEn: 'test', document: 'test' };
const text = (s: string) => ({ zh: s, en: s });
const hostile = (): ReturnType<typeof hostileDataset> => hostileDataset(HOSTILE, 1);
const hostileDefinitions = makeDefinitions(HOSTILE, LONG, 4);

let engines: Engines;
let data: { ds: Dataset; ethnicityCount: number[] };
beforeAll(async () => {
  engines = await startEngines();
  data = hostile();
}, 180_000);
afterAll(async () => {
  await engines?.stop();
});

/** Tables of every user schema with their row counts. */
async function snapshot(client: pg.Client): Promise<Record<string, number>> {
  const tables = await client.query(
    "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
  );
  const out: Record<string, number> = {};
  for (const r of tables.rows) {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const n = await client.query(`SELECT COUNT(*) AS n FROM ${q(r.table_schema)}.${q(r.table_name)}`);
    out[`${r.table_schema}.${r.table_name}`] = Number(n.rows[0].n);
  }
  return out;
}

describe('hostile filter values and area names', () => {
  it('every engine counts what the rows hold, and names areas as given', async () => {
    const { ds, ethnicityCount } = data;
    const base = await engines.compute('arquero', ds, hostileDefinitions, { by: ['province', 'site'] });
    const province = (id: string) => base.find((r) => r['indicator_id'] === id && r['level'] === 'province')!;
    HOSTILE.forEach((_, i) => expect(province(`h.eq${i}`)['numerator'], `h.eq${i}`).toBe(ethnicityCount[i]));
    expect(province('h.in')['numerator']).toBe(ethnicityCount.slice(0, 4).reduce((a, b) => a + b, 0));
    const perSite = HOSTILE.reduce((n, _, v) => n + v + 1, 0);
    expect(province('h.site')['numerator']).toBe(2 * perSite);
    expect(new Set(base.filter((r) => r['level'] === 'site').map((r) => r['area_name']))).toEqual(new Set(HOSTILE));
    for (const label of engines.labels.slice(1)) expect(await engines.compute(label, ds, hostileDefinitions, { by: ['province', 'site'] }), label).toEqual(base);
  });

  it('a NUL character in a filter value is a clear error on PostgreSQL', async () => {
    if (!engines.postgres) return;
    const def = rate({ id: 'h.nul', name: text('nul'), description: text('nul'), unit: 'person', source, outcome: eq('ethnicity', 'a\u0000b') });
    await expect(engines.compute('postgres', data.ds, [def], { by: 'county' })).rejects.toThrow(/NUL character/);
  });
});

describe('hostile table names and column mappings on PostgreSQL', () => {
  it('computes through quoted names, runs only the intended statements, changes nothing', async (ctx) => {
    if (!engines.postgres) return ctx.skip();
    const url = engines.postgres.url;
    const client = new pg.Client(url);
    await client.connect();
    try {
      const schema = 'h"; DROP SCHEMA public CASCADE; --';
      const tables = { persons: "ren'kou\"; DROP TABLE sites; --", households: '户\\表', sites: '安置点 "sites"' };
      await loadIntoPostgres(url, data.ds, { schema, tables });
      const ethnicityColumn = `民族"); DELETE FROM sites; --`;
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(`ALTER TABLE ${q(schema)}.${q(tables.persons)} RENAME COLUMN ethnicity TO ${q(ethnicityColumn)}`);
      const before = await snapshot(client);
      expect(before[`${schema}.${tables.persons}`]).toBeGreaterThan(0);

      const statements: string[] = [];
      const logged: Queryable = {
        query: async (config) => {
          statements.push(config.text);
          return client.query({ text: config.text, values: config.values ?? [] });
        },
      };
      const { dataset } = await postgresDataset({ connection: logged, schema, tables, columns: { persons: { ethnicity: ethnicityColumn } } });
      const got = toObjects(await compute(dataset, hostileDefinitions, { by: ['province', 'site'], engine: postgresEngine }));
      const want = await engines.compute('arquero', data.ds, hostileDefinitions, { by: ['province', 'site'] });
      expect(got).toEqual(want);

      // Only reads: six lookups of columns, the sites and management units read, one query per frame.
      expect(statements.every((s) => /^SELECT /.test(s)), statements.join('\n')).toBe(true);
      expect(statements.filter((s) => s.includes('information_schema.columns'))).toHaveLength(6);
      expect(statements).toHaveLength(6 + 2 + 1);
      expect(statements.filter((s) => s.includes(`AS "g"`))).toHaveLength(1);
      for (const s of statements) for (const v of HOSTILE) if (!v.startsWith('"') && v !== "O'Brien") expect(s).not.toContain(v);
      expect(await snapshot(client)).toEqual(before);
      // Its person-level tables are not in memory: any other engine would count nothing.
      await expect(compute(dataset, hostileDefinitions, { by: 'county' })).rejects.toThrow(/only the postgres engine/);
    } finally {
      await client.end();
    }
  });

  it('refuses names PostgreSQL would truncate, before any statement', async (ctx) => {
    if (!engines.postgres) return ctx.skip();
    const url = engines.postgres.url;
    const client = new pg.Client(url);
    await client.connect();
    try {
      const before = await snapshot(client);
      const long = `${'表'.repeat(30)}"; DROP TABLE persons; --`;
      await expect(loadIntoPostgres(url, data.ds, { schema: 'long', tables: { persons: long } })).rejects.toThrow(/longer than 63 bytes/);
      await expect(postgresDataset({ connection: url, columns: { persons: { ethnicity: long } } })).rejects.toThrow(/longer than 63 bytes|no table|no column/);
      await expect(loadIntoPostgres(url, data.ds, { schema: LONG })).rejects.toThrow(/longer than 63 bytes/);
      expect(await snapshot(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });

  it('refuses to overwrite tables unless asked to, leaving them as they were', async (ctx) => {
    if (!engines.postgres) return ctx.skip();
    const url = engines.postgres.url;
    const client = new pg.Client(url);
    await client.connect();
    try {
      await loadIntoPostgres(url, data.ds, { schema: 'twice' });
      const before = await snapshot(client);
      await expect(loadIntoPostgres(url, data.ds, { schema: 'twice' })).rejects.toThrow(/already has tables: .*persons.*--replace/);
      expect(await snapshot(client)).toEqual(before);
      await loadIntoPostgres(url, data.ds, { schema: 'twice', replace: true });
      expect(await snapshot(client)).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
