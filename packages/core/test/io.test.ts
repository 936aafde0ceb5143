/**
 * Reading table files: CSV (UTF-8 with BOM, GB18030/GBK, quoting, malformed rows),
 * column mappings with Chinese headers, Parquet and Arrow round trips, file names.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compute,
  datasetFromArrow,
  datasetFromFiles,
  toArrowIPC,
  toObjects,
  type ColumnMapping,
  type Dataset,
  type Finding,
  type InputFile,
  type ReadOptions,
} from '@houfu/core';
import { loadDataset, writeTables } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';
import { Bool, DateDay, Table, Utf8, vectorFromArray } from 'apache-arrow';

const HAND = fileURLToPath(new URL('../../../test/fixtures/hand/', import.meta.url));
const HAND_PERIODS = fileURLToPath(new URL('../../../test/fixtures/hand-periods/', import.meta.url));

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const errors = (ds: Dataset): Finding[] => ds.findings.filter((f) => f.severity === 'error');
const describeErrors = (ds: Dataset): string[] =>
  errors(ds).map((f) => `${f.code} ${f.file}:${f.row ?? '-'}:${f.column ?? '-'} ${f.message}`);

/** A small valid dataset as CSV text per table (ASCII only). */
function baseCSV(): Record<string, string> {
  return {
    sites: [
      'site_id,site_name,prefecture_code,county_code,site_type,cross_county,is_demo,opened_on',
      'S1,Huaguoyuan,520100,520102,urban,true,true,2018-06-30',
      'S2,Qingyan,520100,520111,rural,false,,',
    ].join('\n'),
    households: [
      'household_id,site_id,origin_county_code,moved_in_on,land_contract,land_forest,land_homestead,stable_income,income_per_capita',
      'H1,S1,520102,2018-07-10,revitalized,pending,none,true,9800',
      'H2,S2,520111,,none,none,none,false,',
    ].join('\n'),
    persons: [
      'person_id,household_id,sex,birth_year,ethnicity,is_labor,trained,employed,employment_type,med_insurance_transferred',
      'P1,H1,male,1985,Han,true,true,true,local,true',
      'P2,H1,female,1988,Han,true,false,false,,true',
      'P3,H2,male,1960,Miao,false,,,,false',
    ].join('\n'),
  };
}

const files = (tables: Record<string, string | Uint8Array>): InputFile[] =>
  Object.entries(tables).map(([name, body]) => ({
    name: name.includes('.') ? name : `${name}.csv`,
    bytes: typeof body === 'string' ? utf8(body) : body,
  }));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'houfu-io-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Write files into a fresh folder under the temp dir and load it. */
async function loadFolder(name: string, tables: Record<string, string | Uint8Array>, options: ReadOptions = {}): Promise<Dataset> {
  const dir = join(tmp, name);
  await mkdir(dir, { recursive: true });
  for (const f of files(tables)) await writeFile(join(dir, f.name), f.bytes);
  return loadDataset(dir, options);
}

/** The hand fixture's CSV files as text, by table. */
async function handCSV(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of await readdir(HAND)) if (n.endsWith('.csv')) out[n.slice(0, -4)] = await readFile(join(HAND, n), 'utf8');
  return out;
}

/** Rename header cells of a CSV text (first line only). */
function renameHeaders(csv: string, names: Readonly<Record<string, string>>): string {
  const nl = csv.indexOf('\n');
  const header = csv
    .slice(0, nl)
    .split(',')
    .map((h) => names[h] ?? h)
    .join(',');
  return header + csv.slice(nl);
}

