/**
 * Hostile names and values on the SQL engines: quotes, semicolons, `"; DROP TABLE`,
 * backslashes, placeholders, Chinese text and very long strings — in filter values of
 * definitions, in area names and data values, in table names and column mappings. Either a
 * clear validation error, or the same numbers as arquero (and as counted by hand from the
 * rows); only the intended statements run; the database is unchanged.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, eq, isIn, col, or, rate, toObjects, type Dataset, type IndicatorDefinition } from '@houfu/core';
import { loadIntoPostgres, postgresDataset, postgresEngine, type Queryable } from '@houfu/core/postgres';
import { startEngines, type Engines } from './helpers/engines.js';

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

/** One site per hostile name; in each, persons whose ethnicity is each hostile value (i + 1 of value i). */
function hostileDataset(): { ds: Dataset; ethnicityCount: number[] } {
  const sites = { site_id: [] as string[], site_name: [] as string[], prefecture_code: [] as string[], county_code: [] as string[], site_type: [] as string[], cross_county: [] as boolean[], is_demo: [] as boolean[], opened_on: [] as null[] };
  const households = { household_id: [] as string[], site_id: [] as string[], origin_county_code: [] as string[], moved_in_on: [] as null[], land_contract: [] as string[], land_forest: [] as string[], land_homestead: [] as string[], stable_income: [] as boolean[], income_per_capita: [] as number[] };
  const persons = { person_id: [] as string[], household_id: [] as string[], sex: [] as string[], birth_year: [] as number[], ethnicity: [] as string[], is_labor: [] as boolean[], trained: [] as boolean[], employed: [] as boolean[], employment_type: [] as (string | null)[], med_insurance_transferred: [] as boolean[] };
  const ethnicityCount = HOSTILE.map(() => 0);
  HOSTILE.forEach((name, s) => {
    const site = `S${s}`;
    sites.site_id.push(site); sites.site_name.push(name); sites.prefecture_code.push('520100'); sites.county_code.push('520102');
    sites.site_type.push('urban'); sites.cross_county.push(false); sites.is_demo.push(s % 2 === 0); sites.opened_on.push(null);
    const hh = `H${s}`;
    households.household_id.push(hh); households.site_id.push(site); households.origin_county_code.push('520111'); households.moved_in_on.push(null);
    households.land_contract.push('none'); households.land_forest.push('none'); households.land_homestead.push('revitalized');
    households.stable_income.push(true); households.income_per_capita.push(1000);
    HOSTILE.forEach((value, v) => {
      for (let k = 0; k <= v; k++) {
        persons.person_id.push(`P${s}_${v}_${k}`); persons.household_id.push(hh); persons.sex.push(k % 2 ? 'male' : 'female');
        persons.birth_year.push(1980); persons.ethnicity.push(value); persons.is_labor.push(true); persons.trained.push(k % 3 !== 0);
        persons.employed.push(true); persons.employment_type.push('local'); persons.med_insurance_transferred.push(true);
        ethnicityCount[v]!++;
      }
    });
  });
  const ds = datasetFromColumns({ sites, households, persons });
  const errors = ds.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(errors.map((f) => f.message).join('; '));
  return { ds, ethnicityCount };
}

/** Definitions whose literals are the hostile strings. */
const hostileDefinitions: IndicatorDefinition[] = [
  ...HOSTILE.map((v, i) => rate({ id: `h.eq${i}`, name: text(v), description: text(v), unit: 'person', source, outcome: eq('ethnicity', v) })),
  rate({ id: 'h.in', name: text('in'), description: text('in'), unit: 'person', source, outcome: isIn('ethnicity', HOSTILE.slice(0, 4)) }),
  rate({ id: 'h.site', name: text('site'), description: text('site'), unit: 'person', source, outcome: or(eq(col('site_name', 'sites'), HOSTILE[1]!), eq(col('site_name', 'sites'), LONG)) }),
];

let engines: Engines;
let data: { ds: Dataset; ethnicityCount: number[] };
beforeAll(async () => {
  engines = await startEngines();
  data = hostileDataset();
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

      // Only reads: fourteen lookups of columns (one per table of schema v2), the sites and management units read, one query per frame.
      expect(statements.every((s) => /^SELECT /.test(s)), statements.join('\n')).toBe(true);
      expect(statements.filter((s) => s.includes('information_schema.columns'))).toHaveLength(14);
      expect(statements).toHaveLength(14 + 2 + 1);
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
