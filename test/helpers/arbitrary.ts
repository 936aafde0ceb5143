/**
 * Random valid datasets for the property tests: real Guizhou codes, nulls in every
 * nullable column, optional tables sometimes left out, unicode site names, sites with no
 * households, and sometimes monthly periods (on both persons and households, or on only
 * one of them). Each dataset comes as typed plain rows (for the reference) and can be
 * turned into plain columns (for `datasetFromColumns`), either typed or as CSV-like text.
 */
import fc from 'fast-check';
import type { PlainDataset, Rows } from '../reference/reference.js';

/** A few real prefectures with some of their real counties (GB/T 2260). */
export const PREFECTURES: Readonly<Record<string, readonly string[]>> = {
  '520100': ['520102', '520111', '520123'],
  '520200': ['520201', '520281'],
  '520400': ['520402', '520422', '520425'],
  '520500': ['520502', '520526'],
  '522600': ['522601', '522633'],
  '522700': ['522701', '522732'],
};
const ALL_COUNTIES = Object.values(PREFECTURES).flat();
const PERIODS = ['2019-11', '2019-12', '2020-01'] as const;

const EMPLOYMENT_TYPES = ['local', 'outside_county', 'outside_province', 'workshop', 'public_welfare', 'self_employed'];
const FACILITY_TYPES = [
  'school', 'kindergarten', 'health_facility', 'police_room', 'mediation_room', 'governance_center',
  'community_committee', 'street_office', 'party_committee', 'party_branch', 'workshop',
];
const ACTIVITY_TYPES = ['gratitude_education', 'civic_awareness', 'civilized_family', 'house_comparison', 'other'];

/** Canonical column order per table (schema v2; the v2 columns of v1 tables are added by `columnNames`). */
export const COLUMNS = {
  sites: ['site_id', 'site_name', 'prefecture_code', 'county_code', 'site_type', 'cross_county', 'is_demo', 'opened_on'],
  households: [
    'household_id', 'site_id', 'origin_county_code', 'moved_in_on', 'land_contract', 'land_forest', 'land_homestead',
    'stable_income', 'income_per_capita',
  ],
  persons: [
    'person_id', 'household_id', 'sex', 'birth_year', 'ethnicity', 'is_labor', 'trained', 'employed',
    'employment_type', 'med_insurance_transferred',
  ],
  facilities: ['facility_id', 'site_id', 'facility_type', 'capacity'],
  management_units: ['unit_id', 'site_id', 'population', 'has_police_room', 'party_members_elected'],
  activities: ['activity_id', 'site_id', 'activity_type', 'held_on', 'participants'],
  health_services: ['service_id', 'site_id', 'facility_id'],
  projects: ['project_id', 'site_id', 'system', 'supplies', 'channel', 'amount', 'status', 'started_on', 'due_on', 'completed_on'],
  demonstration_sites: ['site_id', 'designated_on', 'standard'],
  problems: ['problem_id', 'site_id', 'round_id', 'category', 'aspect', 'found_on', 'due_on', 'rectified_on'],
} as const;

/** Columns schema v2 added to v1 tables (left out of some datasets: then unknown). */
const V2_COLUMNS: Partial<Record<keyof typeof COLUMNS, readonly string[]>> = {
  households: ['origin_village', 'whole_village', 'house_photos', 'civilized_family'],
  facilities: ['built_for_sites'],
};

type TableName = keyof typeof COLUMNS;

/** A generated dataset. */
export interface GenDataset {
  /** Typed plain rows; absent optional tables are left out. */
  data: PlainDataset;
  /** The periods used, empty when the dataset has no `period` column. */
  periods: string[];
  /** The tables that carry `period` (persons and/or households). */
  periodicTables: ('persons' | 'households')[];
  /** Whether `toColumns` writes every value as CSV-like text. */
  asText: boolean;
  /** Whether the v1 tables carry the columns schema v2 added (else a v1 file: unknown). */
  v2: boolean;
}

