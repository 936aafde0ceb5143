/**
 * Schema v2: the tables of the six measures validate by the same schema-driven rules as
 * v1 (file, row, column, rule), a v1 dataset stays valid, and references into an absent
 * optional table are not orphans.
 */
import { describe, expect, it } from 'vitest';
import { datasetFromColumns, SCHEMA, SCHEMA_VERSION, TABLE_NAMES, V1_TABLES, type Dataset, type Finding, type TableName } from '@houfu/core';

type Tables = Partial<Record<TableName, Record<string, string[]>>>;

/** Every non-optional column the rows leave out, as empty (unknown) cells. */
function complete(t: Tables): Tables {
  for (const [name, cols] of Object.entries(t) as [TableName, Record<string, string[]>][]) {
    const n = Object.values(cols)[0]!.length;
    for (const c of SCHEMA[name].columns) if (!c.optional && !(c.name in cols)) cols[c.name] = new Array<string>(n).fill('');
  }
  return t;
}

/** Two sites with one household and person (v1), plus a valid row in every v2 table. */
function base(): Tables {
  return complete({
    sites: { site_id: ['S1', 'S2'], prefecture_code: ['520100', '520100'], county_code: ['520102', '520102'], site_type: ['urban', 'rural'] },
    households: {
      household_id: ['H1'], site_id: ['S1'], origin_village: ['V1'], whole_village: ['true'], house_photos: ['true'], civilized_family: ['false'],
    },
    persons: { person_id: ['P1'], household_id: ['H1'] },
    facilities: { facility_id: ['F1'], site_id: ['S1'], facility_type: ['health_facility'], built_for_sites: ['true'] },
    health_services: { service_id: ['HS1', 'HS2'], site_id: ['S1', 'S2'], facility_id: ['F1', 'F1'] },
    projects: {
      project_id: ['J1'], site_id: ['S2'], system: ['public_services'], supplies: ['health_facility'], channel: ['east_west'],
      amount: ['1200000'], status: ['planned'], started_on: [''], due_on: ['2020-06-30'], completed_on: [''],
    },
    demonstration_sites: { site_id: ['S1'], designated_on: ['2019-03-01'], standard: ['省级示范点建设标准'] },
    tasks: { task_id: ['T1'], department: ['省教育厅'], task: ['安置点配套学校'], due_on: ['2019-12-31'], completed_on: ['2019-11-20'] },
    dispatches: { dispatch_id: ['D1'], held_on: ['2019-12-05'], scope: ['horizontal'], department: [''] },
    trainings: { session_id: ['C1'], title: ['专题培训班'], held_on: ['2019-05-10'], cadres_province: ['20'], cadres_prefecture: ['60'], cadres_county: ['150'], cadres_township: ['170'] },
    inspections: { round_id: ['R1'], title: ['大调研'], started_on: ['2019-04-01'], ended_on: ['2019-04-20'] },
    problems: {
      problem_id: ['Q1'], site_id: ['S2'], round_id: ['R1'], category: ['就业'], aspect: ['就业不稳定'],
      found_on: ['2019-04-10'], due_on: ['2019-06-30'], rectified_on: ['2019-06-01'],
    },
  });
}

const load = (t: Tables): Dataset => datasetFromColumns(t, { currentYear: 2025 });
const at = (f: Finding) => ({ severity: f.severity, code: f.code, table: f.table, row: f.row, column: f.column });
const faults = (ds: Dataset) => ds.findings.filter((f) => f.severity !== 'info').map(at);

