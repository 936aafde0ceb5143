/**
 * Design-based estimates from the engine's per-PSU sums: domain totals per area × period ×
 * breakdown, the ratio (or total), its linearized standard error, degrees of freedom,
 * design effect and confidence interval, and reliability flags.
 */
import type { FrameSums } from '../engines/engine.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { MeasureRef, Plan, PlanIndicator } from '../plan/plan.js';
import type { Hierarchy } from '../result/areas.js';
import { measureValues } from '../result/assemble.js';
import { Cells, reportPeriods } from '../result/rollup.js';
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
  /** PSU ids with rows in the domain (ids of the plan's sums: the same PSU has the same id in every domain). */
  readonly psu: readonly number[];
  /** Stratum of each PSU. */
  readonly stratum: readonly string[];
  /** Per PSU: y, x, n (three values each). */
  readonly v: readonly number[];
}

const SEP = '\u0001';

/** The key of a domain. */
export const domainKey = (area: string, period: string | null, tuple: readonly (string | null)[]): string =>
  `${area}${SEP}${period ?? ''}${SEP}${JSON.stringify(tuple)}`;

/** Domain and PSU of each entry of each frame, resolved once for all indicators. */
interface FrameIndex {
  /** Domain id (the rollup's cell) per entry × period slot, `[g * slots + k]` (−1: outside every area). */
  readonly domain: Int32Array;
  /** (Domain, PSU) cell id per entry × period slot (−1: outside every area). */
  readonly cell: Int32Array;
  /** Number of period slots (1 for monthly frames). */
  readonly slots: number;
  /** PSU id per entry. */
  readonly psu: Int32Array;
}

/** The domains and PSUs met in a plan's sums. */
interface SurveyIndex {
  /** By domain id (the rollup's cell number); absent for cells no design frame reaches. */
  readonly domains: ({ area: string; period: string | null; tuple: (string | null)[]; key: string } | undefined)[];
  readonly psus: { key: string; stratum: string }[];
  readonly frames: (FrameIndex | undefined)[];
  /** PSU id of each (domain, PSU) cell. */
  readonly cellPsu: number[];
  /** Cell ids of each domain. */
  readonly domainCells: number[][];
}

const indexes = new WeakMap<readonly FrameSums[], Map<string, SurveyIndex>>();

function surveyIndex(plan: Plan, h: Hierarchy, sums: readonly FrameSums[]): SurveyIndex {
  let perSums = indexes.get(sums);
  if (!perSums) indexes.set(sums, (perSums = new Map()));
  const cacheKey = `${plan.level}${SEP}${plan.periods.join(',')}`;
  const hit = perSums.get(cacheKey);
  if (hit) return hit;
  const psuIds = new Map<string, number>();
  const index: SurveyIndex = { domains: [], psus: [], frames: [], cellPsu: [], domainCells: [] };
  // Domains are the rollup's cells (area × period × breakdown tuple, on numeric keys).
  const cells = new Cells(plan, h, sums);
  const cellIds = new Map<number, number>();
  sums.forEach((fs, f) => {
    const frame = plan.frames[f];
    if (!frame || !fs.design) return;
    const n = fs.group.length;
    const { width: slots, index: domain } = cells.ofFrame(f, frame.periodic ? [null] : reportPeriods(plan, true));
    const cell = new Int32Array(n * slots).fill(-1);
    const psu = new Int32Array(n);
    for (let g = 0; g < n; g++) {
      // PSUs are nested in strata (checked when the design is prepared): the PSU names itself.
      const pk = fs.design.psu[g]!;
      let pid = psuIds.get(pk);
      if (pid === undefined) {
        psuIds.set(pk, (pid = index.psus.length));
        index.psus.push({ key: `${fs.design.strata[g]}${SEP}${pk}`, stratum: fs.design.strata[g]! });
      }
      psu[g] = pid;
      for (let k = 0; k < slots; k++) {
        const id = domain[g * slots + k]!;
        if (id < 0) continue;
        while (index.domains.length <= id) {
          index.domains.push(undefined);
          index.domainCells.push([]);
        }
        if (index.domains[id] === undefined) {
          const d = cells.describe(id);
          const area = cells.areas.areas[d.area]!.code;
          const tuple = cells.tuples[d.tuple]!;
          index.domains[id] = { area, period: d.period, tuple, key: domainKey(area, d.period, tuple) };
        }
        // Cells are keyed by domain × PSU; 2^26 PSUs is far beyond any sample.
        const ck = id * 67108864 + pid;
        let c = cellIds.get(ck);
        if (c === undefined) {
          cellIds.set(ck, (c = index.cellPsu.length));
          index.cellPsu.push(pid);
          index.domainCells[id]!.push(c);
        }
        cell[g * slots + k] = c;
      }
    }
    index.frames[f] = { domain, cell, slots, psu };
  });
  perSums.set(cacheKey, index);
  return index;
}

