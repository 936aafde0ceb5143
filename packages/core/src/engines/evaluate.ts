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

const norm = (v: unknown): Value => (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : (v as Value));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Compile `e`, evaluated on rows of table `row`. */
export function compileExpr(row: TableName, e: Expr, keys: KeyNames): Evaluator {
  return visit<Evaluator>(e, {
    column: (c) => {
      const k = keys.column(c.table ?? row, c.name);
      return (d) => norm(d[k]);
    },
    literal: (l) => {
      const v = l.value;
      return () => v;
    },
    compare: (c) => {
      const a = compileExpr(row, c.left, keys);
      const b = compileExpr(row, c.right, keys);
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
      const a = compileExpr(row, n.arg, keys);
      const set = new Set<unknown>(n.values);
      return (d) => { const x = a(d); return x === null ? null : set.has(x); };
    },
    and: (n) => {
      const fs = n.args.map((x) => compileExpr(row, x, keys));
      return (d) => {
        let unknown = false;
        for (const f of fs) {
          const v = f(d);
          if (v === false) return false;
          if (v === null) unknown = true;
        }
        return unknown ? null : true;
      };
    },
    or: (n) => {
      const fs = n.args.map((x) => compileExpr(row, x, keys));
      return (d) => {
        let unknown = false;
        for (const f of fs) {
          const v = f(d);
          if (v === true) return true;
          if (v === null) unknown = true;
        }
        return unknown ? null : false;
      };
    },
    not: (n) => {
      const f = compileExpr(row, n.arg, keys);
      return (d) => { const v = f(d); return v === null ? null : !v; };
    },
    isNull: (n) => {
      const f = compileExpr(row, n.arg, keys);
      return (d) => f(d) === null;
    },
    any: (q) => {
      const p = keys.quantifier(q);
      const t = `${p}_t`, u = `${p}_u`;
      return (d) => (num(d[t]) > 0 ? true : num(d[u]) > 0 ? null : false);
    },
    all: (q) => {
      const p = keys.quantifier(q);
      const f = `${p}_f`, u = `${p}_u`;
      return (d) => (num(d[f]) > 0 ? false : num(d[u]) > 0 ? null : true);
    },
  });
}
