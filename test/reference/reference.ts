/**
 * An independent, deliberately naive implementation of every indicator in
 * docs/semantics.md, over plain row objects. It is the oracle the engine is checked
 * against: it shares no code with packages/, loops row by row, and spells out each
 * indicator on its own. Values may be typed (true, 12, null) or CSV-like text
 * ('true', '12', '' for unknown).
 */

/** Plain rows of one table. */
export type Rows = Record<string, unknown>[];

/** A dataset as plain rows per table; absent optional tables count as empty. */
export interface PlainDataset {
  sites: Rows;
  households: Rows;
  persons: Rows;
  facilities?: Rows;
  management_units?: Rows;
  activities?: Rows;
  health_services?: Rows;
  projects?: Rows;
  demonstration_sites?: Rows;
  problems?: Rows;
  tasks?: Rows;
  dispatches?: Rows;
  trainings?: Rows;
  inspections?: Rows;
}

/** One result row of the oracle. */
export interface RefRow {
  indicator_id: string;
  level: 'province' | 'prefecture' | 'county' | 'site' | 'unit';
  area_code: string;
  period: string | null;
  numerator: number;
  denominator: number;
  unknown: number;
  value: number | null;
  target: number | null;
  status: 'met' | 'not_met' | 'no_data' | 'no_target';
}

type Level = RefRow['level'];
/** Kleene truth value: null is unknown. */
type K = boolean | null;
type Table = 'persons' | 'households';

/** Static facts of each indicator, copied from the catalog table of docs/semantics.md. */
interface Meta {
  kind: 'rate' | 'count' | 'ratio';
  factor: number;
  target: number | null;
  direction: 'at_least' | 'at_most' | null;
  /** Periodic tables the indicator reads (persons reach their site through households). */
  touches: Table[];
  /** Whether the indicator has rows at level `unit`. */
  unitLevel: boolean;
}

const PH: Table[] = ['persons', 'households'];
const atLeast1 = { target: 1, direction: 'at_least' } as const;
const noTarget = { target: null, direction: null } as const;

