/**
 * From engine sums to the tidy result: rollups up the area hierarchy as ratios of sums,
 * values, targets and status. One row per (indicator, level, area, period, breakdown).
 */
import { Float64, Table, type StructRowProxy, type Utf8, type Vector } from 'apache-arrow';
import { numberVector, utf8Vector } from '../io/build.js';
import type { Dataset } from '../dataset.js';
import type { FrameSums } from '../engines/engine.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { Level, MeasureRef, Plan, PlanIndicator } from '../plan/plan.js';
import { hierarchy, type Hierarchy } from './areas.js';
import { textOrder } from './order.js';
import { Cells, reportPeriods } from './rollup.js';

export type { Status } from '../model/vocabulary.js';
import type { Status } from '../model/vocabulary.js';

/** Arrow types of the result columns. */
export type ResultSchema = {
  indicator_id: Utf8;
  level: Utf8;
  area_code: Utf8;
  area_name: Utf8;
  period: Utf8;
  numerator: Float64;
  denominator: Float64;
  unknown: Float64;
  value: Float64;
  target: Float64;
  status: Utf8;
};

/** The tidy result: an Arrow table, one row per indicator × area × period (× breakdown). */
export interface ResultTable extends Table<ResultSchema> {
  /** The rows, typed (Arrow's own iterator is typed `any`). */
  [Symbol.iterator](): IterableIterator<StructRowProxy<ResultSchema>>;
}

/** One result row as a plain object. */
export interface ResultRow {
  /** Indicator id. */
  indicator_id: string;
  /** Level of the area. */
  level: string;
  /** Area code. */
  area_code: string;
  /** Area name, or null. */
  area_name: string | null;
  /** Period (YYYY-MM), or null. */
  period: string | null;
  /** Sum of numerators. */
  numerator: number;
  /** Sum of denominators. */
  denominator: number;
  /** Rows left out as unknown. */
  unknown: number;
  /** numerator / denominator × factor (the count for count indicators); null when the denominator is 0. */
  value: number | null;
  /** The target, or null. */
  target: number | null;
  /** Status against the target. */
  status: Status;
  /** Breakdown columns, when requested. */
  [breakdown: string]: string | number | null;
}

/** The fixed result columns, in order (breakdown columns follow `period`). */
export const RESULT_COLUMNS = [
  'indicator_id',
  'level',
  'area_code',
  'area_name',
  'period',
  'numerator',
  'denominator',
  'unknown',
  'value',
  'target',
  'status',
] as const;

/** Status of a value against an indicator's target. */
export function statusOf(def: IndicatorDefinition, value: number | null): Status {
  if (value === null) return 'no_data';
  if (!def.target) return 'no_target';
  return (def.target.direction === 'at_least' ? value >= def.target.value : value <= def.target.value) ? 'met' : 'not_met';
}

/** The value of an indicator from its sums; null when the denominator is 0. */
export function valueOf(def: IndicatorDefinition, numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return def.kind === 'count' ? numerator : (numerator / denominator) * def.factor;
}

/** Roll the engine's sums up to the plan's level and build the result table. */
export function assemble(plan: Plan, dataset: Dataset, sums: readonly FrameSums[]): ResultTable {
  return assembleWith(plan, hierarchy(dataset), sums);
}

/**
 * The sums an engine returned for one measure of the plan, with its frame's sums: the one place
 * a measure reference is resolved (assemble, cubes and survey estimates), refusing a result that
 * does not match the plan.
 */
export function measureValues(plan: Plan, sums: readonly FrameSums[], ref: MeasureRef): { fs: FrameSums; frame: Plan['frames'][number]; values: ArrayLike<number> } {
  const fs = sums[ref.frame];
  const frame = plan.frames[ref.frame];
  if (!fs || !frame) throw new Error('engine result does not match the plan');
  const values = fs.sums[ref.measure];
  if (!values) throw new Error(`engine result lacks measure ${ref.measure}`);
  // A short array would read as zeros: a wrong number, not an error.
  if (values.length !== fs.group.length) throw new Error(`engine result has ${values.length} sums of measure ${ref.measure} for ${fs.group.length} groups`);
  return { fs, frame, values };
}

/**
 * One indicator's numerator, denominator and unknown per cell (3 slots each), and the numbers of
 * the breakdown tuples it reaches (at least one: all nulls when it reaches none).
 */
export function indicatorSums(plan: Plan, sums: readonly FrameSums[], cells: Cells, pi: PlanIndicator, periods: readonly (string | null)[]): { sumsOf: Float64Array; tuples: number[] } {
  const reached = new Set<number>();
  let sumsOf: Float64Array = new Float64Array(0);
  const add = (ref: MeasureRef | null, slot: 0 | 1 | 2): void => {
    if (!ref) return;
    const { fs, values } = measureValues(plan, sums, ref);
    const { width, index } = cells.ofFrame(ref.frame, periods);
    if (sumsOf.length < cells.size * 3) {
      const grown = new Float64Array(cells.size * 3 + 3);
      grown.set(sumsOf);
      sumsOf = grown;
    }
    for (let g = 0; g < fs.group.length; g++) {
      const v = values[g]!;
      if (v === 0) continue;
      for (let j = 0; j < width; j++) {
        const c = index[g * width + j]!;
        if (c < 0) break;
        sumsOf[c * 3 + slot]! += v;
        reached.add(cells.tupleOf(c));
      }
    }
  };
  add(pi.numerator, 0);
  add(pi.denominator, 1);
  add(pi.unknown, 2);
  if (reached.size === 0) reached.add(cells.tupleId(plan.breakdown.map(() => null)));
  const tuples = [...reached].sort((x, y) => textOrder(cells.tupleKeys[x]!, cells.tupleKeys[y]!));
  return { sumsOf, tuples };
}

