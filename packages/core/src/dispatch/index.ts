/**
 * The monthly dispatch (每月一次调度): for one month against the month before, every
 * indicator for the province, each prefecture and county with its direction-aware change,
 * counties ranked, sites that fell below target or newly met it, for each household
 * indicator the households newly failing and newly cleared (动态清零), the demonstration
 * sites against the rest, and the open problems and tasks. Plain data; the CLI prints it.
 */
import type { Dataset } from '../dataset.js';
import { failingHouseholds } from '../drilldown.js';
import { columnValues, hasColumn } from '../engines/links.js';
import { HoufuError } from '../errors.js';
import type { IndicatorDefinition, LocalText } from '../model/indicator.js';
import { registers, periodEnd, type Registers } from '../registers/index.js';
import type { ResultRow } from '../result/assemble.js';
import { toObjects } from '../result/format.js';
import { compute } from '../compute.js';

/** Options of {@link dispatch}. */
export interface DispatchOptions {
  /** The month (YYYY-MM). */
  readonly period: string;
  /** The month compared with (default: the dataset's period before `period`). */
  readonly previous?: string;
  /** Household indicators whose failing households are followed (default: the household rates with a target). */
  readonly musts?: readonly IndicatorDefinition[];
}

/** How a value moved, by the indicator's target direction (improved/worsened) or without one (increased/decreased). */
export type Movement = 'improved' | 'worsened' | 'increased' | 'decreased' | 'unchanged' | 'no_data';

/** A movement's name in zh and en. */
export const MOVEMENT_TEXT: Readonly<Record<Movement, LocalText>> = {
  improved: { zh: '改善', en: 'improved' },
  worsened: { zh: '下降', en: 'worsened' },
  increased: { zh: '增加', en: 'increased' },
  decreased: { zh: '减少', en: 'decreased' },
  unchanged: { zh: '持平', en: 'unchanged' },
  no_data: { zh: '无数据', en: 'no data' },
};

/** One indicator in one area, this month and last. */
export interface IndicatorChange {
  /** Indicator id. */
  readonly indicator_id: string;
  /** province, prefecture or county. */
  readonly level: string;
  /** Area code. */
  readonly area_code: string;
  /** Area name. */
  readonly area_name: string | null;
  /** Value this month. */
  readonly value: number | null;
  /** Value last month. */
  readonly previous: number | null;
  /** value − previous (null unless both exist). */
  readonly change: number | null;
  /** The movement. */
  readonly movement: Movement;
  /** Status this month. */
  readonly status: string;
  /** Status last month. */
  readonly previous_status: string | null;
}

/** A county's place for one indicator. */
export interface CountyRank {
  /** County code. */
  readonly area_code: string;
  /** County name. */
  readonly area_name: string | null;
  /** Value this month. */
  readonly value: number | null;
  /** 1 = best this month (null without a value). */
  readonly rank: number | null;
  /** Rank last month. */
  readonly previous_rank: number | null;
}

/** A site whose status against a target changed. */
export interface SiteChange {
  /** Indicator id. */
  readonly indicator_id: string;
  /** Site id. */
  readonly site_id: string;
  /** Site name. */
  readonly site_name: string | null;
  /** Value this month. */
  readonly value: number | null;
  /** Value last month. */
  readonly previous: number | null;
}

/** Households of one household indicator whose state changed. */
export interface HouseholdChanges {
  /** Indicator id. */
  readonly indicator_id: string;
  /** Failing this month, not failing last month (or not there). */
  readonly newly_failing: readonly string[];
  /** Failing last month, met (or not applicable) this month. */
  readonly cleared: readonly string[];
  /** Failing last month, gone this month (moved out). */
  readonly left: readonly string[];
  /** Failing this month in all. */
  readonly failing: number;
}

/** Province values of the demonstration sites against the other sites. */
export interface DemoComparison {
  /** Indicator id. */
  readonly indicator_id: string;
  /** Value over the demonstration sites. */
  readonly demo: number | null;
  /** Value over the other sites. */
  readonly rest: number | null;
}

