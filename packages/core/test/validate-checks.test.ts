/**
 * The checks of `validate/checks/`: area codes against the divisions list, enumerations and
 * their Chinese labels, value maps, mapping mistakes, cross-table consistency and values.
 * One planted fault per test on a small valid dataset; each names the finding it must give.
 */
import { describe, expect, it } from 'vitest';
import {
  compute,
  datasetFromColumns,
  datasetFromFiles,
  parseDivisions,
  toObjects,
  type ColumnMapping,
  type Dataset,
  type DatasetOptions,
  type Expr,
  type Finding,
  type FindingCode,
  type TableName,
} from '@houfu/core';
import { catalog } from '@houfu/indicators';
import { allowedValues, VALUE_LABELS } from '../src/validate/checks/index.js';

type Columns = Record<string, string[]>;
type Tables = Partial<Record<TableName, Columns>>;

/** Two sites in two prefectures, three households, five persons, a row in each optional table. */
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
    facilities: { facility_id: ['F1', 'F2'], site_id: ['S1', 'S2'], facility_type: ['school', 'health_facility'], capacity: ['900', ''] },
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

function plant(table: TableName, column: string, row: number, value: string, tables: Tables = base()): Tables {
  const col = tables[table]?.[column];
  if (!col || row < 1 || row > col.length) throw new Error(`no cell ${table}.${column} row ${row}`);
  col[row - 1] = value;
  return tables;
}

const load = (tables: Tables, options: DatasetOptions = {}): Dataset =>
  datasetFromColumns(tables, { currentYear: 2025, today: '2025-06-01', ...options });
const withCode = (ds: Dataset, code: FindingCode): Finding[] => ds.findings.filter((f) => f.code === code);
const at = (f: Finding) => ({ severity: f.severity, code: f.code, table: f.table, row: f.row, column: f.column, value: f.value });

function only(ds: Dataset, code: FindingCode): Finding {
  const found = withCode(ds, code);
  expect(found, `${code} findings: ${JSON.stringify(ds.findings, null, 1)}`).toHaveLength(1);
  return found[0]!;
}

describe('area codes against the GB/T 2260 divisions', () => {
  it('the base dataset has no finding', () => {
    expect(load(base()).findings).toEqual([]);
  });

  it('a six-digit county code that does not exist is an error', () => {
    const f = only(load(plant('sites', 'county_code', 1, '520199')), 'unknown_area_code');
    expect(at(f)).toEqual({ severity: 'error', code: 'unknown_area_code', table: 'sites', row: 1, column: 'county_code', value: '520199' });
    expect(f.message).toContain('county of 贵州省 520000');
  });

  it("a prefecture code that is really a county's is an error naming the county", () => {
    const t = plant('sites', 'prefecture_code', 1, '520102');
    const f = only(load(t), 'area_level_mismatch');
    expect(at(f)).toMatchObject({ table: 'sites', row: 1, column: 'prefecture_code', value: '520102' });
    expect(f.message).toContain('南明区');
  });

  it('a site outside the province is an error, not a new area', () => {
    const t = plant('sites', 'county_code', 2, '530102', plant('sites', 'prefecture_code', 2, '530100'));
    const ds = load(t);
    expect(withCode(ds, 'unknown_area_code').map((f) => f.column).sort()).toEqual(['county_code', 'prefecture_code']);
    expect(ds.tables.sites).toBeUndefined();
  });

  it('an origin county that is a prefecture or a province is an error; one finding per code with its count', () => {
    const t = plant('households', 'origin_county_code', 1, '520100', plant('households', 'origin_county_code', 2, '520100'));
    const f = only(load(t), 'area_level_mismatch');
    expect(at(f)).toMatchObject({ table: 'households', row: 1, column: 'origin_county_code', value: '520100' });
    expect(f.count).toBe(2);
    expect(only(load(plant('households', 'origin_county_code', 3, '520000')), 'area_level_mismatch').message).toContain('province');
  });

  it('an obsolete code is read as its successor, which is a county', () => {
    const ds = load(plant('households', 'origin_county_code', 3, '520221'));
    expect(ds.findings.map((f) => f.code)).toEqual(['obsolete_code']);
  });

  it('a county under another prefecture of the list is an error', () => {
    // A list where 520102 belongs to 520100 and 520199 to 520200 (same first four digits as 520100).
    const list = parseDivisions('code,name,prefecture_code\n520102,甲,520100\n520103,乙,520200\n520201,丙,520200\n');
    if (typeof list === 'string') throw new Error(list);
    const ds = load(plant('sites', 'county_code', 1, '520103'), { divisions: list });
    expect(at(only(ds, 'county_prefecture_mismatch'))).toMatchObject({ table: 'sites', row: 1, column: 'county_code', value: '520103' });
  });

  it("a dataset of another province brings its own list; Guizhou's codes are then outside it", () => {
    const yunnan = parseDivisions('code,name,prefecture_code,prefecture_name\n530102,五华区,530100,昆明市\n530103,盘龙区,530100,昆明市\n');
    if (typeof yunnan === 'string') throw new Error(yunnan);
    const t = base();
    t.sites!.prefecture_code = ['530100', '530100'];
    t.sites!.county_code = ['530102', '530103'];
    t.households!.origin_county_code = ['530102', '530103', '530103'];
    expect(load(t, { divisions: yunnan }).findings).toEqual([]);
    expect(withCode(load(t), 'unknown_area_code').length).toBeGreaterThan(0);
  });

  it('a list that is not one is refused with the line', () => {
    expect(parseDivisions('code,prefecture_code\n52010,520100\n')).toContain('line 2');
    expect(parseDivisions('foo,bar\n')).toContain('header');
  });
});

