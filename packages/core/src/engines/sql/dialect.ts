/**
 * SQL dialects. The base emitter (`emit.ts`) decides what a frame query computes — which rows,
 * joins, groups and sums — and asks its dialect for every piece of text whose spelling differs
 * between databases: identifier quoting, literals (bound parameters or inline), Kleene logic,
 * quantifier subqueries and joins. A dialect is a complete {@link Dialect} record: a part left
 * out is a compile error, and {@link checkDialect} refuses an incomplete record at run time.
 * `standardParts` spells standard SQL; DuckDB and PostgreSQL use it as is.
 */
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';
import type { CompareOp } from '../../model/expr.js';

/** Type of a bound parameter (or literal), made explicit for the database. */
export type ParamType = 'text' | 'double' | 'boolean';

/** Column references of a quantifier's per-parent counts of children true, false and unknown. */
export interface QuantifierCounts {
  /** Children whose predicate is true. */
  readonly t: string;
  /** Children whose predicate is false. */
  readonly f: string;
  /** Children whose predicate is unknown. */
  readonly u: string;
}

/** A grouped subquery counting, per parent row (and period), children by the truth of predicates. */
export interface QuantifierSubquery {
  /** Key expressions with their output names (`k`, and `p` when the periods match). */
  readonly keys: readonly { readonly expr: string; readonly name: string }[];
  /** One entry per quantifier: its predicate and the names of its three counts. */
  readonly counts: readonly { readonly where: string; readonly names: QuantifierCounts }[];
  /** `table AS alias` of the child rows. */
  readonly from: string;
}

/**
 * Kleene (three-valued) logic as the database spells it. Operands are SQL text already emitted;
 * each result must be true, false or NULL (unknown) exactly as the reference evaluator says.
 */
export interface SqlLogic {
  /** A comparison; NULL when either side is NULL. */
  compare(op: CompareOp, left: string, right: string): string;
  /** Membership in a list of emitted literals (never NULL ones); an empty list is false for a known value, NULL for NULL. */
  in(arg: string, values: readonly string[]): string;
  /** Conjunction: false if any is false, else NULL if any is NULL, else true. */
  and(args: readonly string[]): string;
  /** Disjunction: true if any is true, else NULL if any is NULL, else false. */
  or(args: readonly string[]): string;
  /** Negation; NULL stays NULL. */
  not(arg: string): string;
  /** Whether a value is NULL (never NULL itself). */
  isNull(arg: string): string;
  /** `any` from the counts: true if some child is true, else NULL if some is unknown, else false (no children: false). */
  any(counts: QuantifierCounts): string;
  /** `all` from the counts: false if some child is false, else NULL if some is unknown, else true (no children: true). */
  all(counts: QuantifierCounts): string;
  /** The constant of a quantifier over a table the database lacks (`any`: false, `all`: true). */
  empty(kind: 'any' | 'all'): string;
}

/** A join of a frame query, as the emitter decided it. */
export interface FrameJoin {
  /** A quoted table name or a parenthesized subquery. */
  readonly source: string;
  /** Its alias, as written in column references. */
  readonly alias: string;
  /** Equalities `joined column = earlier column`, each already emitted. */
  readonly on: readonly string[];
  /** A parent row (household, site, unit) or a quantifier's per-parent counts. */
  readonly kind: 'parent' | 'quantifier';
}

/** The pieces of one frame query, for the dialect to assemble. */
export interface FrameSql {
  /** `sums`: grouped by the first `keys` outputs, rows whose group is NULL dropped; `rows`: every row, ungrouped (drill-down). */
  readonly kind: 'sums' | 'rows';
  /** Output expressions with their names; the first `keys` are the grouping keys (none for `rows`). */
  readonly select: readonly { readonly expr: string; readonly name: string }[];
  /** How many leading outputs are grouping keys. */
  readonly keys: number;
  /** The quoted table of the frame's rows and its alias. */
  readonly from: { readonly table: string; readonly alias: string };
  /** Joins, parents first, then quantifiers. */
  readonly joins: readonly FrameJoin[];
  /** The grouping expression (rows where it is NULL are dropped). */
  readonly group: string;
  /** Database column names referenced per alias (through `parts.column`), in first-use order. */
  readonly columns: ReadonlyMap<string, readonly string[]>;
}

