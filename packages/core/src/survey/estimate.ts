/**
 * Design-based estimates from the engine's per-PSU sums: domain totals per area × period ×
 * breakdown, the ratio (or total), its linearized standard error, degrees of freedom,
 * design effect and confidence interval, and reliability flags.
 */
import type { FrameSums } from '../engines/engine.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { MeasureRef, Plan, PlanIndicator } from '../plan/plan.js';
import type { Hierarchy } from '../result/areas.js';
import type { PreparedDesign, StratumInfo } from './design.js';
import { kornGraubardInterval, designWilsonInterval, logitInterval, waldInterval, type Interval, type ProportionMethod } from './intervals.js';
import { domainDf, linearizedVariance, type Influence } from './linearize.js';

/** Slots of a domain's totals. */
export const SLOT = { y: 0, x: 1, unknown: 2, n: 3, nNumerator: 4, w: 5, yD: 6, yy: 7, xy: 8, xx: 9 } as const;

/** Weighted totals of one domain, overall and per PSU. */
export interface Domain {
  /** Area code. */
  readonly area: string;
  /** Period, or null. */
  readonly period: string | null;
  /** Breakdown values. */
  readonly tuple: readonly (string | null)[];
  /** Totals by SLOT. */
  readonly totals: Float64Array;
  /** Per PSU (key stratum␁psu): stratum and [y, x, n]. */
  readonly psus: Map<string, { readonly stratum: string; readonly v: Float64Array }>;
}

const SEP = '\u0001';

/** The key of a domain. */
export const domainKey = (area: string, period: string | null, tuple: readonly (string | null)[]): string =>
  `${area}${SEP}${period ?? ''}${SEP}${JSON.stringify(tuple)}`;

/** Gather the domains of one indicator from the engine's sums. */
export function domainsOf(plan: Plan, h: Hierarchy, sums: readonly FrameSums[], pi: PlanIndicator): Map<string, Domain> {
  const level = plan.level;
  const periods: (string | null)[] = pi.periodic && plan.periods.length ? [...plan.periods] : [null];
  const out = new Map<string, Domain>();
  const s = pi.survey;
  if (!s) throw new Error('the plan has no survey design');
  const add = (ref: MeasureRef | null, slot: number, psuSlot: number): void => {
    if (!ref) return;
    const fs = sums[ref.frame];
    const frame = plan.frames[ref.frame];
    if (!fs || !frame) throw new Error('engine result does not match the plan');
    if (!fs.design) throw new Error('engine result lacks the design keys of a design-based plan');
    const values = fs.sums[ref.measure];
    if (!values) throw new Error(`engine result lacks measure ${ref.measure}`);
    for (let g = 0; g < fs.group.length; g++) {
      const v = values[g] ?? 0;
      if (v === 0) continue;
      const area = h.areaOf(level, fs.group[g] as string);
      if (area === undefined) continue;
      const tuple = fs.breakdown.map((b) => b[g] ?? null);
      const ps = frame.periodic ? [fs.period[g] ?? null] : periods;
      const stratum = fs.design.strata[g]!;
      const pkey = `${stratum}${SEP}${fs.design.psu[g]}`;
      for (const p of ps) {
        const k = domainKey(area, p, tuple);
        let d = out.get(k);
        if (!d) out.set(k, (d = { area, period: p, tuple, totals: new Float64Array(10), psus: new Map() }));
        d.totals[slot]! += v;
        if (psuSlot >= 0) {
          let e = d.psus.get(pkey);
          if (!e) d.psus.set(pkey, (e = { stratum, v: new Float64Array(3) }));
          e.v[psuSlot]! += v;
        }
      }
    }
  };
  add(pi.numerator, SLOT.y, 0);
  add(pi.denominator, SLOT.x, 1);
  add(pi.unknown, SLOT.unknown, -1);
  add(s.n, SLOT.n, 2);
  add(s.nNumerator, SLOT.nNumerator, -1);
  if (s.moments) {
    add(s.moments.w, SLOT.w, -1);
    add(s.moments.y, SLOT.yD, -1);
    add(s.moments.yy, SLOT.yy, -1);
    add(s.moments.xy, SLOT.xy, -1);
    add(s.moments.xx, SLOT.xx, -1);
  }
  return out;
}

/** Options of design-based estimation. */
export interface EstimateOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Interval for proportions (default `logit`). */
  readonly method?: ProportionMethod;
}

