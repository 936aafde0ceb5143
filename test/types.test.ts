// Type-level checks of the public API: `pnpm typecheck` (tsc) fails if an expected error
// disappears or a typed access stops type-checking; the runtime assertions check the same calls.
import { describe, expect, it } from 'vitest';
import { col, compute, datasetFromColumns, eq, rate, SCHEMA, type IndicatorDefinition, type Level } from '@houfu/core';
import { family } from '@houfu/indicators';

const source = { clause: '劳动力必须全员培训', clauseEn: 'every worker trained', document: 'test' };
const name = { zh: '女性劳动力培训率', en: 'Training of women workers' };

describe('public types', () => {
  it('builds definitions only from complete specs', () => {
    const def: IndicatorDefinition = rate({ id: 'custom.women_trained', name, description: name, unit: 'person', universe: eq('sex', 'female'), outcome: col('trained'), source });
    expect(def.kind).toBe('rate');
    // @ts-expect-error an outcome is required
    expect(() => rate({ id: 'custom.x', name, description: name, unit: 'person', source })).toThrow();
    // @ts-expect-error units are person, household, site or unit
    expect(() => rate({ id: 'custom.y', name, description: name, unit: 'village', outcome: col('trained'), source })).toThrow(/unit must be/);
  });

  it('types levels and result rows', async () => {
    const columns = (table: 'sites' | 'households' | 'persons', values: Record<string, string>) =>
      Object.fromEntries(SCHEMA[table].columns.filter((c) => !c.optional).map((c) => [c.name, [values[c.name] ?? '']]));
    const ds = datasetFromColumns({
      sites: columns('sites', { site_id: 'S1', prefecture_code: '520100', county_code: '520102', site_type: 'urban' }),
      households: columns('households', { household_id: 'H1', site_id: 'S1' }),
      persons: columns('persons', { person_id: 'P1', household_id: 'H1', is_labor: 'true', trained: 'true' }),
    });
    const by: Level = 'county';
    const result = await compute(ds, family('four_musts'), { by });
    const first = result.get(0)!;
    const numerator: number = first.numerator;
    const id: string = first.indicator_id;
    expect([id, numerator]).toEqual(['four_musts.training', 1]);
    // @ts-expect-error "village" is not a level
    await expect(compute(ds, family('four_musts'), { by: 'village' })).rejects.toThrow(/unknown level/);
  });
});
