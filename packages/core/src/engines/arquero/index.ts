/**
 * The arquero engine: in memory, zero setup, the reference engine. Each frame becomes an
 * arquero table of the counted rows with their parents' columns (gathered through row
 * links resolved once per dataset), child quantifiers counted per parent row, derived 0/1
 * measure columns and one grouped rollup of sums. Predicates run as escaped closures
 * compiled from the expression tree (no expression strings).
 */
import * as aq from 'arquero';
import type { Dataset } from '../../dataset.js';
import type { QuantifierExpr } from '../../model/expr.js';
import { byKind, quantifierId, type FrameDesign, type FramePlan, type KindHandlers, type Plan, type PlanMeasure, type SurveyDesignPart } from '../../plan/plan.js';
import type { TableName } from '../../schema/tables.js';
import { compileWith, indexAccessors, type KeyNames } from '../evaluate.js';
import type { Engine, FrameSums } from '../engine.js';
import { arqueroRowStates } from './drilldown.js';
import { columnValues, gather, hasColumn, parentRows, rowCount, siteRows, unitRows } from '../links.js';

type ATable = ReturnType<typeof aq.table>;
type Row = Record<string, unknown>;

/** A canonical table as an arquero table over its decoded columns. */
function tableOf(ds: Dataset, name: TableName): ATable {
  const t = ds.tables[name];
  if (!t) throw new Error(`table ${name} is not in the dataset`);
  const cols: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) cols[f.name] = columnValues(ds, name, f.name);
  return aq.table(cols) as ATable;
}

/** Row keys of a prepared frame, for compiling its expressions. */
export function keyNames(frame: FramePlan): KeyNames {
  return {
    column: (table, name) => (table === frame.table ? name : `${table}.${name}`),
    quantifier: (q: QuantifierExpr) => quantifierId(q),
  };
}

/** What each measure kind multiplies per row: the columns, and whether the weight. */
const MEASURE_FACTORS: KindHandlers<PlanMeasure, { columns: readonly string[]; weighted: boolean }> = {
  count: () => ({ columns: [], weighted: false }),
  sum: (m) => ({ columns: [m.column], weighted: false }),
  weightedSum: (m) => ({ columns: m.columns, weighted: true }),
};

/** The weight column of a frame's design, if any. */
const WEIGHT: KindHandlers<FrameDesign, string | null> = { none: () => null, survey: (d) => d.weight };

/**
 * The rows of a frame's table with everything its expressions read: `__g` (the row's site,
 * or unit, as a row index; −1 for none), `__site` (its site id), parent columns as
 * `table.column`, and quantifier counts `q0_t`, `q0_f`, `q0_u`. Parent links are resolved
 * once per dataset as row indexes (see `engines/links.ts`).
 */
export function prepareFrame(ds: Dataset, frame: FramePlan): ATable {
  return aq.table(frameColumns(ds, frame)) as ATable;
}

/** The columns of a prepared frame (see {@link prepareFrame}). */
function frameColumns(ds: Dataset, frame: FramePlan): Record<string, ArrayLike<unknown>> {
  const T = frame.table;
  const n = rowCount(ds, T);
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const f of ds.tables[T]!.schema.fields) cols[f.name] = columnValues(ds, T, f.name);
  const site = siteRows(ds, T);
  const toHousehold = T === 'persons' ? parentRows(ds, 'persons', 'households', 'household_id') : undefined;
  const parentColumn = (table: TableName, column: string): unknown[] =>
    table === 'sites' ? gather(columnValues(ds, 'sites', column), site) : gather(columnValues(ds, table, column), toHousehold!);
  for (const c of frame.columns) {
    const [table, column] = c.split('.') as [TableName, string];
    cols[c] = parentColumn(table, column);
  }
  for (const b of frame.breakdown) if (b.table !== T) cols[`${b.table}.${b.column}`] = parentColumn(b.table, b.column);
  if (frame.design.kind === 'survey')
    for (const key of [frame.design.weight, frame.design.strata, frame.design.psu]) {
      const dot = key.indexOf('.');
      if (dot > 0) cols[key] = parentColumn(key.slice(0, dot) as TableName, key.slice(dot + 1));
    }
  cols['__g'] = frame.group === 'unit' ? unitRows(ds, T) : site;
  cols['__site'] = gather(columnValues(ds, 'sites', 'site_id'), site);

  // Quantifiers over child tables: counts of children where the predicate is true, false, unknown,
  // added up per parent row through the child → parent row links.
  for (const q of frame.quantifiers) {
    const child = q.node.table;
    const childColumns = Object.fromEntries(ds.tables[child]!.schema.fields.map((f) => [f.name, columnValues(ds, child, f.name)]));
    const f = compileWith(child, q.node.where, indexAccessors({ column: (_t, name) => name, quantifier: () => '' }, childColumns));
    const parent = parentRows(ds, child, T, q.link.via);
    const t = new Float64Array(n);
    const fl = new Float64Array(n);
    const u = new Float64Array(n);
    for (let i = 0; i < parent.length; i++) {
      const p = parent[i]!;
      if (p < 0) continue;
      const v = f(i);
      if (v === true) t[p]!++;
      else if (v === false) fl[p]!++;
      else u[p]!++;
    }
    cols[`${q.id}_t`] = t;
    cols[`${q.id}_f`] = fl;
    cols[`${q.id}_u`] = u;
  }
  return cols;
}

