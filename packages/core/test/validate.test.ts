/**
 * Validation rules of schema v1: one minimal valid dataset, one planted fault per test,
 * and the finding that names it (severity, code, table, row, column).
 */
import { describe, expect, it } from 'vitest';
import {
  compute,
  datasetFromColumns,
  FINDING_TEXT,
  HoufuError,
  toObjects,
  type ColumnMapping,
  type Dataset,
  type DatasetOptions,
  type Engine,
  type Finding,
  type FindingCode,
  type TableName,
} from '@houfu/core';
import { catalog } from '@houfu/indicators';

type Columns = Record<string, string[]>;
type Tables = Partial<Record<TableName, Columns>>;

/**
 * A minimal valid dataset as CSV-like text columns: two sites in two prefectures, three
 * households, five persons, and one row in each optional table.
 */
function base(): Tables {
  return {
    sites: {
      site_id: ['S1', 'S2'],
      site_name: ['南明区安置点', '钟山区安置点'],
      prefecture_code: ['520100', '520200'],
      county_code: ['520102', '520201'],
      site_type: ['urban', 'rural'],
      cross_county: ['false', 'true'],
      is_demo: ['true', ''],
      opened_on: ['2018-06-30', ''],
    },
    households: {
      household_id: ['H1', 'H2', 'H3'],
      site_id: ['S1', 'S1', 'S2'],
      origin_county_code: ['520102', '520121', '520201'],
      moved_in_on: ['2018-07-10', '', '2019-01-05'],
      land_contract: ['revitalized', 'none', ''],
      land_forest: ['pending', 'none', 'none'],
      land_homestead: ['none', 'none', 'revitalized'],
      stable_income: ['true', 'false', ''],
      income_per_capita: ['9800', '3100.5', ''],
    },
    persons: {
      person_id: ['P1', 'P2', 'P3', 'P4', 'P5'],
      household_id: ['H1', 'H1', 'H2', 'H3', 'H3'],
      sex: ['male', 'female', 'male', 'female', ''],
      birth_year: ['1985', '1988', '1950', '1990', ''],
      ethnicity: ['汉族', '汉族', '苗族', '布依族', ''],
      is_labor: ['true', 'true', 'false', 'true', ''],
      trained: ['true', 'false', '', 'true', ''],
      employed: ['true', 'false', 'false', 'true', ''],
      employment_type: ['local', '', '', 'workshop', ''],
      med_insurance_transferred: ['true', 'true', 'false', '', ''],
    },
    facilities: {
      facility_id: ['F1', 'F2'],
      site_id: ['S1', 'S2'],
      facility_type: ['school', 'health_facility'],
      capacity: ['900', ''],
    },
    management_units: {
      unit_id: ['U1', 'U2'],
      site_id: ['S1', 'S2'],
      population: ['3500', '800'],
      has_police_room: ['true', 'false'],
      party_members_elected: ['5', ''],
    },
    activities: {
      activity_id: ['A1', 'A2'],
      site_id: ['S1', 'S2'],
      activity_type: ['gratitude_education', 'civic_awareness'],
      held_on: ['2019-10-12', ''],
      participants: ['260', '75'],
    },
  };
}

/** The base dataset with one cell replaced (row is 1-based, as in findings). */
function plant(table: TableName, column: string, row: number, value: string, tables: Tables = base()): Tables {
  const col = tables[table]?.[column];
  if (!col) throw new Error(`no column ${table}.${column} in the base dataset`);
  if (row < 1 || row > col.length) throw new Error(`no row ${row} in ${table}`);
  col[row - 1] = value;
  return tables;
}

/** Add a period column to households and persons (every row in `p`). */
function withPeriod(tables: Tables, p: string): Tables {
  for (const t of ['households', 'persons'] as const) {
    const cols = tables[t]!;
    const n = Object.values(cols)[0]!.length;
    cols['period'] = new Array<string>(n).fill(p);
  }
  return tables;
}

