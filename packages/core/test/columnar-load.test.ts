/**
 * The columnar load path: Arrow tables whose columns already have the canonical types are used
 * as they are (the very same table objects), and the row links validation builds are the ones
 * the engines read — checked against a parent lookup written here with a JS Map.
 */
import { describe, expect, it } from 'vitest';
import { arrowTable, datasetFromArrow } from '@houfu/core';
import { parentIndex } from '../src/columns/links.js';

function tables() {
  return {
    sites: arrowTable('sites', {
      site_id: ['S1', 'S2'],
      site_name: ['A', 'B'],
      prefecture_code: ['520100', '520200'],
      county_code: ['520102', '520201'],
      site_type: ['urban', 'rural'],
      cross_county: [false, true],
      is_demo: [true, null],
      opened_on: ['2018-06-30', null],
    }),
    households: arrowTable('households', {
      household_id: ['H1', 'H2', 'H3'],
      site_id: ['S2', 'S1', 'S2'],
      origin_county_code: ['520102', null, '520201'],
      moved_in_on: [null, null, '2019-01-05'],
      land_contract: ['none', 'pending', null],
      land_forest: ['none', 'none', 'none'],
      land_homestead: ['none', 'revitalized', 'none'],
      stable_income: [true, false, null],
      income_per_capita: [9800, 3100.5, null],
      origin_village: ['V1', null, 'V2'],
      whole_village: [true, false, null],
      house_photos: [true, null, false],
      civilized_family: [false, true, null],
    }),
    persons: arrowTable('persons', {
      person_id: ['P1', 'P2', 'P3', 'P4'],
      household_id: ['H3', 'H1', 'H2', 'H3'],
      sex: ['male', 'female', null, 'female'],
      birth_year: [1985, 1990, null, 2001],
      ethnicity: ['汉族', null, '苗族', '布依族'],
      is_labor: [true, true, false, null],
      trained: [true, false, null, true],
      employed: [true, false, false, null],
      employment_type: ['local', null, null, null],
      med_insurance_transferred: [true, null, false, true],
    }),
  };
}

describe('columnar load', () => {
  it('keeps Arrow tables of canonical types as they are', () => {
    const t = tables();
    const ds = datasetFromArrow(t, { currentYear: 2026 });
    expect(ds.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ds.tables.sites).toBe(t.sites);
    expect(ds.tables.households).toBe(t.households);
    expect(ds.tables.persons).toBe(t.persons);
  });

  it('gives the engines the links validation built, equal to a lookup by id', () => {
    const t = tables();
    const ds = datasetFromArrow(t, { currentYear: 2026 });
    const rowOf = new Map(['H1', 'H2', 'H3'].map((h, i) => [h, i]));
    const want = ['H3', 'H1', 'H2', 'H3'].map((h) => rowOf.get(h));
    expect(Array.from(parentIndex(ds, 'persons', 'households', 'household_id'))).toEqual(want);
    expect(Array.from(parentIndex(ds, 'households', 'sites', 'site_id'))).toEqual([1, 0, 1]);
  });
});