/** The overridable parts of SQL text. Every part is required: there is no silent default. */
export interface SqlParts {
  /** A reference to column `name` (a database name, unquoted) of the table or subquery under `alias`. */
  column(dialect: Dialect, alias: string, name: string): string;
  /** The whole frame query from its pieces. */
  frame(dialect: Dialect, f: FrameSql): string;
  /** Quote an identifier, refusing names the database would alter. */
  ident(dialect: Dialect, name: string): string;
  /** A literal: `bind(value)` gives the placeholder of a bound parameter; a dialect may inline instead. */
  literal(dialect: Dialect, value: string | number | boolean, type: ParamType, bind: () => string): string;
  /** Kleene logic. */
  readonly logic: SqlLogic;
  /** Sum of `value` over the rows where `where` is true (0 when none), as a double. */
  measure(dialect: Dialect, where: string, value: string): string;
  /** A count that is NULL where a left join found no row, as 0. */
  zeroIfNull(dialect: Dialect, count: string): string;
  /** The state of a row for drill-down: 1 where `where` is true, 0 false, 2 unknown. */
  rowState(dialect: Dialect, where: string): string;
  /** The grouped subquery of a frame's quantifiers over one child table. */
  quantifierSubquery(dialect: Dialect, q: QuantifierSubquery): string;
  /** A left join of `source` (a table or a parenthesized subquery) under `alias`, on the conjunction of `on`. */
  leftJoin(source: string, alias: string, on: readonly string[]): string;
}

/** What a dialect provides to the base emitter. */
export interface Dialect {
  /** Dialect name. */
  readonly name: string;
  /** SQL type names of bound parameters and of the sums. */
  readonly types: Readonly<Record<ParamType, string>>;
  /** Placeholder of the n-th (1-based) bound parameter of a type. */
  placeholder(n: number, type: ParamType): string;
  /** Suffix that makes text ordering compare code points (JavaScript's order), or ''. */
  readonly textOrder: string;
  /** Longest identifier in UTF-8 bytes the database keeps without truncating it. */
  readonly maxIdentifierBytes: number;
  /** Whether text values may contain NUL characters. */
  readonly textHoldsNul: boolean;
  /** The spelling of identifiers, literals, logic, quantifiers and joins. */
  readonly parts: SqlParts;
}

/**
 * Quote an identifier for `dialect` (through its `parts.ident`). Names the database would
 * truncate or cannot hold are refused, never altered.
 */
export function quoteIdent(dialect: Dialect, name: string): string {
  return dialect.parts.ident(dialect, name);
}

/** Refuse an empty name, a NUL, or a name longer than the dialect keeps (shared by dialects' `ident`). */
export function checkIdent(dialect: Dialect, name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(String(name), 'empty'));
  if (name.includes('\u0000')) throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(name, 'nul'));
  if (new TextEncoder().encode(name).length > dialect.maxIdentifierBytes)
    throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(name, 'long', dialect.maxIdentifierBytes));
}

const CMP: Readonly<Record<CompareOp, string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** Standard SQL's Kleene logic: AND, OR, NOT and comparisons with NULL are three-valued already. */
export const standardLogic: SqlLogic = {
  compare: (op, left, right) => `(${left} ${CMP[op]} ${right})`,
  // The list holds no nulls, so IN is unknown exactly when the tested value is.
  in: (arg, values) => (values.length === 0 ? `(CASE WHEN ${arg} IS NULL THEN NULL ELSE FALSE END)` : `(${arg} IN (${values.join(', ')}))`),
  and: (args) => `(${args.join(' AND ')})`,
  or: (args) => `(${args.join(' OR ')})`,
  not: (arg) => `(NOT ${arg})`,
  isNull: (arg) => `(${arg} IS NULL)`,
  any: (c) => `(CASE WHEN COALESCE(${c.t}, 0) > 0 THEN TRUE WHEN COALESCE(${c.u}, 0) > 0 THEN NULL ELSE FALSE END)`,
  all: (c) => `(CASE WHEN COALESCE(${c.f}, 0) > 0 THEN FALSE WHEN COALESCE(${c.u}, 0) > 0 THEN NULL ELSE TRUE END)`,
  empty: (kind) => (kind === 'any' ? 'FALSE' : 'TRUE'),
};

