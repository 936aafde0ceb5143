/**
 * Property tests of cubes on random valid datasets (test/helpers/arbitrary.ts):
 * (a) a cube's rollups equal the reference implementation at every level (checkSame);
 * (b) for random cube breakdowns, any subset of them in any order and random sets of levels,
 *     computing from the cube (after a round trip through Parquet or Arrow bytes) writes
 *     exactly the CSV text of `compute` on the person-level data;
 * (c) the cube file does not depend on the order in which an engine returns its sums.
 * HOUFU_PROPERTY_RUNS sets the number of runs (default 100).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCube,
  compute,
  computeFromCube,
  datasetFromColumns,
  readCube,
  toCSV,
  toObjects,
  writeCube,
  type Cube,
  type Dataset,
  type Engine,
  type IndicatorDefinition,
  type Level,
  type TableName,
} from '@houfu/core';
import { arqueroEngine } from '@houfu/core/arquero';
import { catalog } from '@houfu/indicators';
import { referenceCompute } from './reference/reference.js';
import { datasetArb, toColumns, type GenDataset } from './helpers/arbitrary.js';
import { RUNS, checkSame, idsAt, type Computer } from './helpers/properties.js';
import { cmpRow } from './helpers/rows.js';

function dataset(g: GenDataset): Dataset {
  const ds = datasetFromColumns(toColumns(g) as Parameters<typeof datasetFromColumns>[0]);
  const errors = ds.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`a valid dataset was rejected: ${errors.map((f) => f.message).join('; ')}`);
  return ds;
}

const byId = (ids: readonly string[]): IndicatorDefinition[] => ids.map((id) => catalog.find((d) => d.id === id)!);

// One cube per dataset and grain, read back from Parquet, serves every level.
const cubes = new WeakMap<GenDataset, Map<string, Promise<Cube>>>();
const viaCube: Computer = async (g, level, ids) => {
  const grain = level === 'unit' ? 'unit' : 'site';
  let m = cubes.get(g);
  if (!m) cubes.set(g, (m = new Map()));
  const key = `${grain} ${ids.join(',')}`;
  let cube = m.get(key);
  if (!cube) m.set(key, (cube = buildCube(dataset(g), byId(ids), { grain }).then((c) => readCube(writeCube(c)))));
  return toObjects(computeFromCube(await cube, byId(ids), { by: level })).map((o) => cmpRow(o as Record<string, unknown>));
};

const reference: Computer = async (g, level, ids) => referenceCompute(g.data, level, [...ids]).map((r) => cmpRow({ ...r }));

/** Breakdown columns and the tables whose rows reach them. */
const BREAKDOWNS: readonly { name: string; reach: readonly TableName[] }[] = [
  { name: 'sites.site_type', reach: ['persons', 'households', 'sites', 'facilities', 'management_units', 'activities'] },
  { name: 'sites.is_demo', reach: ['persons', 'households', 'sites', 'facilities', 'management_units', 'activities'] },
  { name: 'county_code', reach: ['sites'] },
  { name: 'households.stable_income', reach: ['persons', 'households'] },
  { name: 'land_contract', reach: ['households'] },
  { name: 'sex', reach: ['persons'] },
  { name: 'ethnicity', reach: ['persons'] },
  { name: 'employment_type', reach: ['persons'] },
];

/** The catalog indicators every table of which reaches all the breakdown columns. */
function reachable(ids: readonly string[], breakdown: readonly string[]): IndicatorDefinition[] {
  return byId(ids).filter((d) => {
    const tables = [d.numerator.table, d.denominator.table, ...(d.unknown ? [d.unknown.table] : [])];
    return breakdown.every((b) => tables.every((t) => BREAKDOWNS.find((x) => x.name === b)!.reach.includes(t)));
  });
}

const request = fc.record({
  cubeBreakdown: fc.shuffledSubarray(BREAKDOWNS.map((b) => b.name), { maxLength: 3 }),
  pick: fc.array(fc.nat(), { maxLength: 3 }),
  levels: fc.shuffledSubarray(['province', 'prefecture', 'county', 'site'] as Level[], { minLength: 1 }),
  unit: fc.boolean(),
  format: fc.constantFrom('parquet' as const, 'arrow' as const),
});

const arb = datasetArb({ periodTables: fc.constant('both') });
const options = { numRuns: RUNS, interruptAfterTimeLimit: 90_000 };
const TIMEOUT = 150_000;

describe('cube properties on random datasets', () => {
  it('(a) cube rollups equal the reference implementation at every level', async () => {
    await fc.assert(fc.asyncProperty(arb, (g) => checkSame(viaCube, reference, g, { actual: 'cube', expected: 'reference' })), options);
  }, TIMEOUT);

  it('(b) any breakdown subset and level from a cube writes the CSV of compute, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(arb, request, async (g, r) => {
        const ds = dataset(g);
        const levels: Level[] = r.unit ? ['unit'] : r.levels;
        const ids = r.unit ? idsAt('unit', g) : idsAt('site', g);
        const defs = reachable(ids, r.cubeBreakdown);
        if (defs.length === 0) return;
        // A subset of the cube's breakdowns, in an order of its own.
        const asked: string[] = [];
        const pool = [...r.cubeBreakdown];
        for (const n of r.pick) if (pool.length) asked.push(pool.splice(n % pool.length, 1)[0]!);
        const cube = await buildCube(ds, defs, { grain: r.unit ? 'unit' : 'site', breakdown: r.cubeBreakdown });
        const back = await readCube(writeCube(cube, r.format));
        const fromCube = toCSV(computeFromCube(back, defs, { by: levels, breakdown: asked }));
        const direct = toCSV(await compute(ds, defs, { by: levels, breakdown: asked }));
        expect(fromCube).toBe(direct);
      }),
      options,
    );
  }, TIMEOUT);

  it('(c) the same sums in another order make the same cube file', async () => {
    // An engine returning arquero's sums with the groups of every frame reversed.
    const reversed: Engine = {
      name: 'arquero',
      async run(plan, ds) {
        return (await arqueroEngine.run(plan, ds)).map((fs) => ({
          group: [...fs.group].reverse(),
          period: [...fs.period].reverse(),
          breakdown: fs.breakdown.map((b) => [...b].reverse()),
          sums: Object.fromEntries(Object.entries(fs.sums).map(([k, v]) => [k, Array.from(v).reverse()])),
        }));
      },
    };
    await fc.assert(
      fc.asyncProperty(arb, fc.shuffledSubarray(['sites.site_type', 'sex'], { maxLength: 2 }), async (g, breakdown) => {
        const ds = dataset(g);
        const defs = reachable(idsAt('site', g), breakdown);
        const a = writeCube(await buildCube(ds, defs, { breakdown, engine: 'arquero' }));
        const b = writeCube(await buildCube(ds, defs, { breakdown, engine: reversed }));
        expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
      }),
      options,
    );
  }, TIMEOUT);
});
