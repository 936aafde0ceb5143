/**
 * Household livelihood: the three lands at origin (三块地), a stable income, and income per
 * capita from wages and transfers. None of these has a published figure; the shares are
 * assumptions stated in preset.ts and the README.
 */
import type { Households } from './households.js';
import { type Persons, TRUE } from './persons.js';
import { LAND, STABLE_INCOME_SHARE, WAGE_BY_TYPE } from './preset.js';
import { Rng } from './random.js';

/** Land status codes (index into LAND_STATUS). */
export const REVITALIZED = 0;
/** Held, no way to put it to use yet. */
export const PENDING = 1;
/** Not held at origin. */
export const NO_LAND = 2;

/** Internal household livelihood columns. */
export interface Livelihood {
  /** Contract land status. */
  landContract: Uint8Array;
  /** Forest land status. */
  landForest: Uint8Array;
  /** Homestead status. */
  landHomestead: Uint8Array;
  /** Stable income (tri-state). */
  stableIncome: Uint8Array;
  /** Yearly income per capita, whole yuan. */
  income: Float64Array;
}

/** Draws land, stable income and income for every household. */
export function makeLivelihood(hh: Households, p: Persons, seed: number): Livelihood {
  const rng = new Rng(seed, 'livelihood');
  const out: Livelihood = {
    landContract: new Uint8Array(hh.n),
    landForest: new Uint8Array(hh.n),
    landHomestead: new Uint8Array(hh.n),
    stableIncome: new Uint8Array(hh.n),
    income: new Float64Array(hh.n),
  };
  const land = (l: { holds: number; revitalized: number }) =>
    !rng.chance(l.holds) ? NO_LAND : rng.chance(l.revitalized) ? REVITALIZED : PENDING;
  for (let h = 0; h < hh.n; h++) {
    const landless = rng.chance(LAND.landless);
    out.landContract[h] = landless ? NO_LAND : land(LAND.contract);
    out.landForest[h] = landless ? NO_LAND : land(LAND.forest);
    out.landHomestead[h] = landless ? NO_LAND : land(LAND.homestead);

    let wages = 0;
    let labor = 0;
    let workers = 0;
    for (let i = hh.firstPerson[h]!; i < hh.firstPerson[h + 1]!; i++) {
      if (p.labor[i] === TRUE) labor++;
      if (p.employed[i] !== TRUE) continue;
      workers++;
      wages += WAGE_BY_TYPE[p.employmentType[i]!]! * Math.min(3, Math.max(0.4, rng.logNormal(0.35)));
    }
    const share = workers ? STABLE_INCOME_SHARE.employed : labor ? STABLE_INCOME_SHARE.laborNotEmployed : STABLE_INCOME_SHARE.noLabor;
    out.stableIncome[h] = rng.chance(share) ? 1 : 0;
    const size = hh.size[h]!;
    // Per-person subsidies, plus minimum-living assistance where nobody works.
    const transfers = size * (800 + (workers ? 0 : 3000 + rng.below(1800)));
    out.income[h] = Math.round((wages + transfers) / size);
  }
  return out;
}
