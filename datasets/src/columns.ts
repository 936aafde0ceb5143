/**
 * Internal typed arrays → plain canonical columns (strings, booleans, numbers, null), one
 * row per entity, or with monthly periods one row per entity and month (see periods.ts
 * and timeline.ts).
 */
import {
  ACTIVITY_TYPES,
  EMPLOYMENT_TYPES,
  FACILITY_TYPES,
  GUIZHOU_COUNTIES,
  LAND_STATUS,
  type TableName,
} from '@houfu/core';
import { LAST_DAY, LAST_MONTH, dateText, periodText } from './calendar.js';
import { OBSOLETE_CODE } from './dirty.js';
import { PENDING, REVITALIZED } from './livelihood.js';
import { FALSE, NONE, TRUE } from './persons.js';
import { ETHNICITIES, LAPSE, REACHED } from './preset.js';
import { IDENTITY, type Rows } from './periods.js';
import { grownCodes, timelineKey } from './timeline.js';
import { PREFECTURE_CODES } from './sites.js';
import { makeHealthServices, makeRegisters } from './measures.js';
import type { World } from './world.js';

/** Plain columns of one table. */
export type Columns = Record<string, ArrayLike<unknown>>;

const COUNTY_CODES = GUIZHOU_COUNTIES.map((c) => c.code);
const SEX = ['male', 'female'] as const;

/** Booleans by tri-state code (FALSE, TRUE, UNKNOWN). */
const BOOL: readonly (boolean | null)[] = [false, true, null];

/** Labels by code, null for NONE (and any other code past the labels). */
function labels<T>(values: readonly T[]): (T | null)[] {
  return Array.from({ length: NONE + 1 }, (_, k) => (k < values.length ? values[k]! : null));
}

/** Ids `prefix` + zero-padded 1-based number, at least `width` digits. */
function ids(prefix: string, n: number, width: number): string[] {
  const w = Math.max(width, String(n).length);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = prefix + String(i + 1).padStart(w, '0');
  return out;
}

/** `table[codes[entity]]` for every row (entity = row without an index). */
function lookup<T>(table: readonly T[], codes: ArrayLike<number>, rows: Rows): T[] {
  const out = new Array<T>(rows.length);
  const index = rows.index;
  for (let r = 0; r < rows.length; r++) out[r] = table[codes[index ? index[r]! : r]!]!;
  return out;
}

