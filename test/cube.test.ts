/**
 * Cubes on the hand-calculated fixtures: every level computed from a cube (after a round trip
 * through Parquet or Arrow bytes) equals the hand-calculated rows; breakdown subsets equal
 * direct computation; mismatches are refused; the file holds no person or household id.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  and,
  buildCube,
  col,
  compute,
  computeFromCube,
  readCube,
  toCSV,
  toObjects,
  toParquet,
  writeCube,
  type Cube,
  type IndicatorDefinition,
} from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, family } from '@houfu/indicators';
import { sha256Hex } from '../packages/core/src/cube/sha256.js';
import { cmpRow, diffRows, readExpected } from './helpers/rows.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
type Dataset = Awaited<ReturnType<typeof loadDataset>>;

const byId = (ids: readonly string[]): IndicatorDefinition[] =>
  ids.map((id) => {
    const d = catalog.find((x) => x.id === id);
    if (!d) throw new Error(`catalog has no indicator ${id}`);
    return d;
  });

/** The indicators of the hand fixture's unit rows. */
const UNIT_IDS = [
  ...new Set(readExpected(here('./fixtures/hand/expected.json')).rows.filter((r) => r.level === 'unit').map((r) => r.indicator_id)),
];

const rowsOf = (t: Parameters<typeof toObjects>[0]) => toObjects(t).map((o) => cmpRow(o as Record<string, unknown>));

describe('sha256Hex', () => {
  it('equals Node’s SHA-256', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), '后扶 安置点 🏠'.repeat(50)])
      expect(sha256Hex(s), `${s.length} chars`).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});

describe('cubes on test/fixtures/hand', () => {
  const expected = readExpected(here('./fixtures/hand/expected.json'));
  let ds: Dataset;
  let siteCube: Cube;
  let unitCube: Cube;

  beforeAll(async () => {
    ds = await loadDataset(here('./fixtures/hand'));
    siteCube = await readCube(writeCube(await buildCube(ds, catalog)));
    unitCube = await readCube(writeCube(await buildCube(ds, byId(UNIT_IDS), { grain: 'unit' }), 'arrow'));
  });

  for (const level of ['province', 'prefecture', 'county', 'site'] as const) {
    it(`gives the hand-calculated ${level} rows from a site cube read back from Parquet`, () => {
      const want = expected.rows.filter((r) => r.level === level);
      const ids = [...new Set(want.map((r) => r.indicator_id))];
      const actual = rowsOf(computeFromCube(siteCube, byId(ids), { by: level }));
      expect(diffRows(actual, want, { actual: 'cube', expected: 'hand' })).toEqual([]);
    });
  }

  it('gives the hand-calculated unit rows from a unit cube read back from Arrow IPC', () => {
    const want = expected.rows.filter((r) => r.level === 'unit');
    const actual = rowsOf(computeFromCube(unitCube, undefined, { by: 'unit' }));
    expect(actual.length).toBeGreaterThan(0);
    expect(diffRows(actual, want, { actual: 'cube', expected: 'hand' })).toEqual([]);
  });

  it('gives several levels at once, and the definitions it carries by default', () => {
    const want = expected.rows.filter((r) => r.level === 'county' || r.level === 'province');
    const actual = rowsOf(computeFromCube(siteCube, undefined, { by: ['county', 'province'] }));
    expect(diffRows(actual, want, { actual: 'cube', expected: 'hand' })).toEqual([]);
  });

  it('writes the same text as compute, area names included', async () => {
    for (const by of ['province', 'prefecture', 'county', 'site'] as const)
      expect(toCSV(computeFromCube(siteCube, catalog, { by })), by).toBe(toCSV(await compute(ds, catalog, { by })));
  });

  it('keeps the catalog in a small file with per-part sums', () => {
    const bytes = writeCube(siteCube);
    expect(siteCube.meta.indicators.map((i) => i.id)).toEqual(catalog.map((d) => d.id));
    expect(siteCube.table.schema.fields.map((f) => f.name)).toEqual(['indicator_id', 'site_id', 'period', 'numerator', 'denominator', 'unknown']);
    // Hand check: four_musts.training at S1 is 3 trained of 4 workers, 1 unknown (fixture README).
    const s1 = expected.rows.find((r) => r.level === 'site' && r.area_code === 'S1' && r.indicator_id === 'four_musts.training')!;
    const cubeRow = toObjects(siteCube.table).find((r) => r.indicator_id === 'four_musts.training' && r.site_id === 'S1');
    expect(cubeRow).toMatchObject({ numerator: s1.numerator, denominator: s1.denominator, unknown: s1.unknown });
    expect(bytes.length).toBeLessThan(128 * 1024);
  });

  it('holds no person, household, facility or activity id, and no column of the data beyond sites and units', async () => {
    const ids = (table: 'persons' | 'households' | 'facilities' | 'activities', column: string) =>
      (ds.tables[table]!.getChild(column)!.toArray() as string[]).map(String);
    const secret = [...ids('persons', 'person_id'), ...ids('households', 'household_id'), ...ids('facilities', 'facility_id'), ...ids('activities', 'activity_id')];
    expect(secret.length).toBeGreaterThan(30);
    const site = await textsOf(writeCube(await buildCube(ds, catalog, { breakdown: ['sites.site_type'] })));
    expect(site.columns).toEqual(['indicator_id', 'site_id', 'period', 'sites.site_type', 'numerator', 'denominator', 'unknown']);
    expect(site.texts.has('S1') && site.texts.has('南明区花果园安置点') && site.texts.has('urban')).toBe(true);
    expect(secret.filter((s) => site.texts.has(s))).toEqual([]);
    // A unit cube lists the units (to place its rows), still nothing of persons or households.
    const unit = await textsOf(writeCube(await buildCube(ds, byId(UNIT_IDS), { grain: 'unit' })));
    expect(unit.columns).toEqual(['indicator_id', 'unit_id', 'period', 'numerator', 'denominator', 'unknown']);
    expect(unit.texts.has('U1')).toBe(true);
    expect(secret.filter((s) => unit.texts.has(s))).toEqual([]);
  });
});

