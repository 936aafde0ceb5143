/**
 * The base SQL emitter: a frame of a plan → one SELECT with bound parameters that returns
 * the frame's additive sums per group (site or unit), period and breakdown — the same
 * numbers as the arquero engine. Expressions keep Kleene logic: SQL's AND, OR, NOT and
 * NULL comparisons are three-valued; a measure counts a row only where its predicate IS TRUE.
 * Names are always quoted identifiers and literals always bound parameters.
 */
import { hasColumn, type Dataset } from '../../dataset.js';
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { visit, type Expr, type QuantifierExpr, type Scalar } from '../../model/expr.js';
import { byKind, quantifierId, type FrameDesign, type FramePlan, type KindHandlers, type PlanMeasure, type RowsPlan } from '../../plan/plan.js';
import { checkExpr } from '../../plan/links.js';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import { checkDialect, quoteIdent, type Dialect, type FrameJoin, type ParamType, type QuantifierCounts } from './dialect.js';
import { columnName, tableName, type SqlNaming } from './naming.js';

/** SQL text with its bound parameters ($1, $2, … in order). */
export interface SqlQuery {
  /** The statement. */
  readonly text: string;
  /** Values of the placeholders, in order. */
  readonly params: readonly Scalar[];
}

/** A frame's query, and whether its rows carry a period. */
export interface FrameQuery extends SqlQuery {
  /** Whether the output has the period column `p`. */
  readonly periodic: boolean;
}

/** Output column names of a frame query: group, period, breakdowns `b0…`, measures by id. */
export const FRAME_COLUMNS = { group: 'g', period: 'p', breakdown: (i: number) => `b${i}` } as const;

/** Table aliases inside a frame query. */
const ALIAS = { row: 'r', household: 'h', site: 's', unit: 'u', child: 'c' } as const;

/** Collects bound parameters while emitting. */
class Params {
  readonly values: Scalar[] = [];
  constructor(private readonly dialect: Dialect) {}
  /** The dialect's literal for `value` (a bound parameter, cast to its type so every database knows it). */
  bind(value: Exclude<Scalar, null>): string {
    if (typeof value === 'string' && !this.dialect.textHoldsNul && value.includes('\u0000'))
      throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`a text value with a NUL character (${JSON.stringify(value.slice(0, 40))}) in ${this.dialect.name}`));
    const type: ParamType = typeof value === 'string' ? 'text' : typeof value === 'number' ? 'double' : 'boolean';
    return this.dialect.parts.literal(this.dialect, value, type, () => {
      this.values.push(value);
      return this.dialect.placeholder(this.values.length, type);
    });
  }
}

/** Emitting context: which table a row is from and how its columns and quantifiers are named. */
interface Scope {
  readonly row: TableName;
  column(table: TableName, name: string): string;
  quantifier(q: QuantifierExpr): QuantifierCounts;
  readonly inQuantifier: boolean;
  readonly absent?: ReadonlySet<TableName> | undefined;
}

/** Emit an expression as a SQL boolean/scalar with three-valued semantics, in the dialect's spelling. */
function emitExpr(e: Expr, scope: Scope, params: Params, dialect: Dialect): string {
  const sub = (x: Expr): string => emitExpr(x, scope, params, dialect);
  const logic = dialect.parts.logic;
  const ordered = (x: Expr): string =>
    dialect.textOrder !== '' && checkExpr(scope.row, x, scope.inQuantifier) === 'string' ? sub(x) + dialect.textOrder : sub(x);
  const quantifier = (q: QuantifierExpr): string =>
    scope.absent?.has(q.table) ? logic.empty(q.kind) : logic[q.kind](scope.quantifier(q));
  return visit<string>(e, {
    column: (c) => scope.column(c.table ?? scope.row, c.name),
    literal: (l) => (l.value === null ? 'NULL' : params.bind(l.value)),
    compare: (c) =>
      c.op === 'eq' || c.op === 'ne' ? logic.compare(c.op, sub(c.left), sub(c.right)) : logic.compare(c.op, ordered(c.left), ordered(c.right)),
    in: (n) => {
      const arg = sub(n.arg);
      return logic.in(arg, n.values.map((v) => params.bind(v)));
    },
    and: (n) => logic.and(n.args.map(sub)),
    or: (n) => logic.or(n.args.map(sub)),
    not: (n) => logic.not(sub(n.arg)),
    isNull: (n) => logic.isNull(sub(n.arg)),
    any: quantifier,
    all: quantifier,
  });
}

/** Everything the emitter needs to know about the database. */
export interface EmitContext {
  /** The dialect. */
  readonly dialect: Dialect;
  /** Table and column names in the database. */
  readonly naming: SqlNaming;
  /** The dataset (for which optional columns, such as `period`, exist). */
  readonly dataset: Dataset;
  /** Optional tables the database lacks: they have no rows. */
  readonly absent?: ReadonlySet<TableName>;
}