const nullable = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null, freq: 4 });
const nBool = nullable(fc.boolean());
const date = fc
  .record({ y: fc.integer({ min: 2016, max: 2020 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const land = nullable(fc.constantFrom('revitalized', 'pending', 'none'));
const threeFlags = fc.array(fc.boolean(), { minLength: 3, maxLength: 3 });

const siteT = fc.record({
  county: fc.nat(),
  name: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.constantFrom('花果园安置点', '旧州 “新村”, 二期', '易地扶贫搬迁·安置区', 'Ā 🏠 点'),
  ),
  type: fc.constantFrom('urban', 'rural'),
  cross: nBool,
  demo: nBool,
  opened: nullable(date),
});

const householdVersion = fc.record({
  origin: nullable(fc.nat()),
  lc: land,
  lf: land,
  lh: land,
  income: nBool,
  perCapita: nullable(fc.integer({ min: 0, max: 60000 }).map((n) => n / 2)),
  moved: nullable(date),
  village: nullable(fc.constantFrom('V1', 'V2', 'V3')),
  whole: nBool,
  photos: nBool,
  civilized: nBool,
});
const householdT = fc.record({
  site: fc.nat(),
  unit: nullable(fc.nat()),
  versions: fc.array(householdVersion, { minLength: 3, maxLength: 3 }),
  presence: threeFlags,
});

const personVersion = fc.record({
  sex: nullable(fc.constantFrom('male', 'female')),
  birth: nullable(fc.integer({ min: 1925, max: 2019 })),
  ethnicity: nullable(fc.constantFrom('汉族', '苗族', '布依族', '侗族', '土家族', '彝族')),
  labor: nBool,
  trained: nBool,
  employed: nBool,
  employmentType: fc.constantFrom(...EMPLOYMENT_TYPES),
  med: nBool,
});
const personT = fc.record({
  household: fc.nat(),
  versions: fc.array(personVersion, { minLength: 3, maxLength: 3 }),
  presence: threeFlags,
});

const facilityT = fc.record({
  site: fc.nat(),
  type: fc.constantFrom(...FACILITY_TYPES),
  capacity: nullable(fc.integer({ min: 0, max: 3000 })),
  built: nBool,
});
const serviceT = fc.record({ site: fc.nat(), facility: fc.nat() });
const projectT = fc.record({
  site: fc.nat(),
  system: fc.constantFrom('public_services', 'employment', 'culture', 'governance', 'party_building'),
  supplies: nullable(fc.constantFrom('health_facility', 'police_room', 'party_branch', 'party_committee', 'workshop', 'other')),
  channel: nullable(fc.constantFrom('east_west', 'fiscal', 'social', 'other')),
  amount: nullable(fc.integer({ min: 0, max: 5_000_000 })),
  status: fc.constantFrom('planned', 'in_progress', 'completed'),
});
const problemT = fc.record({ site: fc.nat(), category: fc.constantFrom('就业', '配套设施'), rectified: nullable(date) });
const unitT = fc.record({
  site: fc.nat(),
  population: nullable(fc.oneof(fc.constantFrom(2999, 3000, 3001), fc.integer({ min: 0, max: 8000 }))),
  police: nBool,
  elected: nullable(fc.integer({ min: 0, max: 30 })),
});
const activityT = fc.record({
  site: fc.nat(),
  type: fc.constantFrom(...ACTIVITY_TYPES),
  held: nullable(date),
  participants: nullable(fc.integer({ min: 0, max: 800 })),
});

/** Options of `datasetArb`. */
export interface DatasetArbOptions {
  /** Number of periods: 0 for none; default: sometimes 0, sometimes 1–3. */
  periods?: fc.Arbitrary<number>;
  /** Which tables carry `period`; default mostly both, sometimes only one of them. */
  periodTables?: fc.Arbitrary<PeriodTables>;
}

/** Which tables carry `period` in a periodic dataset. */
export type PeriodTables = 'both' | 'persons' | 'households';

function templateArb(periods: fc.Arbitrary<number>, periodTables: fc.Arbitrary<PeriodTables>) {
  return fc.record({
    prefectures: fc.shuffledSubarray(Object.keys(PREFECTURES), { minLength: 1, maxLength: 3 }),
    sites: fc.array(siteT, { minLength: 1, maxLength: 6 }),
    households: fc.array(householdT, { maxLength: 12, size: 'medium' }),
    persons: fc.array(personT, { maxLength: 40, size: 'medium' }),
    facilities: fc.option(fc.array(facilityT, { maxLength: 10 }), { nil: undefined }),
    units: fc.option(fc.array(unitT, { maxLength: 6 }), { nil: undefined }),
    activities: fc.option(fc.array(activityT, { maxLength: 6 }), { nil: undefined }),
    services: fc.option(fc.array(serviceT, { maxLength: 6 }), { nil: undefined }),
    projects: fc.option(fc.array(projectT, { maxLength: 8 }), { nil: undefined }),
    demos: fc.option(fc.array(fc.nat(), { maxLength: 3 }), { nil: undefined }),
    problems: fc.option(fc.array(problemT, { maxLength: 6 }), { nil: undefined }),
    v2: fc.boolean(),
    periods,
    periodTables,
    asText: fc.boolean(),
  });
}
type Template = ReturnType<typeof templateArb> extends fc.Arbitrary<infer T> ? T : never;

/** An arbitrary valid dataset. */
export function datasetArb(options: DatasetArbOptions = {}): fc.Arbitrary<GenDataset> {
  return templateArb(
    options.periods ?? fc.constantFrom(0, 0, 0, 1, 2, 3),
    options.periodTables ?? fc.constantFrom<PeriodTables>('both', 'both', 'both', 'persons', 'households'),
  ).map((t) => build(t));
}

function build(t: Template): GenDataset {
  const counties = t.prefectures.flatMap((p) => PREFECTURES[p]!.map((c) => ({ county: c, prefecture: p })));
  // Periodic households need at least one household to carry a period value.
  const periods = t.households.length ? PERIODS.slice(0, t.periods) : [];
  const hPeriodic = periods.length > 0 && t.periodTables !== 'persons';
  const pPeriodic = periods.length > 0 && t.periodTables !== 'households';

  const sites: Rows = t.sites.map((s, i) => {
    const c = counties[s.county % counties.length]!;
    return {
      site_id: `S${i + 1}`,
      site_name: s.name,
      prefecture_code: c.prefecture,
      county_code: c.county,
      site_type: s.type,
      cross_county: s.cross,
      is_demo: s.demo,
      opened_on: s.opened,
    };
  });
  const siteId = (n: number) => String(sites[n % sites.length]!.site_id);

  const units: Rows | undefined = t.units?.map((u, i) => ({
    unit_id: `U${i + 1}`,
    site_id: siteId(u.site),
    population: u.population,
    has_police_room: u.police,
    party_members_elected: u.elected,
  }));

  // Households: fixed site and unit; per period, present or not, with that period's facts.
  const households: Rows = [];
  const householdPeriods: Set<string | null>[] = [];
  t.households.forEach((h, i) => {
    const id = `H${i + 1}`;
    const site = siteId(h.site);
    const sameSite = (units ?? []).filter((u) => u.site_id === site);
    const unit = h.unit === null || sameSite.length === 0 ? null : String(sameSite[h.unit % sameSite.length]!.unit_id);
    const present = new Set<string | null>();
    const slots: (string | null)[] = hPeriodic ? [...periods] : [null];
    const flags = hPeriodic ? [...h.presence] : [true];
    if (!flags.slice(0, slots.length).some(Boolean)) flags[0] = true;
    slots.forEach((period, k) => {
      if (!flags[k]) return;
      const v = h.versions[k]!;
      const origin = v.origin === null ? null : ALL_COUNTIES[v.origin % ALL_COUNTIES.length]!;
      const row: Record<string, unknown> = {
        household_id: id,
        site_id: site,
        origin_county_code: origin,
        moved_in_on: v.moved,
        land_contract: v.lc,
        land_forest: v.lf,
        land_homestead: v.lh,
        stable_income: v.income,
        income_per_capita: v.perCapita,
      };
      if (t.v2) Object.assign(row, { origin_village: v.village, whole_village: v.whole, house_photos: v.photos, civilized_family: v.civilized });
      if (units) row.unit_id = unit;
      if (period !== null) row.period = period;
      households.push(row);
      present.add(period);
    });
    householdPeriods.push(present);
  });

  // Persons: fixed household; present in a period only where their household is.
  const persons: Rows = [];
  if (t.households.length > 0) {
    t.persons.forEach((p, i) => {
      const hi = p.household % t.households.length;
      const slots: (string | null)[] = pPeriodic ? [...periods] : [null];
      slots.forEach((period, k) => {
        if (pPeriodic && !p.presence[k]) return;
        // Joined on household_id and period when both carry it.
        if (hPeriodic && pPeriodic && !householdPeriods[hi]!.has(period)) return;
        const v = p.versions[k]!;
        const row: Record<string, unknown> = {
          person_id: `P${i + 1}`,
          household_id: `H${hi + 1}`,
          sex: v.sex,
          birth_year: v.birth,
          ethnicity: v.ethnicity,
          is_labor: v.labor,
          trained: v.trained,
          employed: v.employed,
          employment_type: v.employed === true ? v.employmentType : null,
          med_insurance_transferred: v.med,
        };
        if (period !== null) row.period = period;
        persons.push(row);
      });
    });
  }

  const data: PlainDataset = { sites, households, persons };
  if (t.facilities) {
    data.facilities = t.facilities.map((f, i) => ({
      facility_id: `F${i + 1}`, site_id: siteId(f.site), facility_type: f.type, capacity: f.capacity, ...(t.v2 ? { built_for_sites: f.built } : {}),
    }));
    const nf = t.facilities.length;
    if (t.services && nf > 0)
      data.health_services = t.services.map((x, i) => ({ service_id: `HS${i + 1}`, site_id: siteId(x.site), facility_id: `F${(x.facility % nf) + 1}` }));
  }
  if (t.projects)
    data.projects = t.projects.map((j, i) => ({
      project_id: `J${i + 1}`, site_id: siteId(j.site), system: j.system, supplies: j.supplies, channel: j.channel, amount: j.amount, status: j.status,
    }));
  if (t.demos) data.demonstration_sites = [...new Set(t.demos.map(siteId))].map((site_id) => ({ site_id }));
  if (t.problems)
    data.problems = t.problems.map((q, i) => ({ problem_id: `Q${i + 1}`, site_id: siteId(q.site), category: q.category, rectified_on: q.rectified }));
  if (units) data.management_units = units;
  if (t.activities) {
    data.activities = t.activities.map((a, i) => ({
      activity_id: `A${i + 1}`, site_id: siteId(a.site), activity_type: a.type, held_on: a.held, participants: a.participants,
    }));
  }
  let periodicTables: GenDataset['periodicTables'] = [];
  if (hPeriodic) periodicTables.push('households');
  if (pPeriodic) periodicTables.push('persons');
  // Periodic persons alone with no person rows would carry no period value: no periods then.
  if (!hPeriodic && pPeriodic && persons.length === 0) periodicTables = [];
  if (periodicTables.length === 0) {
    for (const r of [...households, ...persons]) delete r.period;
  }
  return { data, periods: periodicTables.length ? [...periods] : [], periodicTables, asText: t.asText, v2: t.v2 };
}

/** The column names a table of this dataset carries. */
function columnNames(g: GenDataset, table: TableName): string[] {
  const names: string[] = [...COLUMNS[table], ...(g.v2 ? (V2_COLUMNS[table] ?? []) : [])];
  if (table === 'households' && g.data.management_units) names.push('unit_id');
  if ((table === 'households' || table === 'persons') && g.periodicTables.includes(table)) names.push('period');
  return names;
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/** Plain columns for `datasetFromColumns`: typed values, or CSV-like text when `asText`. */
export function toColumns(g: GenDataset): Partial<Record<TableName, Record<string, unknown[]>>> {
  const out: Partial<Record<TableName, Record<string, unknown[]>>> = {};
  for (const table of Object.keys(COLUMNS) as TableName[]) {
    const rows = g.data[table];
    if (!rows) continue;
    const cols: Record<string, unknown[]> = {};
    for (const name of columnNames(g, table)) {
      cols[name] = rows.map((r) => (g.asText ? asText(r[name]) : (r[name] ?? null)));
    }
    out[table] = cols;
  }
  return out;
}

/** A copy of the dataset with the rows of every table in another order. */
export function shuffled(g: GenDataset, seed: number): GenDataset {
  let s = seed >>> 0 || 1;
  const random = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const shuffle = (rows: Rows): Rows => {
    const a = [...rows];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const data: PlainDataset = { sites: shuffle(g.data.sites), households: shuffle(g.data.households), persons: shuffle(g.data.persons) };
  if (g.data.facilities) data.facilities = shuffle(g.data.facilities);
  if (g.data.management_units) data.management_units = shuffle(g.data.management_units);
  if (g.data.activities) data.activities = shuffle(g.data.activities);
  for (const t of ['health_services', 'projects', 'demonstration_sites', 'problems'] as const) if (g.data[t]) data[t] = shuffle(g.data[t]!);
  return { ...g, data };
}

/** The part of a periodic dataset that holds one period (other tables unchanged). */
export function onePeriod(g: GenDataset, period: string): GenDataset {
  const inPeriod = (t: 'persons' | 'households') => (r: Record<string, unknown>) =>
    !g.periodicTables.includes(t) || r.period === period;
  const households = g.data.households.filter(inPeriod('households'));
  let persons = g.data.persons.filter(inPeriod('persons'));
  // Non-periodic persons whose household is absent this month would dangle: they count
  // nowhere in this period anyway.
  const ids = new Set(households.map((h) => h.household_id));
  persons = persons.filter((p) => ids.has(p.household_id));
  return { ...g, data: { ...g.data, households, persons }, periods: [period] };
}

/** The distinct periods present in a dataset's periodic tables. */
export function periodsOf(g: GenDataset): string[] {
  const set = new Set<string>();
  for (const t of g.periodicTables) for (const r of g.data[t]) set.add(String(r.period));
  return [...set].sort();
}