/** The column names of a Parquet file and every text it holds, in cells and metadata (read with hyparquet directly). */
async function textsOf(bytes: Uint8Array): Promise<{ columns: string[]; texts: Set<string> }> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(buffer);
  const texts = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') texts.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(await parquetReadObjects({ file: buffer }));
  for (const kv of meta.key_value_metadata ?? []) {
    texts.add(kv.key);
    walk(JSON.parse(kv.value ?? 'null'));
  }
  return { columns: meta.schema.slice(1).map((s) => s.name), texts };
}

describe('cubes on test/fixtures/hand-periods', () => {
  const expected = readExpected(here('./fixtures/hand-periods/expected.json'));

  for (const level of ['province', 'county'] as const) {
    it(`gives the hand-calculated ${level} rows per period`, async () => {
      const ds = await loadDataset(here('./fixtures/hand-periods'));
      const cube = await readCube(writeCube(await buildCube(ds, byId(expected.file.indicators))));
      expect(cube.meta.periods.length).toBe(2);
      const actual = rowsOf(computeFromCube(cube, byId(expected.file.indicators), { by: level }));
      expect(diffRows(actual, expected.rows.filter((r) => r.level === level), { actual: 'cube', expected: 'hand' })).toEqual([]);
    });
  }

  it('keeps counts of non-monthly tables once, without a period, for ratios over monthly persons', async () => {
    const ds = await loadDataset(here('./fixtures/hand-periods'));
    const cube = await buildCube(ds, byId(['services.schools_per_10k']));
    const [ci] = cube.meta.indicators;
    expect(ci!.periodicParts).toEqual(['denominator']);
    const rows = toObjects(cube.table);
    expect(rows.filter((r) => r.numerator !== 0).every((r) => r.period === null)).toBe(true);
    expect(rows.filter((r) => r.denominator !== 0).every((r) => r.period !== null)).toBe(true);
    for (const by of ['province', 'county', 'site'] as const)
      expect(toCSV(computeFromCube(cube, undefined, { by }))).toBe(toCSV(await compute(ds, byId(['services.schools_per_10k']), { by })));
  });
});

describe('breakdowns from a cube', () => {
  it('give any subset of the cube’s breakdowns, in any order, exactly as compute', async () => {
    const ds = await loadDataset(here('./fixtures/hand'));
    const defs = catalog.filter((d) => d.unit === 'person' && d.kind !== 'ratio');
    const cube = await readCube(writeCube(await buildCube(ds, defs, { breakdown: ['sex', 'sites.site_type', 'ethnicity'] })));
    const subsets = [[], ['sex'], ['sites.site_type'], ['ethnicity', 'sex'], ['sites.site_type', 'sex', 'ethnicity']];
    for (const breakdown of subsets)
      for (const by of ['province', 'prefecture', 'county', 'site'] as const)
        expect(toCSV(computeFromCube(cube, defs, { by, breakdown })), `${by} by ${breakdown.join(',')}`).toBe(toCSV(await compute(ds, defs, { by, breakdown })));
  });

  it('add up, by site type, to the hand-calculated county totals', async () => {
    const ds = await loadDataset(here('./fixtures/hand'));
    const defs = [...family('four_musts'), ...family('structure')].filter((d) => d.unit === 'person' || d.unit === 'household');
    const cube = await buildCube(ds, defs, { breakdown: ['sites.site_type'] });
    const rows = toObjects(computeFromCube(cube, defs, { by: 'county', breakdown: ['sites.site_type'] }));
    const expected = readExpected(here('./fixtures/hand/expected.json')).rows.filter((r) => r.level === 'county' && defs.some((d) => d.id === r.indicator_id));
    expect(expected.length).toBeGreaterThan(10);
    for (const e of expected) {
      const parts = rows.filter((r) => r.indicator_id === e.indicator_id && r.area_code === e.area_code);
      const sum = (k: string) => parts.reduce((a, p) => a + (p[k] as number), 0);
      expect([sum('numerator'), sum('denominator'), sum('unknown')], `${e.indicator_id} ${e.area_code}`).toEqual([e.numerator, e.denominator, e.unknown]);
    }
  });
});

