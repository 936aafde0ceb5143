/**
 * The arquero engine: in memory, zero setup, the reference engine. Each frame becomes
 * arquero verbs — lookups of parent columns, grouped rollups of child quantifiers,
 * derived 0/1 measure columns and one grouped rollup of sums. Predicates run as
 * escaped closures compiled from the expression tree (no expression strings).
 */
import * as aq from 'arquero';
import type { Dataset } from '../../dataset.js';
import type { QuantifierExpr } from '../../model/expr.js';
import type { FramePlan, Plan } from '../../plan/plan.js';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import { compileExpr, type KeyNames } from '../evaluate.js';
import type { Engine, FrameSums } from '../engine.js';

type ATable = ReturnType<typeof aq.table>;
type Row = Record<string, unknown>;

const SEP = '\u0001';

function tableOf(ds: Dataset, name: TableName): ATable {
  const t = ds.tables[name];
  if (!t) throw new Error(`table ${name} is not in the dataset`);
  return aq.fromArrow(t as never) as ATable;
}

const hasCol = (t: ATable, c: string): boolean => t.columnNames().includes(c);

/** Add a composite key column `name` = id + period (for monthly tables) or id. */
function withKey(t: ATable, name: string, id: string, periodic: boolean): ATable {
  return periodic
    ? (t.derive({ [name]: aq.escape((d: Row) => `${d[id]}${SEP}${d['period']}`) }) as ATable)
    : (t.derive({ [name]: aq.escape((d: Row) => d[id]) }) as ATable);
}

/** Row keys of a prepared frame, for compiling its expressions. */
export function keyNames(frame: FramePlan): KeyNames {
  const qid = new Map<string, string>(frame.quantifiers.map((q) => [JSON.stringify(q.node), q.id]));
  return {
    column: (table, name) => (table === frame.table ? name : `${table}.${name}`),
    quantifier: (q: QuantifierExpr) => {
      const id = qid.get(JSON.stringify(q));
      if (id === undefined) throw new Error('quantifier missing from plan');
      return id;
    },
  };
}

/**
 * The rows of a frame's table with everything its expressions read: `__site` (and
 * `__unit`), parent columns as `table.column`, and quantifier counts `q0_t`, `q0_f`, `q0_u`.
 */
export function prepareFrame(ds: Dataset, frame: FramePlan): ATable {
  const T = frame.table;
  let t = tableOf(ds, T);
  const periodic = frame.periodic && hasCol(t, 'period');

  // Attribution: site (or unit) of every row, and its period.
  if (T === 'persons') {
    const hhCols = new Set<string>(['site_id']);
    if (frame.group === 'unit') hhCols.add('unit_id');
    for (const c of frame.columns) if (c.startsWith('households.')) hhCols.add(c.slice(11));
    for (const b of frame.breakdown) if (b.table === 'households') hhCols.add(b.column);
    let hh = tableOf(ds, 'households');
    const hhPeriodic = hasCol(hh, 'period') && periodic;
    hh = withKey(hh, '__hk', 'household_id', hhPeriodic);
    const ren: Record<string, string> = { __hk: '__hk' };
    for (const c of hhCols) ren[c] = `households.${c}`;
    hh = hh.select(ren) as ATable;
    t = withKey(t, '__hk', 'household_id', hhPeriodic);
    t = t.lookup(hh, ['__hk', '__hk'], ...[...hhCols].map((c) => `households.${c}`)) as ATable;
    t = t.derive({
      __site: aq.escape((d: Row) => d['households.site_id']),
      ...(frame.group === 'unit' ? { __unit: aq.escape((d: Row) => d['households.unit_id']) } : {}),
    }) as ATable;
  } else if (T === 'sites') {
    t = t.derive({ __site: aq.escape((d: Row) => d['site_id']) }) as ATable;
  } else {
    t = t.derive({
      __site: aq.escape((d: Row) => d['site_id']),
      ...(frame.group === 'unit' ? { __unit: aq.escape((d: Row) => d['unit_id']) } : {}),
    }) as ATable;
  }

  // Site columns.
  const siteCols = new Set<string>();
  if (T !== 'sites') {
    for (const c of frame.columns) if (c.startsWith('sites.')) siteCols.add(c.slice(6));
    for (const b of frame.breakdown) if (b.table === 'sites') siteCols.add(b.column);
  }
  if (siteCols.size) {
    const ren: Record<string, string> = { site_id: '__sk' };
    for (const c of siteCols) ren[c] = `sites.${c}`;
    const st = tableOf(ds, 'sites').select(ren) as ATable;
    t = t.lookup(st, ['__site', '__sk'], ...[...siteCols].map((c) => `sites.${c}`)) as ATable;
  }

  // Quantifiers over child tables: counts of children where the predicate is true, false, unknown.
  const byChild = new Map<TableName, typeof frame.quantifiers>();
  for (const q of frame.quantifiers) byChild.set(q.node.table, [...(byChild.get(q.node.table) ?? []), q]);
  for (const [child, qs] of byChild) {
    const link = qs[0]?.link ?? '';
    let c = tableOf(ds, child);
    const cPeriodic = periodic && hasCol(c, 'period');
    c = withKey(c, '__ck', link, cPeriodic);
    const derived: Record<string, unknown> = {};
    const rollup: Record<string, unknown> = {};
    for (const q of qs) {
      const f = compileExpr(child, q.node.where, { column: (_t, n) => n, quantifier: () => '' });
      derived[`${q.id}_t`] = aq.escape((d: Row) => (f(d) === true ? 1 : 0));
      derived[`${q.id}_f`] = aq.escape((d: Row) => (f(d) === false ? 1 : 0));
      derived[`${q.id}_u`] = aq.escape((d: Row) => (f(d) === null ? 1 : 0));
      for (const s of ['t', 'f', 'u']) rollup[`${q.id}_${s}`] = aq.op.sum(`${q.id}_${s}`);
    }
    const agg = c.derive(derived as never).groupby('__ck').rollup(rollup as never) as ATable;
    t = withKey(t, '__pk', SCHEMA[T].key, cPeriodic);
    t = t.lookup(agg, ['__pk', '__ck'], ...Object.keys(rollup)) as ATable;
  }
  return t;
}

