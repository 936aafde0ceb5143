// Type-level checks of the public API: `pnpm typecheck` (tsc) fails if an expected error
// disappears or a typed access stops type-checking; the runtime assertions check the same calls.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  col,
  compute,
  datasetFromColumns,
  eq,
  failingHouseholds,
  rate,
  SCHEMA,
  toObjects,
  type DrillDownRow,
  type DrillDownTable,
  type IndicatorDefinition,
  type Level,
  type ResultRow,
  type ResultTable,
  type Status,
} from '@houfu/core';
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
    // The README's loop: every column typed, an unknown one refused.
    expectTypeOf(result).toEqualTypeOf<ResultTable>();
    for (const row of result) {
      expectTypeOf(row.area_name).toEqualTypeOf<string>();
      expectTypeOf(row.value).toEqualTypeOf<number>();
      // @ts-expect-error no such column
      expect(row.no_such_column).toBeUndefined();
    }
    const rows = toObjects(result);
    expectTypeOf(rows).toEqualTypeOf<ResultRow[]>();
    expectTypeOf(rows[0]!.status).toEqualTypeOf<Status>();
    expectTypeOf(rows[0]!.value).toEqualTypeOf<number | null>();
    expect(rows[0]!.status).toBe('met');
    const list = await failingHouseholds(ds, family('four_musts').find((d) => d.id === 'four_musts.employment')!, {});
    expectTypeOf(list).toEqualTypeOf<DrillDownTable>();
    expectTypeOf(list.get(0)!.household_id).toEqualTypeOf<string>();
    expectTypeOf(toObjects(list)).toEqualTypeOf<DrillDownRow[]>();
    expectTypeOf(toObjects(list)[0]!.status).toEqualTypeOf<'failed' | 'unknown'>();
    // H1's only worker has no known employment: unknown on the must, not failed.
    expect(toObjects(list).map((r) => [r.household_id, r.status])).toEqual([['H1', 'unknown']]);
    // @ts-expect-error "village" is not a level
    await expect(compute(ds, family('four_musts'), { by: 'village' })).rejects.toThrow(/unknown level/);
  });
});
