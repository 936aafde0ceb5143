/**
 * Persons: which households have labor (exactly the planned number), and for every member
 * sex, birth year, ethnicity and labor status, consistent with the household's make-up.
 */
import type { Households } from './households.js';
import type { Plan } from './plan.js';
import { ETHNIC_MIX, NO_LABOR_WEIGHT_BY_SIZE } from './preset.js';
import { Rng, sum } from './random.js';
import { fillExact } from './select.js';
import { PREFECTURE_CODES, type Sites } from './sites.js';

/** Tri-state values in internal boolean columns. */
export const FALSE = 0;
/** True. */
export const TRUE = 1;
/** Unknown (null). */
export const UNKNOWN = 2;
/** No value in an internal enumeration column. */
export const NONE = 255;

/** Internal person columns, persons ordered by household, head first. */
export interface Persons {
  /** Number of persons. */
  n: number;
  /** Household index. */
  household: Uint32Array;
  /** 0 male, 1 female, NONE when unknown. */
  sex: Uint8Array;
  /** Year of birth. */
  birthYear: Int32Array;
  /** Index into ETHNICITIES. */
  ethnicity: Uint8Array;
  /** Member of the labor force (tri-state). */
  labor: Uint8Array;
  /** Trained (tri-state). */
  trained: Uint8Array;
  /** Employed (tri-state). */
  employed: Uint8Array;
  /** Index into EMPLOYMENT_TYPES, or NONE. */
  employmentType: Uint8Array;
  /** Medical insurance transferred (tri-state). */
  medTransferred: Uint8Array;
}

const REFERENCE_YEAR = 2019;
const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Chooses the labor households and draws every person's demographics. */
export function makePersons(plan: Plan, sites: Sites, hh: Households, seed: number): Persons {
  const rng = new Rng(seed, 'persons');
  const noLaborCount = hh.n - plan.labor_households;
  if (noLaborCount < 0) throw new RangeError('fewer households than planned labor households');
  const noLabor = new Uint8Array(hh.n);
  fillExact(noLaborCount, Float64Array.from(hh.size, (k) => NO_LABOR_WEIGHT_BY_SIZE[k - 1]!), rng, noLabor);

  const n = plan.relocated_persons;
  const p: Persons = {
    n,
    household: new Uint32Array(n),
    sex: new Uint8Array(n),
    birthYear: new Int32Array(n),
    ethnicity: new Uint8Array(n),
    labor: new Uint8Array(n),
    trained: new Uint8Array(n),
    employed: new Uint8Array(n),
    employmentType: new Uint8Array(n).fill(NONE),
    medTransferred: new Uint8Array(n),
  };
  const mixes = PREFECTURE_CODES.map((c) => ETHNIC_MIX[c]!);
  const mixTotals = mixes.map((m) => sum(m));
  const ages: number[] = [];
  const sexes: number[] = [];
  for (let h = 0; h < hh.n; h++) {
    const size = hh.size[h]!;
    const labor = noLabor[h] ? 0 : laborCount(size, rng);
    compose(size, labor, rng, ages, sexes);
    const pref = sites.prefecture[hh.site[h]!]!;
    const own = rng.pick(mixes[pref]!, mixTotals[pref]);
    for (let j = 0, i = hh.firstPerson[h]!; j < size; j++, i++) {
      p.household[i] = h;
      p.sex[i] = sexes[j]!;
      p.birthYear[i] = REFERENCE_YEAR - ages[j]!;
      p.ethnicity[i] = rng.chance(0.92) ? own : rng.pick(mixes[pref]!, mixTotals[pref]);
      p.labor[i] = j < labor ? TRUE : FALSE;
    }
  }
  return p;
}

/** Labor members of a labor household of `size`. */
function laborCount(size: number, rng: Rng): number {
  if (size === 1) return 1;
  if (size === 2) return rng.chance(0.35) ? 1 : 2;
  return Math.min(size, 1 + rng.pick([0.1, 0.45, 0.3, 0.15], 1));
}

/**
 * Ages and sexes of a household's members; the first `labor` members are the labor force
 * (head, spouse, adult children or siblings, aged 16–59), the others are children,
 * students or elderly. A household without labor is elderly-headed or headed by someone
 * who cannot work.
 */
function compose(size: number, labor: number, rng: Rng, ages: number[], sexes: number[]): void {
  ages.length = 0;
  sexes.length = 0;
  const randomSex = () => (rng.chance(0.51) ? 0 : 1);
  let head: number;
  if (labor > 0) {
    head = rng.between(22, 59);
    sexes.push(rng.chance(0.8) ? 0 : 1);
  } else {
    head = rng.chance(0.75) ? rng.between(60, 88) : rng.between(25, 59);
    sexes.push(rng.chance(0.6) ? 0 : 1);
  }
  ages.push(head);
  for (let j = 1; j < size; j++) {
    if (j === 1 && (labor >= 2 || (labor === 0 && head >= 60 && rng.chance(0.7)))) {
      ages.push(labor ? clamp(head + rng.between(-5, 5), 18, 59) : clamp(head + rng.between(-6, 4), 60, 95));
      sexes.push(1 - sexes[0]!);
    } else if (j < labor) {
      ages.push(head >= 38 ? rng.between(16, Math.max(16, Math.min(35, head - 20))) : clamp(head + rng.between(-10, 10), 16, 59));
      sexes.push(randomSex());
    } else {
      const r = rng.float();
      if (labor > 0 && head >= 38 && r < 0.35) ages.push(clamp(head + rng.between(22, 35), 60, 95));
      else if (labor > 0 && head >= 40 && r < 0.5) ages.push(rng.between(16, 19));
      else if (labor === 0 && head < 60 && r < 0.5) ages.push(rng.between(60, 90));
      else ages.push(rng.between(0, Math.max(0, Math.min(15, head - 18))));
      sexes.push(randomSex());
    }
  }
}
