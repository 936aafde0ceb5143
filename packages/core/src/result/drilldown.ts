/**
 * Drill-down lists from row states: engines return the state of each row (`Engine.rows`);
 * this module alone filters them, sorts them and writes their texts (through `messages/`).
 */
import { Table, type StructRowProxy, type Utf8 } from 'apache-arrow';
import type { Dataset } from '../dataset.js';
import type { Engine, RowStates } from '../engines/engine.js';
import { ROW_STATE } from '../engines/engine.js';
import type { EngineName } from '../engines/registry.js';
import { HoufuError } from '../errors.js';
import { utf8Vector } from '../io/build.js';
import { ERROR_TEXT } from '../messages/index.js';
import { DRILLDOWN_TEXT } from '../messages/drilldown.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { planRows, type RowsPlan } from '../plan/plan.js';
import { hierarchy } from './areas.js';
import { textOrder } from './order.js';

/** Options of drill-down lists. */
export interface DrillDownOptions {
  /** Only this site. */
  readonly site?: string;
  /** Only this county (six-digit code). */
  readonly county?: string;
  /** Only this prefecture (six-digit code). */
  readonly prefecture?: string;
  /** Only this period (YYYY-MM). */
  readonly period?: string;
  /** Which households: failing, unknown, or both (default). */
  readonly status?: 'failed' | 'unknown' | 'both';
  /** Engine: `kernel` (default), `arquero`, another engine name, or an engine object that lists rows. */
  readonly engine?: EngineName | Engine;
}

/** Columns of the drill-down table, in order. */
export const DRILLDOWN_COLUMNS = [
  'indicator_id',
  'household_id',
  'period',
  'site_id',
  'site_name',
  'county_code',
  'county_name',
  'prefecture_code',
  'prefecture_name',
  'status',
  'reason',
  'reason_zh',
  'details',
] as const;

/** Arrow types of the drill-down columns: all text; `period`, names and `details` may be null. */
export type DrillDownSchema = { [K in (typeof DRILLDOWN_COLUMNS)[number]]: Utf8 };

/** A drill-down list: an Arrow table, one row per household failing (or unknown on) a must. */
export interface DrillDownTable extends Table<DrillDownSchema> {
  /** The rows, typed (Arrow's own iterator is typed `any`). */
  [Symbol.iterator](): IterableIterator<StructRowProxy<DrillDownSchema>>;
}

/** One drill-down row as a plain object (`toObjects` of a {@link DrillDownTable}). */
export interface DrillDownRow {
  /** Indicator id. */
  indicator_id: string;
  /** Household id. */
  household_id: string;
  /** Period (YYYY-MM), or null. */
  period: string | null;
  /** Site id. */
  site_id: string;
  /** Site name, or null. */
  site_name: string | null;
  /** County code, or null. */
  county_code: string | null;
  /** County name, or null. */
  county_name: string | null;
  /** Prefecture code, or null. */
  prefecture_code: string | null;
  /** Prefecture name, or null. */
  prefecture_name: string | null;
  /** Whether the household fails the must or is unknown on it. */
  status: 'failed' | 'unknown';
  /** Why, in English. */
  reason: string;
  /** Why, in Chinese. */
  reason_zh: string;
  /** Counts behind the reason, or null. */
  details: string | null;
}

/** The rows plan of a household must: universe, outcome, then each component. */
export function drillDownPlan(dataset: Dataset, def: IndicatorDefinition): RowsPlan {
  if (def.unit !== 'household' || !def.classify) throw new HoufuError('invalid_request', ERROR_TEXT.notHouseholdMust(def.id));
  return planRows(dataset, 'households', [def.classify.universe, def.classify.outcome, ...def.components.map((c) => c.holds)], def.id);
}

interface Entry {
  readonly row: number;
  readonly site: string;
  readonly county: string | null;
  readonly status: 'failed' | 'unknown';
  readonly key: string;
}

