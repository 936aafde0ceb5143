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
 * Codes per row: an entity whose code in 2019-12 is `reached` shows `before` in the months
 * before it reached it; other codes are the same in every month.
 */
export function grownCodes(
  codes: Uint8Array,
  rows: Rows,
  key: number,
  salt: number,
  reach: Reach,
  reached: number,
  before: number,
): Uint8Array {
  const { index, month, moved } = rows;
  if (!index || !month || !moved) return codes;
  const out = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = index[r]!;
    const v = codes[i]!;
    const late = v === reached && month[r]! < LAST_MONTH && reachedMonth(key, salt, i, moved[r]!, reach) > month[r]!;
    out[r] = late ? before : v;
  }
  return out;
}