/** Execute one frame. */
function runFrame(ds: Dataset, frame: FramePlan): FrameSums {
  const T = frame.table;
  const keys = keyNames(frame);
  const cols = frameColumns(ds, frame);
  const t = aq.table(cols) as ATable;
  const periodic = frame.periodic && hasColumn(ds, T, 'period');

  // Measures: 0/1 (or the summed value) per row in one pass over the frame's columns, then one
  // grouped rollup in arquero.
  const n = t.numRows();
  const acc = indexAccessors(keys, cols);
  const weightKey = byKind(frame.design, WEIGHT);
  const evals = frame.measures.map((m) => {
    const { columns, weighted } = byKind(m, MEASURE_FACTORS);
    if (weighted && weightKey === null) throw new Error(`measure ${m.id} is weighted in a frame without a design`);
    return {
      f: compileWith(T, m.where, acc),
      factors: columns.map((c) => cols[c] as ArrayLike<unknown>),
      w: weighted ? (cols[weightKey!] as ArrayLike<unknown>) : undefined,
      out: new Float64Array(n),
    };
  });
  const bcols = frame.breakdown.map((b) => cols[b.table === T ? b.column : `${b.table}.${b.column}`] as ArrayLike<unknown>);
  const bout = bcols.map(() => new Array<string | null>(n));
  for (let i = 0; i < n; i++) {
    for (const e of evals) {
      if (e.f(i) !== true) continue;
      let v = 1;
      for (const c of e.factors) {
        const x = c[i];
        v *= typeof x === 'number' ? x : 0;
      }
      if (e.w) {
        const w = e.w[i];
        // A row without a weight has no household: it belongs to no site and is dropped below.
        v *= typeof w === 'number' ? w : 0;
      }
      e.out[i] = v;
    }
    for (let b = 0; b < bcols.length; b++) {
      const v = bcols[b]![i];
      bout[b]![i] = v === null || v === undefined ? null : String(v);
    }
  }
  if (frame.design.kind === 'survey') return groupDesign(ds, frame, frame.design, cols, periodic, evals.map((e) => e.out), bout);
  const derived: Record<string, ArrayLike<unknown>> = {};
  const rollup: Record<string, unknown> = {};
  frame.measures.forEach((m, k) => {
    derived[m.id] = evals[k]!.out;
    rollup[m.id] = aq.op.sum(m.id);
  });
  bout.forEach((values, b) => (derived[`__b${b}`] = values));
  const groups = ['__g', ...(periodic ? ['period'] : []), ...frame.breakdown.map((_, i) => `__b${i}`)];
  const out = t.assign(derived as never).groupby(...groups).rollup(rollup as never) as ATable;

  const ids = frame.group === 'unit' ? columnValues(ds, 'management_units', 'unit_id') : columnValues(ds, 'sites', 'site_id');
  const g = out.array('__g') as ArrayLike<number>;
  const keep: number[] = [];
  for (let i = 0; i < g.length; i++) if (g[i]! >= 0) keep.push(i);
  const pick = <V>(a: ArrayLike<V>): V[] => keep.map((i) => a[i]!);
  const sums: Record<string, ArrayLike<number>> = {};
  for (const m of frame.measures) sums[m.id] = pick(out.array(m.id) as ArrayLike<number>);
  return {
    group: keep.map((i) => String(ids[g[i]!])),
    period: periodic ? pick(out.array('period') as ArrayLike<string | null>) : keep.map(() => null),
    breakdown: frame.breakdown.map((_, i) => pick(out.array(`__b${i}`) as ArrayLike<string | null>)),
    sums,
  };
}

