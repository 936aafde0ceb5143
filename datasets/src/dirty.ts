/**
 * Dirty mode: about 1% unknown (null) values in the boolean and enumeration columns that
 * may be null, and some households whose origin carries a county code that was replaced
 * (水城县 520221, 黔西县 520522, 盘县 520222, 兴仁县 522322). Everything else stays valid.
 */
import { GUIZHOU_CODE_CHANGES, GUIZHOU_COUNTIES } from '@houfu/core';
import { NONE, UNKNOWN } from './persons.js';
import { Rng } from './random.js';
import type { World } from './world.js';

/** Share of values set to unknown in each column that may hold nulls. */
export const DIRTY_NULL_SHARE = 0.01;
/** Share of households from a renamed county that carry its obsolete code. */
export const OBSOLETE_CODE_SHARE = 0.1;

/** Obsolete code of each county (GUIZHOU_COUNTIES order), or undefined. */
export const OBSOLETE_CODE: readonly (string | undefined)[] = GUIZHOU_COUNTIES.map(
  (c) => GUIZHOU_CODE_CHANGES.find((change) => change.to === c.code)?.from,
);

/** Calls `hit` for about `share` of the indices below `n` (geometric gaps). */
function sprinkle(n: number, share: number, rng: Rng, hit: (i: number) => void): void {
  const scale = 1 / Math.log(1 - share);
  for (let i = Math.floor(Math.log(1 - rng.float()) * scale); i < n; i += 1 + Math.floor(Math.log(1 - rng.float()) * scale)) {
    hit(i);
  }
}

/** Makes `world` dirty in place; `world.obsoleteOrigin` marks the households with old codes. */
export function makeDirty(world: World, seed: number): void {
  const rng = new Rng(seed, 'dirty');
  const p = DIRTY_NULL_SHARE;
  const unknown = (a: Uint8Array, value = UNKNOWN) => sprinkle(a.length, p, rng, (i) => (a[i] = value));
  unknown(world.siteCross);
  unknown(world.siteDemo);
  for (const land of [world.living.landContract, world.living.landForest, world.living.landHomestead]) unknown(land, NONE);
  unknown(world.living.stableIncome);
  const persons = world.persons;
  unknown(persons.sex, NONE);
  unknown(persons.labor);
  unknown(persons.trained);
  // An unknown employment status leaves the employment type unknown too.
  sprinkle(persons.n, p, rng, (i) => {
    persons.employed[i] = UNKNOWN;
    persons.employmentType[i] = NONE;
  });
  sprinkle(persons.n, p, rng, (i) => (persons.employmentType[i] = NONE));
  unknown(persons.medTransferred);
  unknown(world.unitFacts.policeRoom);

  const obsolete = new Uint8Array(world.households.n);
  const origin = world.households.origin;
  for (let h = 0; h < origin.length; h++) {
    if (OBSOLETE_CODE[origin[h]!] && rng.chance(OBSOLETE_CODE_SHARE)) obsolete[h] = 1;
  }
  world.obsoleteOrigin = obsolete;
}