/** The rows failing (or unknown on) the must, within the options' areas and period, sorted by county, site, id, period. */
function selectRows(dataset: Dataset, states: RowStates, options: DrillDownOptions): Entry[] {
  const h = hierarchy(dataset);
  const [u, o] = states.states as [ArrayLike<number>, ArrayLike<number>];
  const want = options.status ?? 'both';
  const entries: Entry[] = [];
  for (let i = 0; i < states.id.length; i++) {
    const uu = u[i]!;
    if (uu === ROW_STATE.false) continue;
    const oo = uu === ROW_STATE.unknown ? ROW_STATE.unknown : o[i]!;
    if (oo === ROW_STATE.true) continue;
    const status = oo === ROW_STATE.false ? 'failed' : 'unknown';
    if (want !== 'both' && want !== status) continue;
    const site = String(states.site[i]);
    const p = states.period[i] ?? null;
    if (options.period !== undefined && p !== options.period) continue;
    if (options.site !== undefined && site !== options.site) continue;
    const county = h.areaOf('county', site) ?? null;
    if (options.county !== undefined && county !== options.county) continue;
    if (options.prefecture !== undefined && h.areaOf('prefecture', site) !== options.prefecture) continue;
    entries.push({ row: i, site, county, status, key: `${h.areaOf('county', site)}\u0000${site}\u0000${states.id[i]}\u0000${p ?? ''}` });
  }
  return entries.sort((a, b) => textOrder(a.key, b.key));
}

/** The drill-down table of a household must from its row states. */
export function drillDownTable(dataset: Dataset, def: IndicatorDefinition, rp: RowsPlan, states: RowStates, options: DrillDownOptions = {}): DrillDownTable {
  const h = hierarchy(dataset);
  const names = (level: 'site' | 'county' | 'prefecture') => new Map(h.areas(level).map((a) => [a.code, a.name]));
  const siteNames = names('site');
  const countyNames = names('county');
  const prefNames = names('prefecture');
  const parts = def.components.map((c, i) => ({ c, v: states.states[i + 2]! }));
  const labels = rp.frame.quantifiers.filter((q) => q.node.label).map((q) => ({ label: q.node.label!, kind: q.node.kind, counts: states.counts[q.id]! }));
  const cols: Record<string, (string | null)[]> = Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, []]));
  for (const e of selectRows(dataset, states, options)) {
    const bad = parts.filter((p) => p.v[e.row] === (e.status === 'failed' ? ROW_STATE.false : ROW_STATE.unknown));
    const reason = DRILLDOWN_TEXT.reason(def.reasons ? def.reasons[e.status] : DRILLDOWN_TEXT.status(e.status), bad.map((p) => p.c.name));
    const details = DRILLDOWN_TEXT.details(labels.map((l) => DRILLDOWN_TEXT.detail(l.label, (l.kind === 'any' ? l.counts.t : l.counts.f)[e.row]!, l.counts.u[e.row]!)));
    const pref = h.areaOf('prefecture', e.site) ?? null;
    const values: Record<(typeof DRILLDOWN_COLUMNS)[number], string | null> = {
      indicator_id: def.id,
      household_id: states.id[e.row]!,
      period: states.period[e.row] ?? null,
      site_id: e.site,
      site_name: siteNames.get(e.site) ?? null,
      county_code: e.county,
      county_name: e.county === null ? null : (countyNames.get(e.county) ?? null),
      prefecture_code: pref,
      prefecture_name: pref === null ? null : (prefNames.get(pref) ?? null),
      status: e.status,
      reason: reason.en,
      reason_zh: reason.zh,
      details,
    };
    for (const c of DRILLDOWN_COLUMNS) cols[c]!.push(values[c]);
  }
  return new Table(Object.fromEntries(DRILLDOWN_COLUMNS.map((c) => [c, utf8Vector(cols[c]!)]))) as unknown as DrillDownTable;
}
