/**
 * Confidence intervals. Quantiles of Student's t, the normal and the beta distribution come
 * from the stdlib ports of Boost's algorithms (full double precision, as R's `qt`/`qbeta`).
 * Intervals for proportions stay within [0, 1].
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

import type { ProportionMethod } from './methods.js';

export { PROPORTION_METHODS, type ProportionMethod } from './methods.js';

/** A two-sided interval; null bounds when it cannot be formed. */
export interface Interval {
  /** Lower bound. */
  readonly low: number | null;
  /** Upper bound. */
  readonly high: number | null;
}

const NONE: Interval = { low: null, high: null };

/** The quantile of Student's t with `df` degrees of freedom (df = Infinity: the normal). */
export function qt(p: number, df: number): number {
  return df === Infinity ? normalQuantile(p, 0, 1) : tQuantile(p, df);
}

/** The quantile of the beta distribution. */
export function qbeta(p: number, a: number, b: number): number {
  return betaQuantile(p, a, b);
}

/** The standard normal quantile. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Wald interval with t quantiles: estimate ± t(1 − α/2, df)·se. */
export function waldInterval(estimate: number, se: number, df: number, level = 0.95): Interval {
  if (!(df > 0) || !Number.isFinite(se)) return NONE;
  const t = qt(1 - (1 - level) / 2, df);
  return { low: estimate - t * se, high: estimate + t * se };
}

/**
 * Logit interval for a proportion, as R `svyciprop(method = "logit")`: the Wald interval of
 * logit(p) with se/(p(1 − p)) and t quantiles on `df` degrees of freedom, mapped back.
 * Not defined at p = 0 or 1 (null bounds; use `beta` there).
 */
export function logitInterval(p: number, se: number, df: number, level = 0.95): Interval {
  if (!(p > 0 && p < 1) || !(df > 0) || !Number.isFinite(se)) return NONE;
  const t = qt(1 - (1 - level) / 2, df);
  const eta = Math.log(p / (1 - p));
  const h = (t * se) / (p * (1 - p));
  const expit = (x: number): number => 1 / (1 + Math.exp(-x));
  return { low: expit(eta - h), high: expit(eta + h) };
}

/**
 * Wilson score interval for x successes in n trials (n may be an effective sample size),
 * with normal quantiles (Wilson 1927; Newcombe 1998, method 3).
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0) || x < 0 || x > n) return NONE;
  const z = qnorm(1 - (1 - level) / 2);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Clopper–Pearson ("exact") interval for x successes in n trials, from beta quantiles
 * (Clopper & Pearson 1934; Newcombe 1998, method 5). Non-integer x and n (effective counts)
 * are allowed, which makes it Korn and Graubard's interval.
 */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0) || x < 0 || x > n) return NONE;
  const a = (1 - level) / 2;
  return {
    low: x === 0 ? 0 : qbeta(a, x, n - x + 1),
    high: x === n ? 1 : qbeta(1 - a, x + 1, n - x),
  };
}

/**
 * Korn–Graubard interval for a design-based proportion, as R `svyciprop(method = "beta")`:
 * Clopper–Pearson on the effective sample size p(1 − p)/v, scaled by
 * (t(α/2, n − 1)/t(α/2, df))², where n is the domain's number of rows and df its degrees of freedom.
 */
export function kornGraubardInterval(p: number, se: number, n: number, df: number, level = 0.95): Interval {
  if (!(df > 0) || !(n > 1) || !Number.isFinite(se)) return NONE;
  const a = (1 - level) / 2;
  const v = se * se;
  let nEff = v > 0 ? (p * (1 - p)) / v : n;
  nEff *= (qt(a, n - 1) / qt(a, df)) ** 2;
  return {
    low: p === 0 ? 0 : qbeta(a, nEff * p, nEff * (1 - p) + 1),
    high: p === 1 ? 1 : qbeta(1 - a, nEff * p + 1, nEff * (1 - p)),
  };
}

/**
 * Wilson interval for a design-based proportion: the score interval on the effective sample
 * size p(1 − p)/v (Kish), with normal quantiles; n (the domain's rows) when v = 0.
 */
export function designWilsonInterval(p: number, se: number, n: number, level = 0.95): Interval {
  const v = se * se;
  const nEff = v > 0 ? (p * (1 - p)) / v : n;
  if (!(nEff > 0)) return NONE;
  return wilsonInterval(p * nEff, nEff, level);
}
