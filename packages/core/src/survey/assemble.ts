/**
 * The tidy result of design-based estimation: the register's columns (numerator and
 * denominator become weighted totals) plus `se`, `ci_low`, `ci_high`, `df`, `deff`, `n`
 * (rows of the domain in the sample) and `flag` (reliability).
 */
import type { FrameSums } from '../engines/engine.js';
import type { Plan } from '../plan/plan.js';
import { hierarchy } from '../result/areas.js';
import { ResultRows, type ResultTable } from '../result/assemble.js';
import { reportPeriods } from '../result/rollup.js';
import type { PreparedDesign } from './design.js';
import { domainKey, domainsOf, estimate, strataOf, type EstimateOptions } from './estimate.js';

/** Columns a design adds to the result, in order. */
export const SURVEY_COLUMNS = ['se', 'ci_low', 'ci_high', 'df', 'deff', 'n', 'flag'] as const;

/** Roll per-PSU sums up into design-based estimates at the plan's level. */
export function assembleSurvey(plan: Plan, prepared: PreparedDesign, sums: readonly FrameSums[], options: EstimateOptions = {}): ResultTable {
  const h = hierarchy(prepared.dataset);
  const areas = h.areas(plan.level);
  const out = new ResultRows(plan.breakdown, SURVEY_COLUMNS, new Set(['flag']));
  for (const pi of plan.indicators) {
    const def = pi.definition;
    const periods = reportPeriods(plan, pi.periodic);
    const domains = domainsOf(plan, h, sums, pi);
    const tuples = new Map<string, (string | null)[]>();
    for (const d of domains.values()) tuples.set(JSON.stringify(d.tuple), [...d.tuple]);
    if (tuples.size === 0) tuples.set(JSON.stringify(plan.breakdown.map(() => null)), plan.breakdown.map(() => null));
    const tupleList = [...tuples.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const area of areas)
      for (const p of periods) {
        const strata = strataOf(prepared, p);
        for (const [, tuple] of tupleList) {
          const e = estimate(def, domains.get(domainKey(area.code, p, tuple)), strata, options);
          out.push(def, plan.level, area, p, e, tuple, { se: e.se, ci_low: e.ci.low, ci_high: e.ci.high, df: e.df, deff: e.deff, n: e.n, flag: e.flag });
        }
      }
  }
  return out.table();
}
