/**
 * Comparisons: the difference A − B of an indicator between two groups (two values of a
 * breakdown column) or two periods, per area. With a design, both estimates come from the
 * same PSUs, so the difference is linearized jointly: e_hj = e^A_hj − e^B_hj, which carries
 * their covariance. Register data (no design) give the exact difference, with no SE.
 */
import { Float64, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { Dataset } from '../dataset.js';
import { assertEngineFor } from '../engines/bound.js';
import type { Engine } from '../engines/engine.js';
import { resolveEngine, type EngineName } from '../engines/registry.js';
import { assertUsable } from '../plan/usable.js';
import { checkBreakdownNames, computeLevels } from '../result/levels.js';
import type { SurveyDesign } from './design.js';
import { HoufuError } from '../errors.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { Level } from '../plan/plan.js';
import { hierarchy } from '../result/areas.js';
import { toObjects } from '../result/format.js';
import type { ResultRow } from '../result/assemble.js';
import { checkSurveyOptions, planSurvey } from './compute.js';
import { prepareDesign } from './design.js';
import { dfOf, domainKey, domainsOf, estimate, influenceOf, strataOf } from './estimate.js';
import { linearizedVariance, type Influence } from './linearize.js';
import { qt } from './intervals.js';

/** What to compare: two values of a breakdown column, or two periods. */
export type Comparison =
  | { /** Breakdown column (`trained`, `sites.site_type`, …). */ readonly breakdown: string; /** Its two values, A then B. */ readonly values: readonly [string, string] }
  | { /** Two periods (YYYY-MM), A then B. */ readonly periods: readonly [string, string] };

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Engine name or object (default: the kernel without a design, arquero with one). */
  readonly engine?: EngineName | Engine;
  /** A sample design: the difference gets its standard error and interval. */
  readonly design?: SurveyDesign;
  /** With a design: confidence level (default 0.95). */
  readonly confidence?: number;
  /** Level of the areas. */
  readonly by: Level;
  /** The two groups. */
  readonly compare: Comparison;
}

/** Columns of a comparison table, in order. */
export const COMPARE_COLUMNS = [
  'indicator_id', 'level', 'area_code', 'area_name', 'compared', 'a', 'b', 'period',
  'value_a', 'value_b', 'difference', 'se', 'ci_low', 'ci_high', 'df',
] as const;

const TEXT = new Set(['indicator_id', 'level', 'area_code', 'area_name', 'compared', 'a', 'b', 'period']);

type Row = Record<(typeof COMPARE_COLUMNS)[number], string | number | null>;

function table(rows: readonly Row[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of COMPARE_COLUMNS) vectors[c] = vectorFromArray(rows.map((r) => r[c]), TEXT.has(c) ? new Utf8() : new Float64());
  return new Table(vectors);
}

/**
 * The difference A − B of each indicator per area, with its standard error and interval
 * when the data are a sample (a `design`), exactly otherwise.
 * @example
 * await compare(ds, [trainingRate], { by: 'county', compare: { breakdown: 'sites.site_type', values: ['urban', 'rural'] }, design })
 */
export async function compare(dataset: Dataset, indicators: readonly IndicatorDefinition[], options: CompareOptions): Promise<Table> {
  const spec = comparedGroups(dataset, options.compare);
  return table(options.design ? await compareDesign(dataset, indicators, options, options.design, spec) : await compareRegister(dataset, indicators, options, spec));
}

/** The two groups of a comparison, checked. */
interface Compared {
  readonly byBreakdown: boolean;
  /** The breakdown column, or `period`. */
  readonly compared: string;
  readonly a: string;
  readonly b: string;
  /** Breakdown of the computation: the compared column, or none. */
  readonly breakdown: readonly string[];
}

function comparedGroups(dataset: Dataset, c: Comparison): Compared {
  const byBreakdown = 'breakdown' in c;
  if (byBreakdown ? !(c.values?.length === 2) : !('periods' in c && c.periods?.length === 2))
    throw new HoufuError('invalid_request', SURVEY_TEXT.compareSpec('give a breakdown column with two values, or two periods'));
  const [a, b] = byBreakdown ? c.values : c.periods;
  if (!byBreakdown) for (const p of [a, b]) if (!dataset.periods.includes(p)) throw new HoufuError('invalid_request', SURVEY_TEXT.compareNotFound(`period ${p}`));
  return { byBreakdown, compared: byBreakdown ? c.breakdown : 'period', a, b, breakdown: byBreakdown ? [c.breakdown] : [] };
}

