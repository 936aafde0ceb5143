/**
 * The generator against the published figures (guizhou-2019-published.csv), counted
 * directly from the plain columns with code independent of the generator.
 */
import { GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES, SCHEMA, TABLE_NAMES, type TableName } from '@houfu/core';
import { type GeneratedDataset, generate } from '@houfu/datasets';
import { beforeAll, describe, expect, it } from 'vitest';

type Col = ArrayLike<unknown>;

/** Published figures (ids as in guizhou-2019-published.csv). */
const PUBLISHED = {
  relocated_persons: 1_880_000,
  centralized_sites: 946,
  urban_sites: 701,
  urban_sites_persons: 1_790_000,
  cross_county_resettled_persons: 230_000,
  schools_built: 483,
  medical_facilities_built: 580,
  med_insurance_transferred_persons: 1_071_700,
  labor_households: 403_200,
  employed_persons: 822_500,
  households_one_plus_employed_rate: 95.59,
  gratitude_education_events: 6_814,
  civic_awareness_events: 6_004,
  street_offices: 59,
  community_committees: 508,
  resident_groups: 2_255,
  governance_centers: 619,
  mediation_rooms: 609,
  party_committees: 126,
  party_branches_or_groups: 845,
  units_electing_party_members: 388,
  party_members_elected: 2_306,
  provincial_demo_sites: 18,
};

const countWhere = (col: Col, pred: (v: unknown, i: number) => boolean) => {
  let n = 0;
  for (let i = 0; i < col.length; i++) if (pred(col[i], i)) n++;
  return n;
};
const rowOf = (ids: Col) => {
  const m = new Map<unknown, number>();
  for (let i = 0; i < ids.length; i++) m.set(ids[i], i);
  return m;
};

/** A 32-bit FNV-1a hash of every value of every column, in table and column order. */
function fingerprint(d: GeneratedDataset): string {
  let h = 0x811c9dc5;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const t of TABLE_NAMES) {
    for (const [name, col] of Object.entries(d.tables[t])) {
      feed(`${t}.${name}:${col.length}`);
      for (let i = 0; i < col.length; i++) feed(`${String(col[i])}\u0001`);
    }
  }
  return (h >>> 0).toString(16);
}

/** Checks ids are unique and every reference resolves. */
function checkIntegrity(d: GeneratedDataset): void {
  const { sites, households, persons, facilities, management_units: units, activities } = d.tables;
  const periodic = 'period' in households;
  for (const [t, key] of [
    ['sites', 'site_id'],
    ['facilities', 'facility_id'],
    ['management_units', 'unit_id'],
    ['activities', 'activity_id'],
    ['households', 'household_id'],
    ['persons', 'person_id'],
  ] as const) {
    const col = d.tables[t][key]!;
    const keys = new Set<string>();
    const period = d.tables[t].period;
    for (let i = 0; i < col.length; i++) keys.add(periodic && period ? `${col[i]}|${period[i]}` : String(col[i]));
    expect(keys.size, `${t}.${key} unique`).toBe(col.length);
  }
  const siteRow = rowOf(sites.site_id!);
  const unitRow = rowOf(units.unit_id!);
  const hhIds = new Set(Array.from(households.household_id!));
  for (const t of ['households', 'facilities', 'management_units', 'activities'] as const) {
    expect(countWhere(d.tables[t].site_id!, (s) => !siteRow.has(s)), `${t}.site_id`).toBe(0);
  }
  expect(countWhere(persons.household_id!, (h) => !hhIds.has(h as string))).toBe(0);
  expect(countWhere(households.unit_id!, (u) => !unitRow.has(u))).toBe(0);
  // A household's unit is at the household's site.
  expect(
    countWhere(households.unit_id!, (u, i) => units.site_id![unitRow.get(u)!] !== households.site_id![i]),
  ).toBe(0);
}