/**
 * Sums of a frame with a design, grouped by site (or unit), period, breakdown, stratum and PSU
 * in one pass over the rows (a sample has about as many groups as PSUs: a hash grouping is
 * cheaper here than a rollup).
 */
function groupDesign(
  ds: Dataset,
  frame: FramePlan,
  design: SurveyDesignPart,
  cols: Record<string, ArrayLike<unknown>>,
  periodic: boolean,
  values: readonly Float64Array[],
  bout: readonly (string | null)[][],
): FrameSums {
  const g = cols['__g'] as ArrayLike<number>;
  const period = periodic ? (cols['period'] as ArrayLike<unknown>) : undefined;
  const strata = cols[design.strata] as ArrayLike<unknown>;
  const psu = cols[design.psu] as ArrayLike<unknown>;
  const ids = frame.group === 'unit' ? columnValues(ds, 'management_units', 'unit_id') : columnValues(ds, 'sites', 'site_id');
  const n = g.length;
  // Dictionary codes of every key column, then one number per row (mixed radix) when it fits.
  const encode = (get: (i: number) => unknown): { codes: Int32Array; values: unknown[] } => {
    const dict = new Map<unknown, number>();
    const values: unknown[] = [];
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = get(i);
      let c = dict.get(v);
      if (c === undefined) {
        dict.set(v, (c = values.length));
        values.push(v);
      }
      codes[i] = c;
    }
    return { codes, values };
  };
  // PSUs are nested in strata (checked when the design is prepared): the PSU identifies the stratum.
  const keys = [
    encode((i) => g[i]),
    encode((i) => psu[i]),
    ...(period ? [encode((i) => period[i] ?? null)] : []),
    ...bout.map((b) => encode((i) => b[i] ?? null)),
  ];
  const exact = keys.reduce((a, k) => a * Math.max(1, k.values.length), 1) < 2 ** 52;
  const keyOf = (i: number): number | string => {
    if (exact) {
      let key = 0;
      for (const k of keys) key = key * Math.max(1, k.values.length) + k.codes[i]!;
      return key;
    }
    return keys.map((k) => k.codes[i]).join(',');
  };
  const index = new Map<number | string, number>();
  const out = {
    group: [] as string[],
    period: [] as (string | null)[],
    breakdown: bout.map(() => [] as (string | null)[]),
    strata: [] as string[],
    psu: [] as string[],
    sums: values.map(() => [] as number[]),
  };
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    if (gi < 0) continue;
    const key = keyOf(i);
    let at = index.get(key);
    if (at === undefined) {
      index.set(key, (at = out.group.length));
      out.group.push(String(ids[gi]));
      out.period.push(period ? ((period[i] as string | null) ?? null) : null);
      bout.forEach((b, k) => out.breakdown[k]!.push(b[i] ?? null));
      out.strata.push(String(strata[i]));
      out.psu.push(String(psu[i]));
      for (const s of out.sums) s.push(0);
    }
    for (let k = 0; k < values.length; k++) {
      const v = values[k]![i]!;
      if (v !== 0) out.sums[k]![at]! += v;
    }
  }
  const sums: Record<string, ArrayLike<number>> = {};
  frame.measures.forEach((m, k) => (sums[m.id] = out.sums[k]!));
  return { group: out.group, period: out.period, breakdown: out.breakdown, sums, design: { strata: out.strata, psu: out.psu } };
}

/** The arquero engine. */
export const arqueroEngine: Engine = {
  name: 'arquero',
  supportsDesign: true,
  async run(plan: Plan, dataset: Dataset): Promise<FrameSums[]> {
    return plan.frames.map((f) => runFrame(dataset, f));
  },
  async rows(plan, dataset) {
    return arqueroRowStates(dataset, plan);
  },
};
