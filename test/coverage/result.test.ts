/**
 * Branches of result/ that the catalog fixtures do not reach: hierarchies outside Guizhou's
 * names and without management units, cells for periods no plan lists, engine results that
 * do not match their plan, empty tables, drill-down filters and rows outside every area, and
 * every output format. Inputs are a few hand-made rows; every expected value is worked out by
 * hand in the comments.
 */
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, failingHouseholds, formatTable, toCSV, csvChunks, toObjects, type Dataset, type Engine, type FrameSums } from '@houfu/core';
import { areaTables, hierarchy, hierarchyOf } from '../../packages/core/src/result/areas.js';
import { assembleWith, concatResults, makeResultTable, RESULT_COLUMNS, ResultRows } from '../../packages/core/src/result/assemble.js';
import { drillDownPlan, drillDownTable } from '../../packages/core/src/result/drilldown.js';
import { textOrder } from '../../packages/core/src/result/order.js';
import { Cells } from '../../packages/core/src/result/rollup.js';
import { plan, type Plan } from '../../packages/core/src/plan/plan.js';
import { income, incomeWithReasons, trained } from './defs.js';
import { tiny } from './tiny.js';

// S1, S2 in county 520102 (南明区, prefecture 520100 贵阳市); S3 in 520402 (西秀区, 520400 安顺市).
const SITES = [['S1', 'one', '520100', '520102'], ['S2', null, '520100', '520102'], ['S3', 'three', '520400', '520402']] as const;
// A1 fails, A2 unknown (S1); B1 fails (S2); C1 fails, C2 meets (S3).
const ds = tiny(SITES, [['A1', 'S1', 'false'], ['A2', 'S1', ''], ['B1', 'S2', 'false'], ['C1', 'S3', 'false'], ['C2', 'S3', 'true']]);

describe('textOrder', () => {
  it('orders by code points and gives 0 for equal texts', () => {
    expect([textOrder('520102', '520111'), textOrder('b', 'a'), textOrder('S1', 'S1'), textOrder('Z', 'a')]).toEqual([-1, 1, 0, -1]);
  });
});

describe('hierarchies', () => {
  const h = hierarchyOf({
    sites: { site_id: ['S2', 'S1'], site_name: [null], county_code: ['530102', '520102'], prefecture_code: ['530100', '520100'] },
    units: null,
  });

  it('name only the divisions of Guizhou, and a site only by its name', () => {
    expect(h.areas('province')).toEqual([{ code: '520000', name: '贵州省' }, { code: '530000', name: null }]);
    expect(h.areas('prefecture')).toEqual([{ code: '520100', name: '贵阳市' }, { code: '530100', name: null }]);
    expect(h.areas('county')).toEqual([{ code: '520102', name: '南明区' }, { code: '530102', name: null }]);
    expect(h.areas('site')).toEqual([{ code: 'S1', name: null }, { code: 'S2', name: null }]);
  });

  it('have no units without management units, and number no unknown area', () => {
    expect(h.areas('unit')).toEqual([]);
    expect(h.areaOf('unit', 'U1')).toBeUndefined();
    const county = h.index('county');
    expect([county.of('520102'), county.of('530102'), county.of('999999'), county.ofGroup('S2'), county.ofGroup('S9')]).toEqual([0, 1, -1, 1, -1]);
    // 520102 lies in 520100 (prefecture number 0), 530102 in 530100 (number 1); provinces have no parent.
    expect([...county.parent]).toEqual([0, 1]);
    expect(h.index('province').parent.length).toBe(0);
  });

  it('read the areas of a dataset, even one without sites', () => {
    expect(areaTables(ds)).toEqual({
      sites: { site_id: ['S1', 'S2', 'S3'], site_name: ['one', null, 'three'], county_code: ['520102', '520102', '520402'], prefecture_code: ['520100', '520100', '520400'] },
      units: { unit_id: [], site_id: [] },
    });
    expect(areaTables(datasetFromColumns({}))).toEqual({ sites: { site_id: [], site_name: [], county_code: [], prefecture_code: [] }, units: null });
  });
});