/** `values[entity]` for every row (`values` itself when rows are entities in order). */
function gather<T>(values: T[], rows: Rows): T[] {
  const index = rows.index;
  if (!index) return values;
  const out = new Array<T>(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[index[r]!]!;
  return out;
}

/** Builds every table's plain columns; they may share arrays with `world`, which is not used afterwards. */
export function toColumns(world: World, seed: number, hhRows: Rows, personRows: Rows): Record<TableName, Columns> {
  const { sites, households: hh, persons: p, living, units, unitFacts, facilities: fac, activities: act } = world;
  const key = timelineKey(seed);
  const siteIds = ids('S', sites.n, 4);
  const hhIds = ids('H', hh.n, 6);
  const unitIds = ids('U', units.n, 4);
  const allSites = IDENTITY(sites.n);
  const dates = Array.from({ length: LAST_DAY + 1 }, (_, d) => dateText(d));

  const sitesTable: Columns = {
    site_id: siteIds,
    site_name: sites.name,
    prefecture_code: lookup(PREFECTURE_CODES, sites.prefecture, allSites),
    county_code: lookup(COUNTY_CODES, sites.county, allSites),
    site_type: lookup(['rural', 'urban'], sites.urban, allSites),
    cross_county: lookup(BOOL, world.siteCross, allSites),
    is_demo: lookup(BOOL, world.siteDemo, allSites),
    opened_on: lookup(dates, sites.opened, allSites),
  };

  const landStatus = labels(LAND_STATUS);
  const land = (codes: Uint8Array, salt: number) =>
    lookup(landStatus, grownCodes(codes, hhRows, key, salt, REACHED.land, REVITALIZED, PENDING), IDENTITY(hhRows.length));
  const income = new Float64Array(hhRows.length);
  for (let r = 0; r < hhRows.length; r++) {
    const v = living.income[hhRows.index ? hhRows.index[r]! : r]!;
    const ago = hhRows.month ? LAST_MONTH - hhRows.month[r]! : 0;
    income[r] = ago === 0 ? v : Math.round(v * (1 - 0.004 * ago));
  }
  const origins = [...COUNTY_CODES, ...OBSOLETE_CODE.map((c) => c ?? '')];
  const originCode = world.obsoleteOrigin
    ? Uint8Array.from(hh.origin, (c, h) => (world.obsoleteOrigin![h] ? COUNTY_CODES.length + c : c))
    : hh.origin;
  const householdsTable: Columns = {
    household_id: aliased(gather(hhIds, hhRows), hhRows),
    site_id: lookup(siteIds, hh.site, hhRows),
    origin_county_code: lookup(origins, originCode, hhRows),
    moved_in_on: lookup(dates, hh.moved, hhRows),
    land_contract: land(living.landContract, 4),
    land_forest: land(living.landForest, 5),
    land_homestead: land(living.landHomestead, 6),
    stable_income: lookup(
      BOOL,
      grownCodes(living.stableIncome, hhRows, key, 7, REACHED.stableIncome, TRUE, FALSE, LAPSE.stableIncome),
      IDENTITY(hhRows.length),
    ),
    income_per_capita: income,
    unit_id: lookup(unitIds, hh.unit, hhRows),
    origin_village: lookup(villageIds(world), world.householdFacts.village, hhRows),
    whole_village: lookup(BOOL, world.householdFacts.whole, hhRows),
    house_photos: lookup(BOOL, grownCodes(world.householdFacts.photos, hhRows, key, 8, REACHED.housePhotos, TRUE, FALSE), IDENTITY(hhRows.length)),
    civilized_family: lookup(BOOL, grownCodes(world.householdFacts.civilized, hhRows, key, 9, REACHED.civilizedFamily, TRUE, FALSE), IDENTITY(hhRows.length)),
  };
  if (hhRows.month) householdsTable.period = periodColumn(hhRows.month);

  const perRow = IDENTITY(personRows.length);
  const employed = grownCodes(p.employed, personRows, key, 2, REACHED.employed, TRUE, FALSE, LAPSE.employed);
  const typeCodes = personRows.index ? Uint8Array.from(personRows.index, (i) => p.employmentType[i]!) : p.employmentType;
  const employmentType = lookup(labels(EMPLOYMENT_TYPES), typeCodes, perRow);
  for (let r = 0; r < personRows.length; r++) if (employed[r] === FALSE) employmentType[r] = null;
  const personsTable: Columns = {
    person_id: aliased(gather(ids('P', p.n, 7), personRows), personRows),
    household_id: aliased(lookup(hhIds, p.household, personRows), personRows),
    sex: lookup(labels(SEX), p.sex, personRows),
    birth_year: personRows.index ? Int32Array.from(personRows.index, (i) => p.birthYear[i]!) : p.birthYear,
    ethnicity: lookup(ETHNICITIES, p.ethnicity, personRows),
    is_labor: lookup(BOOL, p.labor, personRows),
    trained: lookup(BOOL, grownCodes(p.trained, personRows, key, 1, REACHED.trained, TRUE, FALSE), perRow),
    employed: lookup(BOOL, employed, perRow),
    employment_type: employmentType,
    med_insurance_transferred: lookup(BOOL, grownCodes(p.medTransferred, personRows, key, 3, REACHED.med, TRUE, FALSE), perRow),
  };
  if (personRows.month) personsTable.period = periodColumn(personRows.month);

  const allFacilities = IDENTITY(fac.n);
  const capacity: (number | null)[] = Array.from(fac.capacity, (c) => (c < 0 ? null : c));
  const facilityIds = ids('F', fac.n, 5);
  const health = makeHealthServices(sites, fac, siteIds, facilityIds);
  const facilitiesTable: Columns = {
    facility_id: facilityIds,
    site_id: lookup(siteIds, fac.site, allFacilities),
    facility_type: lookup(FACILITY_TYPES, fac.type, allFacilities),
    capacity,
    built_for_sites: health.built,
  };
  const allUnits = IDENTITY(units.n);
  const unitsTable: Columns = {
    unit_id: unitIds,
    site_id: lookup(siteIds, units.site, allUnits),
    population: units.population,
    has_police_room: lookup(BOOL, unitFacts.policeRoom, allUnits),
    party_members_elected: unitFacts.partyMembers,
  };
  const allActivities = IDENTITY(act.n);
  const activitiesTable: Columns = {
    activity_id: ids('A', act.n, 5),
    site_id: lookup(siteIds, act.site, allActivities),
    activity_type: lookup(ACTIVITY_TYPES, act.type, allActivities),
    held_on: lookup(dates, act.day, allActivities),
    participants: act.participants,
  };
  return {
    sites: sitesTable,
    households: householdsTable,
    persons: personsTable,
    facilities: facilitiesTable,
    management_units: unitsTable,
    activities: activitiesTable,
    health_services: health.services,
    ...makeRegisters(world.plan, sites, siteIds, seed),
  };
}

/** Village ids: `V` + the origin county code + a number within the county. */
function villageIds(world: World): string[] {
  const { village } = world.householdFacts;
  const hh = world.households;
  const n = village.reduce((a, v) => Math.max(a, v + 1), 0);
  const out = new Array<string>(n);
  for (let h = 0; h < hh.n; h++) out[village[h]!] ??= `V${COUNTY_CODES[hh.origin[h]!]}`;
  const seen = new Map<string, number>();
  for (let v = 0; v < n; v++) {
    const k = (seen.get(out[v]!) ?? 0) + 1;
    seen.set(out[v]!, k);
    out[v] = `${out[v]}${String(k).padStart(3, '0')}`;
  }
  return out;
}

/** Ids of the rows of moved-out copies prefixed `X`, in place (such rows exist only with periods, whose id arrays are fresh). */
function aliased(values: string[], rows: Rows): string[] {
  const alias = rows.alias;
  if (alias) for (let r = 0; r < rows.length; r++) if (alias[r]) values[r] = `X${values[r]}`;
  return values;
}

function periodColumn(month: Uint8Array): string[] {
  const texts = Array.from({ length: LAST_MONTH + 1 }, (_, k) => periodText(k));
  return lookup(texts, month, IDENTITY(month.length));
}
