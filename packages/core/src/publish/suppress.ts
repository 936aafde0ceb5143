/**
 * Safe publication of results: cells are computed at every level of the hierarchy
 * (province > prefecture > county > site) and, with a breakdown, also as totals over its
 * values; suppression is decided on that whole lattice (see `cells.ts`), so that no
 * published cell can be recovered by subtracting visible cells from a total published at any
 * level. The requested rows (with a breakdown, also the totals over its values, breakdown
 * value `(all)`) come back with a `suppressed` column (the reason, or null);
 * a hidden cell's counts, value and interval are null and its status is `suppressed`.
 */
import { HoufuError } from '../errors.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import type { Level } from '../plan/plan.js';
import { hierarchy } from '../result/areas.js';
import { makeResultTable, RESULT_COLUMNS, type ResultTable } from '../result/assemble.js';
import { arrowColumns, type Dataset } from '../dataset.js';
import { SURVEY_COLUMNS } from '../survey/assemble.js';
import { suppressCells, type Cell, type Equation, type SuppressionReason } from './cells.js';

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
  const rows = publishedRows(dataset, full, totals, breakdown);
  const equations = [...hierarchyEquations(rows), ...(totals ? totalEquations(rows) : [])];
  const reasons = suppressCells(rows.cells, equations, threshold);
  return publishedTable(rows, reasons, breakdown, levels);
}

/**
 * The rows of `full` then those of `totals`, as cells, each with numeric coordinates: indicator,
 * period, breakdown tuple (0: the total over the breakdown's values), level and the hierarchy's
 * area number; `index` finds a row from its coordinates.
 */
function publishedRows(dataset: Dataset, full: ResultTable, totals: ResultTable | null, breakdown: readonly string[]) {
  const survey = full.schema.fields.some((f) => f.name === 'se');
  // Work on columns: the rows of `full`, then those of `totals`.
  const a = arrowColumns(full);
  const b = totals ? arrowColumns(totals) : null;
  const nFull = full.numRows;
  const nAll = nFull + (totals?.numRows ?? 0);
  const col = (name: string): ((i: number) => unknown) => {
    const x = a[name];
    const y = b?.[name];
    return (i) => (i < nFull ? x?.[i] : y?.[i - nFull]);
  };
  const level = col('level');
  const count = col(survey ? 'n' : 'numerator');
  const den = col(survey ? 'n' : 'denominator');
  const bget = breakdown.map((name) => col(name));
  const cells: Cell[] = new Array(nAll);
  // The count columns are always there; a null count is 0 (Number(null)).
  for (let i = 0; i < nAll; i++) cells[i] = { count: Number(count(i)), denominator: Number(den(i)) };
  const h = hierarchy(dataset);
  const numbering = <T>(get: (i: number) => T, first?: T): Int32Array => {
    const ids = new Map<T, number>(first === undefined ? [] : [[first, 0]]);
    return Int32Array.from({ length: nAll }, (_, i) => {
      const v = get(i);
      let n = ids.get(v);
      if (n === undefined) ids.set(v, (n = ids.size));
      return n;
    });
  };
  const area = col('area_code');
  const coords = {
    indicator: numbering(col('indicator_id')),
    period: numbering(col('period')),
    // Tuple 0 is the total over the breakdown's values (the rows of `totals`).
    tuple: numbering((i) => (i >= nFull ? '' : JSON.stringify(bget.map((g) => g(i) ?? null))), ''),
    level: Int32Array.from({ length: nAll }, (_, i) => PUBLISH_LEVELS.indexOf(level(i) as Level)),
    area: Int32Array.from({ length: nAll }, (_, i) => h.index(level(i) as Level).of(String(area(i)))),
  };
  const dims = [coords.indicator, coords.period, coords.tuple, coords.level, coords.area].map((c) => c.reduce((m, v) => Math.max(m, v), 0) + 1) as [number, number, number, number, number];
  const key = (ind: number, per: number, tuple: number, lev: number, ar: number): number => (((ind * dims[1] + per) * dims[2] + tuple) * dims[3] + lev) * dims[4] + ar;
  const index = new Map<number, number>();
  for (let i = 0; i < nAll; i++) index.set(key(coords.indicator[i]!, coords.period[i]!, coords.tuple[i]!, coords.level[i]!, coords.area[i]!), i);
  /** The row of row i's cell with another tuple, level and area (undefined: none). */
  const find = (i: number, tuple: number, lev: number, ar: number): number | undefined => index.get(key(coords.indicator[i]!, coords.period[i]!, tuple, lev, ar));
  return { survey, nFull, nAll, col, level, bget, cells, coords, find, h };
}

type PublishedRows = ReturnType<typeof publishedRows>;

const addTo = (m: Map<number, number[]>, parent: number | undefined, child: number): void => {
  // Every level holds every area, so the total row is always found; should it not be, no equation is made.
  /* v8 ignore next -- a guard: no usable dataset reaches it */
  if (parent === undefined) return;
  let g = m.get(parent);
  if (!g) m.set(parent, (g = []));
  g.push(child);
};

/** parent area = Σ child areas, for every cell, from the hierarchy's numbered areas. */
function hierarchyEquations(r: PublishedRows): Equation[] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < r.nAll; i++) {
    const k = r.coords.level[i]!;
    const ar = r.coords.area[i]!;
    if (k <= 0 || ar < 0) continue;
    const parent = r.h.index(PUBLISH_LEVELS[k]!).parent[ar]!;
    // Every area below the top has a parent (its sites name one at every level).
    /* v8 ignore else -- a guard: no usable dataset reaches it */
    if (parent >= 0) addTo(groups, r.find(i, r.coords.tuple[i]!, k - 1, parent), i);
  }
  return [...groups].map(([parent, children]) => ({ parent, children }));
}

/** The total of an area over the breakdown's values = Σ its cells per value. */
function totalEquations(r: PublishedRows): Equation[] {
  const byTotal = new Map<number, number[]>();
  for (let i = 0; i < r.nFull; i++) addTo(byTotal, r.find(i, 0, r.coords.level[i]!, r.coords.area[i]!), i);
  return [...byTotal].map(([parent, children]) => ({ parent, children }));
}

/**
 * The cells of the requested levels with hidden values blanked. The totals over the breakdown's
 * values are returned too (breakdown value `(all)`): they are part of what suppression protected,
 * and must be published from the same decision.
 */
function publishedTable(r: PublishedRows, reasons: readonly (SuppressionReason | null)[], breakdown: readonly string[], levels: readonly Level[]): ResultTable {
  const keep: number[] = [];
  for (let i = 0; i < r.nAll; i++) if (levels.includes(r.level(i) as Level)) keep.push(i);
  const extra = r.survey ? [...SURVEY_COLUMNS, 'suppressed'] : ['suppressed'];
  const hide = new Set(['numerator', 'denominator', 'unknown', 'value', 'se', 'ci_low', 'ci_high', 'deff', 'n']);
  const cols: Record<string, unknown[]> = {};
  for (const c of [...RESULT_COLUMNS, ...extra]) {
    const get = c === 'suppressed' ? null : r.col(c);
    cols[c] = keep.map((i) => {
      const why = reasons[i] ?? null;
      if (c === 'suppressed') return why;
      if (why !== null && hide.has(c)) return null;
      if (why !== null && c === 'status') return 'suppressed';
      return get!(i) ?? null;
    });
  }
  const bcols = r.bget.map((g) => keep.map((i) => (i >= r.nFull ? BREAKDOWN_TOTAL : ((g(i) ?? null) as string | null))));
  return makeResultTable(cols, breakdown, bcols, extra, new Set(['flag', 'suppressed']));
}