describe('CSV encodings', () => {
  it('reads UTF-8 with a byte-order mark (the first header is not spoiled)', async () => {
    const t = baseCSV();
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const withBom = (s: string): Uint8Array => new Uint8Array([...bom, ...utf8(s)]);
    const sites = t.sites!.replace('Huaguoyuan', '花果园');
    const ds = await datasetFromFiles(files({ sites: withBom(sites), households: withBom(t.households!), persons: t.persons! }));
    expect(describeErrors(ds)).toEqual([]);
    expect(ds.findings).toEqual([]);
    const rows = toObjects(ds.tables.sites!);
    expect(rows.map((r) => r['site_id'])).toEqual(['S1', 'S2']);
    expect(rows[0]!['site_name']).toBe('花果园');
    expect(ds.tables.sites!.schema.fields[0]!.name).toBe('site_id');
  });

  // GBK (a subset of GB18030) byte pairs of the characters used below.
  const GBK: Readonly<Record<string, readonly [number, number]>> = {
    南: [0xc4, 0xcf],
    明: [0xc3, 0xf7],
    区: [0xc7, 0xf8],
    安: [0xb0, 0xb2],
    置: [0xd6, 0xc3],
    点: [0xb5, 0xe3],
    名: [0xc3, 0xfb],
    称: [0xb3, 0xc6],
    苗: [0xc3, 0xe7],
    族: [0xd7, 0xe5],
    汉: [0xba, 0xba],
    是: [0xca, 0xc7],
    否: [0xb7, 0xf1],
    劳: [0xc0, 0xcd],
    动: [0xb6, 0xaf],
    力: [0xc1, 0xa6],
  };

  /** Encode text as GBK with the table above (ASCII passes through). */
  function gbk(text: string): Uint8Array {
    const bytes: number[] = [];
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) bytes.push(c);
      else {
        const pair = GBK[ch];
        if (!pair) throw new Error(`no GBK bytes for ${ch} in the test table`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  }

  it('has a correct GBK table (checked with the platform GB18030 decoder)', () => {
    const dec = new TextDecoder('gb18030', { fatal: true });
    for (const [ch, pair] of Object.entries(GBK)) expect(dec.decode(new Uint8Array(pair)), ch).toBe(ch);
    expect(dec.decode(gbk('南明区安置点'))).toBe('南明区安置点');
    // …and these bytes are not valid UTF-8, so detection has to fall back.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk('南明区'))).toThrow();
  });

  function gbkTables(): Record<string, Uint8Array | string> {
    const t = baseCSV();
    return {
      sites: gbk(t.sites!.replace('site_name', '安置点名称').replace('Huaguoyuan', '南明区安置点')),
      households: t.households!,
      persons: gbk(
        t.persons!.replace('is_labor', '是否劳动力')
          .replace(/,Han,true,/g, ',汉族,是,')
          .replace(/,Miao,false,/g, ',苗族,否,'),
      ),
    };
  }
  const gbkMapping: ColumnMapping = { sites: { site_name: '安置点名称' }, persons: { is_labor: '是否劳动力' } };

  function checkGbk(ds: Dataset): void {
    expect(describeErrors(ds)).toEqual([]);
    const info = ds.findings.filter((f) => f.code === 'encoding_gb18030');
    expect(info.map((f) => [f.severity, f.table, f.file]).sort()).toEqual([
      ['info', 'persons', 'persons.csv'],
      ['info', 'sites', 'sites.csv'],
    ]);
    expect(toObjects(ds.tables.sites!)[0]!['site_name']).toBe('南明区安置点');
    const persons = toObjects(ds.tables.persons!);
    expect(persons.map((p) => p['ethnicity'])).toEqual(['汉族', '汉族', '苗族']);
    expect(persons.map((p) => p['is_labor'])).toEqual([true, true, false]);
  }

  it('reads GB18030/GBK files with Chinese headers and values (in memory)', async () => {
    checkGbk(await datasetFromFiles(files(gbkTables()), { mapping: gbkMapping }));
  });

  it('reads GB18030/GBK files with Chinese headers and values (from a folder)', async () => {
    checkGbk(await loadFolder('gbk', gbkTables(), { mapping: gbkMapping }));
  });

  it('reads GBK without a finding when the encoding is declared', async () => {
    const ds = await datasetFromFiles(files(gbkTables()), { mapping: gbkMapping, encoding: 'gb18030' });
    expect(describeErrors(ds)).toEqual([]);
    expect(ds.findings.filter((f) => f.code === 'encoding_gb18030')).toEqual([]);
    expect(toObjects(ds.tables.sites!)[0]!['site_name']).toBe('南明区安置点');
  });

  it('reports invalid bytes in a file declared UTF-8 as bad_encoding naming the file and row', async () => {
    const t = gbkTables();
    const ds = await datasetFromFiles(files(t), { mapping: gbkMapping, encoding: 'utf-8' });
    const bad = ds.findings.filter((f) => f.code === 'bad_encoding');
    // Both files have a Chinese header, so the first invalid byte is on the header line (no data row).
    expect(bad.map((f) => [f.severity, f.file, f.table, f.row])).toEqual([
      ['error', 'sites.csv', 'sites', null],
      ['error', 'persons.csv', 'persons', null],
    ]);
    expect(ds.tables).toEqual({});

    // With an ASCII header, the finding names the data row of the first invalid byte.
    const base = baseCSV();
    const sites = new Uint8Array([...utf8(base.sites!.split('\n').slice(0, 2).join('\n') + '\n'), ...gbk('S2,南明区,520100,520111,rural,false,,')]);
    const one = await datasetFromFiles(files({ ...base, sites }), { encoding: 'utf-8' });
    const f = one.findings.find((x) => x.code === 'bad_encoding')!;
    expect([f.severity, f.file, f.table, f.row]).toEqual(['error', 'sites.csv', 'sites', 2]);
    expect(f.message).toMatch(/UTF-8/);
  });

  it('reports bytes valid in neither UTF-8 nor GB18030 as bad_encoding', async () => {
    const base = baseCSV();
    const persons = new Uint8Array([...utf8(base.persons! + '\n'), 0x50, 0x34, 0x2c, 0xff, 0xff, 0x0a]);
    const ds = await datasetFromFiles(files({ ...base, persons }));
    const f = ds.findings.find((x) => x.code === 'bad_encoding');
    expect(f).toMatchObject({ severity: 'error', file: 'persons.csv', table: 'persons' });
    expect(ds.tables).toEqual({});
  });
});

describe('column mappings with Chinese headers', () => {
  const FLAT: Readonly<Record<string, string>> = {
    site_id: '安置点编号',
    household_id: '户编号',
    county_code: '县级代码',
    site_type: '安置点类型',
    is_labor: '是否劳动力',
    employed: '是否就业',
    stable_income: '稳定收入',
    facility_type: '设施类型',
    population: '人口',
  };
  const renameAll = (csv: Record<string, string>, names: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(Object.entries(csv).map(([t, text]) => [t, renameHeaders(text, names)]));

  let canonical: Record<string, unknown>[];
  beforeAll(async () => {
    const ds = await loadDataset(HAND);
    expect(describeErrors(ds)).toEqual([]);
    canonical = toObjects(await compute(ds, catalog, { by: 'county' }));
    expect(canonical.length).toBeGreaterThan(0);
  });

  it('a flat mapping gives the same numbers as canonical headers', async () => {
    const csv = renameAll(await handCSV(), FLAT);
    expect(csv.households!.split('\n')[0]).toContain('户编号');
    const ds = await datasetFromFiles(files(csv), { mapping: FLAT });
    expect(describeErrors(ds)).toEqual([]);
    expect(ds.findings.filter((f) => f.code === 'extra_column')).toEqual([]);
    expect(toObjects(await compute(ds, catalog, { by: 'county' }))).toEqual(canonical);
  });

  it('a per-table mapping gives the same numbers as canonical headers', async () => {
    const perTable = {
      persons: { household_id: '户编号', is_labor: '是否劳动力', employed: '是否就业', trained: '是否培训' },
      households: { household_id: '户编号', site_id: '所属安置点', stable_income: '稳定收入' },
      sites: { county_code: '县级代码', site_type: '安置点类型' },
    } as const;
    const csv = await handCSV();
    for (const [t, names] of Object.entries(perTable)) {
      const inverse = Object.fromEntries(Object.entries(names));
      csv[t] = renameHeaders(csv[t]!, inverse);
    }
    const ds = await datasetFromFiles(files(csv), { mapping: perTable });
    expect(describeErrors(ds)).toEqual([]);
    expect(toObjects(await compute(ds, catalog, { by: 'county' }))).toEqual(canonical);
  });

  it('findings in a mapped column name the canonical column and the user header', async () => {
    const csv = renameAll(await handCSV(), FLAT);
    csv.persons = csv.persons!.replace('P04,H02,male,1979,苗族,true,', 'P04,H02,male,1979,苗族,maybe,');
    const ds = await datasetFromFiles(files(csv), { mapping: FLAT });
    const f = errors(ds);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'bad_type', file: 'persons.csv', table: 'persons', row: 4, column: 'is_labor [是否劳动力]', value: 'maybe' });
    expect(f[0]!.messageZh).toBe('值 "maybe" 不是有效的布尔值（true/false、1/0、是/否）');
  });

  it('a mapping to a header the file lacks is a missing column (unless the canonical header is there)', async () => {
    const mapping = { persons: { is_labor: '是否劳动力' } };
    const canonicalHeader = await datasetFromFiles(files(baseCSV()), { mapping });
    expect(describeErrors(canonicalHeader)).toEqual([]);

    const t = baseCSV();
    t.persons = renameHeaders(t.persons!, { is_labor: '劳动力' });
    const ds = await datasetFromFiles(files(t), { mapping });
    const f = errors(ds);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'missing_column', table: 'persons', file: 'persons.csv' });
    expect(f[0]!.column).toContain('是否劳动力');
  });
});