describe('generate at scale 1 reproduces the published figures', () => {
  let d: GeneratedDataset;
  let siteRow: Map<unknown, number>;
  let hhRow: Map<unknown, number>;
  let hhSize: Int32Array;
  let sitePersons: Int32Array;

  beforeAll(() => {
    d = generate({ preset: 'guizhou-2019', scale: 1, seed: 20191231 });
    const { sites, households, persons } = d.tables;
    siteRow = rowOf(sites.site_id!);
    hhRow = rowOf(households.household_id!);
    hhSize = new Int32Array(households.household_id!.length);
    for (let i = 0; i < persons.household_id!.length; i++) hhSize[hhRow.get(persons.household_id![i])!]!++;
    sitePersons = new Int32Array(sites.site_id!.length);
    for (let h = 0; h < hhSize.length; h++) sitePersons[siteRow.get(households.site_id![h])!]! += hhSize[h]!;
  });

  it('has the schema v2 facts and the registers of the six measures', () => {
    const hh = d.tables.households;
    const count = (xs: ArrayLike<unknown>, v: unknown) => Array.from(xs).filter((x) => x === v).length;
    expect(new Set(Array.from(hh.origin_village!)).size).toBe(10_090);
    expect(count(hh.house_photos!, true)).toBe(358_600);
    expect(count(hh.civilized_family!, true)).toBe(10_100);
    expect(count(d.tables.facilities.built_for_sites!, true)).toBe(580);
    // every site is served by exactly one health institution, its own or one of its county's or prefecture's
    expect(new Set(Array.from(d.tables.health_services.site_id!)).size).toBe(946);
    expect(d.tables.health_services.site_id!.length).toBe(946);
    expect(d.tables.demonstration_sites.site_id!.length).toBe(18);
    expect(new Set(Array.from(d.tables.tasks.department!)).size).toBe(23);
    expect(count(d.tables.dispatches.scope!, 'horizontal')).toBe(12);
    expect(d.tables.trainings.session_id!.length).toBe(3);
    expect(d.tables.inspections.round_id!.length).toBe(4);
    expect(new Set(Array.from(d.tables.problems.category!)).size).toBe(10);
    expect(new Set(Array.from(d.tables.problems.aspect!)).size).toBe(25);
  });

  it('has the canonical columns with valid values', () => {
    for (const t of TABLE_NAMES) {
      const names = SCHEMA[t].columns.map((c) => c.name).filter((n) => n !== 'period');
      expect(Object.keys(d.tables[t]), t).toEqual(names);
      const rows = d.tables[t][SCHEMA[t].columns[0]!.name]!.length;
      for (const spec of SCHEMA[t].columns) {
        const col = d.tables[t][spec.name];
        if (!col) continue;
        expect(col.length, `${t}.${spec.name} length`).toBe(rows);
        const bad = countWhere(col, (v) => {
          if (v === null) return spec.required;
          switch (spec.type) {
            case 'boolean':
              return typeof v !== 'boolean';
            case 'integer':
              return !Number.isInteger(v) || (spec.min !== undefined && (v as number) < spec.min);
            case 'number':
              return typeof v !== 'number' || !Number.isFinite(v) || (spec.min !== undefined && v < spec.min);
            case 'code':
              return typeof v !== 'string' || !/^\d{6}$/.test(v);
            case 'date':
              // due dates of projects and problems still open at the end of 2019 may fall in 2020
              return typeof v !== 'string' || !(spec.name === 'due_on' ? /^(2019|2020)-\d\d-\d\d$/ : /^(2016|2017|2018|2019)-\d\d-\d\d$/).test(v);
            default:
              return typeof v !== 'string' || (spec.values !== undefined && !spec.values.includes(v));
          }
        });
        expect(bad, `${t}.${spec.name} invalid values`).toBe(0);
      }
    }
    checkIntegrity(d);
  });

  it('has 946 sites in the real prefectures and counties, 701 urban, 18 demonstration sites', () => {
    const { sites } = d.tables;
    expect(sites.site_id!.length).toBe(PUBLISHED.centralized_sites);
    expect(sites.site_id![0]).toBe('S0001');
    expect(countWhere(sites.site_type!, (t) => t === 'urban')).toBe(PUBLISHED.urban_sites);
    expect(countWhere(sites.is_demo!, (v) => v === true)).toBe(PUBLISHED.provincial_demo_sites);
    const prefectureOf = new Map(GUIZHOU_COUNTIES.map((c) => [c.code, c.prefectureCode]));
    expect(countWhere(sites.county_code!, (c, i) => prefectureOf.get(c as string) !== sites.prefecture_code![i])).toBe(0);
    expect(new Set(Array.from(sites.county_code!)).size).toBe(88);
    expect([...new Set(Array.from(sites.prefecture_code!))].sort()).toEqual(Object.keys(GUIZHOU_PREFECTURES).sort());
    expect(new Set(Array.from(sites.site_name!)).size).toBe(946);
    expect(countWhere(sites.site_name!, (n) => !String(n).includes('安置点'))).toBe(0);
  });

  it('puts 1,880,000 persons in sites of skewed sizes, 1,790,000 of them in urban sites', () => {
    const { sites } = d.tables;
    expect(d.tables.persons.person_id!.length).toBe(PUBLISHED.relocated_persons);
    let urban = 0;
    for (let s = 0; s < sitePersons.length; s++) if (sites.site_type![s] === 'urban') urban += sitePersons[s]!;
    expect(urban).toBe(PUBLISHED.urban_sites_persons);
    const sorted = Array.from(sitePersons).sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(20_000);
    expect(sorted[473]).toBeLessThan(2_000);
    expect(countWhere(sorted, (n) => (n as number) < 500)).toBeGreaterThan(150);
    expect(sorted[945]).toBeGreaterThan(0);
  });

  it('resettles exactly 230,000 persons across county lines, into the sites flagged cross_county', () => {
    const { sites, households } = d.tables;
    let cross = 0;
    const receives = new Set<number>();
    for (let h = 0; h < hhSize.length; h++) {
      const s = siteRow.get(households.site_id![h])!;
      if (households.origin_county_code![h] !== sites.county_code![s]) {
        cross += hhSize[h]!;
        receives.add(s);
      }
    }
    expect(cross).toBe(PUBLISHED.cross_county_resettled_persons);
    expect(countWhere(sites.cross_county!, (v, s) => v !== receives.has(s))).toBe(0);
    const counties = new Set(GUIZHOU_COUNTIES.map((c) => c.code));
    expect(countWhere(households.origin_county_code!, (c) => !counties.has(c as string))).toBe(0);
  });

  it('has about 470,000 households of about 4 persons, moved in after their site opened', () => {
    const { sites, households } = d.tables;
    const n = hhSize.length;
    expect(n).toBeGreaterThan(440_000);
    expect(n).toBeLessThan(500_000);
    expect(PUBLISHED.relocated_persons / n).toBeGreaterThan(3.8);
    expect(PUBLISHED.relocated_persons / n).toBeLessThan(4.2);
    expect(countWhere(hhSize, (k) => (k as number) < 1 || (k as number) > 8)).toBe(0);
    const early = countWhere(
      households.moved_in_on!,
      (day, h) => (day as string) < (sites.opened_on![siteRow.get(households.site_id![h])!] as string),
    );
    expect(early).toBe(0);
  });

  it('has 403,200 labor households, 95.59% of them with someone employed, 822,500 employed', () => {
    const { persons } = d.tables;
    const labor = new Uint8Array(hhSize.length);
    const job = new Uint8Array(hhSize.length);
    let employed = 0;
    let laborPersons = 0;
    let trained = 0;
    for (let i = 0; i < persons.person_id!.length; i++) {
      const h = hhRow.get(persons.household_id![i])!;
      if (persons.is_labor![i] === true) {
        labor[h] = 1;
        laborPersons++;
        if (persons.trained![i] === true) trained++;
      }
      if (persons.employed![i] === true) {
        job[h] = 1;
        employed++;
      }
    }
    const laborHouseholds = countWhere(labor, (v) => v === 1);
    const withJob = countWhere(job, (v) => v === 1);
    expect(laborHouseholds).toBe(PUBLISHED.labor_households);
    expect(withJob).toBe(385_419);
    expect(((100 * withJob) / laborHouseholds).toFixed(2)).toBe(PUBLISHED.households_one_plus_employed_rate.toFixed(2));
    expect(employed).toBe(PUBLISHED.employed_persons);
    expect(countWhere(persons.employed!, (e, i) => e === true && persons.is_labor![i] !== true)).toBe(0);
    expect(countWhere(persons.employment_type!, (t, i) => (t !== null) !== (persons.employed![i] === true))).toBe(0);
    expect(trained / laborPersons).toBeGreaterThan(0.9);
    expect(trained / laborPersons).toBeLessThan(0.97);
    expect(countWhere(persons.trained!, (t, i) => t === true && persons.is_labor![i] !== true)).toBe(0);
  });

  it('has 1,071,700 persons with medical insurance transferred', () => {
    expect(countWhere(d.tables.persons.med_insurance_transferred!, (v) => v === true)).toBe(
      PUBLISHED.med_insurance_transferred_persons,
    );
  });

  it('has plausible land, stable income and income', () => {
    const h = d.tables.households;
    const lands = [h.land_contract!, h.land_forest!, h.land_homestead!];
    const anyRevitalized = countWhere(h.household_id!, (_, i) => lands.some((l) => l[i] === 'revitalized'));
    const allNone = countWhere(h.household_id!, (_, i) => lands.every((l) => l[i] === 'none'));
    const n = hhSize.length;
    expect(anyRevitalized / n).toBeGreaterThan(0.9);
    expect(allNone).toBeGreaterThan(0);
    expect(allNone / n).toBeLessThan(0.02);
    expect(countWhere(h.stable_income!, (v) => v === true) / n).toBeGreaterThan(0.9);
    const income = Array.from(h.income_per_capita! as ArrayLike<number>).sort((a, b) => a - b);
    expect(income[n >> 1]).toBeGreaterThan(5_000);
    expect(income[n >> 1]).toBeLessThan(30_000);
  });

  it('has the published facilities; every site has a party organization', () => {
    const { facilities, sites } = d.tables;
    const count = (type: string) => countWhere(facilities.facility_type!, (t) => t === type);
    expect(count('school')).toBe(PUBLISHED.schools_built);
    expect(count('health_facility')).toBe(PUBLISHED.medical_facilities_built);
    expect(count('street_office')).toBe(PUBLISHED.street_offices);
    expect(count('community_committee')).toBe(PUBLISHED.community_committees);
    expect(count('governance_center')).toBe(PUBLISHED.governance_centers);
    expect(count('mediation_room')).toBe(PUBLISHED.mediation_rooms);
    expect(count('party_committee')).toBe(PUBLISHED.party_committees);
    expect(count('party_branch')).toBe(PUBLISHED.party_branches_or_groups);
    expect(count('kindergarten')).toBeGreaterThan(0);
    expect(count('workshop')).toBeGreaterThan(0);
    const sitesWith = (types: string[]) =>
      new Set(Array.from(facilities.site_id!).filter((_, i) => types.includes(facilities.facility_type![i] as string))).size;
    expect(sitesWith(['party_committee', 'party_branch'])).toBe(sites.site_id!.length);
    // One built health facility per site for 580 sites: coverage 580 / 946.
    expect(sitesWith(['health_facility'])).toBe(PUBLISHED.medical_facilities_built);
  });

  it('has 2,255 management units with populations, police rooms and elected party members', () => {
    const { management_units: u, households } = d.tables;
    expect(u.unit_id!.length).toBe(PUBLISHED.resident_groups);
    const unitRow = rowOf(u.unit_id!);
    const population = new Int32Array(u.unit_id!.length);
    for (let h = 0; h < hhSize.length; h++) population[unitRow.get(households.unit_id![h])!]! += hhSize[h]!;
    expect(countWhere(u.population!, (p, i) => p !== population[i])).toBe(0);
    expect(countWhere(u.population!, (p, i) => (p as number) >= 3000 && u.has_police_room![i] !== true)).toBe(0);
    expect(countWhere(u.population!, (p) => (p as number) >= 3000)).toBeGreaterThan(0);
    // Each unit's police room is a police_room facility at the unit's site.
    const rooms = new Map<unknown, number>();
    const f = d.tables.facilities;
    for (let i = 0; i < f.facility_id!.length; i++)
      if (f.facility_type![i] === 'police_room') rooms.set(f.site_id![i], (rooms.get(f.site_id![i]) ?? 0) + 1);
    for (let i = 0; i < u.unit_id!.length; i++)
      if (u.has_police_room![i] === true) rooms.set(u.site_id![i], (rooms.get(u.site_id![i]) ?? 0) - 1);
    expect([...rooms.values()].filter((v) => v !== 0)).toEqual([]);
    let elected = 0;
    for (let i = 0; i < u.unit_id!.length; i++) elected += u.party_members_elected![i] as number;
    expect(elected).toBe(PUBLISHED.party_members_elected);
    expect(countWhere(u.party_members_elected!, (v) => (v as number) > 0)).toBe(PUBLISHED.units_electing_party_members);
  });

  it('has the published cultural activities, held in 2019', () => {
    const a = d.tables.activities;
    expect(countWhere(a.activity_type!, (t) => t === 'gratitude_education')).toBe(PUBLISHED.gratitude_education_events);
    expect(countWhere(a.activity_type!, (t) => t === 'civic_awareness')).toBe(PUBLISHED.civic_awareness_events);
    expect(countWhere(a.held_on!, (day) => !String(day).startsWith('2019-'))).toBe(0);
  });

  it('reports its targets', () => {
    expect(d.targets.relocated_persons).toBe(PUBLISHED.relocated_persons);
    expect(d.targets.households_one_plus_employed).toBe(385_419);
  });
});

