/**
 * The tidy result of design-based estimation: the register's columns (numerator and
 * denominator become weighted totals) plus `se`, `ci_low`, `ci_high`, `df`, `deff`, `n`
 * (rows of the domain in the sample) and `flag` (reliability).
 */
import type { FrameSums } from '../engines/engine.js';
import type { Plan } from '../plan/plan.js';
import { hierarchy } from '../result/areas.js';
import { makeResultTable, RESULT_COLUMNS, statusOf, type ResultTable } from '../result/assemble.js';
import type { PreparedDesign } from './design.js';
import { domainKey, domainsOf, estimate, strataOf, type EstimateOptions } from './estimate.js';

/** Columns a design adds to the result, in order. */
export const SURVEY_COLUMNS = ['se', 'ci_low', 'ci_high', 'df', 'deff', 'n', 'flag'] as const;

/** Roll per-PSU sums up into design-based estimates at the plan's level. */
export function assembleSurvey(plan: Plan, prepared: PreparedDesign, sums: readonly FrameSums[], options: EstimateOptions = {}): ResultTable {
  const h = hierarchy(prepared.dataset);
  const areas = h.areas(plan.level);
  const cols: Record<string, unknown[]> = {};
  for (const c of [...RESULT_COLUMNS, ...SURVEY_COLUMNS]) cols[c] = [];
  const bcols = plan.breakdown.map(() => [] as (string | null)[]);
  for (const pi of plan.indicators) {
    const def = pi.definition;
    const periods: (string | null)[] = pi.periodic && plan.periods.length ? [...plan.periods] : [null];
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
          cols.indicator_id!.push(def.id);
          cols.level!.push(plan.level);
          cols.area_code!.push(area.code);
          cols.area_name!.push(area.name);
          cols.period!.push(p);
          cols.numerator!.push(e.numerator);
          cols.denominator!.push(e.denominator);
          cols.unknown!.push(e.unknown);
          cols.value!.push(e.value);
          cols.target!.push(def.target ? def.target.value : null);
          cols.status!.push(statusOf(def, e.value));
          cols.se!.push(e.se);
          cols.ci_low!.push(e.ci.low);
          cols.ci_high!.push(e.ci.high);
          cols.df!.push(e.df);
          cols.deff!.push(e.deff);
          cols.n!.push(e.n);
          cols.flag!.push(e.flag);
          tuple.forEach((v, i) => bcols[i]!.push(v));
        }
      }
  }
  return makeResultTable(cols, plan.breakdown, bcols, SURVEY_COLUMNS, new Set(['flag']));
}