/** A design-based estimate of one domain. */
export interface Estimate {
  /** Weighted numerator total. */
  readonly numerator: number;
  /** Weighted denominator total. */
  readonly denominator: number;
  /** Weighted total of unknown rows. */
  readonly unknown: number;
  /** The value (ratio × factor, or the total for counts); null when the denominator is 0. */
  readonly value: number | null;
  /** Standard error of the value. */
  readonly se: number | null;
  /** Interval bounds. */
  readonly ci: Interval;
  /** Degrees of freedom of the domain. */
  readonly df: number;
  /** Design effect, or null when it cannot be formed. */
  readonly deff: number | null;
  /** Rows of the domain (unweighted). */
  readonly n: number;
  /** Rows of the numerator (unweighted). */
  readonly nNumerator: number;
  /** Reliability flag: `low_n` (n < 30), `high_rse` (relative SE > 30%), both, or null. */
  readonly flag: string | null;
}

/** The strata of a period of a design. */
export function strataOf(prepared: PreparedDesign, period: string | null): ReadonlyMap<string, StratumInfo> {
  const s = prepared.strata.get(period ?? '') ?? (prepared.strata.size === 1 ? [...prepared.strata.values()][0] : undefined);
  if (!s) throw new Error(`the design has no strata for period ${period ?? '(none)'}`);
  return s;
}

/** The influence values of a domain's ratio R = Y/X (or total Y for counts), per PSU. */
export function influenceOf(def: IndicatorDefinition, d: Domain): Influence | null {
  const Y = d.totals[SLOT.y]!;
  const X = d.totals[SLOT.x]!;
  const out = new Map<string, { stratum: string; e: number }>();
  if (def.kind === 'count') {
    for (const [k, p] of d.psus) out.set(k, { stratum: p.stratum, e: p.v[0]! });
    return out;
  }
  if (!(X > 0)) return null;
  const R = Y / X;
  for (const [k, p] of d.psus) out.set(k, { stratum: p.stratum, e: (p.v[0]! - R * p.v[1]!) / X });
  return out;
}

/** Degrees of freedom of a domain: PSUs with rows in it minus their strata. */
export function dfOf(domains: readonly Domain[]): number {
  const seen = new Map<string, string>();
  for (const d of domains) for (const [k, p] of d.psus) if (p.v[2]! > 0) seen.set(k, p.stratum);
  return domainDf(seen.values());
}

/** Estimate one domain. */
export function estimate(def: IndicatorDefinition, d: Domain | undefined, strata: ReadonlyMap<string, StratumInfo>, options: EstimateOptions = {}): Estimate {
  const level = options.level ?? 0.95;
  const t = d?.totals ?? new Float64Array(10);
  const Y = t[SLOT.y]!;
  const X = t[SLOT.x]!;
  const n = t[SLOT.n]!;
  const df = d ? dfOf([d]) : 0;
  const base = { numerator: Y, denominator: X, unknown: t[SLOT.unknown]!, n, nNumerator: t[SLOT.nNumerator]!, df };
  const infl = d ? influenceOf(def, d) : null;
  if (!infl || !(X > 0)) return { ...base, value: null, se: null, ci: { low: null, high: null }, deff: null, flag: n < 30 ? 'low_n' : null };
  const v = linearizedVariance(infl, strata);
  const count = def.kind === 'count';
  const R = count ? Y : Y / X;
  const factor = count ? 1 : def.factor;
  const value = R * factor;
  const se = Math.sqrt(v) * factor;

  // Design effect as R's deff = TRUE: the design variance over the variance of the same
  // estimator under simple random sampling without replacement of the domain's rows.
  let deff: number | null = null;
  const W = t[SLOT.w]!;
  if (d && W > n && n > 1 && t[SLOT.w]! > 0) {
    const Sz = count ? t[SLOT.yD]! : t[SLOT.yD]! - R * X;
    const Szz = count ? t[SLOT.yy]! : t[SLOT.yy]! - 2 * R * t[SLOT.xy]! + R * R * t[SLOT.xx]!;
    const s2 = ((n / (n - 1)) * (Szz - (Sz * Sz) / W)) / W;
    const vsrs = (s2 * W * (W - n)) / n;
    const vTotal = count ? v : v * X * X;
    if (vsrs > 0) deff = vTotal / vsrs;
  }

  let ci: Interval;
  if (def.kind === 'rate') {
    const p = R;
    const sp = Math.sqrt(v);
    const method = options.method ?? 'logit';
    const raw =
      method === 'logit' ? logitInterval(p, sp, df, level) : method === 'wilson' ? designWilsonInterval(p, sp, n, level) : kornGraubardInterval(p, sp, n, df, level);
    ci = { low: raw.low === null ? null : raw.low * factor, high: raw.high === null ? null : raw.high * factor };
  } else ci = waldInterval(value, se, df, level);

  const flags: string[] = [];
  if (n < 30) flags.push('low_n');
  if (value !== 0 && se / Math.abs(value) > 0.3) flags.push('high_rse');
  return { ...base, value, se, ci, deff, flag: flags.length ? flags.join(';') : null };
}
