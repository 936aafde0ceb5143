/**
 * Drill-down: the households that fail (or are unknown on) a household must, with
 * their site, county and the reason — the cadres' work list for "dynamic clearing".
 */
import * as aq from 'arquero';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Dataset } from '../../dataset.js';
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';
import type { IndicatorDefinition } from '../../model/indicator.js';
import { planRows } from '../../plan/plan.js';
import type { Expr } from '../../model/expr.js';
import { hierarchy } from '../../result/areas.js';
import { compileExpr } from '../evaluate.js';
import { keyNames, prepareFrame } from './index.js';

import { DRILLDOWN_COLUMNS, type DrillDownOptions } from '../../result/drilldown.js';

export { DRILLDOWN_COLUMNS, type DrillDownOptions };

type Row = Record<string, unknown>;

/** The households failing or unknown on a household indicator, as an Arrow table of text columns. */
export function failingHouseholdsTable(dataset: Dataset, def: IndicatorDefinition, options: DrillDownOptions = {}): Table {
  if (def.unit !== 'household' || !def.classify) throw new HoufuError('invalid_request', ERROR_TEXT.notHouseholdMust(def.id));
  const rowsPlan = planRows(dataset, 'households', [def.classify.universe, def.classify.outcome, ...def.components.map((c) => c.holds)], def.id);
  const [universe, outcome, ...holds] = rowsPlan.exprs as [Expr, Expr, ...Expr[]];
  const frame = rowsPlan.frame;
  const keys = keyNames(frame);
  const U = compileExpr('households', universe, keys);
  const O = compileExpr('households', outcome, keys);
  const parts = def.components.map((c, i) => ({ c, f: compileExpr('households', holds[i]!, keys) }));
  const h = hierarchy(dataset);
  const names = (level: 'site' | 'county' | 'prefecture') => new Map(h.areas(level).map((a) => [a.code, a.name]));
  const siteNames = names('site');
  const countyNames = names('county');
  const prefNames = names('prefecture');
  const keep = (site: string): boolean =>
    (options.site === undefined || site === options.site) &&
    (options.county === undefined || h.areaOf('county', site) === options.county) &&
    (options.prefecture === undefined || h.areaOf('prefecture', site) === options.prefecture);

  let t = prepareFrame(dataset, frame);
  t = t.filter(aq.escape((d: Row) => keep(String(d['__site'])) && (options.period === undefined || d['period'] === options.period)));
  const want = options.status ?? 'both';
  const labels = frame.quantifiers.filter((q) => q.node.label);
  const cols: Record<string, (string | null)[]> = Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, []]));
  const push = (row: Row, status: 'failed' | 'unknown'): void => {
    const site = String(row['__site']);
    const county = h.areaOf('county', site) ?? null;
    const pref = h.areaOf('prefecture', site) ?? null;
    const bad = parts.filter((p) => (status === 'failed' ? p.f(row) === false : p.f(row) === null));
    const reasons = def.reasons ? def.reasons[status] : { zh: status, en: status };
    const reason = bad.length ? `${reasons.en}: ${bad.map((p) => p.c.name.en).join(', ')}` : reasons.en;
    const reasonZh = bad.length ? `${reasons.zh}：${bad.map((p) => p.c.name.zh).join('、')}` : reasons.zh;
    const details = labels
      .map((q) => {
        const n = Number(row[`${q.id}_${q.node.kind === 'any' ? 't' : 'f'}`] ?? 0);
        const u = Number(row[`${q.id}_u`] ?? 0);
        return `${q.node.label!.en}: ${n}${u ? ` (+${u} unknown)` : ''}`;
      })
      .join('; ');
    const values: Record<string, string | null> = {
      indicator_id: def.id,
      household_id: String(row['household_id']),
      period: (row['period'] as string | undefined) ?? null,
      site_id: site,
      site_name: siteNames.get(site) ?? null,
      county_code: county,
      county_name: county === null ? null : (countyNames.get(county) ?? null),
      prefecture_code: pref,
      prefecture_name: pref === null ? null : (prefNames.get(pref) ?? null),
      status,
      reason,
      reason_zh: reasonZh,
      details,
    };
    for (const c of DRILLDOWN_COLUMNS) cols[c]!.push(values[c] ?? null);
  };
  const rows = t.objects() as Row[];
  rows.sort((a, b) => {
    const ka = `${h.areaOf('county', String(a['__site']))}\u0000${a['__site']}\u0000${a['household_id']}\u0000${a['period'] ?? ''}`;
    const kb = `${h.areaOf('county', String(b['__site']))}\u0000${b['__site']}\u0000${b['household_id']}\u0000${b['period'] ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const row of rows) {
    const u = U(row);
    if (u === false) continue;
    const o = u === null ? null : O(row);
    if (o === true) continue;
    const status = o === false ? 'failed' : 'unknown';
    if (want === 'both' || want === status) push(row, status);
  }
  return new Table(Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, vectorFromArray(cols[c]!, new Utf8())])));
}