/** The catalog: every id of docs/semantics.md. */
export const REFERENCE_CATALOG: Readonly<Record<string, Meta>> = {
  'four_musts.training': { kind: 'rate', factor: 1, ...atLeast1, touches: PH, unitLevel: true },
  'four_musts.employment': { kind: 'rate', factor: 1, ...atLeast1, touches: PH, unitLevel: true },
  'four_musts.land': { kind: 'rate', factor: 1, ...atLeast1, touches: ['households'], unitLevel: true },
  'four_musts.income': { kind: 'rate', factor: 1, ...atLeast1, touches: ['households'], unitLevel: true },
  'four_musts.all': { kind: 'rate', factor: 1, ...atLeast1, touches: PH, unitLevel: true },
  'employment.rate': { kind: 'rate', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'employment.labor_households': { kind: 'count', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'employment.zero_households': {
    kind: 'count', factor: 1, target: 0, direction: 'at_most', touches: PH, unitLevel: true,
  },
  'employment.employed_persons': { kind: 'count', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'services.med_insurance_transfer': { kind: 'rate', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'services.health_facility_coverage': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'services.schools_per_10k': { kind: 'ratio', factor: 10000, ...noTarget, touches: PH, unitLevel: false },
  'services.medical_facilities_per_10k': { kind: 'ratio', factor: 10000, ...noTarget, touches: PH, unitLevel: false },
  'services.police_room_coverage': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: true },
  'governance.mediation_rooms_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'governance.governance_centers_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'governance.community_committees_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'governance.street_offices_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'culture.activities_per_1k': { kind: 'ratio', factor: 1000, ...noTarget, touches: PH, unitLevel: false },
  'culture.gratitude_events_per_1k': { kind: 'ratio', factor: 1000, ...noTarget, touches: PH, unitLevel: false },
  'culture.civic_events_per_1k': { kind: 'ratio', factor: 1000, ...noTarget, touches: PH, unitLevel: false },
  'party.organization_coverage': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'party.members_elected_per_unit': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: true },
  'party.units_electing_share': { kind: 'rate', factor: 1, ...noTarget, touches: [], unitLevel: true },
  'structure.urban_share': { kind: 'rate', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'structure.cross_county_share': { kind: 'rate', factor: 1, ...noTarget, touches: PH, unitLevel: true },
  'structure.urban_site_share': { kind: 'rate', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'structure.demo_site_share': { kind: 'rate', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'services.health_service_coverage': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'services.health_facilities_built': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'culture.house_photos': { kind: 'rate', factor: 1, ...noTarget, touches: ['households'], unitLevel: true },
  'culture.civilized_families': { kind: 'rate', factor: 1, ...noTarget, touches: ['households'], unitLevel: true },
  'party.committees_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'party.branches_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'structure.whole_village_share': { kind: 'rate', factor: 1, ...noTarget, touches: ['households'], unitLevel: true },
  'measures.project_completion': { kind: 'rate', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'measures.funds_east_west_share': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'measures.funds_fiscal_share': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'measures.funds_social_share': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'measures.gap_health_planned': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'measures.gap_police_planned': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'measures.gap_party_planned': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'measures.demo_registered': { kind: 'rate', factor: 1, ...noTarget, touches: [], unitLevel: false },
  'measures.rectification_rate': { kind: 'rate', factor: 1, ...atLeast1, touches: [], unitLevel: false },
  'measures.problems_per_site': { kind: 'ratio', factor: 1, ...noTarget, touches: [], unitLevel: false },
};

/** Every indicator id, in catalog order. */
export const REFERENCE_IDS: readonly string[] = Object.keys(REFERENCE_CATALOG);

/** Ids of the indicators that have rows at level `unit`. */
export const REFERENCE_UNIT_IDS: readonly string[] = REFERENCE_IDS.filter(
  (id) => REFERENCE_CATALOG[id]!.unitLevel,
);

// ---------------------------------------------------------------- Kleene logic

function kAnd(...xs: K[]): K {
  let unknown = false;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) unknown = true;
  }
  return unknown ? null : true;
}

function kOr(...xs: K[]): K {
  let unknown = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === null) unknown = true;
  }
  return unknown ? null : false;
}

function kNot(x: K): K {
  return x === null ? null : !x;
}

/** A comparison with a null operand is unknown. */
function kEq(a: string | null, b: string | null): K {
  if (a === null || b === null) return null;
  return a === b;
}

/** any(members: p): Kleene OR, false for no members. */
function kAny<T>(rows: T[], p: (r: T) => K): K {
  let result: K = false;
  for (const r of rows) result = kOr(result, p(r));
  return result;
}

/** all(members: p): Kleene AND, true for no members. */
function kAll<T>(rows: T[], p: (r: T) => K): K {
  let result: K = true;
  for (const r of rows) result = kAnd(result, p(r));
  return result;
}

// ---------------------------------------------------------------- loose value readers

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

function str(v: unknown): string | null {
  return isBlank(v) ? null : String(v);
}

function bool(v: unknown): K {
  if (isBlank(v)) return null;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new Error(`reference: not a boolean: ${JSON.stringify(v)}`);
}

function num(v: unknown): number | null {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v));
  if (Number.isNaN(n)) throw new Error(`reference: not a number: ${JSON.stringify(v)}`);
  return n;
}

// ---------------------------------------------------------------- counting

interface Counter {
  numerator: number;
  denominator: number;
  unknown: number;
}

/** Classify one row by universe U and outcome O, as in the table of docs/semantics.md. */
function tally(c: Counter | undefined, u: K, o: K): void {
  if (!c) return;
  if (u === false) return;
  if (u === null || o === null) {
    c.unknown += 1;
    return;
  }
  c.denominator += 1;
  if (o) c.numerator += 1;
}

function provinceOf(countyCode: string): string {
  return countyCode.slice(0, 2) + '0000';
}

/** The area code of a site at a site-or-above level. */
function siteArea(site: Record<string, unknown>, level: Level): string {
  const county = String(site.county_code);
  if (level === 'province') return provinceOf(county);
  if (level === 'prefecture') return String(site.prefecture_code);
  if (level === 'county') return county;
  return String(site.site_id);
}

