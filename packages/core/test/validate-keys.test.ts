/**
 * Primary-key uniqueness on key spaces too large for one direct table (ids × periods beyond
 * `DIRECT_KEY_SLOTS`, as on a monthly panel of millions of persons): the bucket pass, forced here
 * on a few rows by a threshold of 0, must give the findings worked out by hand below.
 */
import { vectorFromArray, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { checkKeysWith, DIRECT_KEY_SLOTS, repeatedKeyRows } from '../src/validate/rules.js';
import { ValidationContext, type CheckedTable } from '../src/validate/context.js';
import { FindingCollector } from '../src/validate/finding.js';

// Rows 1–10: (person_id, period). Repeats: row 5 = row 1 (A, 2019-01), row 8 = row 7 (B, no
// period), row 9 = row 3 (A, 2019-02), row 10 = row 2 (B, 2019-01); row 6 has no id.
const IDS = ['A', 'B', 'A', 'C', 'A', null, 'B', 'B', 'A', 'B'];
const PERIODS = ['2019-01', '2019-01', '2019-02', '2019-01', '2019-01', '2019-01', null, null, '2019-02', '2019-01'];

function persons(ids: (string | null)[], periods?: (string | null)[]): CheckedTable {
  const columns: CheckedTable['columns'] = { person_id: vectorFromArray(ids, new Utf8()) };
  if (periods) columns['period'] = vectorFromArray(periods, new Utf8());
  return { name: 'persons', file: 'persons.arrow', rowCount: ids.length, columns, headers: {} };
}

function duplicates(t: CheckedTable, directSlots: number): { row: number | null; value: string | null; first: string }[] {
  const out = new FindingCollector();
  checkKeysWith(t, new ValidationContext({ persons: t }, out, 2019), directSlots);
  return out.result().map((f) => {
    expect(f).toMatchObject({ severity: 'error', code: 'duplicate_id', table: 'persons', column: 'person_id' });
    return { row: f.row, value: f.value, first: /row (\d+)/.exec(f.message)?.[1] ?? '' };
  });
}

describe('primary keys on large key spaces', () => {
  it('repeatedKeyRows gives the first row of each repeated (id, period) key', () => {
    // Codes: A 0, B 1, C 2; periods 2019-01 0, 2019-02 1, null −1.
    const ids = Int32Array.from([0, 1, 0, 2, 0, -1, 1, 1, 0, 1]);
    const periods = Int32Array.from([0, 0, 1, 0, 0, 0, -1, -1, 1, 0]);
    expect([...repeatedKeyRows(ids, 3, periods, 2)]).toEqual([0, 0, 0, 0, 1, 0, 0, 7, 3, 2]);
    // Without periods: every later row of an id repeats its first.
    expect([...repeatedKeyRows(Int32Array.from([0, 1, 0, -1, 1, 0]), 2, undefined, 0)]).toEqual([0, 0, 1, 0, 2, 1]);
  });

  it('the bucket pass and the direct table give the same findings, in row order', () => {
    const expected = [
      { row: 5, value: 'A', first: '1' },
      { row: 8, value: 'B', first: '7' },
      { row: 9, value: 'A', first: '3' },
      { row: 10, value: 'B', first: '2' },
    ];
    expect(duplicates(persons(IDS, PERIODS), 0)).toEqual(expected);
    expect(duplicates(persons(IDS, PERIODS), DIRECT_KEY_SLOTS)).toEqual(expected);
    const flat = [
      { row: 3, value: 'A', first: '1' },
      { row: 5, value: 'A', first: '1' },
      { row: 7, value: 'B', first: '2' },
      { row: 8, value: 'B', first: '2' },
      { row: 9, value: 'A', first: '1' },
      { row: 10, value: 'B', first: '2' },
    ];
    expect(duplicates(persons(IDS), 0)).toEqual(flat);
    expect(duplicates(persons(IDS), DIRECT_KEY_SLOTS)).toEqual(flat);
    expect(duplicates(persons(['A', 'B', 'C'], ['2019-01', '2019-01', null]), 0)).toEqual([]);
  });
});
