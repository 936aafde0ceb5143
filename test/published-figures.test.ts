/**
 * The 45 published figures as data: every row of the reference table once, in its order,
 * with its value, and the comparison on the hand fixture against values counted by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { compute, registers, toObjects, type ResultRow } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, comparePublished, PUBLISHED_FIGURES } from '@houfu/indicators';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const reference = csvParse(readFileSync(here('../datasets/reference/guizhou-2019-published.csv'), 'utf8'));

describe('PUBLISHED_FIGURES', () => {
  it('lists the 45 figures of the reference table, in its order, with its values', () => {
    expect(reference).toHaveLength(45);
    expect(PUBLISHED_FIGURES.map((f) => [f.id, f.value, f.unit])).toEqual(reference.map((r) => [r.id, Number(r.value), r.unit]));
  });

  it('gives a reason in both languages for every figure out of reach, and nine are', () => {
    const out = PUBLISHED_FIGURES.filter((f) => f.source.kind === 'out_of_reach');
    expect(out.map((f) => f.id)).toEqual([
      'provincial_financing_yuan', 'urbanization_rate_increase_approx', 'investment_driven_yuan_more_than', 'completed_ahead_years_more_than',
      'national_guidance_ministries', 'provincial_supporting_documents', 'cross_county_group_leaders_per_side',
      'township_cadre_secondment_min_years', 'township_cadre_secondment_max_years',
    ]);
    for (const f of out) if (f.source.kind === 'out_of_reach') expect(f.source.reason.zh.length * f.source.reason.en.length, f.id).toBeGreaterThan(0);
  });

  it('names only catalog indicators', () => {
    const ids = new Set(catalog.map((d) => d.id));
    for (const f of PUBLISHED_FIGURES) {
      if (f.source.kind === 'indicator') expect(ids.has(f.source.figure.indicator), f.id).toBe(true);
      if (f.source.kind === 'threshold') expect(ids.has(f.source.indicator), f.id).toBe(true);
    }
  });
});

describe('comparePublished on test/fixtures/hand', () => {
  it('computes each figure from the hand fixture as counted by hand', async () => {
    const ds = await loadDataset(here('./fixtures/hand'));
    const rows = toObjects<ResultRow>(await compute(ds, catalog, { by: 'province' }));
    const province = new Map(rows.map((r) => [r.indicator_id, r]));
    const c = new Map(comparePublished(province, registers(ds, { asOf: '2019-12-31' })).map((x) => [x.id, x]));
    const got = (id: string) => [c.get(id)!.computed, c.get(id)!.difference];
    expect(c.size).toBe(45);
    expect(got('relocated_persons')).toEqual([36, 36 - 1_880_000]); // 36 persons
    expect(got('centralized_sites')).toEqual([5, 5 - 946]);
    expect(got('relocated_villages')).toEqual([10, 10 - 10_090]); // V01–V10
    expect(got('health_institutions_per_site_target')).toEqual([0, -1]); // S5 unserved
    expect(got('medical_facilities_built')).toEqual([2, 2 - 580]); // F02, F16 built; F11 not
    expect(got('house_comparison_photo_households')).toEqual([10, 10 - 358_600]);
    expect(got('civilized_families_awarded')).toEqual([4, 4 - 10_100]);
    expect(got('party_committees')).toEqual([1, 1 - 126]);
    expect(got('party_branches_or_groups')).toEqual([4, 4 - 845]);
    expect(got('provincial_responsible_departments')).toEqual([3, 3 - 23]);
    expect(got('scheduling_frequency_per_month')).toEqual([1, 0]); // 3 horizontal in Oct–Dec
    expect(got('cadre_training_sessions_2019')).toEqual([3, 0]);
    expect(got('cadres_trained_2019_nearly')).toEqual([1200, 0]); // 1,185 → hundreds
    expect(got('inspection_rounds_2019')).toEqual([4, 0]);
    expect(got('problem_categories')).toEqual([3, -7]);
    expect(got('problem_aspects')).toEqual([5, -20]);
    // U3 (3000, no police room) and U6 (3100, unknown): coverage 2/3 — the threshold is not shown
    expect(got('police_room_unit_population_threshold')).toEqual([null, null]);
    expect(c.get('police_room_unit_population_threshold')!.note!.en).toContain('66.67%');
    expect(got('provincial_financing_yuan')).toEqual([null, null]);
    expect(c.get('provincial_financing_yuan')!.note).not.toBeNull();
  });
});