/** Append rows to a table (cells by column; missing cells are empty). */
function append(tables: Tables, table: TableName, rows: Record<string, string>[]): Tables {
  const cols = tables[table]!;
  for (const r of rows) for (const [name, values] of Object.entries(cols)) values.push(r[name] ?? '');
  return tables;
}

const load = (tables: Tables, options: DatasetOptions = {}): Dataset =>
  datasetFromColumns(tables, { currentYear: 2025, ...options });

const errors = (ds: Dataset): Finding[] => ds.findings.filter((f) => f.severity === 'error');
const withCode = (ds: Dataset, code: FindingCode): Finding[] => ds.findings.filter((f) => f.code === code);

/** The one finding of a code, checked to be the only one of its code. */
function only(ds: Dataset, code: FindingCode): Finding {
  const found = withCode(ds, code);
  expect(found, `${code} findings: ${JSON.stringify(ds.findings, null, 1)}`).toHaveLength(1);
  return found[0]!;
}

/** Where a finding points, for compact assertions. */
const at = (f: Finding) => ({ severity: f.severity, code: f.code, table: f.table, row: f.row, column: f.column });

describe('the base dataset', () => {
  it('is valid: no errors, no warnings', () => {
    const ds = load(base());
    expect(ds.findings).toEqual([]);
    // The optional tables the base lacks (the v2 registers) stand in as empty ones.
    expect(Object.keys(ds.tables).sort()).toEqual(
      ['activities', 'facilities', 'households', 'management_units', 'persons', 'sites',
        'health_services', 'projects', 'demonstration_sites', 'tasks', 'dispatches', 'trainings', 'inspections', 'problems'].sort(),
    );
    expect(ds.tables.projects!.numRows).toBe(0);
    expect(ds.tables.persons!.numRows).toBe(5);
    expect(ds.periods).toEqual([]);
  });
});