/** Names of a frame query's pieces: quoted tables and aliased columns, in the dialect's spelling. */
interface Names {
  readonly q: (name: string) => string;
  readonly tbl: (t: TableName) => string;
  readonly col: (alias: string, t: TableName, c: string) => string;
  /** A reference to a column (database name) of a subquery's alias. */
  readonly ref: (alias: string, name: string) => string;
  /** Database columns referenced per alias, in first-use order. */
  readonly used: Map<string, string[]>;
}

function namesOf(ctx: EmitContext): Names {
  const q = (name: string): string => quoteIdent(ctx.dialect, name);
  const used = new Map<string, string[]>();
  const ref = (alias: string, name: string): string => {
    const list = used.get(alias) ?? [];
    if (!list.includes(name)) list.push(name);
    used.set(alias, list);
    return ctx.dialect.parts.column(ctx.dialect, alias, name);
  };
  return {
    q,
    tbl: (t) => (ctx.naming.schema !== undefined ? `${q(ctx.naming.schema)}.` : '') + q(tableName(ctx.naming, t)),
    col: (alias, t, c) => ref(alias, columnName(ctx.naming, t, c)),
    ref,
    used,
  };
}

/** What SQL runs of each design kind: rows as they are; a survey design is refused, never ignored. */
const DESIGN: KindHandlers<FrameDesign, void> = {
  none: () => undefined,
  survey: () => {
    throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('survey designs (weights, strata, PSUs)'));
  },
};

/** The row value each measure kind sums; weighted sums are refused, never summed unweighted. */
const MEASURE_VALUE: KindHandlers<PlanMeasure, string, [column: (c: string) => string]> = {
  count: () => '1',
  sum: (m, column) => column(m.column),
  weightedSum: () => {
    throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('survey designs (weighted sums)'));
  },
};

/** The alias of each parent table in a frame query. */
const PARENT_ALIAS: Partial<Record<TableName, string>> = { households: ALIAS.household, sites: ALIAS.site, management_units: ALIAS.unit };

/** Parent joins (the plan's links, in order) and the grouping column of a frame. */
function parentJoins(frame: FramePlan, ctx: EmitContext, n: Names): { joins: FrameJoin[]; group: string; aliasOf: (table: TableName) => string } {
  const T = frame.table;
  const joined = new Set<TableName>(frame.links.map((l) => l.to));
  const aliasOf = (table: TableName): string => {
    if (table === T) return ALIAS.row;
    const alias = PARENT_ALIAS[table];
    if (alias === undefined || !joined.has(table)) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`column of ${table} from ${T}`));
    return alias;
  };
  const joins = frame.links.map((l) => {
    const to = aliasOf(l.to);
    const from = aliasOf(l.from);
    const on = [`${n.col(to, l.to, SCHEMA[l.to].key)} = ${n.col(from, l.from, l.via)}`];
    if (l.matchPeriod) on.push(`${n.col(to, l.to, 'period')} = ${n.col(from, l.from, 'period')}`);
    return { source: n.tbl(l.to), alias: to, on, kind: 'parent' } as FrameJoin;
  });
  const groupTable: TableName = frame.group === 'site' ? 'sites' : 'management_units';
  if (groupTable !== T && !joined.has(groupTable)) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`${T} rows by management unit`));
  const group = n.col(aliasOf(groupTable), groupTable, SCHEMA[groupTable].key);
  return { joins, group, aliasOf };
}

/**
 * Quantifier joins: per parent row (and period), counts of children whose predicate is true,
 * false, unknown — one grouped pass per child table for all its quantifiers, on the plan's links.
 */
function quantifierJoins(frame: FramePlan, ctx: EmitContext, n: Names, params: Params): { joins: FrameJoin[]; counts: Map<string, QuantifierCounts> } {
  const { dialect } = ctx;
  const T = frame.table;
  const refs = new Map<string, QuantifierCounts>();
  const joins: FrameJoin[] = [];
  const byChild = new Map<TableName, FramePlan['quantifiers'][number][]>();
  for (const pq of frame.quantifiers) {
    if (ctx.absent?.has(pq.link.from)) continue;
    byChild.set(pq.link.from, [...(byChild.get(pq.link.from) ?? []), pq]);
  }
  for (const [child, pqs] of byChild) {
    const link = pqs[0]!.link;
    const childScope: Scope = {
      row: child,
      inQuantifier: true,
      column: (table, name) => {
        if (table !== child) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`column of ${table} inside a quantifier over ${child}`));
        return n.col(ALIAS.child, child, name);
      },
      quantifier: () => {
        throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('nested quantifiers'));
      },
    };
    const alias = n.q(`q_${child}`);
    const ref = (name: string): string => n.ref(alias, name);
    const keys = [{ expr: n.col(ALIAS.child, child, link.via), name: 'k' }, ...(link.matchPeriod ? [{ expr: n.col(ALIAS.child, child, 'period'), name: 'p' }] : [])];
    const counts = pqs.map((pq) => {
      const names = { t: `${pq.id}_t`, f: `${pq.id}_f`, u: `${pq.id}_u` };
      refs.set(pq.id, { t: ref(names.t), f: ref(names.f), u: ref(names.u) });
      return { where: emitExpr(pq.node.where, childScope, params, dialect), names };
    });
    const sub = dialect.parts.quantifierSubquery(dialect, { keys, counts, from: `${n.tbl(child)} AS ${ALIAS.child}` });
    const on = [`${ref('k')} = ${n.col(ALIAS.row, T, SCHEMA[T].key)}`];
    if (link.matchPeriod) on.push(`${ref('p')} = ${n.col(ALIAS.row, T, 'period')}`);
    joins.push({ source: `(${sub})`, alias, on, kind: 'quantifier' });
  }
  return { joins, counts: refs };
}