/** The counts and value of one result row. */
export interface RowValues {
  /** Sum of numerators (a weighted total for estimates). */
  readonly numerator: number;
  /** Sum of denominators. */
  readonly denominator: number;
  /** Rows left out as unknown. */
  readonly unknown: number;
  /** The value; null when the denominator is 0. */
  readonly value: number | null;
}

/** Result columns being filled: the one place result rows are written (with any extra columns, e.g. a survey's). */
export class ResultRows {
  readonly cols: Record<string, unknown[]>;
  readonly bcols: (string | null)[][];
  constructor(
    readonly breakdown: readonly string[],
    readonly extra: readonly string[] = [],
    private readonly text: ReadonlySet<string> = new Set(),
  ) {
    this.cols = Object.fromEntries([...RESULT_COLUMNS, ...extra].map((c) => [c, []]));
    this.bcols = breakdown.map(() => []);
  }
  /** One row: an indicator's counts and value at an area, period and breakdown tuple; its target and status follow; `more` fills the extra columns. */
  push(def: IndicatorDefinition, level: Level, area: { code: string; name: string | null }, period: string | null, v: RowValues, tuple: readonly (string | null)[], more: Readonly<Record<string, unknown>> = {}): void {
    const c = this.cols;
    c.indicator_id!.push(def.id);
    c.level!.push(level);
    c.area_code!.push(area.code);
    c.area_name!.push(area.name);
    c.period!.push(period);
    c.numerator!.push(v.numerator);
    c.denominator!.push(v.denominator);
    c.unknown!.push(v.unknown);
    c.value!.push(v.value);
    c.target!.push(def.target ? def.target.value : null);
    c.status!.push(statusOf(def, v.value));
    for (const x of this.extra) c[x]!.push(more[x] ?? null);
    tuple.forEach((t, i) => this.bcols[i]!.push(t));
  }
  table(): ResultTable {
    return makeResultTable(this.cols, this.breakdown, this.bcols, this.extra, this.text);
  }
}

/** Roll sums up to the plan's level over a given hierarchy (e.g. one a cube carries). */
export function assembleWith(plan: Plan, h: Hierarchy, sums: readonly FrameSums[]): ResultTable {
  const out = new ResultRows(plan.breakdown);
  // Every (area, period, breakdown tuple) an engine group adds to is a numbered cell: the sums of
  // each measure are then added into flat arrays.
  const cells = new Cells(plan, h, sums);
  const { areas } = cells.areas;
  for (const pi of plan.indicators) {
    const periods = reportPeriods(plan, pi.periodic);
    const { sumsOf, tuples } = indicatorSums(plan, sums, cells, pi, periods);
    for (let a = 0; a < areas.length; a++)
      for (const p of periods)
        for (const t of tuples) {
          const c = cells.find(a, p, t);
          const v: [number, number, number] = c < 0 || c * 3 + 2 >= sumsOf.length ? [0, 0, 0] : [sumsOf[c * 3]!, sumsOf[c * 3 + 1]!, sumsOf[c * 3 + 2]!];
          out.push(pi.definition, plan.level, areas[a]!, p, { numerator: v[0], denominator: v[1], unknown: v[2], value: valueOf(pi.definition, v[0], v[1]) }, cells.tuples[t]!);
        }
  }
  return out.table();
}

const FLOAT = new Set(['numerator', 'denominator', 'unknown', 'value', 'target']);

/**
 * Build a result table from columns (fixed columns, then breakdown columns after `period`,
 * then `extra` columns taken from `cols`: numbers, or text for the names in `text`).
 */
export function makeResultTable(
  cols: Record<string, unknown[]>,
  breakdown: readonly string[],
  bcols: (string | null)[][],
  extra: readonly string[] = [],
  text: ReadonlySet<string> = new Set(),
): ResultTable {
  const vectors: Record<string, Vector> = {};
  for (const c of RESULT_COLUMNS) {
    vectors[c] = FLOAT.has(c) ? numberVector(cols[c] ?? [], new Float64()) : utf8Vector(cols[c] ?? []);
    if (c === 'period') breakdown.forEach((b, i) => (vectors[b] = utf8Vector(bcols[i] ?? [])));
  }
  for (const c of extra) vectors[c] = text.has(c) ? utf8Vector(cols[c] ?? []) : numberVector(cols[c] ?? [], new Float64());
  return new Table(vectors) as unknown as ResultTable;
}

/** Concatenate result tables (e.g. several levels). */
export function concatResults(tables: readonly ResultTable[]): ResultTable {
  if (tables.length === 1) return tables[0] as ResultTable;
  const first = tables[0];
  if (!first) return makeResultTable({}, [], []);
  return tables.slice(1).reduce((a, b) => a.concat(b) as ResultTable, first);
}
