/**
 * What computing a set of definitions reads: the tables and columns its expressions, measures and
 * breakdowns name, closed over every key, period and reference the rows need to be linked and
 * rolled up (a table's parents up to the site, the site's area codes). A loader given this list
 * reads and validates those columns only (`columns` in the load options); `houfu validate` still
 * checks everything.
 */
import type { Expr } from '../model/expr.js';
import { UNIT_TABLE, type IndicatorDefinition, type Measure } from '../model/indicator.js';
import { columnSpec, SCHEMA, TABLE_NAMES, type TableColumns, type TableName } from '../schema/tables.js';
import { exprUses } from './links.js';

export type { TableColumns } from '../schema/tables.js';

/** Options of {@link columnsRead}. */
export interface ReadsOptions {
  /** Breakdown columns, as `compute` takes them (`sex`, `sites.site_type`). */
  readonly breakdown?: readonly string[];
}

/**
 * The tables and columns computing `definitions` reads, in schema order: named columns, keys,
 * periods and references (with the parent tables they lead to), every column of `sites` (areas
 * and names), and the required tables.
 * @example loadDataset(dir, { columns: columnsRead(defs, { breakdown: ['sex'] }) })
 */
export function columnsRead(definitions: readonly IndicatorDefinition[], options: ReadsOptions = {}): TableColumns {
  const named = new Map<TableName, Set<string>>();
  const add = (table: TableName, column: string): void => {
    let s = named.get(table);
    if (!s) named.set(table, (s = new Set()));
    if (columnSpec(table, column)) s.add(column);
  };
  const expr = (row: TableName, e: Expr): void => {
    const acc = { columns: new Set<string>(), quantifiers: [] as Parameters<typeof exprUses>[2]['quantifiers'] };
    exprUses(row, e, acc);
    for (const c of acc.columns) {
      const dot = c.indexOf('.');
      add(c.slice(0, dot) as TableName, c.slice(dot + 1));
    }
    for (const q of acc.quantifiers) {
      add(q.table, SCHEMA[q.table].key);
      expr(q.table, q.where);
    }
  };
  const measure = (m: Measure | null): void => {
    if (!m) return;
    add(m.table, SCHEMA[m.table].key);
    expr(m.table, m.where);
    if (m.sum) add(m.table, m.sum);
  };
  const rows = new Set<TableName>();
  for (const d of definitions) {
    const row = UNIT_TABLE[d.unit];
    rows.add(row).add(d.numerator.table).add(d.denominator.table);
    add(row, SCHEMA[row].key);
    if (d.classify) (expr(row, d.classify.universe), expr(row, d.classify.outcome));
    for (const c of d.components) expr(row, c.holds);
    [d.numerator, d.denominator, d.unknown].forEach(measure);
  }
  for (const name of options.breakdown ?? []) {
    const dot = name.indexOf('.');
    if (dot > 0) add(name.slice(0, dot) as TableName, name.slice(dot + 1));
    else for (const row of rows) add(row, name);
  }
  for (const t of TABLE_NAMES) if (SCHEMA[t].required) add(t, SCHEMA[t].key);
  for (const c of SCHEMA.sites.columns) add('sites', c.name);
  closeOverLinks(named, add);
  const out: Partial<Record<TableName, string[]>> = {};
  for (const t of TABLE_NAMES) {
    const s = named.get(t);
    if (s) out[t] = SCHEMA[t].columns.map((c) => c.name).filter((c) => s.has(c));
  }
  return out;
}

/** Add every table's key, period and references, and the tables they lead to, until nothing changes. */
function closeOverLinks(named: Map<TableName, Set<string>>, add: (table: TableName, column: string) => void): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of [...named.keys()]) {
      for (const c of SCHEMA[t].columns) {
        if (c.name !== SCHEMA[t].key && c.name !== 'period' && !c.references) continue;
        add(t, c.name);
        if (c.references && !named.has(c.references)) {
          add(c.references, SCHEMA[c.references].key);
          changed = true;
        }
      }
    }
  }
}
