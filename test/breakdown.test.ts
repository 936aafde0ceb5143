import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute, toObjects, type ResultRow } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, family } from '@houfu/indicators';

const expected = (JSON.parse(readFileSync('test/fixtures/hand/expected.json', 'utf8')) as { rows: { indicator_id: string; level: string; area_code: string; numerator: number; denominator: number; unknown: number }[] }).rows;

describe('breakdowns', () => {
  it('split each county row into parts that add up to the hand-calculated totals', async () => {
    const ds = await loadDataset('test/fixtures/hand');
    const defs = [...family('four_musts'), ...family('structure')].filter((d) => d.unit === 'person' || d.unit === 'household');
    const rows = toObjects<ResultRow>(await compute(ds, defs, { by: 'county', breakdown: ['sites.site_type'] }));
    expect(Object.keys(rows[0]!)).toContain('sites.site_type');
    for (const e of expected.filter((x) => x.level === 'county' && defs.some((d) => d.id === x.indicator_id))) {
      const parts = rows.filter((r) => r.indicator_id === e.indicator_id && r.area_code === e.area_code);
      expect(new Set(parts.map((p) => p['sites.site_type']))).toEqual(new Set(['urban', 'rural']));
      const sum = (k: 'numerator' | 'denominator' | 'unknown') => parts.reduce((a, p) => a + p[k], 0);
      expect([sum('numerator'), sum('denominator'), sum('unknown')], `${e.indicator_id} ${e.area_code}`).toEqual([e.numerator, e.denominator, e.unknown]);
    }
  });

  it('refuse a column that some indicator cannot reach, and names that clash with result columns', async () => {
    const ds = await loadDataset('test/fixtures/hand');
    await expect(compute(ds, catalog, { by: 'county', breakdown: ['sex'] })).rejects.toThrow(/cannot be broken down by sex/);
    await expect(compute(ds, family('four_musts'), { by: 'county', breakdown: ['status'] })).rejects.toThrow(/clashes/);
  });
});