describe('generate at other scales and options', () => {
  it('is deterministic and depends on the seed', () => {
    const options = { preset: 'guizhou-2019', scale: 0.05, seed: 7, months: 2, dirty: true } as const;
    const a = fingerprint(generate(options));
    expect(fingerprint(generate(options))).toBe(a);
    expect(fingerprint(generate({ ...options, seed: 8 }))).not.toBe(a);
  });

  it('gives a tenth of the persons at scale 0.1, in all 946 sites', () => {
    const d = generate({ preset: 'guizhou-2019', scale: 0.1, seed: 3 });
    const persons = d.tables.persons.person_id!.length;
    expect(Math.abs(persons / 188_000 - 1)).toBeLessThan(0.02);
    expect(d.tables.sites.site_id!.length).toBe(946);
    checkIntegrity(d);
  });

  it('keeps all prefectures at the smallest scale', () => {
    const d = generate({ preset: 'guizhou-2019', scale: 0.001, seed: 3 });
    expect(new Set(Array.from(d.tables.sites.prefecture_code!)).size).toBe(9);
    expect(d.tables.persons.person_id!.length).toBe(1_880);
    checkIntegrity(d);
  });

  it('with months, has one row per month moved in, and 2019-12 equals the dataset without periods', () => {
    const base = generate({ preset: 'guizhou-2019', scale: 0.05, seed: 11 });
    const monthly = generate({ preset: 'guizhou-2019', scale: 0.05, seed: 11, months: 3 });
    checkIntegrity(monthly);
    for (const t of ['households', 'persons'] as const) {
      const period = monthly.tables[t].period!;
      expect([...new Set(Array.from(period))]).toEqual(['2019-10', '2019-11', '2019-12']);
      const last = Array.from({ length: period.length }, (_, i) => i).filter((i) => period[i] === '2019-12');
      for (const [name, col] of Object.entries(base.tables[t])) {
        const got = last.map((i) => monthly.tables[t][name]![i]);
        expect(got, `${t}.${name}`).toEqual(Array.from(col));
      }
    }
    for (const t of ['sites', 'facilities', 'management_units', 'activities'] as const) {
      expect(monthly.tables[t]).toEqual(base.tables[t]);
    }
    const h = monthly.tables.households;
    const ends: Record<string, string> = { '2019-10': '2019-10-31', '2019-11': '2019-11-30', '2019-12': '2019-12-31' };
    expect(countWhere(h.moved_in_on!, (day, i) => (day as string) > ends[h.period![i] as string]!)).toBe(0);
    const p = monthly.tables.persons;
    const employedIn = (m: string) => countWhere(p.employed!, (e, i) => e === true && p.period![i] === m);
    expect(employedIn('2019-10')).toBeLessThan(employedIn('2019-11'));
    expect(employedIn('2019-11')).toBeLessThan(employedIn('2019-12'));
  });

  it('with a year of months, households move out before December (X ids) and the facts grow', () => {
    const monthly = generate({ preset: 'guizhou-2019', scale: 0.05, seed: 11, months: 12 });
    checkIntegrity(monthly);
    const h = monthly.tables.households;
    const rows = Array.from({ length: h.household_id!.length }, (_, i) => i);
    const idsIn = (m: string, moved: boolean) => new Set(rows.filter((i) => h.period![i] === m && (h.household_id![i] as string).startsWith('X') === moved).map((i) => h.household_id![i] as string));
    expect(idsIn('2019-12', true).size).toBe(0);
    const gone = idsIn('2019-01', true);
    const first = idsIn('2019-01', false).size + gone.size;
    // about 1% of the January households have left by December, each in some month after January
    expect(gone.size / first).toBeGreaterThan(0.006);
    expect(gone.size / first).toBeLessThan(0.014);
    expect(idsIn('2019-11', true).size).toBeLessThan(gone.size);
    // a household that left is there from January up to a month, then never again
    for (const id of gone) {
      const months = rows.filter((i) => h.household_id![i] === id).map((i) => h.period![i] as string);
      expect(months[0], id).toBe('2019-01');
      expect(months, id).toEqual([...months].sort());
      expect(new Set(months).size, id).toBe(months.length);
    }
    // their members leave with them
    const p = monthly.tables.persons;
    for (let i = 0; i < p.person_id!.length; i++) expect((p.person_id![i] as string).startsWith('X')).toBe((p.household_id![i] as string).startsWith('X'));
    const photosIn = (m: string) => countWhere(h.house_photos!, (v, i) => v === true && h.period![i] === m);
    expect(photosIn('2019-06')).toBeLessThan(photosIn('2019-12'));
  });

  it('with a year of months, some lose a job or a stable income for a month and regain it the next', () => {
    const monthly = generate({ preset: 'guizhou-2019', scale: 0.05, seed: 11, months: 12 });
    const p = monthly.tables.persons;
    // Employment per person and month, read from the rows.
    const byPerson = new Map<string, Map<string, unknown>>();
    for (let i = 0; i < p.person_id!.length; i++) {
      const id = p.person_id![i] as string;
      if (!byPerson.has(id)) byPerson.set(id, new Map());
      byPerson.get(id)!.set(p.period![i] as string, p.employed![i]);
    }
    const months = Array.from({ length: 12 }, (_, k) => `2019-${String(k + 1).padStart(2, '0')}`);
    let lapses = 0;
    let lapsesInDecember = 0;
    for (const e of byPerson.values())
      for (let k = 1; k < 12; k++) {
        const [before, now, after] = [e.get(months[k - 1]!), e.get(months[k]!), e.get(months[k + 1]!)];
        if (before === true && now === false && (k === 11 || after === true)) k === 11 ? lapsesInDecember++ : lapses++;
      }
    // About 0.4% of the employed a month: with some 3,000 employed at this scale, dozens a year.
    expect(lapses).toBeGreaterThan(20);
    // December is the calibrated month: nobody employed in November loses the job in December.
    expect(lapsesInDecember).toBe(0);
  });

  it('with dirty, has about 1% unknowns and some obsolete origin codes, and stays consistent', () => {
    const d = generate({ preset: 'guizhou-2019', scale: 0.05, seed: 5, dirty: true });
    checkIntegrity(d);
    const { persons, households } = d.tables;
    const unknown = countWhere(persons.is_labor!, (v) => v === null) / persons.is_labor!.length;
    expect(unknown).toBeGreaterThan(0.005);
    expect(unknown).toBeLessThan(0.015);
    const obsolete = new Set(['520221', '520522', '520222', '522322']);
    expect(countWhere(households.origin_county_code!, (c) => obsolete.has(c as string))).toBeGreaterThan(0);
    expect(countWhere(households.site_id!, (s) => s === null)).toBe(0);
  });

  it('rejects bad options', () => {
    const ok = { preset: 'guizhou-2019', scale: 1, seed: 1 } as const;
    expect(() => generate({ ...ok, scale: 0 })).toThrow(RangeError);
    expect(() => generate({ ...ok, seed: 1.5 })).toThrow(RangeError);
    expect(() => generate({ ...ok, months: 0 })).toThrow(RangeError);
    // @ts-expect-error unknown preset
    expect(() => generate({ ...ok, preset: 'other' })).toThrow(RangeError);
  });
});
