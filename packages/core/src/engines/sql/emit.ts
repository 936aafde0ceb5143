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
import type { FramePlan } from '../../plan/plan.js';
import { checkExpr, childLink } from '../../plan/links.js';
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

/** Parent joins and the grouping column of a frame: persons → households (same period when both are monthly) → sites, or units. */
function parentJoins(frame: FramePlan, ctx: EmitContext, n: Names): { joins: FrameJoin[]; group: string; aliasOf: (table: TableName) => string } {
  const { dataset } = ctx;
  const T = frame.table;
  const join = (source: string, alias: string, on: readonly string[]): FrameJoin => ({ source, alias, on, kind: 'parent' });
  const periodOn = (t: TableName): boolean => hasColumn(dataset, t, 'period');
  const joins: FrameJoin[] = [];
  if (T === 'persons') {
    const on = [`${n.col(ALIAS.household, 'households', 'household_id')} = ${n.col(ALIAS.row, 'persons', 'household_id')}`];
    if (periodOn('persons') && periodOn('households')) on.push(`${n.col(ALIAS.household, 'households', 'period')} = ${n.col(ALIAS.row, 'persons', 'period')}`);
    joins.push(join(n.tbl('households'), ALIAS.household, on));
  }
  const siteVia = T === 'persons' ? n.col(ALIAS.household, 'households', 'site_id') : T === 'sites' ? null : n.col(ALIAS.row, T, 'site_id');
  if (siteVia !== null) joins.push(join(n.tbl('sites'), ALIAS.site, [`${n.col(ALIAS.site, 'sites', 'site_id')} = ${siteVia}`]));
  const siteAlias = T === 'sites' ? ALIAS.row : ALIAS.site;

  let group: string;
  if (frame.group === 'site') group = n.col(siteAlias, 'sites', 'site_id');
  else if (T === 'management_units') group = n.col(ALIAS.row, T, 'unit_id');
  else if (T === 'households' || T === 'persons') {
    const via = T === 'persons' ? n.col(ALIAS.household, 'households', 'unit_id') : n.col(ALIAS.row, T, 'unit_id');
    joins.push(join(n.tbl('management_units'), ALIAS.unit, [`${n.col(ALIAS.unit, 'management_units', 'unit_id')} = ${via}`]));
    group = n.col(ALIAS.unit, 'management_units', 'unit_id');
  } else throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`${T} rows by management unit`));

  const aliasOf = (table: TableName): string => {
    if (table === T) return ALIAS.row;
    if (table === 'households' && T === 'persons') return ALIAS.household;
    if (table === 'sites') return siteAlias;
    throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`column of ${table} from ${T}`));
  };
  return { joins, group, aliasOf };
}

/**
 * Quantifier joins: per parent row (and period), counts of children whose predicate is true,
 * false, unknown — one grouped pass per child table for all its quantifiers.
 */
function quantifierJoins(frame: FramePlan, ctx: EmitContext, n: Names, params: Params): { joins: FrameJoin[]; counts: Map<string, QuantifierCounts> } {
  const { dialect, dataset } = ctx;
  const T = frame.table;
  const periodOn = (t: TableName): boolean => hasColumn(dataset, t, 'period');
  const refs = new Map<string, QuantifierCounts>();
  const joins: FrameJoin[] = [];
  const byChild = new Map<TableName, FramePlan['quantifiers'][number][]>();
  for (const pq of frame.quantifiers) {
    if (ctx.absent?.has(pq.node.table)) continue;
    byChild.set(pq.node.table, [...(byChild.get(pq.node.table) ?? []), pq]);
  }
  for (const [child, pqs] of byChild) {
    const link = childLink(child, T);
    if (!link) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`${child} under ${T}`));
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
    const samePeriod = periodOn(child) && periodOn(T);
    const alias = n.q(`q_${child}`);
    const ref = (name: string): string => n.ref(alias, name);
    const keys = [{ expr: n.col(ALIAS.child, child, link), name: 'k' }, ...(samePeriod ? [{ expr: n.col(ALIAS.child, child, 'period'), name: 'p' }] : [])];
    const counts = pqs.map((pq) => {
      const names = { t: `${pq.id}_t`, f: `${pq.id}_f`, u: `${pq.id}_u` };
      refs.set(JSON.stringify(pq.node), { t: ref(names.t), f: ref(names.f), u: ref(names.u) });
      return { where: emitExpr(pq.node.where, childScope, params, dialect), names };
    });
    const sub = dialect.parts.quantifierSubquery(dialect, { keys, counts, from: `${n.tbl(child)} AS ${ALIAS.child}` });
    const on = [`${ref('k')} = ${n.col(ALIAS.row, T, SCHEMA[T].key)}`];
    if (samePeriod) on.push(`${ref('p')} = ${n.col(ALIAS.row, T, 'period')}`);
    joins.push({ source: `(${sub})`, alias, on, kind: 'quantifier' });
  }
  return { joins, counts: refs };
}

/**
 * The SELECT computing one frame's sums. Output columns: `g` (site or unit id), `p` (period,
 * when the frame is monthly), `b0…` (breakdown values), one column per measure id (DOUBLE).
 */
export function frameQuery(frame: FramePlan, ctx: EmitContext): FrameQuery {
  const dialect = checkDialect(ctx.dialect);
  if (frame.design !== undefined) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('survey designs (weights, strata, PSUs)'));
  const n = namesOf(ctx);
  const params = new Params(dialect);
  const T = frame.table;
  const byPeriod = frame.periodic && hasColumn(ctx.dataset, T, 'period');
  const parents = parentJoins(frame, ctx, n);
  const quantifiers = quantifierJoins(frame, ctx, n, params);
  const scope: Scope = {
    row: T,
    inQuantifier: false,
    absent: ctx.absent,
    column: (table, name) => n.col(parents.aliasOf(table), table, name),
    quantifier: (node) => {
      const a = quantifiers.counts.get(JSON.stringify(node));
      if (a === undefined) throw new Error('quantifier missing from plan');
      return a;
    },
  };

  const select: { expr: string; name: string }[] = [{ expr: parents.group, name: FRAME_COLUMNS.group }];
  if (byPeriod) select.push({ expr: n.col(ALIAS.row, T, 'period'), name: FRAME_COLUMNS.period });
  frame.breakdown.forEach((b, i) => select.push({ expr: n.col(parents.aliasOf(b.table), b.table, b.column), name: FRAME_COLUMNS.breakdown(i) }));
  const keyCount = select.length;
  for (const m of frame.measures) {
    if (m.times != null || m.unweighted === true) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('survey moments and unweighted counts'));
    const w = emitExpr(m.where, scope, params, dialect);
    const value = m.sum === null ? '1' : n.col(ALIAS.row, T, m.sum);
    select.push({ expr: dialect.parts.measure(dialect, w, value), name: m.id });
  }
  const text = dialect.parts.frame(dialect, {
    select,
    keys: keyCount,
    from: { table: n.tbl(T), alias: ALIAS.row },
    joins: [...parents.joins, ...quantifiers.joins],
    group: parents.group,
    columns: n.used,
  });
  return { text, params: params.values, periodic: byPeriod };
}
