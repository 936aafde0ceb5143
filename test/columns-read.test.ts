/**
 * `compute` reads and validates only what its indicators read (`columnsRead`): for every indicator
 * of the catalog alone, and for the whole catalog with breakdowns, loading only those columns
 * gives the very rows that loading everything gives — on the hand fixtures and the sample.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnsRead, compute, toObjects, TRUE, type Dataset, type Level } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, indicator } from '@houfu/indicators';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const FOLDERS = { hand: dir('./fixtures/hand/'), 'hand-periods': dir('./fixtures/hand-periods/'), sample: dir('../datasets/guizhou-2019-sample/') };
const LEVELS: Level[] = ['province', 'prefecture', 'county', 'site'];

describe('columns a computation reads', () => {
  it('names the columns of an indicator, its links and the sites, and nothing else', () => {
    const c = columnsRead([indicator('employment.rate')!]);
    // Read by hand from the definition: labour force and employment of persons, linked to households and sites.
    expect(c.persons).toEqual(expect.arrayContaining(['person_id', 'household_id', 'is_labor', 'employed']));
    expect(c.persons).not.toContain('ethnicity');
    expect(c.households).toEqual(expect.arrayContaining(['household_id', 'site_id']));
    expect(c.households).not.toContain('land_forest');
    expect(c.sites).toEqual(expect.arrayContaining(['site_id', 'county_code', 'prefecture_code']));
    expect(c.projects).toBeUndefined();
    expect(c.problems).toBeUndefined();
    // A measure summing a column no expression names still reads it.
    const summed = { ...indicator('employment.rate')!, numerator: { table: 'management_units' as const, where: TRUE, sum: 'population' } };
    expect(columnsRead([summed]).management_units).toEqual(expect.arrayContaining(['unit_id', 'site_id', 'population']));
  });

  for (const [name, folder] of Object.entries(FOLDERS)) {
    it(`gives the same rows for each indicator alone and the whole catalog (${name})`, async () => {
      const full = await loadDataset(folder);
      const rows = async (ds: Dataset, defs: typeof catalog, breakdown: string[] = []) =>
        toObjects(await compute(ds, defs, { by: LEVELS, ...(breakdown.length ? { breakdown } : {}) }));
      for (const def of catalog) {
        const only = await loadDataset(folder, { columns: columnsRead([def]) });
        expect(only.findings.filter((f) => f.severity === 'error'), def.id).toEqual([]);
        expect(await rows(only, [def]), def.id).toEqual(await rows(full, [def]));
      }
      const persons = catalog.filter((d) => d.numerator.table === 'persons' && d.denominator.table === 'persons');
      expect(persons.length).toBeGreaterThan(3);
      const only = await loadDataset(folder, { columns: columnsRead(persons, { breakdown: ['sex', 'sites.site_type'] }) });
      expect(await rows(only, persons, ['sex', 'sites.site_type'])).toEqual(await rows(full, persons, ['sex', 'sites.site_type']));
    });
  }
});
