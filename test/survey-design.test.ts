/** Declaring a design: parsing, checks with clear errors, and what a design does not change. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, parseDesign, RESULT_COLUMNS, toObjects, type Engine } from '@houfu/core';
import { SURVEY_COLUMNS } from '@houfu/core/survey';
import { loadDataset } from '@houfu/core/node';
import { arqueroEngine } from '@houfu/core/arquero';
import { catalog } from '@houfu/indicators';
import { csvParse } from 'd3-dsv';

const dir = 'test/fixtures/survey/stratified-clustered-fpc';
const design = { weight: 'weight', strata: 'stratum', psu: 'cluster', fpc: 'fpc_n' };
const income = catalog.filter((d) => d.id === 'four_musts.income');

/** The fixture's tables with one household cell changed. */
function withCell(row: number | ((h: Record<string, string[]>, i: number) => boolean), column: string, value: string) {
  const read = (t: string) => {
    const rows = csvParse(readFileSync(`${dir}/${t}.csv`, 'utf8'));
    const cols: Record<string, string[]> = {};
    for (const c of rows.columns) cols[c] = rows.map((r) => r[c]!);
    return cols;
  };
  const households = read('households');
  const n = households['household_id']!.length;
  for (let i = 0; i < n; i++) if (typeof row === 'number' ? i === row : row(households, i)) households[column]![i] = value;
  return datasetFromColumns({ sites: read('sites'), households, persons: read('persons') }, { files: { households: 'households.csv' } });
}

describe('survey designs', () => {
  it('parse from the CLI form, refusing unknown or missing parts', () => {
    expect(parseDesign('weight=w, strata=s,psu=c,fpc=f')).toEqual({ weight: 'w', strata: 's', psu: 'c', fpc: 'f' });
    expect(() => parseDesign('strata=s')).toThrow(/weight is required/);
    expect(() => parseDesign('weight=w,cluster=c')).toThrow(/unknown part "cluster=c"/);
    expect(() => parseDesign('weight=w,weight=v')).toThrow(/given twice/);
  });

  it('name file, row and column of a bad weight, and refuse missing design columns', async () => {
    await expect(compute(withCell(4, 'weight', '-3'), income, { by: 'county', design })).rejects.toThrow(
      /households\.csv row 5, column weight: value "-3" is not valid \(a weight must be a positive number\)/,
    );
    await expect(compute(withCell(0, 'weight', ''), income, { by: 'county', design })).rejects.toThrow(/row 1, column weight/);
    await expect(compute(withCell(0, 'stratum', ''), income, { by: 'county', design })).rejects.toThrow(/row 1, column stratum/);
    await expect(compute(await loadDataset(dir), income, { by: 'county', design: { ...design, psu: 'psu_id' } })).rejects.toThrow(
      /the design's psu column psu_id is missing/,
    );
  });

  it('refuse PSUs not nested in strata, an fpc varying within a stratum or smaller than the sample', async () => {
    await expect(compute(withCell(0, 'stratum', '520103'), income, { by: 'county', design })).rejects.toThrow(/S01-C1 appears in strata 520103 and 520102/);
    await expect(compute(withCell(0, 'fpc_n', '21'), income, { by: 'county', design })).rejects.toThrow(/differs within stratum 520102/);
    // Stratum 520102 samples 6 clusters: a population of 5 is impossible.
    const small = withCell((h, i) => h['stratum']![i] === '520102', 'fpc_n', '5');
    await expect(compute(small, income, { by: 'county', design })).rejects.toThrow(/stratum 520102 has 6 sampled PSUs, more than its population of 5/);
  });

  it('refuse indicators outside households and persons, the unit level, and engines without weights', async () => {
    const ds = await loadDataset(dir);
    const facilities = catalog.find((d) => d.numerator.table === 'facilities')!;
    await expect(compute(ds, [facilities], { by: 'county', design })).rejects.toThrow(/counts rows of facilities; a survey design covers households and persons only/);
    await expect(compute(ds, income, { by: 'unit', design })).rejects.toThrow(/cannot be computed by management unit/);
    const unweighted: Engine = { name: 'plain', run: arqueroEngine.run };
    await expect(compute(ds, income, { by: 'county', design, engine: unweighted })).rejects.toThrow(/engine plain does not support survey weights/);
  });

  it('add the survey columns, and leave results without a design as they were', async () => {
    const ds = await loadDataset(dir);
    const plain = await compute(ds, income, { by: 'county' });
    expect(plain.schema.fields.map((f) => f.name)).toEqual([...RESULT_COLUMNS]);
    const survey = await compute(ds, income, { by: 'county', design });
    expect(survey.schema.fields.map((f) => f.name)).toEqual([...RESULT_COLUMNS, ...SURVEY_COLUMNS]);
    // Unweighted counts of the register are untouched by the design columns on the file.
    const households = csvParse(readFileSync(`${dir}/households.csv`, 'utf8'));
    const row = toObjects<Record<string, unknown>>(await compute(ds, income, { by: 'province' }))[0]!;
    expect(row['denominator']).toBe(households.filter((h) => h['stable_income'] !== '').length);
    // With a design the denominator is the weighted total.
    const w = toObjects<Record<string, unknown>>(await compute(ds, income, { by: 'province', design }))[0]!;
    const expected = households.filter((h) => h['stable_income'] !== '').reduce((a, h) => a + Number(h['weight']), 0);
    expect(Math.abs((w['denominator'] as number) - expected)).toBeLessThan(1e-9);
  });
});