/** Standard SQL parts: double-quoted names, `CAST(placeholder AS type)` parameters, ANSI joins. */
export const standardParts: SqlParts = {
  ident: (dialect, name) => {
    checkIdent(dialect, name);
    return `"${name.replace(/"/g, '""')}"`;
  },
  literal: (dialect, _value, type, bind) => `CAST(${bind()} AS ${dialect.types[type]})`,
  logic: standardLogic,
  measure: (dialect, where, value) => `CAST(COALESCE(SUM(CASE WHEN ${where} THEN ${value} ELSE 0 END), 0) AS ${dialect.types.double})`,
  zeroIfNull: (_dialect, count) => `COALESCE(${count}, 0)`,
  rowState: (_dialect, where) => `(CASE WHEN ${where} THEN 1 WHEN NOT ${where} THEN 0 ELSE 2 END)`,
  quantifierSubquery: (dialect, q) => {
    const id = (n: string): string => quoteIdent(dialect, n);
    const keys = q.keys.map((k) => `${k.expr} AS ${id(k.name)}`);
    const counts = q.counts.map(
      ({ where: w, names }) =>
        `SUM(CASE WHEN ${w} THEN 1 ELSE 0 END) AS ${id(names.t)}, ` +
        `SUM(CASE WHEN NOT ${w} THEN 1 ELSE 0 END) AS ${id(names.f)}, ` +
        `SUM(CASE WHEN ${w} IS NULL THEN 1 ELSE 0 END) AS ${id(names.u)}`,
    );
    return `SELECT ${keys.join(', ')}, ${counts.join(', ')} FROM ${q.from} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`;
  },
  leftJoin: (source, alias, on) => `LEFT JOIN ${source} AS ${alias} ON ${on.join(' AND ')}`,
  column: (dialect, alias, name) => `${alias}.${quoteIdent(dialect, name)}`,
  frame: (dialect, f) =>
    [
      `SELECT ${f.select.map((s) => `${s.expr} AS ${quoteIdent(dialect, s.name)}`).join(', ')}`,
      `FROM ${f.from.table} AS ${f.from.alias}`,
      ...f.joins.map((j) => dialect.parts.leftJoin(j.source, j.alias, j.on)),
      ...(f.kind === 'sums' ? [`WHERE ${f.group} IS NOT NULL`, `GROUP BY ${Array.from({ length: f.keys }, (_, i) => i + 1).join(', ')}`] : []),
    ].join('\n'),
};

const PART_NAMES: readonly (keyof SqlParts)[] = ['ident', 'literal', 'logic', 'measure', 'rowState', 'zeroIfNull', 'quantifierSubquery', 'leftJoin', 'column', 'frame'];
const LOGIC_NAMES: readonly (keyof SqlLogic)[] = ['compare', 'in', 'and', 'or', 'not', 'isNull', 'any', 'all', 'empty'];

/** Refuse a dialect record missing a part (for records built without the type checker). */
export function checkDialect(dialect: Dialect): Dialect {
  const missing = [
    ...(['placeholder'] as const).filter((k) => typeof dialect[k] !== 'function'),
    ...PART_NAMES.filter((k) => dialect.parts?.[k] === undefined),
    ...LOGIC_NAMES.filter((k) => typeof dialect.parts?.logic?.[k] !== 'function').map((k) => `logic.${k}`),
  ];
  if (missing.length > 0) throw new HoufuError('invalid_request', ERROR_TEXT.sqlUnsupported(`dialect ${String(dialect.name)} without ${missing.join(', ')}`));
  return dialect;
}

/** DuckDB (native and duckdb-wasm). */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  types: { text: 'VARCHAR', double: 'DOUBLE', boolean: 'BOOLEAN' },
  placeholder: (n) => `$${n}`,
  // DuckDB compares text byte-wise (UTF-8), which is code-point order.
  textOrder: '',
  maxIdentifierBytes: 4096,
  textHoldsNul: true,
  parts: standardParts,
};

/** PostgreSQL. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  types: { text: 'TEXT', double: 'DOUBLE PRECISION', boolean: 'BOOLEAN' },
  placeholder: (n) => `$${n}`,
  // The database's default collation may be linguistic; "C" compares code points.
  textOrder: ' COLLATE "C"',
  // NAMEDATALEN − 1: longer names are silently truncated by the server.
  maxIdentifierBytes: 63,
  textHoldsNul: false,
  parts: standardParts,
};
