/**
 * Households: sizes that fill each site exactly, move-in days, management units, and the
 * origin county (exactly the planned number of persons come from another county).
 */
import { GUIZHOU_COUNTIES } from '@houfu/core';
import { LAST_DAY } from './calendar.js';
import type { Plan } from './plan.js';
import { HOUSEHOLD_SIZE_SHARES } from './preset.js';
import { Rng } from './random.js';
import { allocate, fillExact } from './select.js';
import type { Sites } from './sites.js';

/** Internal household columns, households ordered by site. */
export interface Households {
  /** Number of households. */
  n: number;
  /** Site index. */
  site: Uint16Array;
  /** Members (1..8). */
  size: Uint8Array;
  /** Index of the first member in the person arrays; entry n is the person count. */
  firstPerson: Uint32Array;
  /** Move-in day. */
  moved: Uint16Array;
  /** Origin county, index into GUIZHOU_COUNTIES. */
  origin: Uint8Array;
  /** 1 when the origin county differs from the site's county. */
  cross: Uint8Array;
  /** Management unit index. */
  unit: Uint32Array;
  /** First household of each site; entry sites.n is n. */
  siteStart: Uint32Array;
}

/** Management units (resident groups). */
export interface Units {
  /** Number of units. */
  n: number;
  /** Site index. */
  site: Uint16Array;
  /** Persons in the unit's households. */
  population: Int32Array;
}

/** Fills the sites with households and splits them into management units. */
export function makeHouseholds(plan: Plan, sites: Sites, seed: number): { households: Households; units: Units } {
  const rng = new Rng(seed, 'households');
  const total = plan.relocated_persons;
  const sizeBuf = new Uint8Array(total);
  const siteBuf = new Uint16Array(total);
  const movedBuf = new Uint16Array(total);
  const siteStart = new Uint32Array(sites.n + 1);
  let n = 0;
  for (let s = 0; s < sites.n; s++) {
    siteStart[s] = n;
    const opened = sites.opened[s]!;
    for (let left = sites.persons[s]!; left > 0; n++) {
      const k = Math.min(left, 1 + rng.pick(HOUSEHOLD_SIZE_SHARES, 1));
      left -= k;
      sizeBuf[n] = k;
      siteBuf[n] = s;
      // Most households move in within months of the opening; none after 2019-12-31.
      const wait = Math.floor(-Math.log(1 - rng.float()) * 100);
      movedBuf[n] = opened + wait <= LAST_DAY ? opened + wait : opened + rng.below(LAST_DAY - opened + 1);
    }
  }
  siteStart[sites.n] = n;
  const size = sizeBuf.slice(0, n);
  const site = siteBuf.slice(0, n);
  const firstPerson = new Uint32Array(n + 1);
  for (let h = 0; h < n; h++) firstPerson[h + 1] = firstPerson[h]! + size[h]!;

  const units = makeUnits(plan, sites, siteStart, size, rng);
  const { origin, cross } = makeOrigins(plan, sites, site, size, seed);
  return {
    households: { n, site, size, firstPerson, moved: movedBuf.slice(0, n), origin, cross, unit: units.unitOf, siteStart },
    units: units.units,
  };
}

function makeUnits(plan: Plan, sites: Sites, siteStart: Uint32Array, size: Uint8Array, rng: Rng) {
  const householdsIn = Array.from({ length: sites.n }, (_, s) => siteStart[s + 1]! - siteStart[s]!);
  const perSite = allocate(plan.resident_groups, sites.persons, 1, householdsIn);
  const unitOf = new Uint32Array(size.length);
  const unitSite = new Uint16Array(plan.resident_groups);
  const population = new Int32Array(plan.resident_groups);
  let u = 0;
  for (let s = 0; s < sites.n; s++) {
    const k = perSite[s]!;
    const blocks = allocate(householdsIn[s]!, Array.from({ length: k }, () => rng.logNormal(0.45)), 1);
    let h = siteStart[s]!;
    for (let j = 0; j < k; j++, u++) {
      unitSite[u] = s;
      for (let end = h + blocks[j]!; h < end; h++) {
        unitOf[h] = u;
        population[u]! += size[h]!;
      }
    }
  }
  return { unitOf, units: { n: plan.resident_groups, site: unitSite, population } };
}

/**
 * Origins. Cross-county households live in the largest urban sites of districts and
 * county-level cities and come from another county of the same prefecture.
 */
function makeOrigins(plan: Plan, sites: Sites, site: Uint16Array, size: Uint8Array, seed: number) {
  const rng = new Rng(seed, 'origins');
  const n = site.length;
  const target = plan.cross_county_resettled_persons;
  const cityLike = (s: number) => /[区市]$/.test(GUIZHOU_COUNTIES[sites.county[s]!]!.name);
  const rank = (s: number) => (sites.urban[s] ? (cityLike(s) ? 0 : 1) : 2);
  const order = Array.from({ length: sites.n }, (_, s) => s).sort(
    (a, b) => rank(a) - rank(b) || sites.persons[b]! - sites.persons[a]! || a - b,
  );
  const receiving = new Uint8Array(sites.n);
  for (let i = 0, held = 0; i < order.length && held < 2 * target; i++) {
    receiving[order[i]!] = 1;
    held += sites.persons[order[i]!]!;
  }
  const cross = new Uint8Array(n);
  fillExact(target, Float64Array.from(site, (s) => receiving[s]!), rng, cross, size);

  const otherCounties = GUIZHOU_COUNTIES.map((c) =>
    GUIZHOU_COUNTIES.flatMap((d, j) => (d.prefectureCode === c.prefectureCode && d.code !== c.code ? [j] : [])),
  );
  const otherWeights = otherCounties.map((list) => list.map((j) => sites.countyWeight[j]!));
  const origin = new Uint8Array(n);
  for (let h = 0; h < n; h++) {
    const home = sites.county[site[h]!]!;
    origin[h] = cross[h] ? otherCounties[home]![rng.pick(otherWeights[home]!)]! : home;
  }
  return { origin, cross };
}
