/**
 * Monthly snapshots: which households and persons appear in which month. A household (and
 * its members) appears in every month from the one it moved in; rows are ordered by month,
 * then by id, so the last month's rows come in the same order as a dataset without periods.
 * Households that moved out before 2019-12 (about 1%, `MOVED_OUT_SHARE`) appear as copies
 * of a household (id prefixed `X`) in the months before they left, after each month's rows.
 */
import { LAST_MONTH, monthOfDay } from './calendar.js';
import type { Households } from './households.js';
import { hash3 } from './random.js';

/** Share of the households present in the first month that have moved out by 2019-12. */
export const MOVED_OUT_SHARE = 0.01;

/** Which entity each output row shows, and in which month (null: one row each, 2019-12). */
export interface Rows {
  /** Entity index per row, or null for one row per entity in order. */
  index: Uint32Array | null;
  /** Month number per row, or null for 2019-12 throughout. */
  month: Uint8Array | null;
  /** Month the row's household moved in, or null without periods. */
  moved: Uint8Array | null;
  /** 1 for rows of a household that moved out later (a copy with `X` ids), or null. */
  alias?: Uint8Array | null;
  /** Number of rows. */
  length: number;
}

/** One row per entity, in order, all in 2019-12. */
export const IDENTITY = (n: number): Rows => ({ index: null, month: null, moved: null, length: n });

/** One row per household and per person, all in 2019-12. */
export function singleRows(hh: Households): { households: Rows; persons: Rows } {
  return { households: IDENTITY(hh.n), persons: IDENTITY(hh.firstPerson[hh.n]!) };
}

/** Rows for the `months` months ending 2019-12. */
export function monthlyRows(hh: Households, months: number, seed = 0): { households: Rows; persons: Rows } {
  const first = LAST_MONTH - months + 1;
  const movedMonth = Uint8Array.from(hh.moved, (d) => monthOfDay(d));
  // The month a moved-out copy of household h leaves (0: none); it shows from the first month it was there.
  const leaves = new Uint8Array(hh.n);
  if (months > 1)
    for (let h = 0; h < hh.n; h++) {
      if (movedMonth[h]! > first || hash3(seed, 41, h) / 4294967296 >= MOVED_OUT_SHARE) continue;
      leaves[h] = first + 1 + (hash3(seed, 42, h) % (LAST_MONTH - first));
    }
  let nh = 0;
  let np = 0;
  for (let h = 0; h < hh.n; h++) {
    const k = Math.max(0, LAST_MONTH - Math.max(first, movedMonth[h]!) + 1) + (leaves[h] ? leaves[h]! - first : 0);
    nh += k;
    np += k * hh.size[h]!;
  }
  const rows = (n: number): Rows => ({ index: new Uint32Array(n), month: new Uint8Array(n), moved: new Uint8Array(n), alias: new Uint8Array(n), length: n });
  const households = rows(nh);
  const persons = rows(np);
  let r = 0;
  let q = 0;
  for (let month = first; month <= LAST_MONTH; month++) {
    for (let h = 0; h < hh.n; h++) {
      const moved = movedMonth[h]!;
      if (moved > month) continue;
      households.index![r] = h;
      households.month![r] = month;
      households.moved![r++] = moved;
      for (let i = hh.firstPerson[h]!; i < hh.firstPerson[h + 1]!; i++) {
        persons.index![q] = i;
        persons.month![q] = month;
        persons.moved![q++] = moved;
      }
    }
    for (let h = 0; h < hh.n; h++) {
      if (!leaves[h] || month >= leaves[h]!) continue;
      households.index![r] = h;
      households.month![r] = month;
      households.alias![r] = 1;
      households.moved![r++] = movedMonth[h]!;
      for (let i = hh.firstPerson[h]!; i < hh.firstPerson[h + 1]!; i++) {
        persons.index![q] = i;
        persons.month![q] = month;
        persons.alias![q] = 1;
        persons.moved![q++] = movedMonth[h]!;
      }
    }
  }
  return { households, persons };
}