function hasPeriod(rows: Rows): boolean {
  return rows.some((r) => !isBlank(r.period));
}

/**
 * Compute the given indicators (default: all) at one level, naively.
 * Every area present in `sites` (every unit in `management_units` at level `unit`) gets a
 * row per period; indicators without rows at level `unit` give no rows there.
 */
export function referenceCompute(data: PlainDataset, level: Level, indicatorIds?: string[]): RefRow[] {
  const ids = indicatorIds ?? [...REFERENCE_IDS];
  const sites = data.sites;
  const facilities = data.facilities ?? [];
  const units = data.management_units ?? [];
  const activities = data.activities ?? [];

  const siteById = new Map<string, Record<string, unknown>>();
  for (const s of sites) siteById.set(String(s.site_id), s);

  // The areas of this level, each with a row even when nothing counts there.
  const areas: string[] = [];
  if (level === 'unit') {
    for (const u of units) if (!areas.includes(String(u.unit_id))) areas.push(String(u.unit_id));
  } else {
    for (const s of sites) {
      const a = siteArea(s, level);
      if (!areas.includes(a)) areas.push(a);
    }
  }

  const periodic: Record<Table, boolean> = {
    persons: hasPeriod(data.persons),
    households: hasPeriod(data.households),
  };

  const out: RefRow[] = [];
  for (const id of ids) {
    const meta = REFERENCE_CATALOG[id];
    if (!meta) throw new Error(`reference: unknown indicator ${id}`);
    if (level === 'unit' && !meta.unitLevel) continue;

    // The periods of this indicator: those of the periodic tables it reads, else [null].
    const periodSet = new Set<string>();
    for (const t of meta.touches) {
      if (!periodic[t]) continue;
      for (const r of data[t]) if (!isBlank(r.period)) periodSet.add(String(r.period));
    }
    const periods: (string | null)[] = periodSet.size ? [...periodSet].sort() : [null];

    for (const period of periods) {
      // The snapshot of the periodic tables for this period; other tables count in full.
      const households = data.households.filter(
        (h) => period === null || !periodic.households || String(h.period) === period,
      );
      const persons = data.persons.filter(
        (p) => period === null || !periodic.persons || String(p.period) === period,
      );

      const counters = new Map<string, Counter>();
      for (const a of areas) counters.set(a, { numerator: 0, denominator: 0, unknown: 0 });

      // Area of a household (null: outside every area of this level).
      const householdArea = (h: Record<string, unknown>): string | null => {
        if (level === 'unit') return str(h.unit_id);
        const s = siteById.get(String(h.site_id));
        return s ? siteArea(s, level) : null;
      };
      const householdOf = (p: Record<string, unknown>): Record<string, unknown> | undefined =>
        households.find((h) => String(h.household_id) === String(p.household_id));
      const membersOf = (h: Record<string, unknown>): Rows =>
        persons.filter((p) => String(p.household_id) === String(h.household_id));

      computeOne(id, {
        level, households, persons, facilities, units, activities, siteById, counters,
        services: data.health_services ?? [], projects: data.projects ?? [], demos: data.demonstration_sites ?? [], problems: data.problems ?? [],
        householdArea, householdOf, membersOf,
      });

      for (const area of areas) {
        const c = counters.get(area)!;
        let value: number | null = null;
        if (c.denominator !== 0) {
          value = meta.kind === 'count' ? c.numerator : (c.numerator / c.denominator) * meta.factor;
        }
        let status: RefRow['status'];
        if (value === null) status = 'no_data';
        else if (meta.target === null) status = 'no_target';
        else if (meta.direction === 'at_least') status = value >= meta.target ? 'met' : 'not_met';
        else status = value <= meta.target ? 'met' : 'not_met';
        out.push({
          indicator_id: id, level, area_code: area, period,
          numerator: c.numerator, denominator: c.denominator, unknown: c.unknown,
          value, target: meta.target, status,
        });
      }
    }
  }
  return out;
}

