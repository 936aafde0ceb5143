/**
 * Branches of publish/ the property tests of test/suppress.test.ts do not reach, on tables
 * small enough to decide by hand: an equation whose one hidden cell cannot be protected, and
 * suppression of survey estimates (cells counted by their unweighted rows `n`).
 */
import { describe, expect, it } from 'vitest';
import { compute, primaryReason, suppressCells, toObjects, type Cell } from '@houfu/core';
import { income } from './defs.js';
import { tiny, type TinyHousehold } from './tiny.js';

describe('suppressCells, which part goes with a lone hidden one', () => {
  it('the smaller count among equal denominators, else the lower index', () => {
    // 45 = 5 + 20 + 20 (threshold 10): parts 2 and 3 tie on denominator and count: part 2 goes.
    const tie: Cell[] = [{ count: 45, denominator: 45 }, { count: 5, denominator: 5 }, { count: 20, denominator: 20 }, { count: 20, denominator: 20 }];
    expect(suppressCells(tie, [{ parent: 0, children: [1, 2, 3] }], 10)).toEqual([null, 'denominator', 'secondary', null]);
    // Denominators 5, 20, 20 with counts 5, 12, 11: part 3 (count 11) goes.
    const byCount: Cell[] = [{ count: 28, denominator: 45 }, { count: 5, denominator: 5 }, { count: 12, denominator: 20 }, { count: 11, denominator: 20 }];
    expect(suppressCells(byCount, [{ parent: 0, children: [1, 2, 3] }], 10)).toEqual([null, 'denominator', null, 'secondary']);
  });
});

describe('suppressCells, an equation it cannot protect further', () => {
  it('leaves it when the hidden cell is the total and no part has data', () => {
    // total 5 (below 10: hidden) = one part without data: nothing to hide with it.
    const cells: Cell[] = [{ count: 5, denominator: 5 }, { count: 0, denominator: 0 }];
    expect(suppressCells(cells, [{ parent: 0, children: [1] }], 10)).toEqual(['denominator', null]);
  });

  it('hides no total that has no data', () => {
    // A total without data (0 = 0 + 0, say) next to a hidden part: the part 3 is below 10, its
    // sibling has no data, the total none either: nothing else can be hidden.
    const cells: Cell[] = [{ count: 0, denominator: 0 }, { count: 3, denominator: 3 }, { count: 0, denominator: 0 }];
    expect(suppressCells(cells, [{ parent: 0, children: [1, 2] }], 10)).toEqual([null, 'denominator', null]);
  });
});

describe('primaryReason at the threshold', () => {
  it('hides counts and denominators from 1 to threshold − 1, not the threshold itself', () => {
    expect([primaryReason({ count: 10, denominator: 10 }, 10), primaryReason({ count: 9, denominator: 10 }, 10), primaryReason({ count: 10, denominator: 9 }, 10)]).toEqual([
      null,
      'count',
      'denominator',
    ]);
    expect([primaryReason({ count: 0, denominator: 0 }, 10), primaryReason({ count: 1, denominator: 12 }, 10)]).toEqual([null, 'count']);
  });
});

describe('suppression of survey estimates', () => {
  // County 520102 (prefecture 520100): S1 with 3 households, S2 with 12; county 520402
  // (prefecture 520400): S3 with 15. Every income is known, so n is the number of households.
  // Threshold 10: S1 (n 3) is hidden for its denominator; 520102 = S1 + S2 then has one hidden
  // cell, so S2 goes too (secondary). S3 (15) and every total (15, 15, 15, 15, 30) stay; S3's
  // weighted numerator is 5 (below 10), but survey cells are judged by n, not by weighted totals.
  const households: TinyHousehold[] = [
    ...Array.from({ length: 3 }, (_, i): TinyHousehold => [`A${i}`, 'S1', 'true', 2]),
    ...Array.from({ length: 12 }, (_, i): TinyHousehold => [`B${i}`, 'S2', i < 6 ? 'true' : 'false', 2]),
    ...Array.from({ length: 15 }, (_, i): TinyHousehold => [`C${i}`, 'S3', i < 5 ? 'true' : 'false', 1]),
  ];
  const ds = tiny([['S1', 'one', '520100', '520102'], ['S2', 'two', '520100', '520102'], ['S3', 'three', '520400', '520402']], households);

  it('hides by n, blanks the survey columns of hidden cells and keeps the others', async () => {
    const rows = toObjects(await compute(ds, [income], { by: ['county', 'site'], design: { weight: 'weight' }, suppress: 10 }));
    const view = rows.map((r) => [r.area_code, r.suppressed, r.status, r.n, r.value, r.se === null]);
    // S3: 5 of 15 households (equal weights) have a stable income: 1/3.
    expect(view).toEqual([
      ['520102', null, 'no_target', 15, 0.6, false],
      ['520402', null, 'no_target', 15, 1 / 3, false],
      ['S1', 'denominator', 'suppressed', null, null, true],
      ['S2', 'secondary', 'suppressed', null, null, true],
      ['S3', null, 'no_target', 15, 1 / 3, false],
    ]);
    // County 520102: weights 2 each, (3 + 6) × 2 / (15 × 2) = 0.6.
    expect(Object.keys(rows[0]!).slice(-8)).toEqual(['se', 'ci_low', 'ci_high', 'df', 'deff', 'n', 'flag', 'suppressed']);
  });
});
