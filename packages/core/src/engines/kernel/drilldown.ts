/**
 * Drill-down with the kernel: the households failing (or unknown on) a household must,
 * from the same three-valued vectors the indicators are counted with.
 */
import { Table } from 'apache-arrow';
import { utf8Vector } from '../../io/build.js';
import { hasColumn, type Dataset } from '../../dataset.js';
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';
import type { IndicatorDefinition } from '../../model/indicator.js';
import { planRows } from '../../plan/plan.js';
import type { Expr } from '../../model/expr.js';
import { hierarchy } from '../../result/areas.js';
import { DRILLDOWN_COLUMNS, type DrillDownOptions } from '../../result/drilldown.js';
import { encoded, F, T, U } from './encode.js';
import { Evaluator, valueOf } from './evaluate.js';
import { groupIndex, rows } from './links.js';

/** The households failing or unknown on a household indicator, as an Arrow table of text columns. */
export function failingHouseholdsTable(dataset: Dataset, def: IndicatorDefinition, options: DrillDownOptions = {}): Table {
  if (def.unit !== 'household' || !def.classify) throw new HoufuError('invalid_request', ERROR_TEXT.notHouseholdMust(def.id));
  const rowsPlan = planRows(dataset, 'households', [def.classify.universe, def.classify.outcome, ...def.components.map((c) => c.holds)], def.id);
  const [universe, outcome, ...holds] = rowsPlan.exprs as [Expr, Expr, ...Expr[]];
  const frame = rowsPlan.frame;
  const ev = new Evaluator(dataset);
  const u = ev.bool('households', universe);
  const o = ev.bool('households', outcome);
  const parts = def.components.map((c, i) => ({ c, v: ev.bool('households', holds[i]!) }));
  const labels = frame.quantifiers
    .filter((q) => q.node.label)
    .map((q) => ({ label: q.node.label!, kind: q.node.kind, counts: ev.counts('households', q.node) }));

  const h = hierarchy(dataset);
  const names = (level: 'site' | 'county' | 'prefecture') => new Map(h.areas(level).map((a) => [a.code, a.name]));
  const siteNames = names('site');
  const countyNames = names('county');
  const prefNames = names('prefecture');
  const siteRow = groupIndex(dataset, 'households', 'site');
  const siteIds = encoded(dataset, 'sites', 'site_id');
  const ids = dataset.tables.households!.getChild('household_id')!;
  const period = hasColumn(dataset, 'households', 'period') ? encoded(dataset, 'households', 'period') : undefined;
  const want = options.status ?? 'both';

  interface Entry {
    row: number;
    site: string;
    county: string | null;
    id: string;
    period: string | null;
    status: 'failed' | 'unknown';
  }
  const entries: Entry[] = [];
  const n = rows(dataset, 'households');
  for (let i = 0; i < n; i++) {
    const uu = u[i]!;
    if (uu === F) continue;
    const oo = uu === U ? U : o[i]!;
    if (oo === T) continue;
    const status = oo === F ? 'failed' : 'unknown';
    if (want !== 'both' && want !== status) continue;
    const s = siteRow[i]!;
    const site = String(s < 0 ? null : valueOf(siteIds, s));
    const p = period ? (valueOf(period, i) as string | null) : null;
    if (options.period !== undefined && p !== options.period) continue;
    if (options.site !== undefined && site !== options.site) continue;
    const county = h.areaOf('county', site) ?? null;
    if (options.county !== undefined && county !== options.county) continue;
    if (options.prefecture !== undefined && h.areaOf('prefecture', site) !== options.prefecture) continue;
    entries.push({ row: i, site, county, id: String(ids.get(i)), period: p, status });
  }
  const key = (e: Entry) => `${h.areaOf('county', e.site)}\u0000${e.site}\u0000${e.id}\u0000${e.period ?? ''}`;
  const keyed = entries.map((e) => ({ e, k: key(e) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));

  const cols: Record<string, (string | null)[]> = Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, []]));
  for (const { e } of keyed) {
    const bad = parts.filter((p) => p.v[e.row] === (e.status === 'failed' ? F : U));
    const reasons = def.reasons ? def.reasons[e.status] : { zh: e.status, en: e.status };
    const reason = bad.length ? `${reasons.en}: ${bad.map((p) => p.c.name.en).join(', ')}` : reasons.en;
    const reasonZh = bad.length ? `${reasons.zh}：${bad.map((p) => p.c.name.zh).join('、')}` : reasons.zh;
    const details = labels
      .map((l) => {
        const count = (l.kind === 'any' ? l.counts.t : l.counts.f)[e.row]!;
        const unknown = l.counts.u[e.row]!;
        return `${l.label.en}: ${count}${unknown ? ` (+${unknown} unknown)` : ''}`;
      })
      .join('; ');
    const pref = h.areaOf('prefecture', e.site) ?? null;
    const values: Record<string, string | null> = {
      indicator_id: def.id,
      household_id: e.id,
      period: e.period,
      site_id: e.site,
      site_name: siteNames.get(e.site) ?? null,
      county_code: e.county,
      county_name: e.county === null ? null : (countyNames.get(e.county) ?? null),
      prefecture_code: pref,
      prefecture_name: pref === null ? null : (prefNames.get(pref) ?? null),
      status: e.status,
      reason,
      reason_zh: reasonZh,
      details,
    };
    for (const c of DRILLDOWN_COLUMNS) cols[c]!.push(values[c] ?? null);
  }
  return new Table(Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, utf8Vector(cols[c]!)])));
}
