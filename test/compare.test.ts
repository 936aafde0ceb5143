/**
 * Comparisons between groups and periods. With a design, the difference of two months of one
 * panel sample must equal R's (svyby(~y, ~period, covmat = TRUE) + svycontrast on the stacked
 * design) to 1e-9; urban − rural differences are checked in survey-r.test.ts. Without a
 * design (register data), differences are exact, checked against counts made here from the CSV.
 */
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { toObjects } from '@houfu/core';
import { compare } from '@houfu/core/survey';
import { loadDataset } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';

const defOf = (id: string) => catalog.find((d) => d.id === id)!;
type Row = Record<string, string | number | null>;

describe('compare with a design', () => {
  const dir = 'test/fixtures/survey/panel';
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as {
    design: { weight: string; strata: string; psu: string };
    comparisons: { indicator: string; level: 'province' | 'county'; a: string; b: string; rows: { area_code: string; difference: number; se: number }[] }[];
  };

  it('gives R’s difference between two months and its SE (same PSUs: covariance included)', async () => {
    const ds = await loadDataset(dir);
    let n = 0;
    for (const item of expected.comparisons) {
      if (item.indicator === 'survey.mean_income') continue; // not in the catalog; its group differences are checked in survey-r.test.ts
      const rows = toObjects<Row>(await compare(ds, [defOf(item.indicator)], { by: item.level, design: expected.design, compare: { periods: [item.a, item.b] } }));
      for (const r of item.rows) {
        const ours = rows.find((x) => x['area_code'] === r.area_code)!;
        const label = `${item.indicator} ${item.level} ${r.area_code}`;
        expect(Math.abs((ours['difference'] as number) - r.difference), label).toBeLessThan(1e-9);
        expect(Math.abs((ours['se'] as number) - r.se), label).toBeLessThan(1e-9);
        expect(ours['ci_low'] as number).toBeLessThanOrEqual(ours['difference'] as number);
        n++;
      }
    }
    expect(n).toBeGreaterThan(15);
  });

  it('refuses periods the data do not have', async () => {
    const ds = await loadDataset(dir);
    await expect(compare(ds, [defOf('four_musts.income')], { by: 'county', design: expected.design, compare: { periods: ['2019-12', '2018-01'] } })).rejects.toThrow(
      /period 2018-01/,
    );
  });
});

describe('compare on register data', () => {
  const rate = (rows: Record<string, string>[]) => rows.filter((h) => h['stable_income'] === 'true').length / rows.filter((h) => h['stable_income'] !== '').length;

  it('gives the exact urban − rural difference, with no SE', async () => {
    const dir = 'test/fixtures/survey/stratified';
    const sites = csvParse(readFileSync(`${dir}/sites.csv`, 'utf8'));
    const households = csvParse(readFileSync(`${dir}/households.csv`, 'utf8'));
    const siteOf = new Map(sites.map((s) => [s['site_id']!, s]));
    const rows = toObjects<Row>(
      await compare(await loadDataset(dir), [defOf('four_musts.income')], { by: 'county', compare: { breakdown: 'sites.site_type', values: ['urban', 'rural'] } }),
    );
    expect(rows.length).toBe(4);
    for (const r of rows) {
      const inCounty = households.filter((h) => siteOf.get(h['site_id']!)!['county_code'] === r['area_code']);
      const of = (type: string) => rate(inCounty.filter((h) => siteOf.get(h['site_id']!)!['site_type'] === type));
      expect(r['difference'] as number).toBeCloseTo(of('urban') - of('rural'), 12);
      expect([r['se'], r['ci_low'], r['ci_high']]).toEqual([null, null, null]);
    }
  });

  it('gives the exact difference between two months', async () => {
    const dir = 'test/fixtures/survey/panel';
    const households = csvParse(readFileSync(`${dir}/households.csv`, 'utf8'));
    const [row] = toObjects<Row>(await compare(await loadDataset(dir), [defOf('four_musts.income')], { by: 'province', compare: { periods: ['2019-12', '2019-11'] } }));
    const of = (p: string) => rate(households.filter((h) => h['period'] === p));
    expect(row!['difference'] as number).toBeCloseTo(of('2019-12') - of('2019-11'), 12);
    expect(row!['se']).toBeNull();
  });
});
