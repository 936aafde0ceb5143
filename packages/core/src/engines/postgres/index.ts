/**
 * @houfu/core/postgres — computing where the data already lives: the PostgreSQL engine
 * (one parameterized query per frame, over tables holding schema-v1 data, table and column
 * names configurable) and loading a validated dataset into PostgreSQL. Node only (`pg`).
 * @packageDocumentation
 */
import pg from 'pg';
import { arrowTable, type Dataset } from '../../dataset.js';
import { assertUsable } from '../../plan/usable.js';
import { HoufuError } from '../../errors.js';
import { decodeVector } from '../../io/decode-columns.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { SCHEMA, TABLE_NAMES, type ColumnType, type TableName } from '../../schema/tables.js';
import { bindDataset } from '../bound.js';
import type { Engine } from '../engine.js';
import { postgresDialect, quoteIdent } from '../sql/dialect.js';
import type { SqlQuery } from '../sql/emit.js';
import { columnName, tableName, type SqlNaming } from '../sql/naming.js';
import { runPlan, runRows, type SqlRow, type SqlSource } from '../sql/run.js';
import { DataType, type Table } from 'apache-arrow';
import { postgresFailure } from './errors.js';

/** Anything that runs a parameterized statement: a `pg` Client, Pool or PoolClient. */
export interface Queryable {
  /** Run `text` with bound `values`. */
  query(config: { text: string; values?: unknown[] }): Promise<{ rows: SqlRow[] }>;
}

/** Where the data is: a connection and the names of the tables and columns. */
export interface PostgresSource extends SqlNaming {
  /** A connection string (`postgres://…`) or an open client/pool. */
  readonly connection: string | Queryable;
}

const ident = (name: string): string => quoteIdent(postgresDialect, name);
const sources = new WeakMap<Dataset, SqlSource>();

function queryable(connection: string | Queryable): { db: Queryable; close: () => Promise<void> } {
  if (typeof connection !== 'string') return { db: connection, close: async () => undefined };
  const pool = new pg.Pool({ connectionString: connection, max: 2 });
  return { db: pool as unknown as Queryable, close: () => pool.end() };
}

const SQL_TYPE: Record<ColumnType, string> = {
  string: 'TEXT',
  code: 'TEXT',
  date: 'TEXT',
  period: 'TEXT',
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  number: 'DOUBLE PRECISION',
};

/** The canonical column names present in a database table (empty when the table does not exist). */
async function presentColumns(db: Queryable, naming: SqlNaming, table: TableName): Promise<Set<string> | undefined> {
  const res = await db.query({
    text:
      'SELECT column_name FROM information_schema.columns WHERE table_schema = COALESCE($1, current_schema()) AND table_name = $2',
    values: [naming.schema ?? null, tableName(naming, table)],
  });
  if (res.rows.length === 0) return undefined;
  const names = new Set(res.rows.map((r) => String(r['column_name'])));
  return new Set(SCHEMA[table].columns.filter((c) => names.has(columnName(naming, table, c.name))).map((c) => c.name));
}

/** A dataset opened on a PostgreSQL database, with the connection to close when done. */
export interface PostgresDataset {
  /** The dataset: sites and management units in memory, the other tables only described. */
  readonly dataset: Dataset;
  /** Close the connection (when it was opened from a connection string). */
  close(): Promise<void>;
}

/**
 * Open data held in PostgreSQL for computing with {@link postgresEngine}: checks that every
 * required table and column exists, reads the small tables (sites, management units) and
 * the periods. The data are not validated here: load them with {@link loadIntoPostgres}
 * (which validates first) or make sure they hold schema-v1 values.
 * @example
 * const { dataset, close } = await postgresDataset({ connection: 'postgres://localhost/houfu', schema: 'gz' });
 * const result = await compute(dataset, fourMusts, { by: 'county', engine: postgresEngine });
 * await close();
 */
export async function postgresDataset(source: PostgresSource): Promise<PostgresDataset> {
  try {
    return await openPostgres(source);
  } catch (e) {
    throw postgresFailure(e, source.connection) ?? e;
  }
}