/** Register data: the exact difference of the two computed values, no SE. */
async function compareRegister(dataset: Dataset, indicators: readonly IndicatorDefinition[], options: CompareOptions, spec: Compared): Promise<Row[]> {
  const { byBreakdown, compared, a, b, breakdown } = spec;
  assertUsable(dataset);
  checkBreakdownNames(breakdown);
  const engine = await resolveEngine(options.engine);
  assertEngineFor(dataset, engine.name);
  const result = toObjects<ResultRow>(await computeLevels(dataset, indicators, engine, [options.by], breakdown));
  const column = breakdown[0];
  const rows: Row[] = [];
  const index = new Map<string, (typeof result)[number]>();
  const keyOf = (id: string, area: string, period: string | null, group: string | null): string => JSON.stringify([id, area, period, group]);
  for (const r of result) index.set(keyOf(r.indicator_id, r.area_code, r.period, column !== undefined ? (r[column] as string | null) : null), r);
  const seen = new Set<string>();
  for (const r of result) {
    const period = byBreakdown ? r.period : null;
    const k = JSON.stringify([r.indicator_id, r.area_code, period]);
    if (seen.has(k)) continue;
    seen.add(k);
    const ra = index.get(byBreakdown ? keyOf(r.indicator_id, r.area_code, period, a) : keyOf(r.indicator_id, r.area_code, a, null));
    const rb = index.get(byBreakdown ? keyOf(r.indicator_id, r.area_code, period, b) : keyOf(r.indicator_id, r.area_code, b, null));
    const va = ra?.value ?? null;
    const vb = rb?.value ?? null;
    rows.push({
      indicator_id: r.indicator_id, level: r.level, area_code: r.area_code, area_name: r.area_name, compared, a, b, period,
      value_a: va, value_b: vb, difference: va === null || vb === null ? null : va - vb, se: null, ci_low: null, ci_high: null, df: null,
    });
  }
  return rows;
}

/** A sample: both estimates from the same PSUs, their difference linearized jointly. */
async function compareDesign(
  dataset: Dataset,
  indicators: readonly IndicatorDefinition[],
  options: CompareOptions,
  design: SurveyDesign,
  spec: Compared,
): Promise<Row[]> {
  const { byBreakdown, compared, a, b, breakdown } = spec;
  const rows: Row[] = [];
  const engine = await resolveEngine(options.engine ?? 'arquero'); // weighted sums per PSU: the arquero engine
  checkSurveyOptions({ breakdown, ...(options.confidence !== undefined ? { confidence: options.confidence } : {}) }, engine);
  const level = options.confidence ?? 0.95;
  const prepared = prepareDesign(dataset, design);
  const plan = planSurvey(prepared, indicators, options.by, breakdown);
  const sums = await engine.run(plan, prepared.dataset);
  const h = hierarchy(prepared.dataset);
  for (const pi of plan.indicators) {
    const def = pi.definition;
    const domains = domainsOf(plan, h, sums, pi);
    const periods: (string | null)[] = byBreakdown ? (pi.periodic && plan.periods.length ? [...plan.periods] : [null]) : [null];
    for (const area of h.areas(options.by))
      for (const period of periods) {
        const da = domains.get(byBreakdown ? domainKey(area.code, period, [a]) : domainKey(area.code, a, []));
        const db = domains.get(byBreakdown ? domainKey(area.code, period, [b]) : domainKey(area.code, b, []));
        const strata = byBreakdown ? strataOf(prepared, period) : prepared.strataAll;
        const ea = estimate(def, da, byBreakdown ? strata : strataOf(prepared, a));
        const eb = estimate(def, db, byBreakdown ? strata : strataOf(prepared, b));
        const ia = da ? influenceOf(def, da) : null;
        const ib = db ? influenceOf(def, db) : null;
        const df = dfOf([da, db].filter((d) => d !== undefined));
        const { diff, se, low, high } =
          ea.value !== null && eb.value !== null && ia && ib
            ? jointDifference(ea.value - eb.value, ia, ib, strata, df, level, def.kind === 'count' ? 1 : def.factor)
            : { diff: null, se: null, low: null, high: null };
        rows.push({
          indicator_id: def.id, level: options.by, area_code: area.code, area_name: area.name, compared, a, b, period,
          value_a: ea.value, value_b: eb.value, difference: diff, se, ci_low: low, ci_high: high, df,
        });
      }
  }
  return rows;
}

/** The difference A − B with the SE of its joint linearization (e_hj = e^A_hj − e^B_hj) and its interval. */
function jointDifference(
  diff: number,
  ia: Influence,
  ib: Influence,
  strata: Parameters<typeof linearizedVariance>[1],
  df: number,
  level: number,
  factor: number,
): { diff: number; se: number; low: number | null; high: number | null } {
  const pos = new Map<number, number>();
  const joint = { psu: [] as number[], stratum: [] as string[], e: [] as number[] };
  const put = (infl: Influence, sign: number): void => {
    for (let i = 0; i < infl.e.length; i++) {
      const id = infl.psu[i]!;
      let at = pos.get(id);
      if (at === undefined) {
        pos.set(id, (at = joint.e.length));
        joint.psu.push(id);
        joint.stratum.push(infl.stratum[i]!);
        joint.e.push(0);
      }
      joint.e[at]! += sign * infl.e[i]!;
    }
  };
  put(ia, 1);
  put(ib, -1);
  const se = Math.sqrt(linearizedVariance(joint, strata)) * factor;
  if (!(df > 0)) return { diff, se, low: null, high: null };
  const t = qt(1 - (1 - level) / 2, df);
  return { diff, se, low: diff - t * se, high: diff + t * se };
}
