/**
 * How canonical tables link: each row's parents (household, site, management unit),
 * and the checks that a definition only names columns it can reach.
 */
import type { ColumnExpr, Expr, QuantifierExpr } from '../model/expr.js';
import { visit } from '../model/expr.js';
import { hasColumn, type Dataset } from '../dataset.js';
import { columnSpec, SCHEMA, type ColumnSpec, type TableName } from '../schema/tables.js';
import type { PlanLink } from './lowered.js';

/** The parent tables reachable from a table, nearest first, with the joining column, derived from the schema's required references. */
export const PARENTS: Readonly<Record<TableName, readonly { table: TableName; via: string; from: TableName }[]>> = Object.fromEntries(
  (Object.keys(SCHEMA) as TableName[]).map((t) => [t, parentChain(t)]),
) as unknown as Record<TableName, readonly { table: TableName; via: string; from: TableName }[]>;

function parentChain(table: TableName): { table: TableName; via: string; from: TableName }[] {
  const out: { table: TableName; via: string; from: TableName }[] = [];
  for (let from: TableName | undefined = table; from !== undefined; ) {
    const ref: ColumnSpec | undefined = SCHEMA[from].columns.find((c) => c.references !== undefined && c.required);
    if (!ref) break;
    out.push({ table: ref.references!, via: ref.name, from });
    from = ref.references;
  }
  return out;
}

/** Whether rows of `table` carry a period in this dataset. */
export const periodOn = (ds: Dataset, table: TableName): boolean => hasColumn(ds, table, 'period');

/** The link from rows of `from` to rows of `to` through `via`, matching periods when both are monthly in `ds`. */
export function linkOf(ds: Dataset, from: TableName, to: TableName, via: string): PlanLink {
  return { from, to, via, matchPeriod: periodOn(ds, from) && periodOn(ds, to) };
}

/**
 * Every parent link rows of `table` need, nearest first: the schema's chain (persons → households
 * → sites), then, grouped by unit, the link to the management unit (from the household).
 */
export function frameLinks(ds: Dataset, table: TableName, group: 'site' | 'unit'): PlanLink[] {
  const links = PARENTS[table].map((p) => linkOf(ds, p.from, p.table, p.via));
  if (group === 'unit' && table !== 'management_units') {
    const from: TableName = table === 'persons' ? 'households' : table;
    const via = childLink(from, 'management_units');
    if (via !== undefined) links.push(linkOf(ds, from, 'management_units', via));
  }
  return links;
}

/** The value type of an expression. */
export type ExprType = 'boolean' | 'string' | 'number' | 'null';

/** A problem with a definition's expression, in words. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
}

/** Whether `table` is `row` itself or one of its parents. */
export function reachable(row: TableName, table: TableName): boolean {
  return table === row || PARENTS[row].some((p) => p.table === table);
}

/** The column a child table uses to point at its parent, e.g. persons → households: household_id. */
export function childLink(child: TableName, parent: TableName): string | undefined {
  return SCHEMA[child].columns.find((c) => c.references === parent)?.name;
}

/** Resolve a column reference made from a row of `row`: its table and schema type. */
export function resolveColumn(row: TableName, c: ColumnExpr): { table: TableName; type: ExprType } {
  const table = c.table ?? row;
  if (!reachable(row, table)) throw new DefinitionError(`column ${table}.${c.name} cannot be reached from a row of ${row}`);
  const spec = columnSpec(table, c.name);
  if (!spec) throw new DefinitionError(`${table} has no column ${c.name}`);
  const type: ExprType = spec.type === 'boolean' ? 'boolean' : spec.type === 'integer' || spec.type === 'number' ? 'number' : 'string';
  return { table, type };
}

/**
 * Type-check an expression evaluated on rows of `row`; returns its type.
 * Quantifiers must range over a child table and may not nest.
 */
export function checkExpr(row: TableName, e: Expr, inQuantifier = false): ExprType {
  const bool = (x: Expr, what: string): void => {
    const t = checkExpr(row, x, inQuantifier);
    if (t !== 'boolean' && t !== 'null') throw new DefinitionError(`${what} needs a true/false operand, got ${t}`);
  };
  return visit<ExprType>(e, {
    column: (c) => resolveColumn(row, c).type,
    literal: (l) =>
      l.value === null ? 'null' : typeof l.value === 'boolean' ? 'boolean' : typeof l.value === 'number' ? 'number' : 'string',
    compare: (c) => {
      const a = checkExpr(row, c.left, inQuantifier);
      const b = checkExpr(row, c.right, inQuantifier);
      if (a !== 'null' && b !== 'null' && a !== b) throw new DefinitionError(`cannot compare ${a} with ${b}`);
      if ((c.op === 'eq' || c.op === 'ne') === false && (a === 'boolean' || b === 'boolean'))
        throw new DefinitionError(`cannot order true/false values`);
      return 'boolean';
    },
    in: (n) => {
      const a = checkExpr(row, n.arg, inQuantifier);
      for (const v of n.values)
        if (a !== 'null' && typeof v !== a) throw new DefinitionError(`list value ${JSON.stringify(v)} is not ${a}`);
      return 'boolean';
    },
    and: (n) => {
      if (n.args.length === 0) throw new DefinitionError('and() needs at least one operand');
      n.args.forEach((x) => bool(x, 'and'));
      return 'boolean';
    },
    or: (n) => {
      if (n.args.length === 0) throw new DefinitionError('or() needs at least one operand');
      n.args.forEach((x) => bool(x, 'or'));
      return 'boolean';
    },
    not: (n) => (bool(n.arg, 'not'), 'boolean'),
    isNull: (n) => (checkExpr(row, n.arg, inQuantifier), 'boolean'),
    any: (q) => checkQuantifier(row, q, inQuantifier),
    all: (q) => checkQuantifier(row, q, inQuantifier),
  });
}

function checkQuantifier(row: TableName, q: QuantifierExpr, inQuantifier: boolean): ExprType {
  if (inQuantifier) throw new DefinitionError('quantifiers (any/all) cannot nest');
  if (!(q.table in SCHEMA)) throw new DefinitionError(`unknown table ${q.table}`);
  if (!childLink(q.table, row)) throw new DefinitionError(`${q.table} rows do not belong to ${row} rows`);
  if (SCHEMA[q.table].periodic && !SCHEMA[row].periodic)
    throw new DefinitionError(`a quantifier over ${q.table} (monthly) from ${row} (not monthly) is not supported`);
  const t = checkExpr(q.table, q.where, true);
  if (t !== 'boolean' && t !== 'null') throw new DefinitionError(`${q.kind}() needs a true/false predicate`);
  return 'boolean';
}

/** Every column (table-qualified) and quantifier an expression uses from rows of `row`. */
export function exprUses(row: TableName, e: Expr, acc: { columns: Set<string>; quantifiers: QuantifierExpr[] }): void {
  visit<void>(e, {
    column: (c) => void acc.columns.add(`${c.table ?? row}.${c.name}`),
    literal: () => undefined,
    compare: (c) => (exprUses(row, c.left, acc), exprUses(row, c.right, acc)),
    in: (n) => exprUses(row, n.arg, acc),
    and: (n) => n.args.forEach((x) => exprUses(row, x, acc)),
    or: (n) => n.args.forEach((x) => exprUses(row, x, acc)),
    not: (n) => exprUses(row, n.arg, acc),
    isNull: (n) => exprUses(row, n.arg, acc),
    any: (q) => void acc.quantifiers.push(q),
    all: (q) => void acc.quantifiers.push(q),
  });
}
