/**
 * Hostile names and values on ClickHouse (two shards): quotes, backslashes, NUL and other
 * control bytes, `{…}` placeholders of newer servers, Chinese text and very long strings — in
 * data values, area names, filter values of definitions and the database name. Each is counted
 * as its own rows (by hand, from how the rows were built) and as the kernel counts; computing
 * changes nothing on either shard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, eq, isIn, col, or, rate, toCSV, toObjects, type Dataset, type IndicatorDefinition } from '@houfu/core';
import { clickhouseDataset, clickhouseEngine, clickhouseHttp, loadIntoClickHouse } from '@houfu/core/clickhouse';
import { clickhouseOrSkip, type TestClickHouse } from './helpers/clickhouse.js';

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

const source = { clause: '测试', clauseEn: 'test', document: 'test' };
const text = (s: string) => ({ zh: s, en: s });

/** One site per hostile name; in each, i + 1 persons whose ethnicity is hostile value i. */
function hostileDataset(): { ds: Dataset; ethnicityCount: number[] } {
  const sites = { site_id: [] as string[], site_name: [] as string[], prefecture_code: [] as string[], county_code: [] as string[], site_type: [] as string[], cross_county: [] as boolean[], is_demo: [] as boolean[], opened_on: [] as null[] };
  const households = { household_id: [] as string[], site_id: [] as string[], origin_county_code: [] as string[], moved_in_on: [] as null[], land_contract: [] as string[], land_forest: [] as string[], land_homestead: [] as string[], stable_income: [] as boolean[], income_per_capita: [] as number[] };
  const persons = { person_id: [] as string[], household_id: [] as string[], sex: [] as string[], birth_year: [] as number[], ethnicity: [] as string[], is_labor: [] as boolean[], trained: [] as boolean[], employed: [] as boolean[], employment_type: [] as (string | null)[], med_insurance_transferred: [] as boolean[] };
  const ethnicityCount = HOSTILE.map(() => 0);
  HOSTILE.forEach((name, s) => {
    const site = `S${s}`;
    sites.site_id.push(site); sites.site_name.push(name); sites.prefecture_code.push('520100'); sites.county_code.push('520102');
    sites.site_type.push('urban'); sites.cross_county.push(false); sites.is_demo.push(s % 2 === 0); sites.opened_on.push(null);
    // Two households per site, so that the members spread over both shards.
    for (const half of [0, 1]) {
      const hh = `H${s}_${half}`;
      households.household_id.push(hh); households.site_id.push(site); households.origin_county_code.push('520111'); households.moved_in_on.push(null);
      households.land_contract.push('none'); households.land_forest.push('none'); households.land_homestead.push('revitalized');
      households.stable_income.push(true); households.income_per_capita.push(1000);
    }
    HOSTILE.forEach((value, v) => {
      for (let k = 0; k <= v; k++) {
        persons.person_id.push(`P${s}_${v}_${k}`); persons.household_id.push(`H${s}_${k % 2}`); persons.sex.push(k % 2 ? 'male' : 'female');
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

const hostileDefinitions: IndicatorDefinition[] = [
  ...HOSTILE.map((v, i) => rate({ id: `h.eq${i}`, name: text(v), description: text(v), unit: 'person', source, outcome: eq('ethnicity', v) })),
  rate({ id: 'h.in', name: text('in'), description: text('in'), unit: 'person', source, outcome: isIn('ethnicity', HOSTILE.slice(0, 5)) }),
  rate({ id: 'h.site', name: text('site'), description: text('site'), unit: 'person', source, outcome: or(eq(col('site_name', 'sites'), HOSTILE[1]!), eq(col('site_name', 'sites'), LONG)) }),
];

let ch: TestClickHouse | undefined;
let data: { ds: Dataset; ethnicityCount: number[] };
beforeAll(async () => {
  data = hostileDataset();
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