describe('enumerations and their Chinese labels', () => {
  it('a typo in activity_type is an error (explicit other is fine)', () => {
    const f = only(load(plant('activities', 'activity_type', 2, 'civic_awarness')), 'unknown_value');
    expect(at(f)).toMatchObject({ table: 'activities', row: 2, column: 'activity_type', value: 'civic_awarness' });
    expect(load(plant('activities', 'activity_type', 2, 'other')).findings).toEqual([]);
  });

  it('every column the catalog compares with a text literal is enumerated, and the literal is allowed', () => {
    const seen: string[] = [];
    const walk = (x: unknown, table: TableName | undefined): void => {
      if (Array.isArray(x)) return x.forEach((y) => walk(y, table));
      if (typeof x !== 'object' || x === null) return;
      const e = x as Expr & Record<string, unknown>;
      if (e.kind === 'compare' || e.kind === 'in') {
        const parts = e.kind === 'compare' ? [e.left, e.right] : [e.arg];
        const c = parts.find((p) => p.kind === 'column') as { name: string; table?: TableName } | undefined;
        const lits = [
          ...parts.flatMap((p) => (p.kind === 'literal' && typeof p.value === 'string' ? [p.value] : [])),
          ...(e.kind === 'in' ? e.values.filter((v): v is string => typeof v === 'string') : []),
        ];
        if (c && lits.length) {
          const owner = c.table ?? table;
          const tables = owner ? [owner] : (['sites', 'households', 'persons', 'facilities', 'management_units', 'activities', 'projects', 'problems', 'health_services', 'demonstration_sites'] as TableName[]);
          const allowed = tables.map((t) => allowedValues(t, c.name)).find((a) => a);
          seen.push(c.name);
          expect(allowed, `allowed values of ${c.name}`).toBeDefined();
          for (const l of lits) expect(allowed).toContain(l);
        }
      }
      for (const v of Object.values(e)) walk(v, table);
    };
    walk(catalog, undefined);
    expect(new Set(seen)).toEqual(new Set(['activity_type', 'facility_type', 'land_contract', 'land_forest', 'land_homestead', 'site_type', 'status', 'channel', 'supplies']));
  });

  it('男/女, 城镇/农村, employment types and land statuses read as their values, with one info finding each', async () => {
    const zh = base();
    zh.persons!.sex = ['男', '女', '男', '女', ''];
    zh.persons!.employment_type = ['本地就业', '', '', '就业帮扶车间', ''];
    zh.sites!.site_type = ['城镇', '农村'];
    zh.households!.land_contract = ['已盘活', '无', ''];
    zh.activities!.activity_type = ['感恩教育', '市民意识教育'];
    const ds = load(zh);
    expect(ds.findings.every((f) => f.severity === 'info')).toBe(true);
    const sex = ds.findings.filter((f) => f.code === 'value_synonym' && f.column === 'sex');
    expect(sex.map((f) => [f.value, f.row, f.count ?? 1])).toEqual([
      ['男', 1, 2],
      ['女', 2, 2],
    ]);
    expect(withCode(ds, 'value_synonym')).toHaveLength(10);
    const clean = load(base());
    for (const t of ['sites', 'households', 'persons', 'activities'] as const)
      expect(ds.tables[t]!.toArray().map((r) => r.toJSON())).toEqual(clean.tables[t]!.toArray().map((r) => r.toJSON()));
    expect(toObjects(await compute(ds, catalog, { by: 'county' }))).toEqual(toObjects(await compute(clean, catalog, { by: 'county' })));
  });

  it('every enumerated value has a standard Chinese label', () => {
    for (const t of ['sites', 'households', 'persons', 'facilities', 'activities'] as const)
      for (const c of ['site_type', 'land_contract', 'sex', 'employment_type', 'facility_type', 'activity_type'])
        for (const v of allowedValues(t, c) ?? []) expect(VALUE_LABELS[v], v).toMatch(/\p{Script=Han}/u);
  });

  it('a label outside the list is still an error', () => {
    expect(at(only(load(plant('persons', 'sex', 1, '男的')), 'unknown_value'))).toMatchObject({ row: 1, column: 'sex', value: '男的' });
  });
});

