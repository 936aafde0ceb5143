/**
 * Safe publication of results: cells are computed at every level of the hierarchy
 * (province > prefecture > county > site) and, with a breakdown, also as totals over its
 * values; suppression is decided on that whole lattice (see `cells.ts`), so that no
 * published cell can be recovered by subtracting visible cells from a total published at any
 * level. The requested rows (with a breakdown, also the totals over its values, breakdown
 * value `(all)`) come back with a `suppressed` column (the reason, or null);
 * a hidden cell's counts, value and interval are null and its status is `suppressed`.
 */
import type { Dataset } from '../dataset.js';
import { HoufuError } from '../errors.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import type { Level } from '../plan/plan.js';
import { hierarchy } from '../result/areas.js';
import { makeResultTable, RESULT_COLUMNS, type ResultTable } from '../result/assemble.js';
import { toObjects } from '../result/format.js';
import { SURVEY_COLUMNS } from '../survey/assemble.js';
import { suppressCells, type Cell, type Equation } from './cells.js';

/** The levels suppression works over, from the top. */
export const PUBLISH_LEVELS: readonly Level[] = ['province', 'prefecture', 'county', 'site'];

/** Breakdown value of the total rows a suppressed result with a breakdown includes. */
export const BREAKDOWN_TOTAL = '(all)';

/** The default threshold of primary suppression. */
export const DEFAULT_THRESHOLD = 10;

/** Check a threshold (a positive integer). */
export function checkThreshold(t: number): number {
  if (!Number.isInteger(t) || t < 1) throw new HoufuError('invalid_request', SURVEY_TEXT.badThreshold(String(t)));
  return t;
}

const TOTAL = '\u0000total';
type Row = Record<string, unknown>;

/**
 * Apply suppression. `full` holds the rows at every PUBLISH_LEVEL (with the breakdown),
 * `totals` the same without the breakdown (null when there is none); the rows of `levels`
 * are returned.
 */
export function applySuppression(
  dataset: Dataset,
  full: ResultTable,
  totals: ResultTable | null,
  breakdown: readonly string[],
  levels: readonly Level[],
  threshold: number,
): ResultTable {
  const survey = full.schema.fields.some((f) => f.name === 'se');
  const rows = toObjects<Row>(full);
  const totalRows = totals ? toObjects<Row>(totals) : [];
  const all = [...rows, ...totalRows];
  const cells: Cell[] = all.map((r) =>
    survey
      ? { count: Number(r['n'] ?? 0), denominator: Number(r['n'] ?? 0) }
      : { count: Number(r['numerator'] ?? 0), denominator: Number(r['denominator'] ?? 0) },
  );
  const tupleOf = (r: Row, i: number): string => (i >= rows.length ? TOTAL : JSON.stringify(breakdown.map((b) => r[b] ?? null)));
  const index = new Map<string, number>();
  const key = (id: unknown, period: unknown, tuple: string, level: unknown, area: unknown): string => JSON.stringify([id, period ?? null, tuple, level, area]);
  all.forEach((r, i) => index.set(key(r['indicator_id'], r['period'], tupleOf(r, i), r['level'], r['area_code']), i));

  // Parents in the area hierarchy, from the sites.
  const h = hierarchy(dataset);
  const parentOf = new Map<string, string>();
  for (const s of h.areas('site')) {
    const chain = PUBLISH_LEVELS.map((l) => h.areaOf(l, s.code));
    for (let k = 1; k < chain.length; k++) parentOf.set(`${PUBLISH_LEVELS[k]}:${chain[k]}`, chain[k - 1]!);
  }
  const groups = new Map<number, number[]>();
  const addChild = (parent: number | undefined, child: number): void => {
    if (parent === undefined) return;
    let g = groups.get(parent);
    if (!g) groups.set(parent, (g = []));
    g.push(child);
  };
  const equations: Equation[] = [];
  all.forEach((r, i) => {
    const level = r['level'] as Level;
    const k = PUBLISH_LEVELS.indexOf(level);
    if (k > 0) {
      const p = parentOf.get(`${level}:${r['area_code']}`);
      if (p !== undefined) addChild(index.get(key(r['indicator_id'], r['period'], tupleOf(r, i), PUBLISH_LEVELS[k - 1], p)), i);
    }
  });
  for (const [parent, children] of groups) equations.push({ parent, children });
  // The total of an area over the breakdown's values.
  if (totals) {
    const byTotal = new Map<number, number[]>();
    rows.forEach((r, i) => {
      const t = index.get(key(r['indicator_id'], r['period'], TOTAL, r['level'], r['area_code']));
      if (t === undefined) return;
      let g = byTotal.get(t);
      if (!g) byTotal.set(t, (g = []));
      g.push(i);
    });
    for (const [parent, children] of byTotal) equations.push({ parent, children });
  }
  const reasons = suppressCells(cells, equations, threshold);

  // The totals over the breakdown's values are returned too (breakdown value `(all)`): they are
  // part of what suppression protected, and must be published from the same decision.
  const keep = all.map((r, i) => [r, i] as const).filter(([r]) => levels.includes(r['level'] as Level));
  const cols: Record<string, unknown[]> = {};
  const extra = survey ? [...SURVEY_COLUMNS, 'suppressed'] : ['suppressed'];
  for (const c of [...RESULT_COLUMNS, ...extra]) cols[c] = [];
  const hide = new Set(['numerator', 'denominator', 'unknown', 'value', 'se', 'ci_low', 'ci_high', 'deff', 'n']);
  for (const [r, i] of keep) {
    const why = reasons[i] ?? null;
    for (const c of [...RESULT_COLUMNS, ...extra]) {
      if (c === 'suppressed') cols[c]!.push(why);
      else if (why !== null && hide.has(c)) cols[c]!.push(null);
      else if (why !== null && c === 'status') cols[c]!.push('suppressed');
      else cols[c]!.push(r[c] ?? null);
    }
  }
  const bcols = breakdown.map((b) => keep.map(([r, i]) => (i >= rows.length ? BREAKDOWN_TOTAL : ((r[b] ?? null) as string | null))));
  return makeResultTable(cols, breakdown, bcols, extra, new Set(['flag', 'suppressed']));
}
