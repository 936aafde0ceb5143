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
  const rows = publishedRows(full, totals, breakdown);
  const equations = [...hierarchyEquations(dataset, rows), ...(totals ? totalEquations(rows) : [])];
  const reasons = suppressCells(rows.cells, equations, threshold);
  return publishedTable(rows, reasons, breakdown, levels);
}

const TOTAL = '\u0002';
const KEY_SEP = '\u0001';

/** The rows of `full` then those of `totals`, as cells with a key per (indicator, period, breakdown tuple, level, area). */
function publishedRows(full: ResultTable, totals: ResultTable | null, breakdown: readonly string[]) {
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
  const id = col('indicator_id');
  const period = col('period');
  const level = col('level');
  const area = col('area_code');
  const count = col(survey ? 'n' : 'numerator');
  const den = col(survey ? 'n' : 'denominator');
  const bget = breakdown.map((name) => col(name));
  const cells: Cell[] = new Array(nAll);
  for (let i = 0; i < nAll; i++) cells[i] = { count: Number(count(i) ?? 0), denominator: Number(den(i) ?? 0) };
  const tupleOf = (i: number): string => (i >= nFull ? TOTAL : bget.length === 1 ? String(bget[0]!(i) ?? '\u0003') : JSON.stringify(bget.map((g) => g(i) ?? null)));
  const key = (i: number, tuple: string, lev: unknown, code: unknown): string => `${id(i)}${KEY_SEP}${period(i) ?? ''}${KEY_SEP}${tuple}${KEY_SEP}${lev}${KEY_SEP}${code}`;
  const tuples = new Array<string>(nAll);
  const index = new Map<string, number>();
  for (let i = 0; i < nAll; i++) {
    tuples[i] = tupleOf(i);
    index.set(key(i, tuples[i]!, level(i), area(i)), i);
  }
  return { survey, nFull, nAll, col, level, area, bget, cells, tuples, index, key };
}

type PublishedRows = ReturnType<typeof publishedRows>;

const addTo = (m: Map<number, number[]>, parent: number | undefined, child: number): void => {
  if (parent === undefined) return;
  let g = m.get(parent);
  if (!g) m.set(parent, (g = []));
  g.push(child);
};

/** parent area = Σ child areas, for every cell, from the sites' hierarchy. */
function hierarchyEquations(dataset: Dataset, r: PublishedRows): Equation[] {
  const h = hierarchy(dataset);
  const parentOf = new Map<string, string>();
  for (const s of h.areas('site')) {
    const chain = PUBLISH_LEVELS.map((l) => h.areaOf(l, s.code));
    for (let k = 1; k < chain.length; k++) parentOf.set(`${PUBLISH_LEVELS[k]}:${chain[k]}`, chain[k - 1]!);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < r.nAll; i++) {
    const lev = r.level(i) as Level;
    const k = PUBLISH_LEVELS.indexOf(lev);
    if (k <= 0) continue;
    const p = parentOf.get(`${lev}:${r.area(i)}`);
    if (p !== undefined) addTo(groups, r.index.get(r.key(i, r.tuples[i]!, PUBLISH_LEVELS[k - 1], p)), i);
  }
  return [...groups].map(([parent, children]) => ({ parent, children }));
}

/** The total of an area over the breakdown's values = Σ its cells per value. */
function totalEquations(r: PublishedRows): Equation[] {
  const byTotal = new Map<number, number[]>();
  for (let i = 0; i < r.nFull; i++) addTo(byTotal, r.index.get(r.key(i, TOTAL, r.level(i), r.area(i))), i);
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
