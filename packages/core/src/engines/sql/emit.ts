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
import { quoteIdent, type Dialect, type ParamType } from './dialect.js';
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
  /** A placeholder for `value`, cast to its type so every database knows it. */
  bind(value: Exclude<Scalar, null>): string {
    if (typeof value === 'string' && !this.dialect.textHoldsNul && value.includes('\u0000'))
      throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`a text value with a NUL character (${JSON.stringify(value.slice(0, 40))}) in ${this.dialect.name}`));
    const type: ParamType = typeof value === 'string' ? 'text' : typeof value === 'number' ? 'double' : 'boolean';
    this.values.push(value);
    return `CAST(${this.dialect.placeholder(this.values.length)} AS ${this.dialect.types[type]})`;
  }
}

/** Emitting context: which table a row is from and how its columns and quantifiers are named. */
interface Scope {
  readonly row: TableName;
  column(table: TableName, name: string): string;
  quantifier(q: QuantifierExpr): { t: string; f: string; u: string };
  readonly inQuantifier: boolean;
  readonly absent?: ReadonlySet<TableName> | undefined;
}

const CMP = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** Emit an expression as a SQL boolean/scalar with three-valued semantics. */
function emitExpr(e: Expr, scope: Scope, params: Params, dialect: Dialect): string {
  const sub = (x: Expr): string => emitExpr(x, scope, params, dialect);
  return visit<string>(e, {
    column: (c) => scope.column(c.table ?? scope.row, c.name),
    literal: (l) => (l.value === null ? 'NULL' : params.bind(l.value)),
    compare: (c) => {
      const ordered = c.op !== 'eq' && c.op !== 'ne';
      const text =
        ordered && dialect.textOrder !== '' && checkExpr(scope.row, c.left, scope.inQuantifier) === 'string';
      const textR =
        ordered && dialect.textOrder !== '' && checkExpr(scope.row, c.right, scope.inQuantifier) === 'string';
      const left = sub(c.left) + (text ? dialect.textOrder : '');
      const right = sub(c.right) + (textR ? dialect.textOrder : '');
      return `(${left} ${CMP[c.op]} ${right})`;
    },
    in: (n) => {
      const arg = sub(n.arg);
      // An empty list: false for a known value, unknown for null (as the reference).
      if (n.values.length === 0) return `(CASE WHEN ${arg} IS NULL THEN NULL ELSE FALSE END)`;
      // The list holds no nulls, so IN is unknown exactly when the tested value is.
      return `(${arg} IN (${n.values.map((v) => params.bind(v)).join(', ')}))`;
    },
    and: (n) => `(${n.args.map(sub).join(' AND ')})`,
    or: (n) => `(${n.args.map(sub).join(' OR ')})`,
    not: (n) => `(NOT ${sub(n.arg)})`,
    isNull: (n) => `(${sub(n.arg)} IS NULL)`,
    // any: true if some child is true, else unknown if some is unknown, else false (no children: false).
    any: (q) => {
      if (scope.absent?.has((q as QuantifierExpr).table)) return 'FALSE';
      const a = scope.quantifier(q);
      return `(CASE WHEN COALESCE(${a.t}, 0) > 0 THEN TRUE WHEN COALESCE(${a.u}, 0) > 0 THEN NULL ELSE FALSE END)`;
    },
    // all: false if some child is false, else unknown if some is unknown, else true (no children: true).
    all: (q) => {
      if (scope.absent?.has((q as QuantifierExpr).table)) return 'TRUE';
      const a = scope.quantifier(q);
      return `(CASE WHEN COALESCE(${a.f}, 0) > 0 THEN FALSE WHEN COALESCE(${a.u}, 0) > 0 THEN NULL ELSE TRUE END)`;
    },
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

/**
 * The SELECT computing one frame's sums. Output columns: `g` (site or unit id), `p` (period,
 * when the frame is monthly), `b0…` (breakdown values), one column per measure id (DOUBLE).
 */
export function frameQuery(frame: FramePlan, ctx: EmitContext): FrameQuery {
  const { dialect, naming, dataset } = ctx;
  const q = (name: string): string => quoteIdent(dialect, name);
  const tbl = (t: TableName): string =>
    (naming.schema !== undefined ? `${q(naming.schema)}.` : '') + q(tableName(naming, t));
  const col = (alias: string, t: TableName, c: string): string => `${alias}.${q(columnName(naming, t, c))}`;
  const params = new Params(dialect);
  const T = frame.table;
  const periodOn = (t: TableName): boolean => hasColumn(dataset, t, 'period');
  const byPeriod = frame.periodic && periodOn(T);

  const joins: string[] = [];
  // Parents: persons → households (matching the period when both are monthly) → sites.
  if (T === 'persons') {
    const samePeriod = periodOn('persons') && periodOn('households');
    joins.push(
      `LEFT JOIN ${tbl('households')} AS ${ALIAS.household} ON ${col(ALIAS.household, 'households', 'household_id')} = ${col(ALIAS.row, 'persons', 'household_id')}` +
        (samePeriod ? ` AND ${col(ALIAS.household, 'households', 'period')} = ${col(ALIAS.row, 'persons', 'period')}` : ''),
    );
  }
  const siteVia = T === 'persons' ? col(ALIAS.household, 'households', 'site_id') : T === 'sites' ? null : col(ALIAS.row, T, 'site_id');
  if (siteVia !== null)
    joins.push(`LEFT JOIN ${tbl('sites')} AS ${ALIAS.site} ON ${col(ALIAS.site, 'sites', 'site_id')} = ${siteVia}`);
  const siteAlias = T === 'sites' ? ALIAS.row : ALIAS.site;

  let group: string;
  if (frame.group === 'site') group = col(siteAlias, 'sites', 'site_id');
  else if (T === 'management_units') group = col(ALIAS.row, T, 'unit_id');
  else if (T === 'households' || T === 'persons') {
    const via = T === 'persons' ? col(ALIAS.household, 'households', 'unit_id') : col(ALIAS.row, T, 'unit_id');
    joins.push(`LEFT JOIN ${tbl('management_units')} AS ${ALIAS.unit} ON ${col(ALIAS.unit, 'management_units', 'unit_id')} = ${via}`);
    group = col(ALIAS.unit, 'management_units', 'unit_id');
  } else throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`${T} rows by management unit`));

  const aliasOf = (table: TableName): string => {
    if (table === T) return ALIAS.row;
    if (table === 'households' && T === 'persons') return ALIAS.household;
    if (table === 'sites') return siteAlias;
    throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`column of ${table} from ${T}`));
  };

  // Quantifiers: per parent row (and period), counts of children whose predicate is true, false,
  // unknown — one grouped pass per child table for all its quantifiers.
  const qRef = new Map<string, { t: string; f: string; u: string }>();
  const byChild = new Map<TableName, typeof frame.quantifiers[number][]>();
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
        return col(ALIAS.child, child, name);
      },
      quantifier: () => {
        throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported('nested quantifiers'));
      },
    };
    const samePeriod = periodOn(child) && periodOn(T);
    const alias = q(`q_${child}`);
    const keys = [`${col(ALIAS.child, child, link)} AS "k"`, ...(samePeriod ? [`${col(ALIAS.child, child, 'period')} AS "p"`] : [])];
    const counts = pqs.map((pq) => {
      const w = emitExpr(pq.node.where, childScope, params, dialect);
      qRef.set(JSON.stringify(pq.node), { t: `${alias}.${q(`${pq.id}_t`)}`, f: `${alias}.${q(`${pq.id}_f`)}`, u: `${alias}.${q(`${pq.id}_u`)}` });
      return (
        `SUM(CASE WHEN ${w} THEN 1 ELSE 0 END) AS ${q(`${pq.id}_t`)}, ` +
        `SUM(CASE WHEN NOT ${w} THEN 1 ELSE 0 END) AS ${q(`${pq.id}_f`)}, ` +
        `SUM(CASE WHEN ${w} IS NULL THEN 1 ELSE 0 END) AS ${q(`${pq.id}_u`)}`
      );
    });
    const sub = `SELECT ${keys.join(', ')}, ${counts.join(', ')} FROM ${tbl(child)} AS ${ALIAS.child} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`;
    joins.push(
      `LEFT JOIN (${sub}) AS ${alias} ON ${alias}."k" = ${col(ALIAS.row, T, SCHEMA[T].key)}` +
        (samePeriod ? ` AND ${alias}."p" = ${col(ALIAS.row, T, 'period')}` : ''),
    );
  }

  const scope: Scope = {
    row: T,
    inQuantifier: false,
    absent: ctx.absent,
    column: (table, name) => col(aliasOf(table), table, name),
    quantifier: (node) => {
      const a = qRef.get(JSON.stringify(node));
      if (a === undefined) throw new Error('quantifier missing from plan');
      return a;
    },
  };

  const dbl = dialect.types.double;
  const select: string[] = [`${group} AS "${FRAME_COLUMNS.group}"`];
  if (byPeriod) select.push(`${col(ALIAS.row, T, 'period')} AS "${FRAME_COLUMNS.period}"`);
  frame.breakdown.forEach((b, i) => select.push(`${col(aliasOf(b.table), b.table, b.column)} AS "${FRAME_COLUMNS.breakdown(i)}"`));
  const keyCount = select.length;
  for (const m of frame.measures) {
    const w = emitExpr(m.where, scope, params, dialect);
    const value = m.sum === null ? '1' : col(ALIAS.row, T, m.sum);
    select.push(`CAST(COALESCE(SUM(CASE WHEN ${w} THEN ${value} ELSE 0 END), 0) AS ${dbl}) AS ${q(m.id)}`);
  }
  const text =
    `SELECT ${select.join(', ')}\nFROM ${tbl(T)} AS ${ALIAS.row}\n` +
    joins.map((j) => `${j}\n`).join('') +
    `WHERE ${group} IS NOT NULL\nGROUP BY ${Array.from({ length: keyCount }, (_, i) => i + 1).join(', ')}`;
  return { text, params: params.values, periodic: byPeriod };
}
