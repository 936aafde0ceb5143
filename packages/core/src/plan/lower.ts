/**
 * Lowering an expression for a frame: quantifier nodes get their frame's ids, and equal
 * subtrees become one shared node (hash-consing), so that engines find shared work by node
 * identity or quantifier id — never by printing nodes again.
 */
import { visit, type Expr, type QuantifierExpr } from '../model/expr.js';
import type { TableName } from '../schema/tables.js';
import type { PlanQuantifierExpr } from './lowered.js';

/** Shares equal subtrees of every expression it lowers (one per plan). */
export class Interner {
  private readonly nodes = new Map<string, Expr>();

  /** The one node equal to `e` (whose children are already interned). */
  intern<E extends Expr>(e: E): E {
    const key = JSON.stringify(e);
    const known = this.nodes.get(key);
    if (known) return known as E;
    this.nodes.set(key, e);
    return e;
  }

  /**
   * Lower `e` evaluated on rows of `row`: parent columns are collected into `columns` (as
   * `table.column`) when given, and each quantifier is replaced by the node `quantifier` gives.
   */
  lower(row: TableName, e: Expr, columns: Set<string> | null, quantifier: ((q: QuantifierExpr) => PlanQuantifierExpr) | null): Expr {
    const sub = (x: Expr): Expr => this.lower(row, x, columns, quantifier);
    const q = (n: QuantifierExpr): Expr => {
      if (quantifier === null) throw new Error('quantifiers cannot nest');
      return quantifier(n);
    };
    return visit<Expr>(e, {
      column: (c) => {
        const table = c.table ?? row;
        if (columns !== null && table !== row) columns.add(`${table}.${c.name}`);
        return this.intern(c);
      },
      literal: (l) => this.intern(l),
      compare: (c) => this.intern({ ...c, left: sub(c.left), right: sub(c.right) }),
      in: (n) => this.intern({ ...n, arg: sub(n.arg) }),
      and: (n) => this.intern({ ...n, args: n.args.map(sub) }),
      or: (n) => this.intern({ ...n, args: n.args.map(sub) }),
      not: (n) => this.intern({ ...n, arg: sub(n.arg) }),
      isNull: (n) => this.intern({ ...n, arg: sub(n.arg) }),
      any: q,
      all: q,
    });
  }
}
