/**
 * Compiles an expression tree into a JavaScript closure over a row object, with
 * Kleene three-valued logic. Closures are built from the tree's own vocabulary;
 * no text from the user or the data ever becomes code.
 */
import { visit, type Expr, type QuantifierExpr } from '../model/expr.js';
import type { TableName } from '../schema/tables.js';

/** A row as engines see it: column key → value. */
export type RowObject = Readonly<Record<string, unknown>>;
/** An evaluated value; null is unknown. */
export type Value = string | number | boolean | null;
/** A compiled expression. */
export type Evaluator = (row: RowObject) => Value;

/** Names of the row keys an evaluator reads. */
export interface KeyNames {
  /** Key of a column of the row's table (`table === row`) or of a parent. */
  column(table: TableName, name: string): string;
  /** Key prefix of a quantifier's counts: `${prefix}_t`, `_f`, `_u` (children true, false, unknown). */
  quantifier(q: QuantifierExpr): string;
}

/** How a compiled expression reads a row `R` (a row object, or a row index into columns). */
export interface Accessors<R> {
  /** Reader of a column of the row's table or of a parent. */
  column(table: TableName, name: string): (r: R) => unknown;
  /** Readers of a quantifier's counts of children: true, false, unknown. */
  quantifier(q: QuantifierExpr): { t: (r: R) => unknown; f: (r: R) => unknown; u: (r: R) => unknown };
}

/** Accessors reading row objects by key names. */
export function objectAccessors(keys: KeyNames): Accessors<RowObject> {
  return {
    column: (table, name) => {
      const k = keys.column(table, name);
      return (d) => d[k];
    },
    quantifier: (q) => {
      const p = keys.quantifier(q);
      const t = `${p}_t`, f = `${p}_f`, u = `${p}_u`;
      return { t: (d) => d[t], f: (d) => d[f], u: (d) => d[u] };
    },
  };
}

/** Accessors reading columns (by key name) at a row index. */
export function indexAccessors(keys: KeyNames, columns: Readonly<Record<string, ArrayLike<unknown>>>): Accessors<number> {
  const get = (k: string): ArrayLike<unknown> => {
    const c = columns[k];
    if (!c) throw new Error(`column ${k} is missing from the frame`);
    return c;
  };
  return {
    column: (table, name) => {
      const c = get(keys.column(table, name));
      return (i) => c[i];
    },
    quantifier: (q) => {
      const p = keys.quantifier(q);
      const t = get(`${p}_t`), f = get(`${p}_f`), u = get(`${p}_u`);
      return { t: (i) => t[i], f: (i) => f[i], u: (i) => u[i] };
    },
  };
}

const norm = (v: unknown): Value => (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : (v as Value));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/**
 * Kleene conjunction (`dominant` false) or disjunction (`dominant` true): the dominant value if any
 * operand has it, else unknown if any is unknown, else the other value.
 */
function kleene<R>(fs: readonly ((r: R) => Value)[], dominant: boolean): (r: R) => Value {
  return (d) => {
    let unknown = false;
    for (const f of fs) {
      const v = f(d);
      if (v === dominant) return dominant;
      if (v === null) unknown = true;
    }
    return unknown ? null : !dominant;
  };
}

/** Compile `e`, evaluated on row objects of table `row` whose keys `keys` names. */
export function compileExpr(row: TableName, e: Expr, keys: KeyNames): Evaluator {
  return compileWith(row, e, objectAccessors(keys));
}

/** Compile `e`, evaluated on rows `R` of table `row` read through accessors. */
export function compileWith<R>(row: TableName, e: Expr, acc: Accessors<R>): (r: R) => Value {
  type Ev = (r: R) => Value;
  const sub = (x: Expr): Ev => compileWith(row, x, acc);
  return visit<Ev>(e, {
    column: (c) => {
      const get = acc.column(c.table ?? row, c.name);
      return (d) => norm(get(d));
    },
    literal: (l) => {
      const v = l.value;
      return () => v;
    },
    compare: (c) => {
      const a = sub(c.left);
      const b = sub(c.right);
      switch (c.op) {
        case 'eq':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x === y; };
        case 'ne':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x !== y; };
        case 'lt':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x < y; };
        case 'le':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x <= y; };
        case 'gt':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x > y; };
        case 'ge':
          return (d) => { const x = a(d), y = b(d); return x === null || y === null ? null : x >= y; };
      }
    },
    in: (n) => {
      const a = sub(n.arg);
      const set = new Set<unknown>(n.values);
      return (d) => { const x = a(d); return x === null ? null : set.has(x); };
    },
    and: (n) => kleene(n.args.map(sub), false),
    or: (n) => kleene(n.args.map(sub), true),
    not: (n) => {
      const f = sub(n.arg);
      return (d) => { const v = f(d); return v === null ? null : !v; };
    },
    isNull: (n) => {
      const f = sub(n.arg);
      return (d) => f(d) === null;
    },
    any: (q) => {
      const { t, u } = acc.quantifier(q);
      return (d) => (num(t(d)) > 0 ? true : num(u(d)) > 0 ? null : false);
    },
    all: (q) => {
      const { f, u } = acc.quantifier(q);
      return (d) => (num(f(d)) > 0 ? false : num(u(d)) > 0 ? null : true);
    },
  });
}