describe('validation rules', () => {
  it('missing_table: a required table is absent (optional ones may be)', () => {
    const t = base();
    delete t.persons;
    const ds = load(t);
    expect(at(only(ds, 'missing_table'))).toEqual({ severity: 'error', code: 'missing_table', table: 'persons', row: null, column: null });
    expect(errors(ds)).toHaveLength(1);
    expect(ds.tables).toEqual({});

    const opt = base();
    delete opt.facilities;
    delete opt.activities;
    delete opt.management_units;
    expect(errors(load(opt))).toEqual([]);
  });

  it('missing_column: a non-optional column is absent (optional columns may be)', () => {
    const t = base();
    delete t.sites!['site_type'];
    const ds = load(t);
    expect(at(only(ds, 'missing_column'))).toEqual({ severity: 'error', code: 'missing_column', table: 'sites', row: null, column: 'site_type' });
    expect(errors(ds)).toHaveLength(1);

    const opt = base();
    delete opt.facilities!['capacity'];
    expect(errors(load(opt))).toEqual([]);
  });

  it('extra_column: a column outside the schema is an info finding, and kept as text', () => {
    const t = base();
    t.persons!['note'] = ['a', '', 'c', '12', 'e'];
    const ds = load(t);
    const f = only(ds, 'extra_column');
    expect(at(f)).toEqual({ severity: 'info', code: 'extra_column', table: 'persons', row: null, column: 'note' });
    // The message names the column.
    expect(f.message).toContain('"note"');
    expect(f.messageZh).toContain('"note"');
    expect(errors(ds)).toEqual([]);
    const persons = ds.tables.persons!;
    expect(persons.schema.fields.map((f) => f.name)).toContain('note');
    expect(toObjects(persons).map((o) => o['note'])).toEqual(['a', null, 'c', '12', 'e']);
  });

  it('bad_mapping: a mapping naming no canonical column or table', () => {
    const flat = load(base(), { mapping: { no_such_column: '某列' } });
    expect(at(only(flat, 'bad_mapping'))).toEqual({ severity: 'error', code: 'bad_mapping', table: null, row: null, column: 'no_such_column' });

    const perTable = load(base(), { mapping: { persons: { site_type: '类型' } } });
    expect(at(only(perTable, 'bad_mapping'))).toEqual({ severity: 'error', code: 'bad_mapping', table: 'persons', row: null, column: 'site_type' });

    // Not a valid mapping by its type either: the data comes from an untyped JSON file.
    const badTable = load(base(), { mapping: JSON.parse('{"people": {"person_id": "编号"}}') as ColumnMapping });
    expect(at(only(badTable, 'bad_mapping'))).toEqual({ severity: 'error', code: 'bad_mapping', table: null, row: null, column: null });
  });

  it.each([
    ['boolean', 'persons', 'trained', 2, 'maybe'],
    ['integer', 'persons', 'birth_year', 3, '3.5'],
    ['number', 'households', 'income_per_capita', 2, 'abc'],
    ['integer (capacity)', 'facilities', 'capacity', 1, 'many'],
  ] as const)('bad_type: %s cell that cannot be read', (_kind, table, column, row, value) => {
    const ds = load(plant(table, column, row, value));
    const f = only(ds, 'bad_type');
    expect(at(f)).toEqual({ severity: 'error', code: 'bad_type', table, row, column });
    expect(f.value).toBe(value);
    expect(errors(ds)).toHaveLength(1);
    expect(ds.tables).toEqual({});
  });

  it('bad_type: an integer too large for the 32-bit column is not silently wrapped', () => {
    // Either an error, or the loaded value is the one in the file: never a different number.
    const ds = load(plant('management_units', 'population', 1, '3000000000'));
    if (errors(ds).length === 0) {
      const pop = toObjects(ds.tables.management_units!).map((o) => o['population']);
      expect(pop[0]).toBe(3000000000);
    } else {
      expect(at(errors(ds)[0]!)).toMatchObject({ table: 'management_units', row: 1, column: 'population' });
    }
  });

  it('required_null: an empty cell in a required column', () => {
    const ds = load(plant('sites', 'site_type', 2, ''));
    expect(at(only(ds, 'required_null'))).toEqual({ severity: 'error', code: 'required_null', table: 'sites', row: 2, column: 'site_type' });
    expect(errors(ds)).toHaveLength(1);
    // Blank text is empty too.
    const blank = load(plant('persons', 'household_id', 4, '   '));
    expect(at(only(blank, 'required_null'))).toEqual({ severity: 'error', code: 'required_null', table: 'persons', row: 4, column: 'household_id' });
  });

  it.each([
    ['persons', 'sex', 1, 'M'],
    ['sites', 'site_type', 2, 'town'],
    ['households', 'land_forest', 3, 'sold'],
    ['persons', 'employment_type', 4, 'abroad'],
    ['facilities', 'facility_type', 2, 'hospital'],
  ] as const)('unknown_value: %s.%s outside its enumeration', (table, column, row, value) => {
    const ds = load(plant(table, column, row, value));
    const f = only(ds, 'unknown_value');
    expect(at(f)).toEqual({ severity: 'error', code: 'unknown_value', table, row, column });
    expect(f.value).toBe(value);
    expect(errors(ds)).toHaveLength(1);
  });

  it.each([
    ['management_units', 'population', 2, '-1'],
    ['facilities', 'capacity', 1, '-5'],
    ['activities', 'participants', 2, '-3'],
    ['households', 'income_per_capita', 1, '-100'],
    ['management_units', 'party_members_elected', 1, '-2'],
  ] as const)('below_minimum: negative %s.%s', (table, column, row, value) => {
    const ds = load(plant(table, column, row, value));
    const f = only(ds, 'below_minimum');
    expect(at(f)).toEqual({ severity: 'error', code: 'below_minimum', table, row, column });
    expect(Number(f.value)).toBe(Number(value));
    expect(errors(ds)).toHaveLength(1);
  });

  it('future_birth_year: a birth year after currentYear (the current year itself is fine)', () => {
    const ds = load(plant('persons', 'birth_year', 2, '2026'), { currentYear: 2025 });
    const f = only(ds, 'future_birth_year');
    expect(at(f)).toEqual({ severity: 'error', code: 'future_birth_year', table: 'persons', row: 2, column: 'birth_year' });
    expect(f.value).toBe('2026');
    expect(errors(ds)).toHaveLength(1);

    expect(errors(load(plant('persons', 'birth_year', 2, '2025'), { currentYear: 2025 }))).toEqual([]);
    // The same year is in the past for a later currentYear.
    expect(errors(load(plant('persons', 'birth_year', 2, '2026'), { currentYear: 2030 }))).toEqual([]);
  });

  it('bad_code: an area code that is not six digits', () => {
    const ds = load(plant('sites', 'county_code', 1, '52010'));
    const f = only(ds, 'bad_code');
    expect(at(f)).toEqual({ severity: 'error', code: 'bad_code', table: 'sites', row: 1, column: 'county_code' });
    expect(f.value).toBe('52010');
    expect(errors(ds)).toHaveLength(1);

    const origin = load(plant('households', 'origin_county_code', 2, '52O121'));
    expect(at(only(origin, 'bad_code'))).toEqual({ severity: 'error', code: 'bad_code', table: 'households', row: 2, column: 'origin_county_code' });
  });

  it('obsolete_code: 520221 is a warning, read as 520204, and results are attributed to 520204', async () => {
    const t = plant('sites', 'county_code', 2, '520221');
    const ds = load(t);
    const f = only(ds, 'obsolete_code');
    expect(at(f)).toEqual({ severity: 'warning', code: 'obsolete_code', table: 'sites', row: 2, column: 'county_code' });
    expect(f.value).toBe('520221');
    expect(f.message).toContain('520204');
    expect(errors(ds)).toEqual([]);

    const sites = toObjects(ds.tables.sites!);
    expect(sites.map((s) => s['county_code'])).toEqual(['520102', '520204']);

    const result = toObjects(await compute(ds, catalog, { by: 'county' }));
    const codes = new Set(result.map((r) => r['area_code']));
    expect(codes.has('520204')).toBe(true);
    expect(codes.has('520221')).toBe(false);

    // The same numbers as data that used the current code from the start.
    const current = load(plant('sites', 'county_code', 2, '520204'));
    expect(result).toEqual(toObjects(await compute(current, catalog, { by: 'county' })));
  });

  it('county_prefecture_mismatch: a county outside the site’s prefecture', () => {
    const ds = load(plant('sites', 'county_code', 1, '520402'));
    const f = only(ds, 'county_prefecture_mismatch');
    expect(at(f)).toEqual({ severity: 'error', code: 'county_prefecture_mismatch', table: 'sites', row: 1, column: 'county_code' });
    expect(f.value).toBe('520402');
    expect(errors(ds)).toHaveLength(1);
  });

  it.each([
    ['sites', 'opened_on', 1, '2019-02-30'],
    ['households', 'moved_in_on', 2, '2019-13-01'],
    ['activities', 'held_on', 1, 'yesterday'],
  ] as const)('bad_date: %s.%s row %i = %s', (table, column, row, value) => {
    const ds = load(plant(table, column, row, value));
    const f = only(ds, 'bad_date');
    expect(at(f)).toEqual({ severity: 'error', code: 'bad_date', table, row, column });
    expect(f.value).toBe(value);
    expect(errors(ds)).toHaveLength(1);
  });

  it('bad_period: a period that is not a YYYY-MM month', () => {
    const t = plant('persons', 'period', 3, '2019-13', withPeriod(base(), '2019-12'));
    const ds = load(t);
    const f = only(ds, 'bad_period');
    expect(at(f)).toEqual({ severity: 'error', code: 'bad_period', table: 'persons', row: 3, column: 'period' });
    expect(f.value).toBe('2019-13');

    expect(errors(load(withPeriod(base(), '2019-12')))).toEqual([]);
    expect(load(withPeriod(base(), '2019-12')).periods).toEqual(['2019-12']);
  });

  it('period_mismatch: a period column on persons only', () => {
    const t = base();
    t.persons!['period'] = new Array<string>(5).fill('2019-12');
    const ds = load(t);
    const f = only(ds, 'period_mismatch');
    expect(at(f)).toEqual({ severity: 'error', code: 'period_mismatch', table: 'households', row: null, column: 'period' });
    expect(errors(ds)).toHaveLength(1);
  });

  it('duplicate_id: an id seen twice names the second row; the same id in two periods is fine', () => {
    const ds = load(plant('persons', 'person_id', 4, 'P2'));
    const f = only(ds, 'duplicate_id');
    expect(at(f)).toEqual({ severity: 'error', code: 'duplicate_id', table: 'persons', row: 4, column: 'person_id' });
    expect(f.value).toBe('P2');
    expect(f.message).toContain('row 2');
    expect(errors(ds)).toHaveLength(1);

    const sites = load(plant('sites', 'site_id', 2, 'S1'));
    expect(at(errors(sites).find((e) => e.code === 'duplicate_id')!)).toEqual({
      severity: 'error',
      code: 'duplicate_id',
      table: 'sites',
      row: 2,
      column: 'site_id',
    });

    // Two monthly snapshots of the same households and persons.
    const twoMonths = withPeriod(base(), '2019-11');
    const dec = withPeriod(base(), '2019-12');
    for (const table of ['households', 'persons'] as const)
      for (const [name, values] of Object.entries(twoMonths[table]!)) values.push(...dec[table]![name]!);
    const periodic = load(twoMonths);
    expect(errors(periodic)).toEqual([]);
    expect(periodic.periods).toEqual(['2019-11', '2019-12']);

    // …but twice within one period is not.
    const same = load(plant('persons', 'period', 7, '2019-11', twoMonths));
    expect(at(only(same, 'duplicate_id'))).toEqual({ severity: 'error', code: 'duplicate_id', table: 'persons', row: 7, column: 'person_id' });
  });

  it.each([
    ['households', 'site_id', 2, 'S9'],
    ['persons', 'household_id', 3, 'H9'],
    ['facilities', 'site_id', 2, 'S9'],
    ['management_units', 'site_id', 1, 'S9'],
    ['activities', 'site_id', 2, 'S9'],
  ] as const)('orphan_row: %s.%s points at no parent row', (table, column, row, value) => {
    const ds = load(plant(table, column, row, value));
    const f = only(ds, 'orphan_row');
    expect(at(f)).toEqual({ severity: 'error', code: 'orphan_row', table, row, column });
    expect(f.value).toBe(value);
    expect(errors(ds)).toHaveLength(1);
  });

  it('orphan_row: households.unit_id points at no management unit', () => {
    const t = base();
    t.households!['unit_id'] = ['U1', 'U9', 'U2'];
    const ds = load(t);
    expect(at(only(ds, 'orphan_row'))).toEqual({ severity: 'error', code: 'orphan_row', table: 'households', row: 2, column: 'unit_id' });
  });

  it('orphan_row: a person in a period in which the household does not exist', () => {
    // H3 (and its persons P4, P5) in 2019-11 only; P5 moved on to 2019-12, H3 did not.
    const t = withPeriod(base(), '2019-11');
    append(t, 'households', [{ household_id: 'H1', site_id: 'S1', period: '2019-12' }]);
    append(t, 'persons', [
      { person_id: 'P1', household_id: 'H1', period: '2019-12' },
      { person_id: 'P5', household_id: 'H3', period: '2019-12' },
    ]);
    const ds = load(t);
    const f = only(ds, 'orphan_row');
    expect(at(f)).toEqual({ severity: 'error', code: 'orphan_row', table: 'persons', row: 7, column: 'household_id' });
    expect(f.value).toBe('H3');
    expect(f.message).toContain('2019-12');
    expect(errors(ds)).toHaveLength(1);
  });

  it('employed_not_labor: employed = true for a non-labor person is a warning, not an error', () => {
    const t = plant('persons', 'employed', 3, 'true', plant('persons', 'employment_type', 3, 'local'));
    const ds = load(t);
    expect(at(only(ds, 'employed_not_labor'))).toEqual({ severity: 'warning', code: 'employed_not_labor', table: 'persons', row: 3, column: 'employed' });
    expect(errors(ds)).toEqual([]);
    expect(ds.tables.persons).toBeDefined();
  });

  it('employment_type_mismatch: an employment type for a person not employed is a warning', () => {
    const ds = load(plant('persons', 'employment_type', 2, 'outside_province'));
    const f = only(ds, 'employment_type_mismatch');
    expect(at(f)).toEqual({ severity: 'warning', code: 'employment_type_mismatch', table: 'persons', row: 2, column: 'employment_type' });
    expect(f.value).toBe('outside_province');
    expect(errors(ds)).toEqual([]);
  });

  it('household_without_persons: a household with no members is a warning', () => {
    const t = append(base(), 'households', [{ household_id: 'H4', site_id: 'S2' }]);
    const ds = load(t);
    const f = only(ds, 'household_without_persons');
    expect(at(f)).toEqual({ severity: 'warning', code: 'household_without_persons', table: 'households', row: 4, column: 'household_id' });
    expect(f.value).toBe('H4');
    expect(errors(ds)).toEqual([]);
  });

  it('more_findings: over 20 bad cells in one column list 20 and one summary with the count', () => {
    const n = 25;
    const t = base();
    append(
      t,
      'persons',
      Array.from({ length: n }, (_, i) => ({ person_id: `Q${i + 1}`, household_id: 'H1', sex: 'X' })),
    );
    const ds = load(t);
    const listed = ds.findings.filter((f) => f.code === 'unknown_value' && f.row !== null);
    expect(listed).toHaveLength(20);
    expect(listed.map((f) => f.row)).toEqual(Array.from({ length: 20 }, (_, i) => 6 + i));
    for (const f of listed) expect(at(f)).toEqual({ severity: 'error', code: 'unknown_value', table: 'persons', row: f.row, column: 'sex' });

    const summaries = ds.findings.filter((f) => f.row === null && f.table === 'persons' && f.column === 'sex');
    expect(summaries).toHaveLength(1);
    const s = summaries[0]!;
    expect(s.severity).toBe('error');
    expect(s.message).toBe(FINDING_TEXT.more_findings({ count: n - 20 }).en);
    expect(s.messageZh).toBe(FINDING_TEXT.more_findings({ count: n - 20 }).zh);
    expect(s.message).toContain(String(n - 20));
    // Nothing else was reported.
    expect(ds.findings).toHaveLength(21);
  });
});

