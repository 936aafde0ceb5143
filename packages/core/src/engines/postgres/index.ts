/**
 * @houfu/core/postgres — computing where the data already lives: the PostgreSQL engine
 * (one parameterized query per frame, over tables holding schema-v1 data, table and column
 * names configurable) and loading a validated dataset into PostgreSQL. Node only (`pg`).
 * @packageDocumentation
 */
import type pg from 'pg';
import type { Dataset } from '../../dataset.js';
import { assertUsable } from '../../plan/usable.js';
import { HoufuError } from '../../errors.js';
import { loadOptional } from '../../optional.js';
import { decodeVector } from '../../io/decode-columns.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { TABLE_NAMES, type ColumnType, type TableName } from '../../schema/tables.js';
import type { Engine } from '../engine.js';
import { postgresDialect, quoteIdent } from '../sql/dialect.js';
import type { SqlQuery } from '../sql/emit.js';
import { tableName, type SqlNaming } from '../sql/naming.js';
import { openedEngine, openSqlDataset } from '../sql/open.js';
import type { SqlRow, SqlSource } from '../sql/run.js';
import { DataType } from 'apache-arrow';

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

/** The `pg` package, an optional dependency loaded on first use. */
async function loadPg(): Promise<typeof pg> {
  const m = await loadOptional(['pg'], () => import('pg'));
  return (m as { default?: typeof pg }).default ?? (m as unknown as typeof pg);
}

async function queryable(connection: string | Queryable): Promise<{ db: Queryable; close: () => Promise<void>; inFlight: number }> {
  if (typeof connection !== 'string') return { db: connection, close: async () => undefined, inFlight: 1 };
  const pgm = await loadPg();
  const pool = new pgm.Pool({ connectionString: connection, max: 2 });
  return { db: pool as unknown as Queryable, close: () => pool.end(), inFlight: 2 };
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
  const { db, close, inFlight } = await queryable(source.connection);
  const naming: SqlNaming = {
    ...(source.schema !== undefined ? { schema: source.schema } : {}),
    ...(source.tables ? { tables: source.tables } : {}),
    ...(source.columns ? { columns: source.columns } : {}),
  };
  try {
    const { dataset, source: sql } = await openSqlDataset(
      {
        session: { dialect: postgresDialect, query: async (q: SqlQuery) => (await db.query({ text: q.text, values: [...q.params] })).rows, inFlight },
        naming,
        async columnsOf(table) {
          const res = await db.query({
            text: 'SELECT column_name FROM information_schema.columns WHERE table_schema = COALESCE($1, current_schema()) AND table_name = $2',
            values: [naming.schema ?? null, table],
          });
          return res.rows.length === 0 ? undefined : new Set(res.rows.map((r) => String(r['column_name'])));
        },
        read: (column, type) => `CAST(${column} AS ${SQL_TYPE[type]})`,
      },
      'postgres',
    );
    sources.set(dataset, sql);
    return { dataset, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The PostgreSQL engine: computes on datasets opened with {@link postgresDataset}. */
export const postgresEngine: Engine = openedEngine('postgres', sources, ERROR_TEXT.notFromPostgres);

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
  assertUsable(dataset);
  const naming: SqlNaming = { ...(options.schema !== undefined ? { schema: options.schema } : {}), ...(options.tables ? { tables: options.tables } : {}) };
  const names = TABLE_NAMES.filter((t) => dataset.tables[t]);
  // Check every name before any statement runs.
  const qualified = new Map(names.map((t) => [t, (naming.schema !== undefined ? `${ident(naming.schema)}.` : '') + ident(tableName(naming, t))]));
  for (const t of names) for (const f of dataset.tables[t]!.schema.fields) ident(f.name);
  let client: pg.Client | pg.PoolClient;
  let release: () => Promise<void>;
  const pgm = await loadPg();
  if (typeof connection === 'string') {
    const c = new pgm.Client({ connectionString: connection });
    await c.connect();
    client = c;
    release = () => c.end();
  } else if (connection instanceof pgm.Pool) {
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