describe('schema v2', () => {
  it('is version 2 and keeps the six v1 tables first', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(V1_TABLES).toEqual(['sites', 'households', 'persons', 'facilities', 'management_units', 'activities']);
    expect(TABLE_NAMES).toHaveLength(14);
    // every v2 table is optional, so a v1 dataset is a v2 dataset
    for (const t of TABLE_NAMES.slice(6)) expect(SCHEMA[t].required, t).toBe(false);
  });

  it('a dataset with a row in every v2 table is valid', () => {
    const ds = load(base());
    expect(faults(ds)).toEqual([]);
    expect(ds.tables.problems!.numRows).toBe(1);
    expect(ds.tables.health_services!.numRows).toBe(2);
  });

  it('a v1 dataset (no v2 table or column) is valid', () => {
    const t = base();
    for (const name of TABLE_NAMES.slice(6)) delete t[name];
    for (const c of ['origin_village', 'whole_village', 'house_photos', 'civilized_family']) delete t.households![c];
    delete t.facilities!['built_for_sites'];
    expect(faults(load(t))).toEqual([]);
  });

  it('references into an absent optional table are not orphans', () => {
    const t = base();
    delete t.inspections; // problems.round_id → inspections
    t.households!['unit_id'] = ['U7']; // households.unit_id → management_units (absent)
    // a warning that the parent table is missing, never an orphan error
    expect(faults(load(t))).toEqual([
      { severity: 'warning', code: 'missing_parent_table', table: 'households', row: 1, column: 'unit_id' },
      { severity: 'warning', code: 'missing_parent_table', table: 'problems', row: 1, column: 'round_id' },
    ]);
  });

  it.each([
    ['health_services', 'site_id', 'S9', 'orphan_row'],
    ['health_services', 'facility_id', 'F9', 'orphan_row'],
    ['projects', 'site_id', 'S9', 'orphan_row'],
    ['projects', 'system', 'roads', 'unknown_value'],
    ['projects', 'channel', 'bank_loan', 'unknown_value'],
    ['projects', 'status', 'stalled', 'unknown_value'],
    ['projects', 'amount', '-5', 'below_minimum'],
    ['projects', 'due_on', '2020-13-01', 'bad_date'],
    ['demonstration_sites', 'site_id', 'S9', 'orphan_row'],
    ['tasks', 'completed_on', 'soon', 'bad_date'],
    ['dispatches', 'scope', 'diagonal', 'unknown_value'],
    ['trainings', 'cadres_county', '-1', 'below_minimum'],
    ['problems', 'round_id', 'R9', 'orphan_row'],
    ['problems', 'site_id', 'S9', 'orphan_row'],
    ['households', 'whole_village', 'maybe', 'bad_type'],
    ['facilities', 'built_for_sites', 'perhaps', 'bad_type'],
  ] as const)('%s.%s = %s is %s, naming table, row and column', (table, column, value, code) => {
    const t = base();
    t[table]![column]![0] = value;
    const ds = load(t);
    const found = faults(ds).filter((f) => f.code === code);
    expect(found).toEqual([{ severity: code === 'bad_type' || code === 'bad_date' ? found[0]!.severity : 'error', code, table, row: 1, column }]);
  });

  it('a duplicate key in a v2 table is duplicate_id', () => {
    const t = base();
    t.tasks = complete({ tasks: { task_id: ['T1', 'T1'], department: ['省教育厅', '省卫健委'] } }).tasks!;
    expect(faults(load(t))).toEqual([{ severity: 'error', code: 'duplicate_id', table: 'tasks', row: 2, column: 'task_id' }]);
  });

  it('a missing required column of a v2 table is missing_column', () => {
    const t = base();
    delete t.problems!['category'];
    expect(faults(load(t)).map((f) => [f.code, f.table])).toEqual([['missing_column', 'problems']]);
  });

  it('a null in a required v2 column is an error naming the row', () => {
    const t = base();
    t.projects!['status'] = [''];
    const f = faults(load(t));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', table: 'projects', row: 1, column: 'status' });
  });
});

describe('v1 files under schema v2', () => {
  it('hold the columns v2 added to v1 tables as unknown in every row, not as missing', () => {
    const t = base();
    for (const c of ['origin_village', 'whole_village', 'house_photos', 'civilized_family']) delete t.households![c];
    delete t.facilities!['built_for_sites'];
    const ds = load(t);
    expect(faults(ds)).toEqual([]);
    expect(ds.tables.households!.getChild('house_photos')!.toArray()).toEqual([null]);
    expect(ds.tables.facilities!.getChild('built_for_sites')!.toArray()).toEqual([null]);
    // unit_id is a v1 optional column: still absent when the file has none
    expect(ds.tables.households!.getChild('unit_id')).toBeNull();
  });
});
