/**
 * Property tests across engines: on random valid datasets (nulls in every nullable column,
 * sites with no households, units without households, empty optional tables, zero
 * denominators, unicode names, monthly periods), arquero, duckdb-wasm, native DuckDB (when
 * installed) and PostgreSQL give exactly the same rows: the whole catalog at every level,
 * a breakdown, and definitions exercising every corner of the expression language.
 * One database per engine for the whole file; HOUFU_ENGINE_PROPERTY_RUNS sets the runs (default 15,
 * all of them: no time limit cuts the property short).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFromColumns, type Dataset } from '@houfu/core';
import { catalog } from '@houfu/indicators';
import { datasetArb, toColumns, type GenDataset } from './helpers/arbitrary.js';
import { startEngines, type Engines } from './helpers/engines.js';
import { idsAt } from './helpers/properties.js';
import { EDGE_DEFINITIONS } from './helpers/sql-defs.js';

const RUNS = Number(process.env['HOUFU_ENGINE_PROPERTY_RUNS'] ?? 15);
const defs = (ids: readonly string[]) => ids.map((id) => catalog.find((d) => d.id === id)!);

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
}, 180_000);
afterAll(async () => {
  await engines?.stop();
});

function build(g: GenDataset): Dataset {
  const ds = datasetFromColumns(toColumns(g) as Parameters<typeof datasetFromColumns>[0]);
  const errors = ds.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`a valid dataset was rejected: ${errors.map((f) => f.message).join('; ')}`);
  return ds;
}

/** Every engine gives arquero's rows, exactly (all computed at once: the databases are servers of their own). */
async function agree(ds: Dataset, run: (label: Engines['labels'][number]) => Promise<Record<string, unknown>[]>): Promise<void> {
  const [base, ...results] = await Promise.all(engines.labels.map(run));
  engines.labels.slice(1).forEach((label, i) => expect(results[i], label).toEqual(base));
}

describe('all engines agree on random datasets', () => {
  it('the catalog at every level, with a breakdown, and the expression corner cases', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(datasetArb({ periodTables: fc.constant('both') }), async (g) => {
        const ds = build(g);
        try {
          const above = ['province', 'prefecture', 'county', 'site'] as const;
          const persons = catalog.filter((d) => d.numerator.table === 'persons' && d.denominator.table === 'persons');
          // The three computations at once; each database loads the dataset once (engines.compute shares the load).
          await Promise.all([
            agree(ds, (l) => engines.compute(l, ds, [...defs(idsAt('site', g)), ...EDGE_DEFINITIONS], { by: [...above] })),
            agree(ds, (l) => engines.compute(l, ds, defs(idsAt('unit', g)), { by: 'unit' })),
            agree(ds, (l) => engines.compute(l, ds, persons, { by: ['county', 'site'], breakdown: ['sex', 'sites.site_type'] })),
          ]);
          if (g.data.persons.length > 0) nonEmpty++;
        } finally {
          await engines.release(ds);
        }
      }),
      // A fixed number of runs: never cut short by a clock, so every run of the suite checks as much.
      { numRuns: RUNS },
    );
    expect(nonEmpty).toBeGreaterThan(0);
  }, 600_000);
});
