/**
 * ClickHouse on a real two-shard cluster (test/helpers/clickhouse.ts): the server's logic that
 * the dialect works around; golden SQL of the dialect (test/__snapshots__/sql/*.clickhouse.sql)
 * executed and equal to the arquero engine's frame sums; the loader's layout (a household and
 * its members on one shard, the small tables on every shard, row counts); and the CLI contract:
 * `houfu load --engine clickhouse` then `houfu compute --engine clickhouse` print the kernel's
 * bytes. Under CI a cluster that cannot start fails these tests.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameQuery, plan, type Dataset, type FrameSums } from '@houfu/core';
import { arqueroEngine } from '@houfu/core/arquero';
import { clickhouseDialect, clickhouseHttp, clickhouseString, loadIntoClickHouse, type ClickHouseHttp } from '@houfu/core/clickhouse';
import { loadDataset } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';
import { clickhouseOrSkip, type TestClickHouse } from './helpers/clickhouse.js';
import { houfu } from './helpers/cli.js';
import { keyedSums, SQL_CASES, sumsFromRows } from './helpers/sql-defs.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const data: Record<string, Dataset> = {};
let ch: TestClickHouse | undefined;
let entry: ClickHouseHttp;

beforeAll(async () => {
  for (const d of ['hand', 'hand-periods'] as const) data[d] = await loadDataset(here(`./fixtures/${d}`));
  ch = await clickhouseOrSkip();
  if (!ch) return;
  entry = clickhouseHttp(ch.url);
  for (const [name, ds] of Object.entries(data)) await loadIntoClickHouse(ch.url, ds, { cluster: ch.cluster, database: name.replace('-', '_') });
}, 120_000);
afterAll(async () => {
  await ch?.stop();
});

const one = async (sql: string): Promise<unknown[]> => Object.values((await entry.query(sql)).data[0]!);

describe('the server the dialect is written for', () => {
  it('ClickHouse 18.16 logic on NULL is not Kleene, and NULL IN (…) is 0', async (ctx) => {
    if (!ch) return ctx.skip();
    // Kleene: NULL AND 0 is false, 0 OR NULL is unknown, NULL IN (1) is unknown.
    expect(await one('SELECT NULL AND 0 AS a, 0 OR NULL AS b, CAST(NULL AS Nullable(UInt8)) IN (1) AS c')).toEqual([null, 0, 0]);
  });

  it('the dialect gives Kleene truth tables on it', async (ctx) => {
    if (!ch) return ctx.skip();
    const L = clickhouseDialect.parts.logic;
    const vals = ['toNullable(toUInt8(0))', 'toNullable(toUInt8(1))', 'CAST(NULL AS Nullable(UInt8))'];
    const kleene = { and: [[0, 0, 0], [0, 1, null], [0, null, null]], or: [[0, 1, null], [1, 1, 1], [null, 1, null]] } as const;
    for (const op of ['and', 'or'] as const)
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          const [v] = await one(`SELECT ${L[op]([vals[a]!, vals[b]!])} AS v`);
          expect(v === null ? null : Number(v), `${op}(${a}, ${b})`).toBe(kleene[op][a]![b]);
        }
    expect((await one(`SELECT ${L.not(vals[2]!)}, ${L.not(vals[0]!)}, ${L.in(vals[2]!, ['1'])}, ${L.in(vals[0]!, [])}, ${L.in(vals[2]!, [])}`)).map((v) => (v === null ? null : Number(v)))).toEqual([null, 1, null, 0, null]);
  });

  it('the one quoting function carries hostile text unchanged', async (ctx) => {
    if (!ch) return ctx.skip();
    const hostile = ["O'Brien", 'back\\slash\\', "\\'; DROP TABLE persons; --", 'nul\u0000byte', 'tab\tline\nbreak\r\u0001\u001f\u007f', '{name:String}', '{{x}}', '长'.repeat(3000)];
    for (const s of hostile) {
      const [got, len] = await one(`SELECT ${clickhouseString(s)} AS s, length(${clickhouseString(s)}) AS n`);
      expect(got).toBe(s);
      expect(Number(len)).toBe(new TextEncoder().encode(s).length);
    }
    expect(() => clickhouseString('lone \ud800 surrogate')).toThrow(/surrogate/);
  });
});

describe('the loader on two shards', () => {
  it('puts each household with its members on one shard, the small tables on every shard, and counts every row', async (ctx) => {
    if (!ch) return ctx.skip();
    const ds = data['hand']!;
    const perShard: { households: Set<string>; persons: string[]; sites: number }[] = [];
    for (const url of ch.shards) {
      const node = clickhouseHttp(url);
      const hh = (await node.query('SELECT household_id FROM hand.households_local')).data.map((r) => String(r['household_id']));
      const pp = (await node.query('SELECT household_id FROM hand.persons_local')).data.map((r) => String(r['household_id']));
      const sites = Number((await node.query('SELECT count() AS n FROM hand.sites')).data[0]!['n']);
      perShard.push({ households: new Set(hh), persons: pp, sites });
    }
    expect(perShard.map((s) => s.households.size).every((n) => n > 0)).toBe(true);
    expect(perShard.reduce((n, s) => n + s.households.size, 0)).toBe(ds.tables.households!.numRows);
    expect(perShard.reduce((n, s) => n + s.persons.length, 0)).toBe(ds.tables.persons!.numRows);
    for (const s of perShard) {
      expect(s.sites).toBe(ds.tables.sites!.numRows);
      for (const h of s.persons) expect(s.households.has(h), `person of ${h} away from its household`).toBe(true);
    }
    expect(Number((await one('SELECT count() FROM hand.persons'))[0])).toBe(ds.tables.persons!.numRows);
  });

  it('joins persons to households on each shard: the households subquery is a distributed one rewritten to the local table', async (ctx) => {
    if (!ch) return ctx.skip();
    const ds = data['hand']!;
    const p = plan(ds, catalog.filter((d) => d.id === 'employment.rate'), { by: 'site' });
    const q = frameQuery(p.frames[0]!, { dialect: clickhouseDialect, naming: { schema: 'hand' }, dataset: ds });
    expect(q.text).toMatch(/FROM `hand`\.`persons`\nALL LEFT JOIN \(SELECT .* FROM `hand`\.`households`\)/);
    // Refused as double-distributed unless rewritten to the shard-local table.
    await expect(clickhouseHttp(ch.url, { distributed_product_mode: 'deny' }).query(q.text)).rejects.toThrow(/Double-distributed/i);
    expect((await entry.query(q.text)).data.length).toBeGreaterThan(0);
  });

  it('refuses to load over existing tables without replace', async (ctx) => {
    if (!ch) return ctx.skip();
    await expect(loadIntoClickHouse(ch.url, data['hand']!, { cluster: ch.cluster, database: 'hand' })).rejects.toThrow(/already has tables: .*persons.*--replace/);
    await expect(loadIntoClickHouse(ch.url, data['hand']!, { cluster: 'nowhere', database: 'x' })).rejects.toThrow(/no cluster "nowhere"/);
  });
});

describe('golden SQL, executed on the cluster', () => {
  for (const c of SQL_CASES) {
    it(`${c.name} (clickhouse)`, async (ctx) => {
      const ds = data[c.data]!;
      const p = plan(ds, c.defs, { by: c.by, ...(c.breakdown ? { breakdown: c.breakdown } : {}) });
      const database = c.data.replace('-', '_');
      const queries = p.frames.map((f) => frameQuery(f, { dialect: clickhouseDialect, naming: { schema: database }, dataset: ds }));
      for (const q of queries) expect(q.params).toEqual([]);
      await expect(queries.map((q) => `${q.text}\n`).join('\n')).toMatchFileSnapshot(`./__snapshots__/sql/${c.name}.clickhouse.sql`);
      if (!ch) return ctx.skip();
      const want = keyedSums(p, await arqueroEngine.run(p, ds));
      expect(Object.keys(want).length).toBeGreaterThan(0);
      const sums: FrameSums[] = [];
      for (const [i, q] of queries.entries()) {
        const rows = (await entry.query(q.text)).data;
        sums.push(sumsFromRows(p.frames[i]!, rows, q.periodic));
      }
      // Booleans are UInt8 in ClickHouse: compare breakdown values as the engine reads them.
      const norm = (k: Record<string, Record<string, number>>) => Object.fromEntries(Object.entries(k).map(([key, v]) => [key.replace(/\| 1\b/g, '| true').replace(/\| 0\b/g, '| false'), v]));
      expect(norm(keyedSums(p, sums))).toEqual(norm(want));
    });
  }
});

describe('houfu load and compute --engine clickhouse', () => {
  it('loads a folder onto the cluster and prints the kernel bytes, for the hand fixtures with and without periods', async (ctx) => {
    if (!ch) return ctx.skip();
    for (const [dir, by] of [['test/fixtures/hand', 'county'], ['test/fixtures/hand', 'site'], ['test/fixtures/hand-periods', 'county']] as const) {
      const database = `cli_${dir.endsWith('periods') ? 'p' : 'h'}`;
      const load = await houfu('load', '--engine', 'clickhouse', '--db', ch.url, '--cluster', ch.cluster, '--database', database, '--data', dir, '--replace');
      expect(load.code, load.err).toBe(0);
      expect(load.err).toMatch(/loaded sites \d+, households \d+, persons \d+/);
      const args = ['--indicators', 'all', '--by', by, '--format', 'csv'];
      const base = await houfu('compute', '--data', dir, ...args);
      expect(base.code, base.err).toBe(0);
      expect(base.out.split('\n').length).toBeGreaterThan(20);
      const got = await houfu('compute', '--engine', 'clickhouse', '--db', ch.url, '--database', database, ...args);
      expect(got.code, got.err).toBe(0);
      expect(got.out).toBe(base.out);
    }
    const again = await houfu('load', '--engine', 'clickhouse', '--db', ch.url, '--cluster', ch.cluster, '--database', 'cli_h', '--data', 'test/fixtures/hand');
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/--replace/);
    expect(again.err).not.toMatch(/\n\s+at /);
  });
});