async function openPostgres(source: PostgresSource): Promise<PostgresDataset> {
  const { db, close } = queryable(source.connection);
  const naming: SqlNaming = {
    ...(source.schema !== undefined ? { schema: source.schema } : {}),
    ...(source.tables ? { tables: source.tables } : {}),
    ...(source.columns ? { columns: source.columns } : {}),
  };
  const tbl = (t: TableName): string => (naming.schema !== undefined ? `${ident(naming.schema)}.` : '') + ident(tableName(naming, t));
  try {
    const tables: Partial<Record<TableName, Table>> = {};
    const absent = new Set<TableName>();
    for (const t of TABLE_NAMES) {
      const present = await presentColumns(db, naming, t);
      if (!present) {
        if (SCHEMA[t].required) throw new HoufuError('invalid_request', ERROR_TEXT.dbTableMissing(t, tableName(naming, t)));
        absent.add(t);
      }
      for (const c of SCHEMA[t].columns)
        if (!c.optional && !present?.has(c.name) && present)
          throw new HoufuError('invalid_request', ERROR_TEXT.dbColumnMissing(tableName(naming, t), c.name, columnName(naming, t, c.name)));
      const cols = SCHEMA[t].columns.filter((c) => (present ? present.has(c.name) : !c.optional));
      const values: Record<string, unknown[]> = {};
      for (const c of cols) values[c.name] = [];
      if (present && (t === 'sites' || t === 'management_units')) {
        const select = cols.map((c) => `CAST(${ident(columnName(naming, t, c.name))} AS ${SQL_TYPE[c.type]}) AS ${ident(c.name)}`);
        const res = await db.query({ text: `SELECT ${select.join(', ')} FROM ${tbl(t)}` });
        for (const row of res.rows) for (const c of cols) values[c.name]!.push(row[c.name] ?? null);
      }
      tables[t] = arrowTable(t, values);
    }
    let periods: string[] = [];
    if (tables.persons?.schema.fields.some((f) => f.name === 'period') && tables.households?.schema.fields.some((f) => f.name === 'period')) {
      const p = (t: TableName) => `SELECT CAST(${ident(columnName(naming, t, 'period'))} AS TEXT) AS p FROM ${tbl(t)}`;
      const res = await db.query({ text: `SELECT DISTINCT p FROM (${p('households')} UNION ${p('persons')}) AS x WHERE p IS NOT NULL ORDER BY 1` });
      periods = res.rows.map((r) => String(r['p']));
    }
    const dataset: Dataset = { tables, findings: [], files: {}, periods };
    const run = async (q: SqlQuery) => (await db.query({ text: q.text, values: [...q.params] })).rows;
    const session = { dialect: postgresDialect, query: (q: SqlQuery) => run(q).catch((e: unknown) => Promise.reject(postgresFailure(e, source.connection) ?? e)) };
    sources.set(dataset, { session, naming, absent });
    bindDataset(dataset, 'postgres');
    return { dataset, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The PostgreSQL engine: computes on datasets opened with {@link postgresDataset}. */
export const postgresEngine: Engine = {
  name: 'postgres',
  async run(plan, dataset) {
    const source = sources.get(dataset);
    if (!source) throw new HoufuError('invalid_request', ERROR_TEXT.notFromPostgres());
    return runPlan(plan, dataset, source);
  },
  async rows(rp, dataset) {
    const source = sources.get(dataset);
    if (!source) throw new HoufuError('invalid_request', ERROR_TEXT.notFromPostgres());
    return runRows(rp, dataset, source);
  },
};

/** Options of {@link loadIntoPostgres}. */
export interface LoadOptions {
  /** Schema to create the tables in (created if absent; default: the search path). */
  readonly schema?: string;
  /** Database table per canonical table (default: the canonical name). */
  readonly tables?: Partial<Record<TableName, string>>;
  /** Replace tables that already exist (otherwise loading refuses to touch them). */
  readonly replace?: boolean;
  /** Rows per INSERT statement. */
  readonly batchRows?: number;
}

const ARRAY_TYPE = (t: DataType): string =>
  DataType.isBool(t) ? 'BOOLEAN' : DataType.isInt(t) ? 'INTEGER' : DataType.isFloat(t) ? 'DOUBLE PRECISION' : 'TEXT';

/**
 * Load a validated dataset into PostgreSQL, in one transaction: one table per canonical
 * table, canonical column names and types. Refuses to overwrite existing tables unless
 * `replace`; refuses a dataset with errors. Returns the rows loaded per table.
 * @example await loadIntoPostgres('postgres://localhost/houfu', await loadDataset('data/'), { schema: 'gz' });
 */
export async function loadIntoPostgres(
  connection: string | pg.Client | pg.Pool,
  dataset: Dataset,
  options: LoadOptions = {},
): Promise<Partial<Record<TableName, number>>> {
  try {
    return await loadPostgres(connection, dataset, options);
  } catch (e) {
    throw postgresFailure(e, connection) ?? e;
  }
}

async function loadPostgres(connection: string | pg.Client | pg.Pool, dataset: Dataset, options: LoadOptions): Promise<Partial<Record<TableName, number>>> {
  assertUsable(dataset);
  const naming: SqlNaming = { ...(options.schema !== undefined ? { schema: options.schema } : {}), ...(options.tables ? { tables: options.tables } : {}) };
  const names = TABLE_NAMES.filter((t) => dataset.tables[t]);
  // Check every name before any statement runs.
  const qualified = new Map(names.map((t) => [t, (naming.schema !== undefined ? `${ident(naming.schema)}.` : '') + ident(tableName(naming, t))]));
  for (const t of names) for (const f of dataset.tables[t]!.schema.fields) ident(f.name);
  let client: pg.Client | pg.PoolClient;
  let release: () => Promise<void>;
  if (typeof connection === 'string') {
    const c = new pg.Client({ connectionString: connection });
    await c.connect();
    client = c;
    release = () => c.end();
  } else if (connection instanceof pg.Pool) {
    const c = await connection.connect();
    client = c;
    release = async () => c.release();
  } else {
    client = connection;
    release = async () => undefined;
  }
  const loaded: Partial<Record<TableName, number>> = {};
  try {
    await client.query('BEGIN');
    if (naming.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(naming.schema)}`);
    const existing = await client.query({
      text: 'SELECT table_name FROM information_schema.tables WHERE table_schema = COALESCE($1, current_schema()) AND table_name = ANY($2::text[])',
      values: [naming.schema ?? null, names.map((t) => tableName(naming, t))],
    });
    if (existing.rows.length > 0 && !options.replace)
      throw new HoufuError('invalid_request', ERROR_TEXT.dbTablesExist(existing.rows.map((r) => String(r.table_name)).sort().join(', ')));
    const batch = options.batchRows ?? 50_000;
    for (const t of names) {
      const table = dataset.tables[t]!;
      const q = qualified.get(t)!;
      const fields = table.schema.fields;
      if (options.replace) await client.query(`DROP TABLE IF EXISTS ${q}`);
      await client.query(`CREATE TABLE ${q} (${fields.map((f) => `${ident(f.name)} ${ARRAY_TYPE(f.type)}`).join(', ')})`);
      const columns = fields.map((f) => decodeVector(table.getChild(f.name)!));
      const insert =
        `INSERT INTO ${q} (${fields.map((f) => ident(f.name)).join(', ')}) ` +
        `SELECT * FROM unnest(${fields.map((f, i) => `$${i + 1}::${ARRAY_TYPE(f.type)}[]`).join(', ')})`;
      for (let start = 0; start < table.numRows; start += batch) {
        const end = Math.min(start + batch, table.numRows);
        await client.query({ text: insert, values: columns.map((c) => c.slice(start, end)) });
      }
      loaded[t] = table.numRows;
    }
    await client.query('COMMIT');
    return loaded;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await release();
  }
}
