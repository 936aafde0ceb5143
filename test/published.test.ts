import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { compute, toObjects, type ResultRow } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, PUBLISHED_2019, publishedComparisons } from '@houfu/indicators';

const published = new Map(csvParse(readFileSync('datasets/reference/guizhou-2019-published.csv', 'utf8')).map((r) => [r.id!, Number(r.value)]));

describe('the catalog transcription of the published figures', () => {
  it('matches the reference table', () => {
    for (const f of PUBLISHED_2019) expect([f.id, f.value]).toEqual([f.id, published.get(f.id)]);
  });
});

// Scale 1 is generated once into .cache (keyed by the generator build) and reused between runs.
const generator = readFileSync('datasets/dist/index.js');
const key = createHash('sha256').update(generator).digest('hex').slice(0, 12);
const dir = `.cache/test-guizhou-s1-${key}`;

describe('Guizhou at scale 1 reproduces 35 of the 45 published figures', () => {
  it('counts exactly and 95.59% to two decimals', async () => {
    if (!existsSync(`${dir}/dataset.json`)) {
      const r = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'generate', '--preset', 'guizhou-2019', '--scale', '1', '--seed', '1', '--out', dir], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const ds = await loadDataset(dir);
    expect(ds.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const rows = toObjects<ResultRow>(await compute(ds, catalog, { by: 'province' }));
    const cell = (id: string, field: string): number | null => {
      const r = rows.find((x) => x.indicator_id === id);
      if (!r) return null;
      return field === 'value' ? r.value : field === 'numerator' ? r.numerator : field === 'denominator' ? r.denominator : r.denominator + r.unknown;
    };
    const seen: string[] = [];
    for (const f of PUBLISHED_2019) {
      const want = published.get(f.id)!;
      const got = cell(f.indicator, f.field);
      expect(got, f.id).not.toBeNull();
      if (f.unit === 'percent') expect(Number(((got as number) * f.scale).toFixed(f.decimals)), f.id).toBe(want);
      else expect(got, f.id).toBe(want);
      seen.push(f.id);
    }
    // Every figure of the five systems that the schema can express is among them.
    for (const id of ['relocated_persons', 'centralized_sites', 'urban_sites', 'urban_sites_persons', 'cross_county_resettled_persons', 'schools_built', 'medical_facilities_built', 'med_insurance_transferred_persons', 'labor_households', 'employed_persons', 'households_one_plus_employed_rate', 'street_offices', 'community_committees', 'resident_groups', 'governance_centers', 'mediation_rooms', 'units_electing_party_members', 'party_members_elected', 'gratitude_education_events', 'civic_awareness_events', 'provincial_demo_sites', 'party_committees', 'party_branches_or_groups', 'house_comparison_photo_households', 'civilized_families_awarded'])
      expect(seen).toContain(id);

    // All 45: indicators, registers and thresholds reproduce 35 with difference 0; the
    // employment target is a minimum the data do not reach (95.59% of labor households);
    // nine are out of reach.
    const all = await publishedComparisons(ds, { catalog });
    expect(all).toHaveLength(45);
    for (const c of all) if (c.computed !== null) expect(c.difference, c.id).toBe(Number((c.computed - published.get(c.id)!).toFixed(2)));
    const zero = all.filter((c) => c.difference === 0).map((c) => c.id);
    expect(zero).toHaveLength(35);
    expect(all.filter((c) => c.difference !== 0).map((c) => [c.id, c.computed])).toEqual([
      ['provincial_financing_yuan', null],
      ['urbanization_rate_increase_approx', null],
      ['investment_driven_yuan_more_than', null],
      ['completed_ahead_years_more_than', null],
      ['national_guidance_ministries', null],
      ['provincial_supporting_documents', null],
      ['employed_per_labor_household_target', 0],
      ['cross_county_group_leaders_per_side', null],
      ['township_cadre_secondment_min_years', null],
      ['township_cadre_secondment_max_years', null],
    ]);
  }, 300_000);
});