/** What every query over a frame's rows shares: the checked dialect, names, parameters, joins and the row scope. */
function frameParts(frame: FramePlan, ctx: EmitContext) {
  const dialect = checkDialect(ctx.dialect);
  byKind(frame.design, DESIGN);
  const n = namesOf(ctx);
  const params = new Params(dialect);
  const parents = parentJoins(frame, ctx, n);
  const quantifiers = quantifierJoins(frame, ctx, n, params);
  const scope: Scope = {
    row: frame.table,
    inQuantifier: false,
    absent: ctx.absent,
    column: (table, name) => n.col(parents.aliasOf(table), table, name),
    quantifier: (node) => {
      const a = quantifiers.counts.get(quantifierId(node));
      if (a === undefined) throw new Error(`quantifier ${quantifierId(node)} missing from the frame`);
      return a;
    },
  };
  return { dialect, n, params, parents, quantifiers, scope };
}

/**
 * The SELECT computing one frame's sums. Output columns: `g` (site or unit id), `p` (period,
 * when the frame is monthly), `b0…` (breakdown values), one column per measure id (DOUBLE).
 */
export function frameQuery(frame: FramePlan, ctx: EmitContext): FrameQuery {
  const { dialect, n, params, parents, quantifiers, scope } = frameParts(frame, ctx);
  const T = frame.table;
  const byPeriod = frame.periodic && hasColumn(ctx.dataset, T, 'period');

  const select: { expr: string; name: string }[] = [{ expr: parents.group, name: FRAME_COLUMNS.group }];
  if (byPeriod) select.push({ expr: n.col(ALIAS.row, T, 'period'), name: FRAME_COLUMNS.period });
  frame.breakdown.forEach((b, i) => select.push({ expr: n.col(parents.aliasOf(b.table), b.table, b.column), name: FRAME_COLUMNS.breakdown(i) }));
  const keyCount = select.length;
  for (const m of frame.measures) {
    const value = byKind(m, MEASURE_VALUE, (c: string) => n.col(ALIAS.row, T, c));
    const w = emitExpr(m.where, scope, params, dialect);
    select.push({ expr: dialect.parts.measure(dialect, w, value), name: m.id });
  }
  const text = dialect.parts.frame(dialect, {
    kind: 'sums',
    select,
    keys: keyCount,
    from: { table: n.tbl(T), alias: ALIAS.row },
    joins: [...parents.joins, ...quantifiers.joins],
    group: parents.group,
    columns: n.used,
  });
  return { text, params: params.values, periodic: byPeriod };
}

/** Output columns of a rows query: key, period, site, one state per expression, quantifier counts. */
export const ROWS_COLUMNS = { id: 'id', period: 'p', site: 's', state: (i: number) => `e${i}` } as const;

/**
 * The SELECT listing the rows of a rows plan (drill-down) with their states: `id`, `p` (when the
 * table is monthly), `s` (site id), `e0…` (0 false, 1 true, 2 unknown), and the children counts
 * `q…_t/_f/_u` of labelled quantifiers. Every row is listed; `result/drilldown` filters and sorts.
 */
export function rowsQuery(rp: RowsPlan, ctx: EmitContext): FrameQuery {
  const frame = rp.frame;
  const { dialect, n, params, parents, quantifiers, scope } = frameParts(frame, ctx);
  const T = frame.table;
  const byPeriod = hasColumn(ctx.dataset, T, 'period');
  const select: { expr: string; name: string }[] = [{ expr: n.col(ALIAS.row, T, SCHEMA[T].key), name: ROWS_COLUMNS.id }];
  if (byPeriod) select.push({ expr: n.col(ALIAS.row, T, 'period'), name: ROWS_COLUMNS.period });
  select.push({ expr: parents.group, name: ROWS_COLUMNS.site });
  rp.exprs.forEach((e, i) => select.push({ expr: dialect.parts.rowState(dialect, emitExpr(e, scope, params, dialect)), name: ROWS_COLUMNS.state(i) }));
  for (const q of frame.quantifiers) {
    const c = quantifiers.counts.get(q.id);
    if (!q.node.label) continue;
    for (const k of ['t', 'f', 'u'] as const) select.push({ expr: c === undefined ? '0' : dialect.parts.zeroIfNull(dialect, c[k]), name: `${q.id}_${k}` });
  }
  const text = dialect.parts.frame(dialect, {
    kind: 'rows',
    select,
    keys: 0,
    from: { table: n.tbl(T), alias: ALIAS.row },
    joins: [...parents.joins, ...quantifiers.joins],
    group: parents.group,
    columns: n.used,
  });
  return { text, params: params.values, periodic: byPeriod };
}
