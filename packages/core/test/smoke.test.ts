import { describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, toObjects } from '@houfu/core';
import { catalog } from '@houfu/indicators';

describe('smoke', () => {
  it('computes', async () => {
    const ds = datasetFromColumns({
      sites: { site_id: ['S1', 'S2'], site_name: ['甲', '乙'], prefecture_code: ['520100', '520100'], county_code: ['520102', '520111'], site_type: ['urban', 'rural'], cross_county: ['false', 'true'], is_demo: ['', ''], opened_on: ['2018-01-01', ''] },
      households: { household_id: ['H1', 'H2', 'H3'], site_id: ['S1', 'S1', 'S2'], origin_county_code: ['520102', '520111', '520102'], moved_in_on: ['', '', ''], land_contract: ['revitalized', 'none', ''], land_forest: ['none', 'none', 'pending'], land_homestead: ['none', 'none', 'none'], stable_income: ['true', 'false', ''], income_per_capita: ['1000', '', ''] },
      persons: { person_id: ['P1', 'P2', 'P3', 'P4'], household_id: ['H1', 'H1', 'H2', 'H3'], sex: ['male', 'female', '', ''], birth_year: ['1980', '', '', ''], ethnicity: ['', '', '', ''], is_labor: ['true', 'true', 'false', ''], trained: ['true', '', 'false', 'true'], employed: ['true', 'false', '', ''], employment_type: ['local', '', '', ''], med_insurance_transferred: ['true', 'true', 'false', ''] },
      facilities: { facility_id: ['F1', 'F2'], site_id: ['S1', 'S2'], facility_type: ['health_facility', 'school'] },
    });
    expect(ds.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = await compute(ds, catalog, { by: 'county' });
    console.table(toObjects(r).map((o) => ({ ...o, area_name: undefined })));
    expect(r.numRows).toBeGreaterThan(0);
  });
});