interface Ctx {
  level: Level;
  households: Rows;
  persons: Rows;
  facilities: Rows;
  units: Rows;
  activities: Rows;
  services: Rows;
  projects: Rows;
  demos: Rows;
  problems: Rows;
  siteById: Map<string, Record<string, unknown>>;
  counters: Map<string, Counter>;
  householdArea: (h: Record<string, unknown>) => string | null;
  householdOf: (p: Record<string, unknown>) => Record<string, unknown> | undefined;
  membersOf: (h: Record<string, unknown>) => Rows;
}

/** Fill the counters of one indicator for one period snapshot. One branch per indicator. */
function computeOne(id: string, x: Ctx): void {
  const counterOf = (area: string | null): Counter | undefined =>
    area === null ? undefined : x.counters.get(area);
  const siteCounter = (siteId: unknown): Counter | undefined => {
    const s = x.siteById.get(String(siteId));
    return s ? counterOf(siteArea(s, x.level)) : undefined;
  };

  // Household-level facts, written out as in the catalog.
  const uEmployment = (h: Record<string, unknown>): K => kAny(x.membersOf(h), (p) => bool(p.is_labor));
  const oEmployment = (h: Record<string, unknown>): K =>
    kAny(x.membersOf(h), (p) => kAnd(bool(p.is_labor), bool(p.employed)));
  const uLand = (h: Record<string, unknown>): K =>
    kNot(
      kAnd(
        kEq(str(h.land_contract), 'none'),
        kEq(str(h.land_forest), 'none'),
        kEq(str(h.land_homestead), 'none'),
      ),
    );
  const oLand = (h: Record<string, unknown>): K =>
    kOr(
      kEq(str(h.land_contract), 'revitalized'),
      kEq(str(h.land_forest), 'revitalized'),
      kEq(str(h.land_homestead), 'revitalized'),
    );

  switch (id) {
    case 'four_musts.training':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        tally(counterOf(x.householdArea(h)), bool(p.is_labor), bool(p.trained));
      }
      return;

    case 'four_musts.employment':
      for (const h of x.households) {
        tally(counterOf(x.householdArea(h)), uEmployment(h), oEmployment(h));
      }
      return;

    case 'four_musts.land':
      for (const h of x.households) {
        tally(counterOf(x.householdArea(h)), uLand(h), oLand(h));
      }
      return;

    case 'four_musts.income':
      for (const h of x.households) {
        tally(counterOf(x.householdArea(h)), true, bool(h.stable_income));
      }
      return;

    case 'four_musts.all':
      for (const h of x.households) {
        const t = kAll(x.membersOf(h), (p) => kOr(kNot(bool(p.is_labor)), bool(p.trained)));
        const e = kOr(kNot(uEmployment(h)), oEmployment(h));
        const l = kOr(kNot(uLand(h)), oLand(h));
        const i = bool(h.stable_income);
        tally(counterOf(x.householdArea(h)), true, kAnd(t, e, l, i));
      }
      return;

    case 'employment.rate':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        tally(counterOf(x.householdArea(h)), bool(p.is_labor), bool(p.employed));
      }
      return;

    case 'employment.labor_households':
      for (const h of x.households) {
        tally(counterOf(x.householdArea(h)), true, uEmployment(h));
      }
      return;

    case 'employment.zero_households':
      for (const h of x.households) {
        tally(counterOf(x.householdArea(h)), uEmployment(h), kNot(oEmployment(h)));
      }
      return;

    case 'employment.employed_persons':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        tally(counterOf(x.householdArea(h)), true, bool(p.employed));
      }
      return;

    case 'services.med_insurance_transfer':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        tally(counterOf(x.householdArea(h)), true, bool(p.med_insurance_transferred));
      }
      return;

    case 'services.health_facility_coverage':
    case 'party.organization_coverage': {
      const types = id === 'services.health_facility_coverage' ? ['health_facility'] : ['party_committee', 'party_branch'];
      for (const s of x.siteById.values()) {
        let exists = false;
        for (const f of x.facilities) {
          if (String(f.site_id) === String(s.site_id) && types.includes(String(f.facility_type))) exists = true;
        }
        tally(counterOf(siteArea(s, x.level)), true, exists);
      }
      return;
    }

    case 'services.schools_per_10k':
    case 'services.medical_facilities_per_10k': {
      const type = id === 'services.schools_per_10k' ? 'school' : 'health_facility';
      for (const f of x.facilities) {
        if (String(f.facility_type) !== type) continue;
        const c = siteCounter(f.site_id);
        if (c) c.numerator += 1;
      }
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        const c = counterOf(x.householdArea(h));
        if (c) c.denominator += 1;
      }
      return;
    }

    case 'services.police_room_coverage':
      for (const u of x.units) {
        const c = x.level === 'unit' ? counterOf(String(u.unit_id)) : siteCounter(u.site_id);
        const pop = num(u.population);
        const inUniverse: K = pop === null ? null : pop >= 3000;
        tally(c, inUniverse, bool(u.has_police_room));
      }
      return;

    case 'governance.mediation_rooms_per_site':
    case 'governance.governance_centers_per_site':
    case 'governance.community_committees_per_site':
    case 'governance.street_offices_per_site': {
      const type =
        id === 'governance.mediation_rooms_per_site'
          ? 'mediation_room'
          : id === 'governance.governance_centers_per_site'
            ? 'governance_center'
            : id === 'governance.community_committees_per_site'
              ? 'community_committee'
              : 'street_office';
      for (const f of x.facilities) {
        if (String(f.facility_type) !== type) continue;
        const c = siteCounter(f.site_id);
        if (c) c.numerator += 1;
      }
      for (const s of x.siteById.values()) {
        const c = counterOf(siteArea(s, x.level));
        if (c) c.denominator += 1;
      }
      return;
    }

    case 'culture.activities_per_1k':
    case 'culture.gratitude_events_per_1k':
    case 'culture.civic_events_per_1k':
      for (const a of x.activities) {
        if (id === 'culture.gratitude_events_per_1k' && str(a.activity_type) !== 'gratitude_education') continue;
        if (id === 'culture.civic_events_per_1k' && str(a.activity_type) !== 'civic_awareness') continue;
        const c = siteCounter(a.site_id);
        if (c) c.numerator += 1;
      }
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        const c = counterOf(x.householdArea(h));
        if (c) c.denominator += 1;
      }
      return;

    case 'party.members_elected_per_unit':
      for (const u of x.units) {
        const c = x.level === 'unit' ? counterOf(String(u.unit_id)) : siteCounter(u.site_id);
        if (!c) continue;
        const v = num(u.party_members_elected);
        if (v === null) {
          c.unknown += 1;
        } else {
          c.numerator += v;
          c.denominator += 1;
        }
      }
      return;

    case 'party.units_electing_share':
      for (const u of x.units) {
        const c = x.level === 'unit' ? counterOf(String(u.unit_id)) : siteCounter(u.site_id);
        const v = num(u.party_members_elected);
        tally(c, true, v === null ? null : v > 0);
      }
      return;

    case 'structure.urban_site_share':
      for (const s of x.siteById.values()) {
        tally(counterOf(siteArea(s, x.level)), true, kEq(str(s.site_type), 'urban'));
      }
      return;

    case 'structure.demo_site_share':
      for (const s of x.siteById.values()) {
        tally(counterOf(siteArea(s, x.level)), true, bool(s.is_demo));
      }
      return;

    case 'structure.urban_share':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        const s = x.siteById.get(String(h.site_id));
        if (!s) continue;
        tally(counterOf(x.householdArea(h)), true, kEq(str(s.site_type), 'urban'));
      }
      return;

    case 'structure.cross_county_share':
      for (const p of x.persons) {
        const h = x.householdOf(p);
        if (!h) continue;
        const s = x.siteById.get(String(h.site_id));
        if (!s) continue;
        tally(counterOf(x.householdArea(h)), true, kNot(kEq(str(h.origin_county_code), str(s.county_code))));
      }
      return;

    case 'services.health_service_coverage':
      for (const s of x.siteById.values()) {
        const served = x.services.some((v) => String(v.site_id) === String(s.site_id));
        tally(counterOf(siteArea(s, x.level)), true, served);
      }
      return;

    case 'services.health_facilities_built':
    case 'party.committees_per_site':
    case 'party.branches_per_site': {
      for (const f of x.facilities) {
        const type = str(f.facility_type);
        if (id === 'services.health_facilities_built' && type === 'health_facility' && bool(f.built_for_sites) === null) {
          const c = siteCounter(f.site_id);
          if (c) c.unknown += 1;
          continue;
        }
        const counts =
          id === 'services.health_facilities_built'
            ? type === 'health_facility' && bool(f.built_for_sites) === true
            : type === (id === 'party.committees_per_site' ? 'party_committee' : 'party_branch');
        if (!counts) continue;
        const c = siteCounter(f.site_id);
        if (c) c.numerator += 1;
      }
      for (const s of x.siteById.values()) {
        const c = counterOf(siteArea(s, x.level));
        if (c) c.denominator += 1;
      }
      return;
    }

    case 'culture.house_photos':
    case 'culture.civilized_families':
    case 'structure.whole_village_share': {
      const column = id === 'culture.house_photos' ? 'house_photos' : id === 'culture.civilized_families' ? 'civilized_family' : 'whole_village';
      for (const h of x.households) tally(counterOf(x.householdArea(h)), true, bool(h[column]));
      return;
    }

    case 'measures.project_completion':
      for (const j of x.projects) tally(siteCounter(j.site_id), true, kEq(str(j.status), 'completed'));
      return;

    case 'measures.funds_east_west_share':
    case 'measures.funds_fiscal_share':
    case 'measures.funds_social_share': {
      const channel = id.slice('measures.funds_'.length, -'_share'.length);
      for (const j of x.projects) {
        const c = siteCounter(j.site_id);
        if (!c) continue;
        const amount = num(j.amount);
        if (amount === null) {
          c.unknown += 1;
          continue;
        }
        if (str(j.channel) === null) continue;
        c.denominator += amount;
        if (str(j.channel) === channel) c.numerator += amount;
      }
      return;
    }

    case 'measures.gap_health_planned':
    case 'measures.gap_police_planned':
    case 'measures.gap_party_planned':
      for (const s of x.siteById.values()) {
        const sid = String(s.site_id);
        let lacking: K;
        let supplies: string[];
        if (id === 'measures.gap_health_planned') {
          lacking = !x.services.some((v) => String(v.site_id) === sid);
          supplies = ['health_facility'];
        } else if (id === 'measures.gap_police_planned') {
          lacking = kAny(
            x.units.filter((u) => String(u.site_id) === sid),
            (u) => {
              const pop = num(u.population);
              return kAnd(pop === null ? null : pop >= 3000, kNot(bool(u.has_police_room)));
            },
          );
          supplies = ['police_room'];
        } else {
          lacking = !x.facilities.some(
            (f) => String(f.site_id) === sid && ['party_committee', 'party_branch'].includes(String(f.facility_type)),
          );
          supplies = ['party_committee', 'party_branch'];
        }
        // any(projects: supplies in …), Kleene: a project whose supplies are unknown makes "none planned" unknown
        const planned = kAny(
          x.projects.filter((j) => String(j.site_id) === sid),
          (j) => (str(j.supplies) === null ? null : supplies.includes(String(j.supplies))),
        );
        tally(counterOf(siteArea(s, x.level)), lacking, planned);
      }
      return;

    case 'measures.demo_registered':
      for (const s of x.siteById.values()) {
        tally(counterOf(siteArea(s, x.level)), true, x.demos.some((d) => String(d.site_id) === String(s.site_id)));
      }
      return;

    case 'measures.rectification_rate':
      for (const q of x.problems) tally(siteCounter(q.site_id), true, str(q.rectified_on) !== null);
      return;

    case 'measures.problems_per_site':
      for (const q of x.problems) {
        const c = siteCounter(q.site_id);
        if (c) c.numerator += 1;
      }
      for (const s of x.siteById.values()) {
        const c = counterOf(siteArea(s, x.level));
        if (c) c.denominator += 1;
      }
      return;

    default:
      throw new Error(`reference: no branch for ${id}`);
  }
}