describe('cells', () => {
  // A plan of county level asking for period 2024-01, with one monthly frame.
  const monthly = { level: 'county', periods: ['2024-01'], frames: [{ periodic: true }] } as unknown as Plan;
  const h = hierarchy(ds);
  const sums: FrameSums[] = [{ group: ['S1', 'S9', 'S3', 'S2'], period: ['2024-01', '2024-01', '2024-02', null], breakdown: [['a', 'a', null, 'a']], sums: {} }];

  it('number the periods of monthly frames the plan does not list, and no group outside every area', () => {
    const cells = new Cells(monthly, h, sums);
    // Periods: none 0, then the plan's 2024-01 (1), then 2024-02 met in the sums (2).
    expect([cells.periodId(null), cells.periodId('2024-01'), cells.periodId('2024-02'), cells.periodId('2023-12')]).toEqual([0, 1, 2, -1]);
    const fc = cells.ofFrame(0, ['2024-01']);
    // S1 → (520102, 2024-01, a) cell 0; S9 is in no area; S3 → (520402, 2024-02, null) cell 1; S2 → (520102, none, a) cell 2.
    expect([fc.width, ...fc.index]).toEqual([1, 0, -1, 1, 2]);
    expect(cells.tuples).toEqual([['a'], [null]]);
    expect([0, 1, 2].map((c) => cells.describe(c))).toEqual([
      { area: 0, period: '2024-01', tuple: 0 },
      { area: 1, period: '2024-02', tuple: 1 },
      { area: 0, period: null, tuple: 0 },
    ]);
    expect(cells.ofFrame(0, ['2024-01'])).toBe(fc);
  });

  it('find no cell of an unknown period, and refuse to make one', () => {
    const cells = new Cells(monthly, h, sums);
    expect(cells.find(0, '2023-12', 0)).toBe(-1);
    expect(cells.find(1, '2024-01', 5)).toBe(-1);
    expect(() => cells.cell(0, '2023-12', 0)).toThrow('no cells for period 2023-12');
  });
});

describe('assembling engine sums', () => {
  const p = plan(ds, [income], { by: 'county' });
  const pi = p.indicators[0]!;
  const ids = [pi.numerator!.measure, pi.denominator!.measure, pi.unknown!.measure];
  const frameOf = (group: string[], columns: number[][]): FrameSums[] => [
    { group, period: group.map(() => null), breakdown: [], sums: Object.fromEntries(ids.map((id, k) => [id, Float64Array.from(columns[k]!)])) },
  ];

  it('add the groups of each county and leave out groups outside every area', () => {
    // S1: 2 of 3 known, 1 unknown; S2: 1 of 1; S9 (no such site): 5 of 5. 520102 = 3 / 4 = 0.75, 1 unknown;
    // 520402 has no group: 0 / 0, no value.
    const rows = toObjects(assembleWith(p, hierarchy(ds), frameOf(['S1', 'S2', 'S9'], [[2, 1, 5], [3, 1, 5], [1, 0, 0]])));
    expect(rows.map((r) => [r.area_code, r.numerator, r.denominator, r.unknown, r.value, r.status])).toEqual([
      ['520102', 3, 4, 1, 0.75, 'no_target'],
      ['520402', 0, 0, 0, null, 'no_data'],
    ]);
  });

  it('refuse a result that does not match the plan, lacks a measure or has too few sums', async () => {
    const engine = (run: Engine['run']): Engine => ({ name: 'test', run });
    await expect(compute(ds, [income], { by: 'county', engine: engine(async () => []) })).rejects.toThrow('engine result does not match the plan');
    await expect(compute(ds, [income], { by: 'county', engine: engine(async () => [{ group: [], period: [], breakdown: [], sums: {} }]) })).rejects.toThrow(
      `engine result lacks measure ${ids[0]}`,
    );
    await expect(compute(ds, [income], { by: 'county', engine: engine(async () => frameOf(['S1', 'S2'], [[1], [1], [0]])) })).rejects.toThrow(
      `engine result has 1 sums of measure ${ids[0]} for 2 groups`,
    );
  });
});

describe('result tables', () => {
  it('write the extra columns, null where a row gives none', () => {
    const rows = new ResultRows([], ['se', 'flag'], new Set(['flag']));
    const v = { numerator: 1, denominator: 2, unknown: 0, value: 0.5 };
    rows.push(incomeWithReasons, 'site', { code: 'S1', name: 'one' }, null, v, [], { se: 0.1 });
    rows.push(incomeWithReasons, 'site', { code: 'S2', name: null }, null, { ...v, value: 0.25 }, [], { flag: 'low_n' });
    // Target 0.5 at least: 0.5 is met, 0.25 is not.
    expect(toObjects(rows.table()).map((r) => [r.area_code, r.status, r.target, r['se'], r['flag']])).toEqual([
      ['S1', 'met', 0.5, 0.1, null],
      ['S2', 'not_met', 0.5, null, 'low_n'],
    ]);
  });

  it('build empty tables with every column in place', () => {
    const t = makeResultTable({}, ['sex'], [], ['se', 'flag'], new Set(['flag']));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      ...['indicator_id', 'level', 'area_code', 'area_name', 'period'].map((c) => `${c}:Utf8`),
      'sex:Utf8',
      ...['numerator', 'denominator', 'unknown', 'value', 'target'].map((c) => `${c}:Float64`),
      'status:Utf8',
      'se:Float64',
      'flag:Utf8',
    ]);
    const none = concatResults([]);
    expect([none.numRows, none.schema.fields.map((f) => f.name)]).toEqual([0, [...RESULT_COLUMNS]]);
  });
});

