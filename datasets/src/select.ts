/**
 * Exact-count helpers. Published figures are integers the data must reproduce exactly,
 * so every calibrated quantity goes through one of these instead of independent coin flips.
 */
import type { Rng } from './random.js';

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), each
 * part at least `min` and, when `cap` is given, at most `cap[i]`. Ties go to the lower index.
 */
export function allocate(
  total: number,
  weights: ArrayLike<number>,
  min = 0,
  cap?: ArrayLike<number>,
): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n).fill(min);
  let rest = total - min * n;
  if (rest < 0) throw new RangeError(`cannot give ${n} parts at least ${min} each from ${total}`);
  const open = new Uint8Array(n).fill(1);
  while (rest > 0) {
    let w = 0;
    for (let i = 0; i < n; i++) if (open[i] && weights[i]! > 0) w += weights[i]!;
    if (w === 0) throw new RangeError(`cannot place ${rest} more within the caps`);
    const frac = new Float64Array(n);
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (!open[i] || !(weights[i]! > 0)) continue;
      const exact = (rest * weights[i]!) / w;
      const whole = Math.floor(exact);
      out[i]! += whole;
      given += whole;
      frac[i] = exact - whole;
    }
    const order = Array.from({ length: n }, (_, i) => i)
      .filter((i) => open[i] && weights[i]! > 0)
      .sort((a, b) => frac[b]! - frac[a]! || a - b);
    for (let k = 0; k < rest - given && k < order.length; k++) out[order[k]!]! += 1;
    rest = 0;
    if (cap) {
      for (let i = 0; i < n; i++) {
        if (out[i]! > cap[i]!) {
          rest += out[i]! - cap[i]!;
          out[i] = cap[i]!;
        }
        if (out[i]! >= cap[i]!) open[i] = 0;
      }
    }
  }
  return out;
}

/**
 * Chooses exactly `k` distinct items, each drawn with probability growing with its weight
 * (weighted sampling without replacement, Efraimidis–Spirakis keys). Returns a 0/1 mask.
 */
export function pickTop(k: number, weights: ArrayLike<number>, rng: Rng): Uint8Array {
  const n = weights.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    keys[i] = w > 0 ? Math.log(1 - rng.float()) / w : -Infinity;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b]! - keys[a]! || a - b);
  const mask = new Uint8Array(n);
  if (k > n || (k > 0 && keys[order[k - 1]!] === -Infinity)) {
    throw new RangeError(`cannot choose ${k} of ${n} items with positive weight`);
  }
  for (let i = 0; i < k; i++) mask[order[i]!] = 1;
  return mask;
}

/**
 * Marks items so that the `sizes` of the marked ones add up to exactly `target` (with
 * `sizes` omitted, each item counts 1). An item is eligible when its weight is positive;
 * likelier items have larger weights. A first pass in index order takes each item with a
 * probability calibrated to reach about 97% of the target; a second pass in random order
 * fills the rest with items that still fit. Marks are written into `mask` (set to 1).
 */
export function fillExact(
  target: number,
  weights: ArrayLike<number>,
  rng: Rng,
  mask: Uint8Array,
  sizes?: ArrayLike<number>,
): void {
  const n = weights.length;
  const size = (i: number) => (sizes ? sizes[i]! : 1);
  let weighted = 0;
  for (let i = 0; i < n; i++) if (!mask[i]) weighted += size(i) * weights[i]!;
  let rest = target;
  if (weighted > 0) {
    const c = (0.97 * target) / weighted;
    for (let i = 0; i < n && rest > 0; i++) {
      const w = weights[i]!;
      if (mask[i] || !(w > 0)) continue;
      if (rng.float() < c * w && size(i) <= rest) {
        mask[i] = 1;
        rest -= size(i);
      }
    }
  }
  if (rest === 0) return;
  // Second pass: a lazy Fisher–Yates shuffle over the eligible items not yet taken.
  const pool = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (!mask[i] && weights[i]! > 0) pool[m++] = i;
  for (let j = 0; j < m && rest > 0; j++) {
    const r = j + rng.below(m - j);
    const i = pool[r]!;
    pool[r] = pool[j]!;
    if (size(i) <= rest) {
      mask[i] = 1;
      rest -= size(i);
    }
  }
  if (rest > 0) throw new RangeError(`cannot reach ${target}: ${rest} short with the eligible items`);
}