/** The monthly dispatch. */
export interface Dispatch {
  /** The month. */
  readonly period: string;
  /** The month compared with. */
  readonly previous: string;
  /** Every indicator at province, prefecture and county. */
  readonly changes: readonly IndicatorChange[];
  /** Counties ranked, per indicator with a target. */
  readonly rankings: readonly { readonly indicator_id: string; readonly counties: readonly CountyRank[] }[];
  /** Sites that fell below target / newly met it. */
  readonly sites: { readonly fell_below: readonly SiteChange[]; readonly newly_met: readonly SiteChange[] };
  /** Per household indicator: households newly failing, cleared and left. */
  readonly households: readonly HouseholdChanges[];
  /** Demonstration sites against the rest (province, this month). */
  readonly demonstration: readonly DemoComparison[];
  /** Open problems and tasks at the end of the month (registers as of its last day). */
  readonly open: { readonly asOf: string; readonly tasks: Registers['tasks']; readonly problems: Registers['inspections'] };
}


const key = (r: { indicator_id: string; level: string; area_code: string }): string => `${r.indicator_id}\u0000${r.level}\u0000${r.area_code}`;

/** How a value moved. */
export function movement(def: IndicatorDefinition, value: number | null, previous: number | null): Movement {
  if (value === null || previous === null) return 'no_data';
  const d = value - previous;
  if (Math.abs(d) <= 1e-12 * Math.max(1, Math.abs(value), Math.abs(previous))) return 'unchanged';
  if (!def.target) return d > 0 ? 'increased' : 'decreased';
  return (d > 0) === (def.target.direction === 'at_least') ? 'improved' : 'worsened';
}

/** Rank values, best first by the target direction (ties share a rank); nulls get null. */
function ranks(def: IndicatorDefinition, rows: readonly ResultRow[]): Map<string, number> {
  const sign = def.target?.direction === 'at_most' ? 1 : -1;
  const sorted = rows.filter((r) => r.value !== null).sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const out = new Map<string, number>();
  sorted.forEach((r, i) => out.set(r.area_code, i > 0 && sorted[i - 1]!.value === r.value ? out.get(sorted[i - 1]!.area_code)! : i + 1));
  return out;
}

/** Households present in a period. */
function householdsIn(ds: Dataset, period: string): Set<string> {
  const ids = columnValues(ds, 'households', 'household_id');
  const p = hasColumn(ds, 'households', 'period') ? columnValues(ds, 'households', 'period') : null;
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i++) if (!p || p[i] === period) out.add(String(ids[i]));
  return out;
}

/**
 * The monthly dispatch of a monthly dataset.
 * @example const d = await dispatch(ds, catalog, { period: '2019-12' });
 */
