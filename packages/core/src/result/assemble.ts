/**
 * From engine sums to the tidy result: rollups up the area hierarchy as ratios of sums,
 * values, targets and status. One row per (indicator, level, area, period, breakdown).
 */
import { Float64, Table, type StructRowProxy, type Utf8, type Vector } from 'apache-arrow';
import { numberVector, utf8Vector } from '../io/build.js';
import type { Dataset } from '../dataset.js';
import type { FrameSums } from '../engines/engine.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { Level, MeasureRef, Plan } from '../plan/plan.js';
import { hierarchy, type Hierarchy } from './areas.js';

/** Status of a result against its target. */
export type Status = 'met' | 'not_met' | 'no_data' | 'no_target' | 'suppressed';

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

const SEP = '\u0001';

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
  return { fs, frame, values };
}

/**
 * The (area, period, breakdown tuple) combinations engine groups add to, numbered once; per frame
 * and list of periods, the combinations each group adds to (flattened, `width` per group).
 */
class Combos {
  readonly index = new Map<string, number>();
  readonly tuple: string[] = [];
  readonly tupleOf = new Map<string, (string | null)[]>();
  private readonly targets = new Map<string, { width: number; index: Int32Array }>();

  constructor(
    private readonly plan: Plan,
    private readonly h: Hierarchy,
    private readonly sums: readonly FrameSums[],
  ) {}

  key(area: string, p: string | null, tkey: string): string {
    return `${area}${SEP}${p ?? ''}${SEP}${tkey}`;
  }

  private combo(area: string, p: string | null, tkey: string): number {
    const k = this.key(area, p, tkey);
    let i = this.index.get(k);
    if (i === undefined) {
      this.index.set(k, (i = this.tuple.length));
      this.tuple.push(tkey);
    }
    return i;
  }

  targetsOf(f: number, periods: readonly (string | null)[]): { width: number; index: Int32Array } {
    const fs = this.sums[f]!;
    const frame = this.plan.frames[f]!;
    const key = `${f}${SEP}${frame.periodic ? '' : periods.join(SEP)}`;
    let t = this.targets.get(key);
    if (t) return t;
    const width = frame.periodic ? 1 : periods.length;
    const index = new Int32Array(fs.group.length * width).fill(-1);
    for (let g = 0; g < fs.group.length; g++) {
      const area = this.h.areaOf(this.plan.level, fs.group[g]!);
      if (area === undefined) continue;
      const tuple = fs.breakdown.map((b) => b[g] ?? null);
      const tkey = fs.breakdown.length ? JSON.stringify(tuple) : '[]';
      if (!this.tupleOf.has(tkey)) this.tupleOf.set(tkey, tuple);
      if (frame.periodic) index[g] = this.combo(area, fs.period[g] ?? null, tkey);
      else for (let j = 0; j < width; j++) index[g * width + j] = this.combo(area, periods[j]!, tkey);
    }
    this.targets.set(key, (t = { width, index }));
    return t;
  }
}

/** One indicator's numerator, denominator and unknown per combination (3 slots each), and the breakdown tuples it reaches. */
function indicatorSums(
  plan: Plan,
  sums: readonly FrameSums[],
  combos: Combos,
  pi: Plan['indicators'][number],
  periods: readonly (string | null)[],
): { sumsOf: Float64Array; tuples: Map<string, (string | null)[]> } {
  const tuples = new Map<string, (string | null)[]>();
  let sumsOf: Float64Array = new Float64Array(0);
  const add = (ref: MeasureRef | null, slot: 0 | 1 | 2): void => {
    if (!ref) return;
    const { fs, values } = measureValues(plan, sums, ref);
    const { width, index } = combos.targetsOf(ref.frame, periods);
    if (sumsOf.length < combos.tuple.length * 3) {
      const grown = new Float64Array(combos.tuple.length * 3 + 3);
      grown.set(sumsOf);
      sumsOf = grown;
    }
    for (let g = 0; g < fs.group.length; g++) {
      const v = values[g] ?? 0;
      if (v === 0) continue;
      for (let j = 0; j < width; j++) {
        const c = index[g * width + j]!;
        if (c < 0) break;
        sumsOf[c * 3 + slot]! += v;
        const tkey = combos.tuple[c]!;
        if (!tuples.has(tkey)) tuples.set(tkey, combos.tupleOf.get(tkey)!);
      }
    }
  };
  add(pi.numerator, 0);
  add(pi.denominator, 1);
  add(pi.unknown, 2);
  if (tuples.size === 0) tuples.set(JSON.stringify(plan.breakdown.map(() => null)), plan.breakdown.map(() => null));
  return { sumsOf, tuples };
}

/** Result columns being filled: the one place result rows are written. */
export class ResultRows {
  readonly cols: Record<string, unknown[]> = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, []]));
  readonly bcols: (string | null)[][];
  constructor(readonly breakdown: readonly string[]) {
    this.bcols = breakdown.map(() => []);
  }
  /** One row: an indicator's sums at an area, period and breakdown tuple; value and status follow from them. */
  push(def: IndicatorDefinition, level: Level, area: { code: string; name: string | null }, period: string | null, a: readonly [number, number, number], tuple: readonly (string | null)[]): void {
    const value = valueOf(def, a[0], a[1]);
    const c = this.cols;
    c.indicator_id!.push(def.id);
    c.level!.push(level);
    c.area_code!.push(area.code);
    c.area_name!.push(area.name);
    c.period!.push(period);
    c.numerator!.push(a[0]);
    c.denominator!.push(a[1]);
    c.unknown!.push(a[2]);
    c.value!.push(value);
    c.target!.push(def.target ? def.target.value : null);
    c.status!.push(statusOf(def, value));
    tuple.forEach((v, i) => this.bcols[i]!.push(v));
  }
  table(): ResultTable {
    return makeResultTable(this.cols, this.breakdown, this.bcols);
  }
}

/** Roll sums up to the plan's level over a given hierarchy (e.g. one a cube carries). */
export function assembleWith(plan: Plan, h: Hierarchy, sums: readonly FrameSums[]): ResultTable {
  const level = plan.level;
  const areas = h.areas(level);
  const out = new ResultRows(plan.breakdown);
  // Every (area, period, breakdown tuple) an engine group adds to gets a number, once: the
  // sums of each measure are then added into flat arrays.
  const combos = new Combos(plan, h, sums);
  for (const pi of plan.indicators) {
    const periods: (string | null)[] = pi.periodic && plan.periods.length ? [...plan.periods] : [null];
    const { sumsOf, tuples } = indicatorSums(plan, sums, combos, pi, periods);
    const tupleList = [...tuples.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const area of areas)
      for (const p of periods)
        for (const [tkey, tuple] of tupleList) {
          const c = combos.index.get(combos.key(area.code, p, tkey));
          const a: [number, number, number] = c === undefined || c * 3 + 2 >= sumsOf.length ? [0, 0, 0] : [sumsOf[c * 3]!, sumsOf[c * 3 + 1]!, sumsOf[c * 3 + 2]!];
          out.push(pi.definition, level, area, p, a, tuple);
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
