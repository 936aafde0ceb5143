/**
 * One suite, every engine: the whole catalog on the hand-calculated fixtures through
 * arquero, duckdb-wasm, native DuckDB (when installed) and PostgreSQL (on a throwaway
 * server), every level, with periods and breakdowns. Each engine is compared with the
 * hand-calculated rows themselves; breakdowns (not hand-calculated) with arquero, which
 * test/breakdown.test.ts checks by hand.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog, family } from '@houfu/indicators';
import { startEngines, type Engines } from './helpers/engines.js';
import { cmpRow, diffRows, readExpected } from './helpers/rows.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LEVELS = ['province', 'prefecture', 'county', 'site', 'unit'] as const;
const defs = (ids: readonly string[]) => ids.map((id) => catalog.find((d) => d.id === id)!);

let engines: Engines;
let hand: Dataset;
let handPeriods: Dataset;

beforeAll(async () => {
  engines = await startEngines();
  hand = await loadDataset(here('./fixtures/hand'));
  handPeriods = await loadDataset(here('./fixtures/hand-periods'));
}, 180_000);

afterAll(async () => {
  await engines?.stop();
});

describe('every engine on test/fixtures/hand', () => {
  const expected = readExpected(here('./fixtures/hand/expected.json'));
  it('runs on at least arquero, duckdb-wasm and native DuckDB or PostgreSQL', () => {
    expect(engines.labels.slice(0, 3)).toEqual(['arquero', 'kernel', 'duckdb-wasm']);
  });
  for (const level of LEVELS) {
    it(`matches the hand-calculated ${level} rows with every engine`, async () => {
      const want = expected.rows.filter((r) => r.level === level);
      const ids = [...new Set(want.map((r) => r.indicator_id))];
      for (const label of engines.labels) {
        const rows = (await engines.compute(label, hand, defs(ids), { by: level })).map(cmpRow);
        expect(diffRows(rows, want, { actual: label, expected: 'hand' }), label).toEqual([]);
      }
    });
  }

  it('gives identical rows with breakdowns (person, household and site columns)', async () => {
    for (const breakdown of [['sex'], ['sites.site_type'], ['land_contract'], ['is_demo', 'site_type']]) {
      const ids = breakdown[0] === 'sex' ? [...family('four_musts').filter((d) => d.unit === 'person'), ...family('employment').filter((d) => d.unit === 'person')] : breakdown[0] === 'land_contract' ? family('four_musts').filter((d) => d.unit === 'household') : family('four_musts');
      const base = await engines.compute('arquero', hand, ids, { by: ['county', 'site'], breakdown });
      expect(base.length).toBeGreaterThan(10);
      for (const label of engines.labels.slice(1)) expect(await engines.compute(label, hand, ids, { by: ['county', 'site'], breakdown }), `${label} ${breakdown}`).toEqual(base);
    }
  });
});

describe('every engine on test/fixtures/hand-periods', () => {
  const expected = readExpected(here('./fixtures/hand-periods/expected.json'));
  for (const level of ['province', 'county'] as const) {
    it(`matches the hand-calculated ${level} rows per period with every engine`, async () => {
      const want = expected.rows.filter((r) => r.level === level);
      for (const label of engines.labels) {
        const rows = (await engines.compute(label, handPeriods, defs(expected.file.indicators), { by: level })).map(cmpRow);
        expect(diffRows(rows, want, { actual: label, expected: 'hand' }), label).toEqual([]);
      }
    });
  }

  it('gives identical rows for the whole catalog at every level above the unit, with and without a breakdown', async () => {
    for (const breakdown of [[], ['sex']]) {
      const ids = breakdown.length ? catalog.filter((d) => d.numerator.table === 'persons' && d.denominator.table === 'persons') : catalog;
      const base = await engines.compute('arquero', handPeriods, ids, { by: ['province', 'prefecture', 'county', 'site'], breakdown });
      expect(base.some((r) => r['period'] !== null)).toBe(true);
      for (const label of engines.labels.slice(1))
        expect(await engines.compute(label, handPeriods, ids, { by: ['province', 'prefecture', 'county', 'site'], breakdown }), label).toEqual(base);
    }
  });
});