describe('the column mapping', () => {
  it('maps values as well as headers', () => {
    const t = base();
    t.persons!['性别'] = ['M', 'F', 'M', 'F', ''];
    delete t.persons!.sex;
    const mapping = { persons: { sex: '性别' }, values: { sex: { M: 'male', F: 'female' } } } as unknown as ColumnMapping;
    const ds = load(t, { mapping });
    expect(ds.findings.map((f) => [f.code, f.column, f.value])).toEqual([
      ['mapped_value', 'sex [性别]', 'M'],
      ['mapped_value', 'sex [性别]', 'F'],
    ]);
    expect(ds.tables.persons!.getChild('sex')!.toArray()).toEqual(['male', 'female', 'male', 'female', null]);
  });

  it('maps values of a boolean column per table', () => {
    const t = plant('persons', 'trained', 1, '有');
    const mapping = { values: { persons: { trained: { 有: 'true' } } } } as unknown as ColumnMapping;
    const ds = load(t, { mapping });
    expect(ds.findings.map((f) => f.code)).toEqual(['mapped_value']);
    expect(ds.tables.persons!.getChild('trained')!.get(0)).toBe(true);
  });

  it('a value mapped to a value outside the list is an error', () => {
    const mapping = { values: { sex: { M: 'man' } } } as unknown as ColumnMapping;
    expect(only(load(base(), { mapping }), 'bad_mapping').message).toContain('"man"');
  });

  it('two canonical columns mapped to one header is an error', () => {
    const t = base();
    const f = only(load(t, { mapping: { persons: { trained: '是否', employed: '是否' } } }), 'mapping_same_header');
    expect(f).toMatchObject({ severity: 'error', table: 'persons', value: '是否' });
    // Mapping a column to another canonical column's header reads that column twice, too.
    expect(only(load(base(), { mapping: { persons: { employed: 'trained' } } }), 'mapping_same_header').message).toContain('persons.trained and persons.employed');
  });

  it('unknown keys are errors, not ignored', () => {
    const ds = load(base(), { mapping: { persons: { sexx: '性别' }, person: { sex: 'x' } } as unknown as ColumnMapping });
    expect(withCode(ds, 'bad_mapping').map((f) => f.message)).toEqual([
      'invalid column mapping: "sexx" is not a column of persons',
      'invalid column mapping: "person" is not a canonical table',
    ]);
  });
});

