/**
 * The four musts' person facts and medical insurance: exactly the planned labor households
 * with an employed member, employed persons, and persons with insurance transferred;
 * training and employment types drawn from assumed shares.
 */
import type { Households } from './households.js';
import { FALSE, type Persons, TRUE } from './persons.js';
import type { Plan } from './plan.js';
import { EMPLOYMENT_SHARES, TRAINED_SHARE } from './preset.js';
import { Rng } from './random.js';
import { fillExact } from './select.js';
import type { Sites } from './sites.js';

/** Sets employed, employment_type, trained and med_insurance_transferred on `p`. */
export function employ(plan: Plan, sites: Sites, hh: Households, p: Persons, seed: number): void {
  const rng = new Rng(seed, 'employment');
  const laborIn = new Uint8Array(hh.n);
  for (let i = 0; i < p.n; i++) laborIn[p.household[i]!]! += p.labor[i]!;

  // Households with an employed member: likelier with more labor and in urban sites.
  const withJob = new Uint8Array(hh.n);
  const householdWeight = new Float64Array(hh.n);
  for (let h = 0; h < hh.n; h++) householdWeight[h] = laborIn[h]! * (sites.urban[hh.site[h]!] ? 1 : 0.8);
  fillExact(plan.households_one_plus_employed, householdWeight, rng, withJob);

  // The head (the first labor member) of each such household works; the other employed
  // persons are drawn among the remaining labor members of those households.
  const employed = new Uint8Array(p.n);
  const extraWeight = new Float32Array(p.n);
  for (let h = 0; h < hh.n; h++) {
    if (!withJob[h]) continue;
    const first = hh.firstPerson[h]!;
    employed[first] = 1;
    for (let i = first + 1; i < hh.firstPerson[h + 1]!; i++) {
      if (p.labor[i] !== TRUE) continue;
      const age = 2019 - p.birthYear[i]!;
      extraWeight[i] = age >= 20 && age <= 45 ? 1 : 0.6;
    }
  }
  fillExact(plan.employed_persons - plan.households_one_plus_employed, extraWeight, rng, employed);

  for (let i = 0; i < p.n; i++) {
    if (p.labor[i] !== TRUE) {
      p.employed[i] = FALSE;
      p.trained[i] = FALSE;
      continue;
    }
    const works = employed[i] === 1;
    p.employed[i] = works ? TRUE : FALSE;
    if (works) {
      const shares = sites.urban[hh.site[p.household[i]!]!] ? EMPLOYMENT_SHARES.urban : EMPLOYMENT_SHARES.rural;
      p.employmentType[i] = rng.pick(shares, 1);
    }
    p.trained[i] = rng.chance(works ? TRAINED_SHARE.employed : TRAINED_SHARE.notEmployed) ? TRUE : FALSE;
  }

  // Medical insurance moves by household; most often for cross-county households, least
  // often in rural sites.
  const moved = new Uint8Array(hh.n);
  const medWeight = Float64Array.from(hh.site, (s, h) => (hh.cross[h] ? 1.6 : sites.urban[s] ? 1 : 0.5));
  fillExact(plan.med_insurance_transferred_persons, medWeight, rng, moved, hh.size);
  for (let i = 0; i < p.n; i++) p.medTransferred[i] = moved[p.household[i]!] ? TRUE : FALSE;
}
