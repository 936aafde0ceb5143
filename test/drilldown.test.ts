/**
 * Drill-down lists through both engines: the hand fixture's expected households
 * (test/fixtures/hand/README.md), and equality of the two engines' lists, row for row,
 * on random datasets for every household must.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFromColumns, failingHouseholds, toObjects } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { fourMusts } from '@houfu/indicators';
import { datasetArb, toColumns } from './helpers/arbitrary.js';
import { RUNS } from './helpers/properties.js';

const HAND = fileURLToPath(new URL('./fixtures/hand', import.meta.url));
const households = fourMusts.filter((d) => d.unit === 'household');

describe('drill-down lists', () => {
  let ds: Awaited<ReturnType<typeof loadDataset>>;
  beforeAll(async () => {
    ds = await loadDataset(HAND);
  });

  for (const engine of ['kernel', 'arquero'] as const)
    it(`${engine}: households failing or unknown on the employment must (hand fixture)`, async () => {
      const employment = fourMusts.find((d) => d.id === 'four_musts.employment')!;
      const rows = toObjects(await failingHouseholds(ds, employment, { engine })) as { household_id: string; status: string; details: string }[];
      // test/fixtures/hand/README.md: failing H02 (S1), H12 (S4); unknown H05 (S1), H07 (S2), H11 and H13 (S4).
      expect(rows.map((r) => [r.household_id, r.status])).toEqual([
        ['H02', 'failed'],
        ['H05', 'unknown'],
        ['H07', 'unknown'],
        ['H11', 'unknown'],
        ['H12', 'failed'],
        ['H13', 'unknown'],
      ]);
    });

  it('both engines give the same lists on random datasets, for every household must and filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        datasetArb({ periodTables: fc.constant('both') }),
        fc.constantFrom(...households),
        fc.constantFrom('both', 'failed', 'unknown') as fc.Arbitrary<'both' | 'failed' | 'unknown'>,
        async (g, def, status) => {
          const d = datasetFromColumns(toColumns(g) as Parameters<typeof datasetFromColumns>[0]);
          const k = toObjects(await failingHouseholds(d, def, { status, engine: 'kernel' }));
          const a = toObjects(await failingHouseholds(d, def, { status, engine: 'arquero' }));
          expect(k).toEqual(a);
          const county = (k[0] as { county_code?: string } | undefined)?.county_code;
          if (county) {
            const kc = toObjects(await failingHouseholds(d, def, { status, county, engine: 'kernel' }));
            const ac = toObjects(await failingHouseholds(d, def, { status, county, engine: 'arquero' }));
            expect(kc).toEqual(ac);
            expect(kc.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: Math.min(RUNS, 60) },
    );
  }, 120_000);
});
