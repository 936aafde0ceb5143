/**
 * The properties of test/properties.test.ts, run on the reference implementation itself:
 * they need no engine, check the oracle on random data, and check that the generator
 * and the properties are sound.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { referenceCompute } from './reference/reference.js';
import { datasetArb } from './helpers/arbitrary.js';
import { cmpRow } from './helpers/rows.js';
import { RUNS, checkPeriodSplit, checkRateBounds, checkRollups, checkShuffle, type Computer } from './helpers/properties.js';

const reference: Computer = async (g, level, ids) =>
  referenceCompute(g.data, level, [...ids]).map((r) => cmpRow({ ...r }));

describe('reference properties on random datasets', () => {
  it('(b) rollups are sums over sites, counties, prefectures', async () => {
    await fc.assert(fc.asyncProperty(datasetArb(), (g) => checkRollups(reference, g)), { numRuns: RUNS });
  });

  it('(c) rate values lie in [0, 1]', async () => {
    await fc.assert(fc.asyncProperty(datasetArb(), (g) => checkRateBounds(reference, g)), { numRuns: RUNS });
  });

  it('(d) row order changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb(), fc.integer(), (g, seed) => checkShuffle(reference, g, seed)),
      { numRuns: RUNS },
    );
  });

  it('(e) each period alone equals its part of the whole', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb({ periods: fc.constantFrom(2, 3) }), (g) => checkPeriodSplit(reference, g)),
      { numRuns: RUNS },
    );
  });
});
