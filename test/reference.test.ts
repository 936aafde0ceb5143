/**
 * The reference implementation against the hand-calculated fixtures. These tests need no
 * engine: they check the oracle itself, so that the engine tests compare against
 * something that was checked by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvDataset } from './reference/csv.js';
import { REFERENCE_IDS, REFERENCE_UNIT_IDS, referenceCompute, type PlainDataset, type RefRow } from './reference/reference.js';
import { cmpRow, diffRows, readExpected, readmeRows, specIndicatorIds } from './helpers/rows.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LEVELS = ['province', 'prefecture', 'county', 'site', 'unit'] as const;
const specIds = specIndicatorIds(readFileSync(here('../docs/semantics.md'), 'utf8'));

describe('reference catalog', () => {
  it('has exactly the indicators of docs/semantics.md', () => {
    expect(specIds.length).toBeGreaterThan(0);
    expect([...REFERENCE_IDS]).toEqual(specIds);
  });
});

describe('fixture expectations', () => {
  for (const dir of ['hand', 'hand-periods']) {
    it(`${dir}/expected.json is the transcription of the tables in ${dir}/README.md`, () => {
      const json = JSON.parse(readFileSync(here(`./fixtures/${dir}/expected.json`), 'utf8')) as { rows: Record<string, unknown>[] };
      const withoutTarget = json.rows.map(({ target: _target, ...rest }) => rest);
      expect(withoutTarget).toEqual(readmeRows(readFileSync(here(`./fixtures/${dir}/README.md`), 'utf8')));
    });
  }
});

describe('reference on test/fixtures/hand', () => {
  const data = readCsvDataset(here('./fixtures/hand'));
  const expected = readExpected(here('./fixtures/hand/expected.json'));

  it('expected.json covers every catalog indicator at every level it applies to', () => {
    expect(expected.file.indicators).toEqual(specIds);
    for (const level of LEVELS) {
      const ids = new Set(expected.rows.filter((r) => r.level === level).map((r) => r.indicator_id));
      expect([...ids].sort()).toEqual([...(level === 'unit' ? REFERENCE_UNIT_IDS : REFERENCE_IDS)].sort());
    }
  });

  for (const level of LEVELS) {
    it(`reproduces the hand-calculated ${level} rows`, () => {
      const actual = referenceCompute(data, level).map((r) => cmpRow({ ...r }));
      const want = expected.rows.filter((r) => r.level === level);
      expect(diffRows(actual, want, { actual: 'reference', expected: 'hand' })).toEqual([]);
    });
  }

  it('gives the same rows from typed values as from CSV text', () => {
    const typed = typedCopy(data);
    for (const level of LEVELS) {
      expect(referenceCompute(typed, level)).toEqual(referenceCompute(data, level));
    }
  });
});

describe('reference on test/fixtures/hand-periods', () => {
  const data = readCsvDataset(here('./fixtures/hand-periods'));
  const expected = readExpected(here('./fixtures/hand-periods/expected.json'));
  for (const level of ['province', 'county'] as const) {
    it(`reproduces the hand-calculated ${level} rows`, () => {
      const actual = referenceCompute(data, level, expected.file.indicators).map((r) => cmpRow({ ...r }));
      const want = expected.rows.filter((r) => r.level === level);
      expect(diffRows(actual, want, { actual: 'reference', expected: 'hand' })).toEqual([]);
    });
  }
});

describe('reference edge cases', () => {
  const site = (id: string, county: string, pref: string) => ({
    site_id: id, site_name: id, prefecture_code: pref, county_code: county, site_type: 'urban',
  });
  const byKey = (rows: RefRow[]) => new Map(rows.map((r) => [`${r.indicator_id}|${r.area_code}|${r.period}`, r]));

  it('gives every site a no_data row when there are no households or persons', () => {
    const data: PlainDataset = { sites: [site('A', '522301', '522300'), site('B', '520102', '520100')], households: [], persons: [] };
    const rows = referenceCompute(data, 'site');
    expect(rows).toHaveLength(2 * REFERENCE_IDS.length);
    const r = byKey(rows);
    expect(r.get('four_musts.training|A|null')).toMatchObject({ numerator: 0, denominator: 0, unknown: 0, value: null, status: 'no_data' });
    // No facilities and one site: a zero count over one site is a value, not missing.
    expect(r.get('governance.mediation_rooms_per_site|B|null')).toMatchObject({ denominator: 1, value: 0, status: 'no_target' });
    expect(r.get('services.health_facility_coverage|B|null')).toMatchObject({ denominator: 1, value: 0, status: 'not_met' });
  });

  it('names the province by the first two digits of the county code', () => {
    const data: PlainDataset = { sites: [site('A', '522301', '522300'), site('B', '130102', '130100')], households: [], persons: [] };
    const areas = referenceCompute(data, 'province', ['four_musts.income']).map((r) => r.area_code).sort();
    expect(areas).toEqual(['130000', '520000']);
  });

  it('treats an unknown universe as unknown whatever the outcome', () => {
    const data: PlainDataset = {
      sites: [site('A', '520102', '520100')],
      households: [{ household_id: 'h', site_id: 'A', land_contract: null, land_forest: 'revitalized', land_homestead: null }],
      persons: [{ person_id: 'p', household_id: 'h', is_labor: null, trained: true, employed: false }],
    };
    const r = byKey(referenceCompute(data, 'county'));
    expect(r.get('four_musts.training|520102|null')).toMatchObject({ numerator: 0, denominator: 0, unknown: 1 });
    // is_labor unknown: U_employment unknown; O = any(null ∧ false) = false; E = ¬? ∨ F = ?.
    expect(r.get('four_musts.employment|520102|null')).toMatchObject({ unknown: 1, denominator: 0 });
    expect(r.get('employment.zero_households|520102|null')).toMatchObject({ unknown: 1, denominator: 0 });
    // Land: U = ¬(? ∧ F ∧ ?) = T and O = T: known although two lands are unknown.
    expect(r.get('four_musts.land|520102|null')).toMatchObject({ numerator: 1, denominator: 1, unknown: 0 });
    // T = ¬? ∨ T = T; E = ?; L = T; I = ? → all unknown.
    expect(r.get('four_musts.all|520102|null')).toMatchObject({ unknown: 1, denominator: 0 });
  });

  it('lets a known false decide a conjunction with unknowns', () => {
    const data: PlainDataset = {
      sites: [site('A', '520102', '520100')],
      households: [{ household_id: 'h', site_id: 'A', stable_income: false }],
      persons: [{ person_id: 'p', household_id: 'h', is_labor: null, trained: null, employed: null }],
    };
    const r = byKey(referenceCompute(data, 'site'));
    expect(r.get('four_musts.all|A|null')).toMatchObject({ numerator: 0, denominator: 1, unknown: 0, value: 0 });
  });
});

/** The hand fixture with CSV text turned into typed values, by column name. */
function typedCopy(data: PlainDataset): PlainDataset {
  const bools = new Set(['cross_county', 'is_demo', 'stable_income', 'is_labor', 'trained', 'employed', 'med_insurance_transferred', 'has_police_room', 'whole_village', 'house_photos', 'civilized_family', 'built_for_sites']);
  const nums = new Set(['income_per_capita', 'birth_year', 'capacity', 'population', 'party_members_elected', 'participants', 'amount', 'cadres_province', 'cadres_prefecture', 'cadres_county', 'cadres_township']);
  const conv = (rows: PlainDataset['sites'] | undefined) =>
    rows?.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => {
          if (v === '') return [k, null];
          if (bools.has(k)) return [k, v === 'true'];
          if (nums.has(k)) return [k, Number(v)];
          return [k, v];
        }),
      ),
    );
  const out: PlainDataset = { sites: conv(data.sites)!, households: conv(data.households)!, persons: conv(data.persons)! };
  for (const name of ['facilities', 'management_units', 'activities', 'health_services', 'projects', 'demonstration_sites', 'problems', 'tasks', 'dispatches', 'trainings', 'inspections'] as const)
    if (data[name]) out[name] = conv(data[name])!;
  return out;
}