/** Gather the domains of one indicator from the engine's sums. */
export function domainsOf(plan: Plan, h: Hierarchy, sums: readonly FrameSums[], pi: PlanIndicator): Map<string, Domain> {
  const s = pi.survey;
  if (!s) throw new Error('the plan has no survey design');
  const index = surveyIndex(plan, h, sums);
  // Dense totals: 10 per domain, 3 (y, x, n) per (domain, PSU) cell.
  const totals = new Float64Array(10 * index.domains.length);
  const seen = new Uint8Array(index.domains.length);
  const cells = new Float64Array(3 * index.cellPsu.length);
  const add = (ref: MeasureRef | null, slot: number, psuSlot: number): void => {
    if (!ref) return;
    const { fs, values } = measureValues(plan, sums, ref);
    const fi = index.frames[ref.frame];
    if (!fs.design || !fi) throw new Error('engine result lacks the design keys of a design-based plan');
    const n = fs.group.length;
    for (let g = 0; g < n; g++) {
      const v = values[g] ?? 0;
      if (v === 0) continue;
      for (let k = 0; k < fi.slots; k++) {
        const id = fi.domain[g * fi.slots + k]!;
        if (id < 0) continue;
        seen[id] = 1;
        totals[10 * id + slot]! += v;
        if (psuSlot >= 0) cells[3 * fi.cell[g * fi.slots + k]! + psuSlot]! += v;
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
  const out = new Map<string, Domain>();
  for (let id = 0; id < index.domains.length; id++) {
    if (!seen[id]) continue;
    const info = index.domains[id]!;
    const psu: number[] = [];
    const stratum: string[] = [];
    const v: number[] = [];
    for (const c of index.domainCells[id]!) {
      const y = cells[3 * c]!, x = cells[3 * c + 1]!, nn = cells[3 * c + 2]!;
      if (y === 0 && x === 0 && nn === 0) continue;
      const pid = index.cellPsu[c]!;
      psu.push(pid);
      stratum.push(index.psus[pid]!.stratum);
      v.push(y, x, nn);
    }
    out.set(info.key, { area: info.area, period: info.period, tuple: info.tuple, totals: totals.subarray(10 * id, 10 * id + 10), psu, stratum, v });
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
  const m = d.psu.length;
  const e = new Float64Array(m);
  if (def.kind === 'count') {
    for (let i = 0; i < m; i++) e[i] = d.v[3 * i]!;
    return { psu: d.psu, stratum: d.stratum, e };
  }
  if (!(X > 0)) return null;
  const R = Y / X;
  for (let i = 0; i < m; i++) e[i] = (d.v[3 * i]! - R * d.v[3 * i + 1]!) / X;
  return { psu: d.psu, stratum: d.stratum, e };
}

/** Degrees of freedom of a domain: PSUs with rows in it minus their strata. */
export function dfOf(domains: readonly Domain[]): number {
  const seen = new Map<number, string>();
  for (const d of domains) for (let i = 0; i < d.psu.length; i++) if (d.v[3 * i + 2]! > 0) seen.set(d.psu[i]!, d.stratum[i]!);
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
