/**
 * The registers of the six measures on test/fixtures/hand, against the counts worked out by
 * hand in its README ("Registers, as of 2019-12-31").
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registers, type Dataset } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

describe('registers on test/fixtures/hand', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ds = await loadDataset(here('./fixtures/hand'));
  });

  it('as of 2019-12-31', () => {
    const r = registers(ds, { asOf: '2019-12-31' });
    expect(r.villages).toEqual({ relocated: 10, wholeVillage: 6 });
    // S1 ← F02, S2 ← F02, S3 ← F11, S4 ← F16; S5 none
    expect(r.health).toEqual({ sitesServed: 4, sites: 5, minInstitutionsPerSite: 0 });
    // H03 (P06, P07) has no labor; H02 (P04, P05 not employed) is a labor household with none employed
    expect(r.minEmployedPerLaborHousehold).toBe(0);
    expect(r.tasks).toEqual({
      departments: 3,
      total: 5,
      completed: 3,
      overdue: 1,
      byDepartment: [
        { department: '省人力资源社会保障厅', tasks: 2, completed: 1, overdue: 1, late: 0 },
        { department: '省卫生健康委', tasks: 1, completed: 1, overdue: 0, late: 1 },
        { department: '省教育厅', tasks: 2, completed: 1, overdue: 0, late: 0 },
      ],
    });
    expect(r.dispatches).toEqual({ horizontal: 3, vertical: 1, months: 3, horizontalPerMonth: 1 });
    expect(r.trainings).toEqual({ sessions: 3, cadres: 1185, byLevel: { province: 45, prefecture: 145, county: 370, township: 625 } });
    expect(r.inspections).toEqual({
      rounds: 4,
      problems: 6,
      rectified: 3,
      overdue: 1,
      categories: 3,
      aspects: 5,
      byCounty: [
        { county_code: '520102', problems: 3, rectified: 2, overdue: 1 },
        { county_code: '520402', problems: 3, rectified: 1, overdue: 0 },
      ],
    });
  });

  it('judges tasks and problems on the as-of date', () => {
    // 2019-09-01: no task done yet (T1 on 09-15) and none past due (the first due date is 09-30);
    // Q1, Q3, Q6 rectified by then; Q2 (due 09-30) not yet overdue.
    const early = registers(ds, { asOf: '2019-09-01' });
    expect(early.tasks.completed).toBe(0);
    expect(early.tasks.overdue).toBe(0);
    expect(early.inspections.rectified).toBe(3);
    expect(early.inspections.overdue).toBe(0);
    // 2020-01-01: T2 (due 12-31) and T4 overdue; Q2 and Q4 (due 12-31) overdue
    const late = registers(ds, { asOf: '2020-01-01' });
    expect(late.tasks.overdue).toBe(2);
    expect(late.inspections.overdue).toBe(2);
  });
});
