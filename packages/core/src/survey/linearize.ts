/**
 * Taylor linearization from per-PSU totals. For a ratio R = Y/X in a domain, each PSU j of
 * stratum h contributes e_hj = (Y_hj − R·X_hj)/X, where Y_hj and X_hj are the PSU's weighted
 * totals within the domain; then
 *
 *   v(R) = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_j (e_hj − ē_h)²,
 *
 * with n_h the PSUs of the stratum in the whole design (PSUs without rows in the domain
 * contribute e = 0 and still count), as R's `svyrecvar`. Domains are never estimated by
 * dropping PSUs.
 */
import type { StratumInfo } from './design.js';

/** Per-PSU values of one linearized statistic, as parallel arrays (PSUs absent: e = 0). */
export interface Influence {
  /** PSU ids (unique). */
  readonly psu: ArrayLike<number>;
  /** Stratum of each PSU. */
  readonly stratum: readonly string[];
  /** e of each PSU. */
  readonly e: ArrayLike<number>;
}

/** Variance of a linearized statistic over the design's strata. */
export function linearizedVariance(influence: Influence, strata: ReadonlyMap<string, StratumInfo>): number {
  const byStratum = new Map<string, number[]>();
  for (let i = 0; i < influence.e.length; i++) {
    const stratum = influence.stratum[i]!;
    let list = byStratum.get(stratum);
    if (!list) byStratum.set(stratum, (list = []));
    list.push(influence.e[i]!);
  }
  let v = 0;
  for (const [s, es] of byStratum) {
    const info = strata.get(s);
    if (!info) throw new Error(`stratum ${s} is not in the design`);
    const nh = info.n;
    let sum = 0;
    for (const e of es) sum += e;
    const mean = sum / nh;
    let ss = 0;
    for (const e of es) ss += (e - mean) * (e - mean);
    // PSUs of the stratum with no rows in the domain: e = 0.
    ss += (nh - es.length) * mean * mean;
    v += (1 - info.f) * (nh / (nh - 1)) * ss;
  }
  return v;
}

/** Degrees of freedom of a domain: its PSUs minus its strata (R's `degf` of the domain's subset). */
export function domainDf(psuStrata: Iterable<string>): number {
  let psus = 0;
  const strata = new Set<string>();
  for (const s of psuStrata) {
    psus++;
    strata.add(s);
  }
  return psus - strata.size;
}