describe('drill-down lists', () => {
  const ids = (t: Awaited<ReturnType<typeof failingHouseholds>>) => toObjects(t).map((r) => `${r.household_id}:${r.status}`);

  it('filter by site, county, prefecture, period and status', async () => {
    expect(ids(await failingHouseholds(ds, income))).toEqual(['A1:failed', 'A2:unknown', 'B1:failed', 'C1:failed']);
    expect(ids(await failingHouseholds(ds, income, { site: 'S2' }))).toEqual(['B1:failed']);
    expect(ids(await failingHouseholds(ds, income, { county: '520402' }))).toEqual(['C1:failed']);
    expect(ids(await failingHouseholds(ds, income, { prefecture: '520100', status: 'failed' }))).toEqual(['A1:failed', 'B1:failed']);
    expect(ids(await failingHouseholds(ds, income, { status: 'unknown' }))).toEqual(['A2:unknown']);
    // Households are not monthly: no row has a period.
    expect(ids(await failingHouseholds(ds, income, { period: '2024-01' }))).toEqual([]);
  });

  it('give the status as the reason when the definition has none, else its reasons', async () => {
    const plainReasons = toObjects(await failingHouseholds(ds, income, { site: 'S1' })).map((r) => [r.reason, r.reason_zh, r.site_name]);
    expect(plainReasons).toEqual([['failed', 'failed', 'one'], ['unknown', 'unknown', 'one']]);
    const own = toObjects(await failingHouseholds(ds, incomeWithReasons, { site: 'S2' })).map((r) => [r.reason, r.reason_zh, r.site_name, r.county_name]);
    expect(own).toEqual([['no income', '无收入', null, '南明区']]);
  });

  it('refuse an indicator that is not a household must', async () => {
    await expect(failingHouseholds(ds, trained)).rejects.toThrow('indicator test.trained is not a household rate; no household list can be made');
  });

  it('list a row outside every area with no area codes or names', async () => {
    // An engine listing one failing household of a site S9 the dataset does not have.
    const engine: Engine = {
      name: 'test',
      run: async () => [],
      rows: async () => ({ id: ['X1'], period: [null], site: ['S9'], states: [Uint8Array.of(1), Uint8Array.of(0)], counts: {} }),
    };
    const [row] = toObjects(await failingHouseholds(ds, income, { engine }));
    expect(row).toEqual({
      indicator_id: 'test.income', household_id: 'X1', period: null, site_id: 'S9', site_name: null, county_code: null, county_name: null,
      prefecture_code: null, prefecture_name: null, status: 'failed', reason: 'failed', reason_zh: 'failed', details: '',
    });
  });

  it('write no name for a county or prefecture without one', () => {
    // Drill-down names areas through the dataset's hierarchy alone: a dataset of one site in
    // 530102 (a county outside Guizhou, which no usable dataset has) gets codes without names.
    const outside = { tables: { sites: tableFromArrays({ site_id: ['S1'], site_name: ['one'], county_code: ['530102'], prefecture_code: ['530100'] }) } } as unknown as Dataset;
    const t = drillDownTable(outside, income, drillDownPlan(ds, income), { id: ['A1'], period: [null], site: ['S1'], states: [Uint8Array.of(1), Uint8Array.of(0)], counts: {} });
    expect(toObjects(t).map((r) => [r.county_code, r.county_name, r.prefecture_code, r.prefecture_name])).toEqual([['530102', null, '530100', null]]);
  });
});

describe('output formats', () => {
  // Two rows: a boolean, an integer, a float and a text column, each with a null.
  const table = tableFromArrays({ ok: [true, null], n: Int32Array.of(1, 2), x: [0.5, null], s: ['a,b', null] });

  it('write CSV with empty cells for nulls, in chunks of rows', () => {
    expect(toCSV(table)).toBe('ok,n,x,s\ntrue,1,0.5,"a,b"\n,2,,\n');
    expect([...csvChunks(table, 1)]).toEqual(['ok,n,x,s\n', 'true,1,0.5,"a,b"\n', ',2,,\n']);
    expect(formatTable(table, 'csv')).toBe(toCSV(table));
  });

  it('write JSON, Arrow and Parquet that read back to the same rows', async () => {
    const want = [{ ok: true, n: 1, x: 0.5, s: 'a,b' }, { ok: null, n: 2, x: null, s: null }];
    expect(JSON.parse(formatTable(table, 'json') as string)).toEqual(want);
    expect(toObjects(tableFromIPC(formatTable(table, 'arrow') as Uint8Array))).toEqual(want);
    const bytes = formatTable(table, 'parquet') as Uint8Array;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(await parquetReadObjects({ file })).toEqual(want);
  });

  it('give 64-bit integers as numbers', () => {
    expect(toObjects(tableFromArrays({ big: BigInt64Array.of(7n, -2n) }))).toEqual([{ big: 7 }, { big: -2 }]);
  });
});
