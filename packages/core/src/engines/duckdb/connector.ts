/**
 * The DuckDB engine over any DuckDB connection (duckdb-wasm in a browser or in Node, or
 * native DuckDB): each dataset's tables are loaded once into tables of their own, then
 * every frame runs as one parameterized query.
 */
import type { Table } from 'apache-arrow';
import type { Dataset } from '../../dataset.js';
import { TABLE_NAMES, type TableName } from '../../schema/tables.js';
import type { Engine } from '../engine.js';
import { duckdbDialect } from '../sql/dialect.js';
import type { SqlQuery } from '../sql/emit.js';
import { runPlan, runRows, type SqlRow, type SqlSource } from '../sql/run.js';

/** What the engine needs from a DuckDB connection. */
export interface DuckDBConnector {
  /** Run a parameterized statement; the rows as objects. */
  query(q: SqlQuery): Promise<readonly SqlRow[]>;
  /** Create table `name` (in `schema`, default `main`) holding the rows of an Arrow table; the name must be new. */
  loadTable(name: string, table: Table, schema?: string): Promise<void>;
  /**
   * Create table `name` holding a dataset's table by the connector's fastest way (e.g. reading
   * the user's file directly); resolves to how it was loaded. Without it, `loadTable` is used.
   */
  loadDatasetTable?(name: string, dataset: Dataset, table: TableName): Promise<DuckDBLoadPath>;
  /** Drop the tables named (loaded by `loadTable`). */
  dropTables(names: readonly string[]): Promise<void>;
  /** Close the database. */
  close(): Promise<void>;
}

/**
 * How a table came into DuckDB: `read_parquet` / `read_csv` over the user's own file, or the
 * validated columns (`columns`), with the reason the file was not read directly.
 */
export interface DuckDBLoadPath {
  /** The way. */
  readonly path: 'read_parquet' | 'read_csv' | 'columns';
  /** Why the file was not read directly (with `columns`, when the table came from a file). */
  readonly reason?: string;
}

/** A DuckDB engine: the engine interface, plus release of loaded datasets and closing. */
export interface DuckDBEngine extends Engine {
  /** Load a dataset's tables now (otherwise they load on first use); resolves to their names in the database. */
  load(dataset: Dataset): Promise<Partial<Record<TableName, string>>>;
  /** How each table of a dataset was loaded (loading it first if needed). */
  loadPaths(dataset: Dataset): Promise<Partial<Record<TableName, DuckDBLoadPath>>>;
  /** The open connection (opened on first use). */
  connection(): Promise<DuckDBConnector>;
  /** Drop the tables loaded for a dataset (they are loaded again if it is used again). */
  release(dataset: Dataset): Promise<void>;
  /** Close the database. */
  close(): Promise<void>;
}

let datasetCounter = 0;

/** The DuckDB engine on a connector (opened on first use). */
export function duckdbEngineOn(name: string, connect: () => Promise<DuckDBConnector>): DuckDBEngine {
  let conn: Promise<DuckDBConnector> | undefined;
  const sources = new WeakMap<Dataset, Promise<{ source: SqlSource; tables: string[]; paths: Partial<Record<TableName, DuckDBLoadPath>> }>>();
  const open = (): Promise<DuckDBConnector> => (conn ??= connect());
  const sourceOf = (ds: Dataset) => {
    let s = sources.get(ds);
    if (!s) {
      s = (async () => {
        const c = await open();
        const prefix = `houfu_${++datasetCounter}_`;
        const tables: Partial<Record<TableName, string>> = {};
        const paths: Partial<Record<TableName, DuckDBLoadPath>> = {};
        for (const t of TABLE_NAMES) {
          const arrow = ds.tables[t];
          if (!arrow) continue;
          tables[t] = `${prefix}${t}`;
          if (c.loadDatasetTable) paths[t] = await c.loadDatasetTable(tables[t]!, ds, t);
          else {
            await c.loadTable(tables[t]!, arrow);
            paths[t] = { path: 'columns' };
          }
        }
        const session = { dialect: duckdbDialect, query: (q: SqlQuery) => c.query(q) };
        return { source: { session, naming: { tables } }, tables: Object.values(tables), paths };
      })();
      sources.set(ds, s);
      s.catch(() => sources.delete(ds));
    }
    return s;
  };
  return {
    name,
    async run(plan, dataset) {
      return runPlan(plan, dataset, (await sourceOf(dataset)).source);
    },
    async rows(rp, dataset) {
      return runRows(rp, dataset, (await sourceOf(dataset)).source);
    },
    async load(dataset) {
      return (await sourceOf(dataset)).source.naming.tables ?? {};
    },
    async loadPaths(dataset) {
      return (await sourceOf(dataset)).paths;
    },
    connection: open,
    async release(dataset) {
      const s = sources.get(dataset);
      if (!s) return;
      sources.delete(dataset);
      await (await open()).dropTables((await s).tables);
    },
    async close() {
      if (!conn) return;
      const c = conn;
      conn = undefined;
      await (await c).close();
    },
  };
}

/** Rows of an Arrow result as objects (results are small: one row per group). */
export function arrowRows(table: { numRows: number; schema: { fields: { name: string }[] }; getChild(name: string): { get(i: number): unknown } | null }): SqlRow[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((n) => table.getChild(n)!);
  const rows: SqlRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const r: Record<string, unknown> = {};
    names.forEach((n, k) => (r[n] = cols[k]!.get(i)));
    rows.push(r);
  }
  return rows;
}