describe('CSV parsing', () => {
  it('reads quoted fields with commas, newlines and quotes', async () => {
    const t = baseCSV();
    t.sites = t.sites!.replace('Huaguoyuan', '"Hua, ""guo""\nyuan"');
    const ds = await datasetFromFiles(files(t));
    expect(describeErrors(ds)).toEqual([]);
    const rows = toObjects(ds.tables.sites!);
    expect(rows).toHaveLength(2);
    expect(rows[0]!['site_name']).toBe('Hua, "guo"\nyuan');
    expect(rows[1]!['site_id']).toBe('S2');
  });

  it('reads CRLF line ends and a final empty line', async () => {
    const t = baseCSV();
    const crlf = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, `${v.replace(/\n/g, '\r\n')}\r\n`]));
    const ds = await datasetFromFiles(files(crlf));
    expect(describeErrors(ds)).toEqual([]);
    expect(ds.tables.persons!.numRows).toBe(3);
    expect(toObjects(ds.tables.persons!).map((p) => p['med_insurance_transferred'])).toEqual([true, true, false]);
  });

  it('a row with too many fields is bad_csv naming the row', async () => {
    const t = baseCSV();
    t.persons = t.persons!.replace('P2,H1,female,1988,Han,true,false,false,,true', 'P2,H1,female,1988,Han,true,false,false,,true,extra');
    const ds = await datasetFromFiles(files(t));
    const f = ds.findings.filter((x) => x.code === 'bad_csv');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', table: 'persons', file: 'persons.csv', row: 2 });
    expect(ds.tables).toEqual({});
  });

  it('a row with too few fields is bad_csv naming the row', async () => {
    const t = baseCSV();
    t.households = t.households!.replace('H2,S2,520111,,none,none,none,false,', 'H2,S2,520111');
    const ds = await datasetFromFiles(files(t));
    const f = ds.findings.filter((x) => x.code === 'bad_csv');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', table: 'households', file: 'households.csv', row: 2 });
  });

  it('a duplicate header is bad_csv', async () => {
    const t = baseCSV();
    t.persons = t.persons!.replace('ethnicity,', 'sex,');
    const ds = await datasetFromFiles(files(t));
    const f = ds.findings.filter((x) => x.code === 'bad_csv');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', table: 'persons', file: 'persons.csv', column: 'sex' });
    expect(ds.tables).toEqual({});
  });

  it('empty-string and blank cells are null, in every column type', async () => {
    const t = baseCSV();
    t.persons = t.persons!.replace('P3,H2,male,1960,Miao,false,,,,false', 'P3,H2, ,,  ,,,,,');
    const ds = await datasetFromFiles(files(t));
    expect(describeErrors(ds)).toEqual([]);
    const p3 = toObjects(ds.tables.persons!)[2]!;
    expect(p3).toEqual({
      person_id: 'P3',
      household_id: 'H2',
      sex: null,
      birth_year: null,
      ethnicity: null,
      is_labor: null,
      trained: null,
      employed: null,
      employment_type: null,
      med_insurance_transferred: null,
    });
    const h2 = toObjects(ds.tables.households!)[1]!;
    expect(h2['moved_in_on']).toBeNull();
    expect(h2['income_per_capita']).toBeNull();
    const s2 = toObjects(ds.tables.sites!)[1]!;
    expect(s2['is_demo']).toBeNull();
    expect(s2['opened_on']).toBeNull();
  });
});

