/**
 * How facts change month by month. A fact that holds in 2019-12 (employed, trained,
 * insurance transferred, land revitalized, stable income) was reached in some month between
 * the move-in month and 2019-12; before it, the row shows the earlier value. The month is a
 * hash of the seed and the entity, so it needs no storage and does not depend on `months`.
 */
import { LAST_MONTH } from './calendar.js';
import type { Rows } from './periods.js';
import { hash3, seedWords } from './random.js';

/** When a fact is reached: share reached at move-in, mean wait of the others in months. */
export interface Reach {
  /** Share of entities that had the fact from their move-in month. */
  readonly atMoveIn: number;
  /** Mean wait in months of the others (exponential). */
  readonly meanWait: number;
}

/** The 32-bit key of the timeline hashes for a seed. */
export function timelineKey(seed: number): number {
  const [lo, hi] = seedWords(seed);
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

/** The month entity `i` reached a fact, given the month it moved in. */
export function reachedMonth(key: number, salt: number, i: number, movedMonth: number, reach: Reach): number {
  const u = hash3(key, salt, i) / 4294967296;
  if (u < reach.atMoveIn) return movedMonth;
  const wait = Math.floor(-Math.log((1 - u) / (1 - reach.atMoveIn)) * reach.meanWait);
  return Math.min(LAST_MONTH, movedMonth + wait);
}

/**
 * Whether entity `i` has lost a fact it had reached, in month `m` only (a job lost for a month,
 * an income that failed once): a share `lapse` of the entities, drawn anew each month. Never in
 * 2019-12, so the last month stays as calibrated.
 */
export function lapsed(key: number, salt: number, i: number, m: number, lapse: number): boolean {
  return m < LAST_MONTH && hash3(key ^ Math.imul(m + 1, 0x85ebca6b), salt + 64, i) / 4294967296 < lapse;
}

/**
 * Codes per row: an entity whose code in 2019-12 is `reached` shows `before` in the months
 * before it reached it, and, with `lapse`, in the odd month after it when it lapsed (new failures
 * that the next month clears); other codes are the same in every month.
 */
export function grownCodes(
  codes: Uint8Array,
  rows: Rows,
  key: number,
  salt: number,
  reach: Reach,
  reached: number,
  before: number,
  lapse = 0,
): Uint8Array {
  const { index, month, moved } = rows;
  if (!index || !month || !moved) return codes;
  const out = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = index[r]!;
    const v = codes[i]!;
    const m = month[r]!;
    const late = v === reached && m < LAST_MONTH && (reachedMonth(key, salt, i, moved[r]!, reach) > m || (lapse > 0 && lapsed(key, salt, i, m, lapse)));
    out[r] = late ? before : v;
  }
  return out;
}