describe('cross-table consistency', () => {
  const withUnits = (units: string[]): Tables => {
    const t = base();
    t.households!.unit_id = units;
    return t;
  };

  it('a household in a unit of another site is an error', () => {
    const f = only(load(withUnits(['U1', 'U2', 'U2'])), 'inconsistent_reference');
    expect(at(f)).toMatchObject({ severity: 'error', table: 'households', row: 2, column: 'unit_id', value: 'U2' });
    expect(f.message).toContain('"S2"');
    expect(load(withUnits(['U1', 'U1', 'U2'])).findings).toEqual([]);
  });

  it('references to an absent optional table are one warning, never orphans', () => {
    const t = withUnits(['U1', 'U1', 'U2']);
    delete t.management_units;
    const ds = load(t);
    expect(ds.findings.map((f) => [f.severity, f.code, f.count])).toEqual([['warning', 'missing_parent_table', 3]]);
  });

  it('a person in a household of another period is an orphan', () => {
    const t = base();
    t.households!.period = ['2019-06', '2019-06', '2019-06'];
    t.persons!.period = ['2019-06', '2019-06', '2019-07', '2019-06', '2019-06'];
    expect(at(only(load(t), 'orphan_row'))).toMatchObject({ table: 'persons', row: 3, column: 'household_id' });
  });
});

describe('values', () => {
  it('1e999 in text is an error, not infinity', () => {
    const f = only(load(plant('households', 'income_per_capita', 1, '1e999')), 'not_finite');
    expect(at(f)).toMatchObject({ severity: 'error', table: 'households', row: 1, column: 'income_per_capita' });
  });

  it('a date after today is an error; several are one finding with a count', () => {
    const t = plant('activities', 'held_on', 2, '2031-01-01', plant('activities', 'held_on', 1, '2030-05-01'));
    const f = only(load(t), 'future_date');
    expect(at(f)).toMatchObject({ table: 'activities', row: 1, column: 'held_on' });
    expect(f.count).toBe(2);
    expect(f.message).toContain('2030-05-01');
  });

  it("a date after the month of its own snapshot row is a warning", () => {
    const t = base();
    t.households!.period = ['2019-06', '2019-06', '2019-06'];
    t.persons!.period = ['2019-06', '2019-06', '2019-06', '2019-06', '2019-06'];
    expect(load(t).findings).toEqual([]);
    plant('households', 'moved_in_on', 1, '2019-07-01', t);
    expect(at(only(load(t), 'date_after_period'))).toMatchObject({ severity: 'warning', table: 'households', row: 1, column: 'moved_in_on' });
  });

  it('NUL and other control bytes in text are a warning (the value is kept as it is); tabs are not', () => {
    const f = only(load(plant('persons', 'person_id', 2, 'P2\u0000')), 'control_character');
    expect(at(f)).toMatchObject({ severity: 'warning', table: 'persons', row: 2, column: 'person_id' });
    expect(f.message).toContain('U+0000');
    expect(only(load(plant('sites', 'site_name', 1, 'a\u001bb')), 'control_character').message).toContain('U+001B');
    expect(load(plant('sites', 'site_name', 1, 'a\tb')).findings).toEqual([]);
  });
});

describe('unreadable files', () => {
  it('an unreadable required table is not also reported as missing', async () => {
    const csv = (t: Columns): Uint8Array => {
      const cols = Object.keys(t);
      const n = t[cols[0]!]!.length;
      const lines = [cols.join(','), ...Array.from({ length: n }, (_, i) => cols.map((c) => t[c]![i]).join(','))];
      return new TextEncoder().encode(lines.join('\n') + '\n');
    };
    const b = base();
    const ds = await datasetFromFiles([
      { name: 'sites.csv', bytes: csv(b.sites!) },
      { name: 'households.csv', bytes: new Uint8Array([0xff, 0xfe, 0xfd, 0x0a]) },
      { name: 'persons.csv', bytes: csv(b.persons!) },
    ]);
    expect(ds.findings.map((f) => f.code)).toEqual(['bad_encoding']);
  });
});