export async function dispatch(ds: Dataset, definitions: readonly IndicatorDefinition[], options: DispatchOptions): Promise<Dispatch> {
  const computeRows = async (d: Dataset, defs: readonly IndicatorDefinition[], o: { by: 'province' | readonly ('province' | 'prefecture' | 'county' | 'site')[]; breakdown?: readonly string[] }): Promise<ResultRow[]> =>
    toObjects<ResultRow>(await compute(d, [...defs], o.breakdown ? { by: o.by, breakdown: o.breakdown } : { by: o.by }));
  const { period } = options;
  const i = ds.periods.indexOf(period);
  const list = ds.periods.join(', ') || '—';
  if (i < 0) throw new HoufuError('invalid_request', { zh: `数据中没有 ${period} 期（已有：${list}）`, en: `the data have no period ${period} (periods: ${list})` });
  const previous = options.previous ?? ds.periods[i - 1];
  if (previous === undefined || !ds.periods.includes(previous))
    throw new HoufuError('invalid_request', { zh: `没有可与 ${period} 比较的月份：请用 --previous YYYY-MM 指定（已有：${list}）`, en: `no month to compare ${period} with: give --previous YYYY-MM (periods: ${list})` });
  const at = (rows: readonly ResultRow[], p: string) => rows.filter((r) => r.period === null || r.period === p);
  const byId = new Map(definitions.map((d) => [d.id, d]));

  const rows = await computeRows(ds, definitions, { by: ['province', 'prefecture', 'county', 'site'] });
  const now = at(rows, period);
  const before = new Map(at(rows, previous).map((r) => [key(r), r]));
  const changes: IndicatorChange[] = [];
  for (const r of now) {
    if (r.level === 'site') continue;
    const b = before.get(key(r));
    const prev = b?.value ?? null;
    changes.push({
      indicator_id: r.indicator_id, level: r.level, area_code: r.area_code, area_name: r.area_name,
      value: r.value, previous: prev, change: r.value !== null && prev !== null ? r.value - prev : null,
      movement: movement(byId.get(r.indicator_id)!, r.value, prev), status: r.status, previous_status: b?.status ?? null,
    });
  }

  const rankings = definitions.filter((d) => d.target).map((d) => {
    const counties = now.filter((r) => r.level === 'county' && r.indicator_id === d.id);
    const prevCounties = at(rows, previous).filter((r) => r.level === 'county' && r.indicator_id === d.id);
    const rank = ranks(d, counties);
    const prevRank = ranks(d, prevCounties);
    const list = counties.map((r) => ({ area_code: r.area_code, area_name: r.area_name, value: r.value, rank: rank.get(r.area_code) ?? null, previous_rank: prevRank.get(r.area_code) ?? null }));
    list.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.area_code < b.area_code ? -1 : 1));
    return { indicator_id: d.id, counties: list };
  });

  const fell_below: SiteChange[] = [];
  const newly_met: SiteChange[] = [];
  for (const r of now) {
    if (r.level !== 'site' || !byId.get(r.indicator_id)?.target) continue;
    const b = before.get(key(r));
    const change = { indicator_id: r.indicator_id, site_id: r.area_code, site_name: r.area_name, value: r.value, previous: b?.value ?? null };
    if (r.status === 'not_met' && b?.status === 'met') fell_below.push(change);
    if (r.status === 'met' && b?.status !== 'met') newly_met.push(change);
  }

  const musts = options.musts ?? definitions.filter((d) => d.unit === 'household' && d.kind === 'rate' && d.target && d.reasons);
  const presentNow = householdsIn(ds, period);
  const households: HouseholdChanges[] = [];
  for (const d of musts) {
    const list = async (p: string) => {
      const t = await failingHouseholds(ds, d, { period: p, status: 'both' });
      const ids = [...t.getChild('household_id')!].map(String);
      const st = [...t.getChild('status')!].map(String);
      return { failed: new Set(ids.filter((_, k) => st[k] === 'failed')), unknown: new Set(ids.filter((_, k) => st[k] === 'unknown')) };
    };
    const a = await list(period);
    const b = await list(previous);
    const sort = (xs: string[]) => xs.sort();
    households.push({
      indicator_id: d.id,
      newly_failing: sort([...a.failed].filter((h) => !b.failed.has(h))),
      cleared: sort([...b.failed].filter((h) => presentNow.has(h) && !a.failed.has(h) && !a.unknown.has(h))),
      left: sort([...b.failed].filter((h) => !presentNow.has(h))),
      failing: a.failed.size,
    });
  }

  const demoRows = at(await computeRows(ds, definitions, { by: 'province', breakdown: ['is_demo'] }), period);
  const demonstration = definitions.map((d) => ({
    indicator_id: d.id,
    demo: demoRows.find((r) => r.indicator_id === d.id && r['is_demo'] === 'true')?.value ?? null,
    rest: demoRows.find((r) => r.indicator_id === d.id && r['is_demo'] === 'false')?.value ?? null,
  }));

  const regs = registers(ds, { period, asOf: periodEnd(period) });
  return { period, previous, changes, rankings, sites: { fell_below, newly_met }, households, demonstration, open: { asOf: regs.asOf, tasks: regs.tasks, problems: regs.inspections } };
}
