/**
 * The predicate language of indicator definitions: a small typed expression tree,
 * plain JSON, evaluated with Kleene three-valued logic (null is unknown).
 */
import type { TableName } from '../schema/tables.js';

/** A literal value; null is unknown. */
export type Scalar = string | number | boolean | null;

/** A comparison operator. */
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

/** A column of the row's own table, or of a table it links to (its household, its site). */
export interface ColumnExpr {
  /** Discriminator. */
  readonly kind: 'column';
  /** Table holding the column; omitted means the row's own table. */
  readonly table?: TableName;
  /** Canonical column name. */
  readonly name: string;
}

/** A constant. */
export interface LiteralExpr {
  /** Discriminator. */
  readonly kind: 'literal';
  /** The value; null is unknown. */
  readonly value: Scalar;
}

/** A comparison; unknown when either side is null. */
export interface CompareExpr {
  /** Discriminator. */
  readonly kind: 'compare';
  /** The operator. */
  readonly op: CompareOp;
  /** The left operand. */
  readonly left: Expr;
  /** The right operand. */
  readonly right: Expr;
}

/** Membership in a list of values; unknown when the operand is null. */
export interface InExpr {
  /** Discriminator. */
  readonly kind: 'in';
  /** The tested value. */
  readonly arg: Expr;
  /** The allowed values. */
  readonly values: readonly (string | number)[];
}

/** Kleene conjunction: false if any is false, else unknown if any is unknown, else true. */
export interface AndExpr {
  /** Discriminator. */
  readonly kind: 'and';
  /** The operands (at least one). */
  readonly args: readonly Expr[];
}

/** Kleene disjunction: true if any is true, else unknown if any is unknown, else false. */
export interface OrExpr {
  /** Discriminator. */
  readonly kind: 'or';
  /** The operands (at least one). */
  readonly args: readonly Expr[];
}

/** Kleene negation: unknown stays unknown. */
export interface NotExpr {
  /** Discriminator. */
  readonly kind: 'not';
  /** The operand. */
  readonly arg: Expr;
}

/** True when the operand is unknown (null), false otherwise; never unknown itself. */
export interface IsNullExpr {
  /** Discriminator. */
  readonly kind: 'isNull';
  /** The operand. */
  readonly arg: Expr;
}

/**
 * A quantifier over the rows of a child table that link to this row
 * (a household's persons, a site's facilities).
 * `any`: Kleene OR over the children (false when there are none);
 * `all`: Kleene AND (true when there are none).
 */
export interface QuantifierExpr {
  /** Discriminator. */
  readonly kind: 'any' | 'all';
  /** The child table; it must reference the row's table. */
  readonly table: TableName;
  /** The predicate tested on each child row (columns of the child table). */
  readonly where: Expr;
  /** A short label for drill-down reasons, e.g. { zh: '就业劳动力', en: 'employed workers' }. */
  readonly label?: { readonly zh: string; readonly en: string };
}

/** Any node of the expression tree. */
export type Expr =
  | ColumnExpr
  | LiteralExpr
  | CompareExpr
  | InExpr
  | AndExpr
  | OrExpr
  | NotExpr
  | IsNullExpr
  | QuantifierExpr;

/** The node kinds, for exhaustive visitors. */
export type ExprKind = Expr['kind'];

/** A visitor with one handler per node kind; forgetting a kind is a type error. */
export type ExprVisitor<R> = { readonly [K in ExprKind]: (node: Extract<Expr, { kind: K }>) => R };

/** Dispatch a node to the handler of its kind. */
export function visit<R>(node: Expr, visitor: ExprVisitor<R>): R {
  return (visitor[node.kind] as (n: Expr) => R)(node);
}

// ---- thin builders: each only returns a node ----

/** A column reference. @example col('trained'); col('site_type', 'sites') */
export const col = (name: string, table?: TableName): ColumnExpr =>
  table === undefined ? { kind: 'column', name } : { kind: 'column', table, name };
/** A literal. */
export const lit = (value: Scalar): LiteralExpr => ({ kind: 'literal', value });
/** The constant true. */
export const TRUE: LiteralExpr = { kind: 'literal', value: true };
const cmp =
  (op: CompareOp) =>
  (left: Expr | string, right: Expr | Scalar): CompareExpr => ({
    kind: 'compare',
    op,
    left: typeof left === 'string' ? col(left) : left,
    right: isExpr(right) ? right : lit(right),
  });
/** left = right. A string left operand names a column. */
export const eq = cmp('eq');
/** left ≠ right. */
export const ne = cmp('ne');
/** left < right. */
export const lt = cmp('lt');
/** left ≤ right. */
export const le = cmp('le');
/** left > right. */
export const gt = cmp('gt');
/** left ≥ right. */
export const ge = cmp('ge');
/** arg ∈ values. */
export const isIn = (arg: Expr | string, values: readonly (string | number)[]): InExpr => ({
  kind: 'in',
  arg: typeof arg === 'string' ? col(arg) : arg,
  values,
});
/** Kleene AND. */
export const and = (...args: Expr[]): AndExpr => ({ kind: 'and', args });
/** Kleene OR. */
export const or = (...args: Expr[]): OrExpr => ({ kind: 'or', args });
/** Kleene NOT. */
export const not = (arg: Expr | string): NotExpr => ({ kind: 'not', arg: typeof arg === 'string' ? col(arg) : arg });
/** arg is unknown. */
export const isNull = (arg: Expr | string): IsNullExpr => ({
  kind: 'isNull',
  arg: typeof arg === 'string' ? col(arg) : arg,
});
/** Kleene implication a → b, i.e. (not a) or b. */
export const implies = (a: Expr, b: Expr): OrExpr => or(not(a), b);
/** Some child row satisfies `where`. @example any('persons', and(col('is_labor'), col('employed'))) */
export const any = (table: TableName, where: Expr | string, label?: QuantifierExpr['label']): QuantifierExpr => ({
  kind: 'any',
  table,
  where: typeof where === 'string' ? col(where) : where,
  ...(label ? { label } : {}),
});
/** Every child row satisfies `where`. */
export const all = (table: TableName, where: Expr | string, label?: QuantifierExpr['label']): QuantifierExpr => ({
  kind: 'all',
  table,
  where: typeof where === 'string' ? col(where) : where,
  ...(label ? { label } : {}),
});

/** Whether a value is an expression node. */
export function isExpr(x: unknown): x is Expr {
  return typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string';
}
