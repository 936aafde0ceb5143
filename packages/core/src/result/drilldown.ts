/** The shape of drill-down lists, shared by every engine. */

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
  /** Engine: `kernel` (default) or `arquero`. */
  readonly engine?: 'kernel' | 'arquero';
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