describe('file names', () => {
  it('ignores files whose names are not canonical tables', async () => {
    const t = baseCSV();
    const extra = {
      ...t,
      'notes.csv': 'a,b\n1,2,3\n',
      'persons_2018.csv': 'garbage\xff',
      'README.md': '# readme',
      'expected.json': '{}',
      'Sites.csv': 'not,a,table\n',
    };
    const plain = await datasetFromFiles(files(t));
    const ds = await datasetFromFiles(files(extra));
    expect(ds.findings).toEqual([]);
    expect(ds.findings).toEqual(plain.findings);
    expect(Object.keys(ds.files).sort()).toEqual(['households', 'persons', 'sites']);
    const folder = await loadFolder('extra', extra);
    expect(folder.findings).toEqual([]);
    expect(toObjects(folder.tables.persons!)).toEqual(toObjects(plain.tables.persons!));
  });

  it('two files for one table are an error', async () => {
    const t = baseCSV();
    const ds = await datasetFromFiles(files({ ...t, 'persons.CSV': t.persons! }));
    expect(errors(ds).map((f) => f.code)).toContain('unreadable_file');
  });
});

describe('Parquet and Arrow round trips', () => {
  let csvLoaded: Dataset;
  let expected: Record<string, unknown>[];
  beforeAll(async () => {
    csvLoaded = await loadDataset(HAND);
    expect(describeErrors(csvLoaded)).toEqual([]);
    expected = toObjects(await compute(csvLoaded, catalog, { by: 'county' }));
  });

  it.each(['parquet', 'arrow'] as const)('the hand fixture written as %s loads back with identical results', async (format) => {
    const dir = join(tmp, `hand-${format}`);
    const paths = await writeTables(dir, csvLoaded.tables, format);
    // The fourteen tables of schema v2 (absent optional ones are written empty).
    expect(paths).toHaveLength(14);
    expect((await readdir(dir)).every((n) => n.endsWith(`.${format}`))).toBe(true);

    const back = await loadDataset(dir);
    expect(describeErrors(back)).toEqual([]);
    expect(back.findings.map((f) => f.code)).toEqual(csvLoaded.findings.map((f) => f.code));
    expect(back.files.persons).toBe(`persons.${format}`);
    for (const [name, table] of Object.entries(csvLoaded.tables)) expect(toObjects(back.tables[name as keyof typeof back.tables]!), name).toEqual(toObjects(table!));

    expect(toObjects(await compute(back, catalog, { by: 'county' }))).toEqual(expected);
    expect(toObjects(await compute(back, catalog, { by: 'site' }))).toEqual(toObjects(await compute(csvLoaded, catalog, { by: 'site' })));
  });

  it.each(['parquet', 'arrow'] as const)('monthly snapshots (hand-periods) written as %s give identical results', async (format) => {
    const src = await loadDataset(HAND_PERIODS);
    expect(describeErrors(src)).toEqual([]);
    expect(src.periods.length).toBeGreaterThan(1);
    const dir = join(tmp, `hand-periods-${format}`);
    await writeTables(dir, src.tables, format);
    const back = await loadDataset(dir);
    expect(describeErrors(back)).toEqual([]);
    expect(back.periods).toEqual(src.periods);
    expect(toObjects(await compute(back, catalog, { by: 'county' }))).toEqual(toObjects(await compute(src, catalog, { by: 'county' })));
  });

  it('a file that is not Parquet is unreadable_file', async () => {
    const t = baseCSV();
    const ds = await datasetFromFiles(files({ ...t, 'facilities.parquet': utf8('not parquet at all') }));
    expect(errors(ds)).toEqual([expect.objectContaining({ code: 'unreadable_file', table: 'facilities', file: 'facilities.parquet' })]);
  });
});