describe('compute refuses a dataset with errors', () => {
  it('rejects with a HoufuError naming file, row and column of the first error, and computes nothing', async () => {
    const t = plant('persons', 'trained', 4, 'maybe', plant('sites', 'site_type', 2, ''));
    const ds = load(t, { files: { sites: 'sites.csv', persons: 'persons.csv' } });
    const first = errors(ds)[0]!;
    expect(first).toMatchObject({ code: 'required_null', file: 'sites.csv', row: 2, column: 'site_type' });

    let ran = 0;
    const spy: Engine = {
      name: 'spy',
      run: async () => {
        ran++;
        throw new Error('the engine must not run');
      },
    } as unknown as Engine;

    const err = await compute(ds, catalog, { by: 'county', engine: spy }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HoufuError);
    const he = err as HoufuError;
    expect(he.code).toBe('invalid_dataset');
    expect(he.message).toContain('sites.csv');
    expect(he.message).toContain('row 2');
    expect(he.message).toContain('column site_type');
    expect(he.message).toContain('required_null');
    expect(he.message).toContain('2 error(s)');
    expect(he.findings).toHaveLength(2);
    expect(he.findings.map((f) => [f.file, f.row, f.column])).toEqual([
      ['sites.csv', 2, 'site_type'],
      ['persons.csv', 4, 'trained'],
    ]);
    expect(ran).toBe(0);
    expect(ds.tables).toEqual({});

    await expect(compute(ds, catalog, { by: 'province' })).rejects.toBeInstanceOf(HoufuError);
  });
});
