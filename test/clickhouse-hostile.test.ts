/**
 * Hostile names and values on ClickHouse (two shards): quotes, backslashes, NUL and other
 * control bytes, `{…}` placeholders of newer servers, Chinese text and very long strings — in
 * data values, area names, filter values of definitions and the database name. Each is counted
 * as its own rows (by hand, from how the rows were built) and as the kernel counts; computing
 * changes nothing on either shard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, toCSV, toObjects, type Dataset } from '@houfu/core';
import { clickhouseDataset, clickhouseEngine, clickhouseHttp, loadIntoClickHouse } from '@houfu/core/clickhouse';
import { clickhouseOrSkip, type TestClickHouse } from './helpers/clickhouse.js';
import { hostileDataset, hostileDefinitions as makeDefinitions } from './helpers/hostile.js';

const LONG = '长'.repeat(5000) + "\\'; DROP TABLE persons; --";
const HOSTILE = [
  "O'Brien",
  "\\'; DROP DATABASE default; --",
  'back\\slash\\',
  'nul\u0000byte',
  'ctl\u0001\u001f\u007f\ttab\nline\rret',
  '{name:String}',
  '{{ethnicity}}',
  '\\N',
  '苗族；“引号”',
  LONG,
];

const hostile = (): ReturnType<typeof hostileDataset> => hostileDataset(HOSTILE, 2);
const hostileDefinitions = makeDefinitions(HOSTILE, LONG, 5);

let ch: TestClickHouse | undefined;
let data: { ds: Dataset; ethnicityCount: number[] };
beforeAll(async () => {
  data = hostile();
  ch = await clickhouseOrSkip();
}, 120_000);
afterAll(async () => {
  await ch?.stop();
});

/** Every table of every database on every shard, with its row count. */
async function snapshot(shards: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const url of shards) {
    const node = clickhouseHttp(url);
    const tables = (await node.query("SELECT database, name FROM system.tables WHERE database != 'system' ORDER BY database, name")).data;
    for (const t of tables) {
      const q = (s: unknown) => `\`${String(s).replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
      const n = (await node.query(`SELECT count() AS n FROM ${q(t['database'])}.${q(t['name'])}`)).data[0]!['n'];
      out[`${url} ${String(t['database'])}.${String(t['name'])}`] = Number(n);
    }
  }
  return out;
}

describe('hostile values and names on ClickHouse', () => {
  it('counts each hostile value as its own rows, names areas as given, and changes nothing', async (ctx) => {
    if (!ch) return ctx.skip();
    const { ds, ethnicityCount } = data;
    const database = 'h`"; DROP DATABASE default; --\\{db}';
    await loadIntoClickHouse(ch.url, ds, { cluster: ch.cluster, database });
    const before = await snapshot(ch.shards);
    expect(Object.keys(before).some((k) => k.endsWith('.persons_local'))).toBe(true);

    const dataset = await clickhouseDataset({ url: ch.url, database });
    const got = await compute(dataset, hostileDefinitions, { by: ['province', 'site'], engine: clickhouseEngine });
    const want = await compute(ds, hostileDefinitions, { by: ['province', 'site'] });
    const rows = toObjects(got);
    const province = (id: string) => rows.find((r) => r['indicator_id'] === id && r['level'] === 'province')!;
    HOSTILE.forEach((_, i) => expect(province(`h.eq${i}`)['numerator'], `h.eq${i}`).toBe(ethnicityCount[i]));
    expect(province('h.in')['numerator']).toBe(ethnicityCount.slice(0, 5).reduce((a, b) => a + b, 0));
    const perSite = HOSTILE.reduce((n, _, v) => n + v + 1, 0);
    expect(province('h.site')['numerator']).toBe(2 * perSite);
    expect(new Set(rows.filter((r) => r['level'] === 'site').map((r) => r['area_name']))).toEqual(new Set(HOSTILE));
    expect(toCSV(got)).toBe(toCSV(want));
    expect(await snapshot(ch.shards)).toEqual(before);
  });

  it('refuses names with control characters before any statement', async (ctx) => {
    if (!ch) return ctx.skip();
    const before = await snapshot(ch.shards);
    await expect(loadIntoClickHouse(ch.url, data.ds, { cluster: ch.cluster, database: 'bad\u0000name' })).rejects.toThrow(/NUL|control character/);
    await expect(loadIntoClickHouse(ch.url, data.ds, { cluster: ch.cluster, database: 'bad\nname' })).rejects.toThrow(/control character/);
    expect(await snapshot(ch.shards)).toEqual(before);
  });
});
