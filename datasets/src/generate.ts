/**
 * The generator's pipeline: plan → sites → households → persons → employment → livelihood
 * → institutions → (dirt) → columns. Each step draws from its own seeded stream.
 */
import type { TableName } from '@houfu/core';
import { type Columns, toColumns } from './columns.js';
import { makeDirty } from './dirty.js';
import { employ } from './employment.js';
import { makeHouseholds } from './households.js';
import { makeActivities, makeFacilities, makeUnitFacts } from './institutions.js';
import { makeLivelihood } from './livelihood.js';
import { makeHouseholdFacts } from './measures.js';
import { monthlyRows, singleRows } from './periods.js';
import { makePersons } from './persons.js';
import { MIN_SCALE, makePlan } from './plan.js';
import { makeSites } from './sites.js';
import type { World } from './world.js';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** The calibration preset: Guizhou at the end of 2019. */
  preset: 'guizhou-2019';
  /** 1 reproduces the published figures; persons scale with it (at least 0.001). */
  scale: number;
  /** Any safe integer; the same options always give the same data. */
  seed: number;
  /** Adds a `period` column to households and persons: one row per month for the `months` months up to 2019-12 (1–48; 48 reaches back to 2016-01). */
  months?: number;
  /** About 1% unknown values in nullable boolean and enumeration columns, and some obsolete origin codes. */
  dirty?: boolean;
  /** Called after each step with the step's name, the steps done and the number of steps. */
  onProgress?: (step: string, done: number, total: number) => void;
}

/** A generated dataset. */
export interface GeneratedDataset {
  /** Plain columns per canonical table: column name -> values (one entry per row). */
  tables: Record<TableName, Record<string, ArrayLike<unknown>>>;
  /** Counts the generator targeted (for documentation and tests). */
  targets: Record<string, number>;
}

function check(options: GenerateOptions): void {
  const { preset, scale, seed, months } = options;
  if (preset !== 'guizhou-2019') throw new RangeError(`unknown preset '${String(preset)}': use 'guizhou-2019'`);
  if (!Number.isFinite(scale) || scale < MIN_SCALE) throw new RangeError(`scale must be a number of at least ${MIN_SCALE}, got ${scale}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 48)) {
    throw new RangeError(`months must be an integer from 1 to 48, got ${months}`);
  }
}

/**
 * Generates a synthetic dataset in the canonical schema v2 (with the registers of the six measures), calibrated to the figures
 * Guizhou published for 2019. The data are synthetic: no row describes a real person,
 * household or site.
 *
 * @example
 * ```ts
 * const { tables, targets } = generate({ preset: 'guizhou-2019', scale: 0.1, seed: 1 });
 * tables.persons.person_id.length; // 188000
 * ```
 */
export function generate(options: GenerateOptions): GeneratedDataset {
  check(options);
  const { scale, seed, months, dirty = false, onProgress } = options;
  const steps = dirty ? 8 : 7;
  let done = 0;
  const step = (name: string) => onProgress?.(name, ++done, steps);

  const plan = makePlan(scale);
  const sites = makeSites(plan, seed);
  step('sites');
  const { households, units } = makeHouseholds(plan, sites, seed);
  step('households');
  const persons = makePersons(plan, sites, households, seed);
  step('persons');
  employ(plan, sites, households, persons, seed);
  step('employment');
  const living = makeLivelihood(households, persons, seed);
  step('livelihood');
  const unitFacts = makeUnitFacts(plan, units, seed);
  const world: World = {
    plan,
    sites,
    siteCross: new Uint8Array(sites.n),
    siteDemo: sites.demo.slice(),
    households,
    living,
    persons,
    units,
    unitFacts,
    facilities: makeFacilities(plan, sites, units, unitFacts, seed),
    activities: makeActivities(plan, sites, seed),
    householdFacts: makeHouseholdFacts(plan, households, seed),
  };
  for (let h = 0; h < households.n; h++) if (households.cross[h]) world.siteCross[households.site[h]!] = 1;
  step('institutions');
  if (dirty) {
    makeDirty(world, seed);
    step('dirty');
  }
  const rows = months === undefined ? singleRows(households) : monthlyRows(households, months, seed);
  const tables: Record<TableName, Columns> = toColumns(world, seed, rows.households, rows.persons);
  step('columns');
  return { tables, targets: { ...plan } };
}
