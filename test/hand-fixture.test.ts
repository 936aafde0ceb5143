/**
 * Every engine against the hand-calculated fixtures (test/fixtures/hand, hand-periods):
 * the whole catalog at every level, loaded from CSV files as a user would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compute, toObjects } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, family } from '@houfu/indicators';
import { cmpRow, diffRows, readExpected, specIndicatorIds, type CmpRow } from './helpers/rows.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LEVELS = ['province', 'prefecture', 'county', 'site', 'unit'] as const;
type Level = (typeof LEVELS)[number];
type Dataset = Awaited<ReturnType<typeof loadDataset>>;

const specIds = specIndicatorIds(readFileSync(here('../docs/semantics.md'), 'utf8'));

function definitions(ids: readonly string[]) {
  return ids.map((id) => {
    const def = catalog.find((d) => d.id === id);
    if (!def) throw new Error(`catalog has no indicator ${id}`);
    return def;
  });
}

const ENGINES = ['kernel', 'arquero'] as const;
type EngineName = (typeof ENGINES)[number];

async function run(dataset: Dataset, ids: readonly string[], level: Level, engine: EngineName): Promise<CmpRow[]> {
  const table = await compute(dataset, definitions(ids), { by: level, engine });
  return toObjects(table).map((o) => cmpRow(o as Record<string, unknown>));
}

function errors(dataset: Dataset): string[] {
  return dataset.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code} ${f.table}:${f.row ?? '-'}:${f.column ?? '-'} ${f.message}`);
}

describe('catalog', () => {
  it('has exactly the indicators of docs/semantics.md', () => {
    expect(catalog.map((d) => d.id).sort()).toEqual([...specIds].sort());
  });

  it('groups them in the families of docs/semantics.md', () => {
    for (const name of ['four_musts', 'employment', 'services', 'governance', 'culture', 'party', 'structure', 'measures']) {
      const want = specIds.filter((id) => id.startsWith(`${name}.`));
      expect(family(name as Parameters<typeof family>[0]).map((d) => d.id).sort(), name).toEqual(want.sort());
    }
  });
});

for (const engine of ENGINES)
describe(`${engine} engine on test/fixtures/hand`, () => {
  const expected = readExpected(here('./fixtures/hand/expected.json'));
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await loadDataset(here('./fixtures/hand'));
  });

  it('loads without errors', () => {
    expect(errors(dataset)).toEqual([]);
  });

  for (const level of LEVELS) {
    it(`matches the hand-calculated ${level} rows`, async () => {
      const want = expected.rows.filter((r) => r.level === level);
      const ids = [...new Set(want.map((r) => r.indicator_id))];
      const actual = await run(dataset, ids, level, engine);
      expect(diffRows(actual, want, { actual: engine, expected: 'hand' })).toEqual([]);
    });
  }

  it('names areas by GB/T 2260 division and by site_name', async () => {
    const names = new Map<string, string>();
    for (const level of ['province', 'prefecture', 'county', 'site'] as const) {
      const table = await compute(dataset, definitions(['four_musts.income']), { by: level, engine });
      for (const o of toObjects(table) as Record<string, unknown>[]) names.set(String(o.area_code), String(o.area_name));
    }
    expect(Object.fromEntries(names)).toEqual({
      '520000': '贵州省',
      '520100': '贵阳市',
      '520400': '安顺市',
      '520102': '南明区',
      '520111': '花溪区',
      '520402': '西秀区',
      S1: '南明区花果园安置点',
      S2: '南明区云关乡安置点',
      S3: '花溪区青岩安置点',
      S4: '西秀区彩虹安置点',
      S5: '西秀区旧州安置点',
    });
  });
});

for (const engine of ENGINES)
describe(`${engine} engine on test/fixtures/hand-periods`, () => {
  const expected = readExpected(here('./fixtures/hand-periods/expected.json'));
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await loadDataset(here('./fixtures/hand-periods'));
  });

  it('loads without errors', () => {
    expect(errors(dataset)).toEqual([]);
  });

  for (const level of ['province', 'county'] as const) {
    it(`matches the hand-calculated ${level} rows per period`, async () => {
      const want = expected.rows.filter((r) => r.level === level);
      const actual = await run(dataset, expected.file.indicators, level, engine);
      expect(diffRows(actual, want, { actual: engine, expected: 'hand' })).toEqual([]);
    });
  }
});