describe('refusals', () => {
  let ds: Dataset;
  let cube: Cube;
  beforeAll(async () => {
    ds = await loadDataset(here('./fixtures/hand'));
    cube = await buildCube(ds, family('four_musts'), { breakdown: ['sites.site_type'] });
  });

  it('a definition that counts differently from the one the cube was built with', () => {
    const training = family('four_musts').find((d) => d.id === 'four_musts.training')!;
    const changed: IndicatorDefinition = {
      ...training,
      numerator: { ...training.numerator, where: and(training.numerator.where, col('employed')) },
    };
    expect(() => computeFromCube(cube, [changed], { by: 'county' })).toThrow(/four_musts\.training differ from those the cube was built with/);
  });

  it('but not one whose target or name changed: those apply on top of the sums', async () => {
    const training = family('four_musts').find((d) => d.id === 'four_musts.training')!;
    const relaxed: IndicatorDefinition = { ...training, name: { zh: '培训', en: 'Training' }, target: { value: 0.5, direction: 'at_least' } };
    expect(toCSV(computeFromCube(cube, [relaxed], { by: 'county' }))).toBe(toCSV(await compute(ds, [relaxed], { by: 'county' })));
  });

  it('an indicator the cube does not hold', () => {
    expect(() => computeFromCube(cube, family('employment'), { by: 'county' })).toThrow(/does not hold indicator employment\.rate/);
  });

  it('a breakdown the cube does not have, or given twice', () => {
    expect(() => computeFromCube(cube, undefined, { by: 'county', breakdown: ['sex'] })).toThrow(/no breakdown sex \(it has: sites\.site_type\)/);
    expect(() => computeFromCube(cube, undefined, { by: 'county', breakdown: ['sites.site_type', 'sites.site_type'] })).toThrow(/twice/);
  });

  it('level unit from a site cube, and levels above unit from a unit cube', async () => {
    expect(() => computeFromCube(cube, undefined, { by: 'unit' })).toThrow(/summed by site cannot give level unit/);
    const unitCube = await buildCube(ds, byId(UNIT_IDS), { grain: 'unit' });
    expect(() => computeFromCube(unitCube, undefined, { by: 'county' })).toThrow(/gives level unit only, not county/);
    expect(() => computeFromCube(cube, undefined, { by: 'district' as never })).toThrow(/unknown level: district/);
  });

  it('breakdowns that clash with cube columns, indicators given twice, unreachable breakdowns', async () => {
    await expect(buildCube(ds, family('four_musts'), { breakdown: ['site_id'] })).rejects.toThrow(/clashes/);
    await expect(buildCube(ds, family('four_musts'), { breakdown: ['sex', 'sex'] })).rejects.toThrow(/twice/);
    await expect(buildCube(ds, [...family('four_musts'), ...family('four_musts')])).rejects.toThrow(/given twice/);
    await expect(buildCube(ds, catalog, { breakdown: ['sex'] })).rejects.toThrow(/cannot be broken down by sex/);
    await expect(buildCube(ds, catalog, { grain: 'unit' })).rejects.toThrow(/cannot be computed by unit/);
  });

  it('bytes that are not a cube, a cube of another version, a tampered cell', async () => {
    await expect(readCube(new TextEncoder().encode('site_id,numerator\nS1,3\n'))).rejects.toThrow(/not a readable houfu cube/);
    await expect(readCube(toParquet(await compute(ds, family('four_musts'), { by: 'county' })))).rejects.toThrow(/carries no "houfu.cube" metadata/);
    const future = { ...cube, meta: { ...cube.meta, version: 2 } };
    await expect(readCube(writeCube(future))).rejects.toThrow(/format version 2; this version of houfu reads version 1/);
    const rows = toObjects(cube.table);
    const stray = { ...cube, meta: { ...cube.meta, areas: { ...cube.meta.areas, sites: { ...cube.meta.areas.sites, site_id: cube.meta.areas.sites.site_id.map((s) => (s === rows[0]!.site_id ? 'S99' : s)) } } } };
    await expect(readCube(writeCube(stray))).rejects.toThrow(/cube row 1, column site_id: "S1" is not a site listed in the cube/);
    const [first, ...others] = cube.meta.indicators;
    const edited = { ...first!, definition: { ...first!.definition, numerator: { ...first!.definition.numerator, where: col('employed') } } };
    await expect(readCube(writeCube({ ...cube, meta: { ...cube.meta, indicators: [edited, ...others] } }))).rejects.toThrow(
      /four_musts\.training: its definition does not match its measuresHash/,
    );
    const noFactor = { ...first!, definition: { ...first!.definition, factor: 'x' as unknown as number } };
    await expect(readCube(writeCube({ ...cube, meta: { ...cube.meta, indicators: [noFactor, ...others] } }))).rejects.toThrow(/lacks a valid kind, factor or target/);
  });
});
