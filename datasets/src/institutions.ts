/**
 * Facilities, the police rooms and party members of management units, and cultural
 * activities: published counts placed on sites by size.
 */
import { ACTIVITY_TYPES, FACILITY_TYPES } from '@houfu/core';
import { FIRST_DAY_2019 } from './calendar.js';
import type { Units } from './households.js';
import type { Plan } from './plan.js';
import { Rng } from './random.js';
import { allocate, pickTop } from './select.js';
import type { Sites } from './sites.js';

/** Internal facility columns, ordered by site then FACILITY_TYPES. */
export interface Facilities {
  /** Number of facilities. */
  n: number;
  /** Site index. */
  site: Uint16Array;
  /** Index into FACILITY_TYPES. */
  type: Uint8Array;
  /** Seats, beds or jobs; -1 when not recorded. */
  capacity: Int32Array;
}

/** Internal management-unit facts beyond population. */
export interface UnitFacts {
  /** 1 when the unit has a police room. */
  policeRoom: Uint8Array;
  /** Party members elected from the unit's residents. */
  partyMembers: Int32Array;
}

/** Internal activity columns, ordered by site, type, day. */
export interface Activities {
  /** Number of activities. */
  n: number;
  /** Site index. */
  site: Uint16Array;
  /** Index into ACTIVITY_TYPES. */
  type: Uint8Array;
  /** Day held (in 2019). */
  day: Uint16Array;
  /** Participants. */
  participants: Int32Array;
}

/** Police rooms (every unit of 3,000 or more persons has one) and elected party members. */
export function makeUnitFacts(plan: Plan, units: Units, seed: number): UnitFacts {
  const rng = new Rng(seed, 'units');
  const policeRoom = Uint8Array.from(units.population, (pop) =>
    pop >= 3000 || rng.chance(pop >= 1500 ? 0.2 : 0.04) ? 1 : 0,
  );
  const electing = pickTop(
    plan.units_electing_party_members,
    Array.from(units.population, (pop) => pop ** 0.7),
    rng,
  );
  const extra = allocate(
    plan.party_members_elected - plan.units_electing_party_members,
    Array.from(electing, (e) => (e ? rng.logNormal(0.6) : 0)),
  );
  const partyMembers = Int32Array.from(electing, (e, u) => (e ? 1 + extra[u]! : 0));
  return { policeRoom, partyMembers };
}

const typeIndex = (t: (typeof FACILITY_TYPES)[number]) => FACILITY_TYPES.indexOf(t);

/** Places every facility type on the sites. */
export function makeFacilities(plan: Plan, sites: Sites, units: Units, facts: UnitFacts, seed: number): Facilities {
  const rng = new Rng(seed, 'facilities');
  const size = (power: number, urbanOnly = false) =>
    Array.from(sites.persons, (pop, s) => (urbanOnly && !sites.urban[s] ? 0 : pop ** power * rng.logNormal(0.3)));
  const counts: Record<string, ArrayLike<number>> = {};
  counts.school = allocate(plan.schools_built, size(0.7));
  counts.kindergarten = allocate(plan.kindergartens, size(0.8));
  counts.health_facility = pickTop(plan.medical_facilities_built, size(1.5), rng);
  const police = new Int32Array(sites.n);
  for (let u = 0; u < units.n; u++) police[units.site[u]!]! += facts.policeRoom[u]!;
  counts.police_room = police;
  counts.mediation_room = allocate(plan.mediation_rooms, size(0.6));
  counts.governance_center = allocate(plan.governance_centers, size(0.6));
  counts.community_committee = allocate(plan.community_committees, size(0.8, true));
  counts.street_office = pickTop(plan.street_offices, size(2, true), rng);
  const committees = pickTop(plan.party_committees, size(1.5), rng);
  counts.party_committee = committees;
  // Every site without a party committee has a branch; the other branches sit under the
  // committees of the largest sites.
  const bare = sites.n - committees.reduce((a, b) => a + b, 0);
  const more = allocate(
    plan.party_branches_or_groups - bare,
    Array.from(sites.persons, (pop, s) => (committees[s] || bare === sites.n ? pop : 0)),
  );
  counts.party_branch = Int32Array.from(committees, (c, s) => (c ? 0 : 1) + more[s]!);
  counts.workshop = allocate(plan.workshops, size(0.8));

  const total = FACILITY_TYPES.reduce((a, t) => a + Array.from(counts[t]!).reduce((x, y) => x + y, 0), 0);
  const out: Facilities = { n: total, site: new Uint16Array(total), type: new Uint8Array(total), capacity: new Int32Array(total) };
  let f = 0;
  for (let s = 0; s < sites.n; s++) {
    const pop = sites.persons[s]!;
    for (const t of FACILITY_TYPES) {
      const k = counts[t]![s]!;
      for (let j = 0; j < k; j++, f++) {
        out.site[f] = s;
        out.type[f] = typeIndex(t);
        out.capacity[f] = capacity(t, pop, k, rng);
      }
    }
  }
  return out;
}

function capacity(type: string, pop: number, count: number, rng: Rng): number {
  switch (type) {
    case 'school': // seats, classes of 45 for the school-age share
      return 45 * Math.max(6, Math.round((pop * 0.16) / 45 / count));
    case 'kindergarten': // seats, classes of 30
      return 30 * Math.max(3, Math.round((pop * 0.05) / 30 / count));
    case 'health_facility': // beds
      return Math.max(2, Math.round(pop / 800 / count));
    case 'workshop': // jobs
      return rng.between(20, 120);
    default:
      return -1;
  }
}

const ACTIVITY_SIZE: Record<string, number> = {
  gratitude_education: 80,
  civic_awareness: 60,
  civilized_family: 150,
  house_comparison: 40,
  other: 50,
};

/** Places the year's cultural activities on the sites. */
export function makeActivities(plan: Plan, sites: Sites, seed: number): Activities {
  const rng = new Rng(seed, 'activities');
  const size = (power: number) => Array.from(sites.persons, (pop) => pop ** power * rng.logNormal(0.3));
  const counts: Record<string, Int32Array> = {
    gratitude_education: allocate(plan.gratitude_education_events, size(0.5), 1),
    civic_awareness: allocate(plan.civic_awareness_events, size(0.5), 1),
    civilized_family: allocate(plan.civilized_family_events, size(0.3)),
    house_comparison: allocate(plan.house_comparison_events, size(0.5)),
    other: allocate(plan.other_events, size(0.6)),
  };
  const total = ACTIVITY_TYPES.reduce((a, t) => a + counts[t]!.reduce((x, y) => x + y, 0), 0);
  const out: Activities = {
    n: total,
    site: new Uint16Array(total),
    type: new Uint8Array(total),
    day: new Uint16Array(total),
    participants: new Int32Array(total),
  };
  let a = 0;
  for (let s = 0; s < sites.n; s++) {
    const pop = sites.persons[s]!;
    ACTIVITY_TYPES.forEach((t, ti) => {
      const k = counts[t]![s]!;
      const days = Array.from({ length: k }, () => FIRST_DAY_2019 + rng.below(365)).sort((x, y) => x - y);
      for (const day of days) {
        out.site[a] = s;
        out.type[a] = ti;
        out.day[a] = day;
        const drawn = Math.round(ACTIVITY_SIZE[t]! * rng.logNormal(0.5));
        out.participants[a++] = Math.min(pop, Math.max(5, drawn));
      }
    });
  }
  return out;
}
