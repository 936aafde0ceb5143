import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { compute, toObjects, type ResultRow } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, PUBLISHED_2019 } from '@houfu/indicators';

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

describe('Guizhou at scale 1 reproduces every published figure the data can express', () => {
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
    for (const id of ['relocated_persons', 'centralized_sites', 'urban_sites', 'urban_sites_persons', 'cross_county_resettled_persons', 'schools_built', 'medical_facilities_built', 'med_insurance_transferred_persons', 'labor_households', 'employed_persons', 'households_one_plus_employed_rate', 'street_offices', 'community_committees', 'resident_groups', 'governance_centers', 'mediation_rooms', 'units_electing_party_members', 'party_members_elected', 'gratitude_education_events', 'civic_awareness_events', 'provincial_demo_sites'])
      expect(seen).toContain(id);
  }, 300_000);
});