describe('typed Arrow input', () => {
  /** Sites as an Arrow table whose opened_on is a real Arrow date column (as pandas, DuckDB or polars write it). */
  function sitesWithDates(): Table {
    return new Table({
      site_id: vectorFromArray(['S1', 'S2'], new Utf8()),
      site_name: vectorFromArray(['花果园', '青岩'], new Utf8()),
      prefecture_code: vectorFromArray(['520100', '520100'], new Utf8()),
      county_code: vectorFromArray(['520102', '520111'], new Utf8()),
      site_type: vectorFromArray(['urban', 'rural'], new Utf8()),
      cross_county: vectorFromArray([true, false], new Bool()),
      is_demo: vectorFromArray([true, null], new Bool()),
      opened_on: vectorFromArray([new Date(Date.UTC(2018, 5, 30)), null], new DateDay()),
    });
  }

  it('reads an Arrow date column as the same ISO date (datasetFromArrow)', async () => {
    const csv = await datasetFromFiles(files(baseCSV()));
    const ds = datasetFromArrow({ ...csv.tables, sites: sitesWithDates() });
    expect(describeErrors(ds)).toEqual([]);
    expect(toObjects(ds.tables.sites!).map((s) => s['opened_on'])).toEqual(['2018-06-30', null]);
  });

  it('reads an Arrow date column as the same ISO date (sites.arrow file)', async () => {
    const t = baseCSV();
    const ds = await datasetFromFiles([
      ...files({ households: t.households!, persons: t.persons! }),
      { name: 'sites.arrow', bytes: toArrowIPC(sitesWithDates()) },
    ]);
    expect(describeErrors(ds)).toEqual([]);
    expect(toObjects(ds.tables.sites!).map((s) => s['opened_on'])).toEqual(['2018-06-30', null]);
  });
});
