/**
 * The monthly dispatch on test/fixtures/hand-dispatch, against the changes counted by hand in
 * its README: direction-aware movements, county ranks, sites that fell below or newly met
 * target, households newly failing, cleared and gone, demonstration sites against the rest,
 * open tasks and problems; and the `houfu dispatch` command printing the same.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Dataset, type Dispatch } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { indicator } from '@houfu/indicators';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DIR = here('./fixtures/hand-dispatch');
const defs = ['four_musts.employment', 'four_musts.income', 'employment.employed_persons'].map((id) => indicator(id)!);

describe('dispatch on test/fixtures/hand-dispatch (2019-12 against 2019-11)', () => {
  let ds: Dataset;
  let d: Dispatch;
  beforeAll(async () => {
    ds = await loadDataset(DIR);
    d = await dispatch(ds, defs, { period: '2019-12', musts: [defs[0]!, defs[1]!] });
  });

  const change = (id: string, area: string) => {
    const c = d.changes.find((x) => x.indicator_id === id && x.area_code === area)!;
    return [c.previous, c.value, c.movement];
  };

  it('takes the month before as the previous one', () => {
    expect(ds.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect([d.period, d.previous]).toEqual(['2019-12', '2019-11']);
    // 3 indicators × (province + 2 prefectures + 2 counties)
    expect(d.changes).toHaveLength(15);
  });

  it('moves each indicator in each area by its direction', () => {
    expect(change('four_musts.employment', '520000')).toEqual([2 / 5, 3 / 5, 'improved']);
    expect(change('four_musts.employment', '520100')).toEqual([1 / 3, 2 / 3, 'improved']);
    expect(change('four_musts.employment', '520102')).toEqual([1 / 3, 2 / 3, 'improved']);
    expect(change('four_musts.employment', '520400')).toEqual([1 / 2, 1 / 2, 'unchanged']);
    expect(change('four_musts.employment', '520402')).toEqual([1 / 2, 1 / 2, 'unchanged']);
    for (const a of ['520000', '520100', '520400', '520102', '520402']) expect(change('four_musts.income', a)[2], a).toBe('unchanged');
    expect(change('four_musts.income', '520000')).toEqual([3 / 5, 3 / 5, 'unchanged']);
    expect(change('employment.employed_persons', '520000')).toEqual([2, 3, 'increased']);
    expect(change('employment.employed_persons', '520102')).toEqual([1, 2, 'increased']);
    expect(change('employment.employed_persons', '520402')).toEqual([1, 1, 'unchanged']);
    expect(d.changes.find((x) => x.indicator_id === 'four_musts.employment' && x.area_code === '520000')!.change).toBeCloseTo(1 / 5, 12);
  });

  it('ranks the counties, best first, with last month’s rank', () => {
    const r = (id: string) => d.rankings.find((x) => x.indicator_id === id)!.counties.map((c) => [c.area_code, c.rank, c.previous_rank]);
    expect(r('four_musts.employment')).toEqual([['520102', 1, 2], ['520402', 2, 1]]);
    expect(r('four_musts.income')).toEqual([['520102', 1, 1], ['520402', 2, 2]]);
    // only indicators with a target are ranked
    expect(d.rankings.map((x) => x.indicator_id)).toEqual(['four_musts.employment', 'four_musts.income']);
  });

  it('lists the sites that fell below target and those that newly met it', () => {
    const s = (xs: Dispatch['sites']['fell_below']) => xs.map((x) => [x.indicator_id, x.site_id, x.previous, x.value]);
    expect(s(d.sites.fell_below)).toEqual([['four_musts.income', 'S2', 1, 0]]);
    expect(s(d.sites.newly_met).sort()).toEqual([['four_musts.employment', 'S2', 0, 1], ['four_musts.income', 'S1', 1 / 2, 1]].sort());
  });

  it('follows the households of each must: newly failing, cleared, moved out', () => {
    expect(d.households).toEqual([
      { indicator_id: 'four_musts.employment', newly_failing: ['H1', 'H6'], cleared: ['H2', 'H3'], left: ['H4'], failing: 2 },
      { indicator_id: 'four_musts.income', newly_failing: ['H3', 'H6'], cleared: ['H2'], left: ['H4'], failing: 2 },
    ]);
  });

  it('sets the demonstration site against the rest', () => {
    expect(d.demonstration.map((x) => [x.indicator_id, x.demo, x.rest])).toEqual([
      ['four_musts.employment', 1 / 2, 2 / 3],
      ['four_musts.income', 1, 1 / 3],
      ['employment.employed_persons', 1, 2],
    ]);
  });

  it('lists open tasks and problems at the end of the month', () => {
    expect(d.open.asOf).toBe('2019-12-31');
    expect([d.open.tasks.total, d.open.tasks.departments, d.open.tasks.completed, d.open.tasks.overdue]).toEqual([3, 2, 1, 1]);
    expect(d.open.tasks.byDepartment).toEqual([
      { department: '省卫生健康委', tasks: 2, completed: 0, overdue: 1, late: 0 },
      { department: '省教育厅', tasks: 1, completed: 1, overdue: 0, late: 1 },
    ]);
    expect([d.open.problems.problems, d.open.problems.rectified, d.open.problems.overdue]).toEqual([2, 1, 1]);
    expect(d.open.problems.byCounty).toEqual([
      { county_code: '520102', problems: 1, rectified: 0, overdue: 1 },
      { county_code: '520402', problems: 1, rectified: 1, overdue: 0 },
    ]);
  });

  it('refuses a month the data do not have, naming the months they do', async () => {
    await expect(dispatch(ds, defs, { period: '2020-01' })).rejects.toThrow(/2019-11, 2019-12/);
    await expect(dispatch(ds, defs, { period: '2019-11' })).rejects.toThrow(/--previous/);
  });
});

describe('houfu dispatch', () => {
  const houfu = (...args: string[]) => spawnSync(process.execPath, ['packages/cli/dist/main.js', 'dispatch', ...args], { encoding: 'utf8' });

  it('prints the dispatch as JSON with the same counts', () => {
    const r = houfu('--data', DIR, '--period', '2019-12', '--previous', '2019-11', '--format', 'json', '--indicators', 'four_musts.employment,four_musts.income');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Dispatch;
    expect(j.households.find((h) => h.indicator_id === 'four_musts.employment')).toEqual({ indicator_id: 'four_musts.employment', newly_failing: ['H1', 'H6'], cleared: ['H2', 'H3'], left: ['H4'], failing: 2 });
    expect(j.sites.fell_below.map((s) => s.site_id)).toEqual(['S2']);
  });

  it('prints a terminal summary', () => {
    const r = houfu('--data', DIR, '--period', '2019-12', '--indicators', 'four_musts.employment');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('2019-12');
    expect(r.stdout).toMatch(/H1, H6/);
    expect(r.stdout).toMatch(/improved/);
  });

  it('writes an HTML page with every list', () => {
    const r = houfu('--data', DIR, '--period', '2019-12', '--format', 'html', '--indicators', 'four_musts.employment,four_musts.income');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain('<td>H1, H6</td><td>H2, H3</td><td>H4</td><td>2</td>');
  });

  it('exits 2 with a message for a missing --period', () => {
    const r = houfu('--data', DIR);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--period/);
  });
});