/** Execute one frame. */
function runFrame(ds: Dataset, frame: FramePlan): FrameSums {
  const T = frame.table;
  const keys = keyNames(frame);
  const t = prepareFrame(ds, frame);
  const periodic = frame.periodic && hasCol(t, 'period');

  // Measures: 0/1 (or the summed value) per row, then one grouped rollup.
  const derived: Record<string, unknown> = {};
  const rollup: Record<string, unknown> = {};
  for (const m of frame.measures) {
    const f = compileExpr(T, m.where, keys);
    const sum = m.sum;
    derived[m.id] =
      sum === null
        ? aq.escape((d: Row) => (f(d) === true ? 1 : 0))
        : aq.escape((d: Row) => (f(d) === true && typeof d[sum] === 'number' ? (d[sum] as number) : 0));
    rollup[m.id] = aq.op.sum(m.id);
  }
  frame.breakdown.forEach((b, i) => {
    const k = b.table === T ? b.column : `${b.table}.${b.column}`;
    derived[`__b${i}`] = aq.escape((d: Row) => (d[k] === null || d[k] === undefined ? null : String(d[k])));
  });
  if (periodic) derived['__period'] = aq.escape((d: Row) => d['period']);
  const groupKey = frame.group === 'unit' ? '__unit' : '__site';
  const groups = [groupKey, ...(periodic ? ['__period'] : []), ...frame.breakdown.map((_, i) => `__b${i}`)];
  const out = t.derive(derived as never).groupby(...groups).rollup(rollup as never) as ATable;

  const sums: Record<string, ArrayLike<number>> = {};
  for (const m of frame.measures) sums[m.id] = out.array(m.id) as ArrayLike<number>;
  const n = out.numRows();
  return {
    group: Array.from(out.array(groupKey) as ArrayLike<unknown>, (v) => String(v)),
    period: periodic ? (Array.from(out.array('__period') as ArrayLike<unknown>) as (string | null)[]) : new Array<null>(n).fill(null),
    breakdown: frame.breakdown.map((_, i) => Array.from(out.array(`__b${i}`) as ArrayLike<unknown>) as (string | null)[]),
    sums,
  };
}

/** The arquero engine. */
export const arqueroEngine: Engine = {
  name: 'arquero',
  async run(plan: Plan, dataset: Dataset): Promise<FrameSums[]> {
    return plan.frames.map((f) => runFrame(dataset, f));
  },
};
