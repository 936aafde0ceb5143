/**
 * @houfu/core/clickhouse — computing where the data live on a ClickHouse server or cluster
 * (one query per frame over HTTP, in the ClickHouse dialect of the SQL compiler), and loading a
 * validated dataset into it: MergeTree tables on every shard, persons and households sharded by
 * `household_id` behind `Distributed` tables, the small tables copied to every shard.
 * @packageDocumentation
 */
import type { Dataset } from '../../dataset.js';
import { assertUsable } from '../../plan/usable.js';
import { HoufuError } from '../../errors.js';
import { decodeVector } from '../../io/decode-columns.js';
import { CLICKHOUSE_TEXT } from '../../messages/clickhouse.js';
import { TABLE_NAMES, type TableName } from '../../schema/tables.js';
import type { Engine } from '../engine.js';
import type { SqlQuery } from '../sql/emit.js';
import type { SqlNaming } from '../sql/naming.js';
import { openedEngine, openSqlDataset } from '../sql/open.js';
import type { SqlRow, SqlSource } from '../sql/run.js';
import { DataType } from 'apache-arrow';
import { clickhouseDialect, clickhouseIdent, clickhouseString } from './dialect.js';
import { clickhouseHttp, clickhouseUrl, type ClickHouseHttp } from './http.js';

export { clickhouseDialect, clickhouseIdent, clickhouseLogic, clickhouseNumber, clickhouseString } from './dialect.js';
export { clickhouseHttp, clickhouseUrl, CLICKHOUSE_SETTINGS, type ClickHouseHttp, type ClickHouseResult } from './http.js';

/** Tables sharded by `household_id`: a household and its members sit on one shard. */
export const SHARDED_TABLES: readonly TableName[] = ['persons', 'households'];
/** Suffix of the per-shard MergeTree table behind a `Distributed` one. */
export const LOCAL_SUFFIX = '_local';

/** Where the data are: a server and the names of the tables and columns. */
export interface ClickHouseSource {
  /** HTTP address of the server to query (`http://HOST:PORT`), any node of the cluster. */
  readonly url: string;
  /** Database holding the tables (default `default`). */
  readonly database?: string;
  /** Database table per canonical table (default: the canonical name). */
  readonly tables?: Partial<Record<TableName, string>>;
  /** Database column per canonical column (as a dataset's column mapping). */
  readonly columns?: SqlNaming['columns'];
}

const ident = clickhouseIdent;
const sources = new WeakMap<Dataset, SqlSource>();

/** Breakdown and group values as the other engines give them: booleans (stored as UInt8) as true/false. */
function rowsOf(result: { meta: readonly { name: string; type: string }[]; data: readonly Record<string, unknown>[] }): SqlRow[] {
  const bools = result.meta.filter((m) => /^(Nullable\()?UInt8\)?$/.test(m.type) && /^b\d+$/.test(m.name)).map((m) => m.name);
  if (bools.length === 0) return result.data as SqlRow[];
  return result.data.map((r) => {
    const o: Record<string, unknown> = { ...r };
    for (const b of bools) if (o[b] !== null && o[b] !== undefined) o[b] = Number(o[b]) !== 0;
    return o;
  });
}

/**
 * Open data held in ClickHouse for computing with {@link clickhouseEngine}: checks that every
 * required table and column exists, reads the small tables (sites, management units) and the
 * periods. Load the data with {@link loadIntoClickHouse} (which validates first).
 * @example
 * const dataset = await clickhouseDataset({ url: 'http://127.0.0.1:8123', database: 'gz' });
 * const result = await compute(dataset, fourMusts, { by: 'county', engine: clickhouseEngine });
 */
export async function clickhouseDataset(source: ClickHouseSource): Promise<Dataset> {
  const db = clickhouseHttp(source.url);
  const database = source.database ?? 'default';
  const naming: SqlNaming = { schema: database, ...(source.tables ? { tables: source.tables } : {}), ...(source.columns ? { columns: source.columns } : {}) };
  const { dataset, source: sql } = await openSqlDataset(
    {
      // Each query is an HTTP request of its own: a few run at once.
      session: { dialect: clickhouseDialect, query: async (q: SqlQuery) => rowsOf(await db.query(q.text)), inFlight: 4 },
      naming,
      async columnsOf(table) {
        const res = await db.query(`SELECT name FROM system.columns WHERE database = ${clickhouseString(database)} AND table = ${clickhouseString(table)}`);
        return res.data.length === 0 ? undefined : new Set(res.data.map((r) => String(r['name'])));
      },
      // Stored as Nullable(String/Int64/Float64/UInt8): read as they are, converted after reading.
      read: (column, type) => (type === 'period' ? `toString(${column})` : column),
    },
    'clickhouse',
  );
  sources.set(dataset, sql);
  return dataset;
}

/** The ClickHouse engine: computes on datasets opened with {@link clickhouseDataset}; drill-down lists come from the cluster too. */
export const clickhouseEngine: Engine = openedEngine('clickhouse', sources, CLICKHOUSE_TEXT.notFromClickHouse);

/** Options of {@link loadIntoClickHouse}. */
export interface ClickHouseLoadOptions {
  /** Database to create the tables in (created if absent; default `default`). */
  readonly database?: string;
  /** Cluster (a `remote_servers` entry) to spread the tables over; without it, one server. */
  readonly cluster?: string;
  /**
   * HTTP addresses of the cluster's shards, in `system.clusters` order. Default: each replica's
   * host with the port of `url` (every node serving HTTP on the same port, as is usual).
   */
  readonly shards?: readonly string[];
  /** Replace tables that already exist (otherwise loading refuses to touch them). */
  readonly replace?: boolean;
  /** Rows per INSERT. */
  readonly batchRows?: number;
}

const COLUMN_TYPE = (t: DataType): string =>
  `Nullable(${DataType.isBool(t) ? 'UInt8' : DataType.isInt(t) ? 'Int64' : DataType.isFloat(t) ? 'Float64' : 'String'})`;

/** A value in ClickHouse's TabSeparated format (`\N` for NULL). */
function tsv(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badNumber(v));
    return String(v);
  }
  return String(v).replace(/[\\\t\n\r\0\b\f]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0', '\b': '\\b', '\f': '\\f' })[c]!);
}

/** The nodes of a cluster: one HTTP connection per replica, grouped by shard. */
async function clusterNodes(entry: ClickHouseHttp, cluster: string, shards: readonly string[] | undefined): Promise<ClickHouseHttp[]> {
  const res = await entry.query(`SELECT shard_num, replica_num, host_address FROM system.clusters WHERE cluster = ${clickhouseString(cluster)} ORDER BY shard_num, replica_num`);
  if (res.data.length === 0) {
    const known = await entry.query('SELECT DISTINCT cluster FROM system.clusters ORDER BY cluster');
    throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unknownCluster(cluster, known.data.map((r) => String(r['cluster'])).join(', ')));
  }
  const port = new URL(entry.url).port;
  const protocol = new URL(entry.url).protocol;
  return res.data.map((r, i) => {
    const host = String(r['host_address']);
    return clickhouseHttp(shards?.[i] ?? `${protocol}//${host.includes(':') ? `[${host}]` : host}:${port}`);
  });
}

/**
 * Load a validated dataset into ClickHouse. With a cluster: on every node a MergeTree table per
 * table (`persons_local`, `households_local` sharded by `household_id` behind `Distributed` tables
 * `persons` and `households`; the other tables whole on every node), inserted through the
 * `Distributed` tables synchronously, then every row count checked. Without: MergeTree tables on
 * one server. Refuses to overwrite existing tables unless `replace`, and a dataset with errors.
 * Returns the rows loaded per table.
 * @example await loadIntoClickHouse('http://127.0.0.1:8123', await loadDataset('data/'), { cluster: 'houfu', database: 'gz' });
 */
export async function loadIntoClickHouse(url: string, dataset: Dataset, options: ClickHouseLoadOptions = {}): Promise<Partial<Record<TableName, number>>> {
  assertUsable(dataset);
  const database = options.database ?? 'default';
  const entry = clickhouseHttp(clickhouseUrl(url));
  const names = TABLE_NAMES.filter((t) => dataset.tables[t]);
  const q = (name: string): string => `${ident(database)}.${ident(name)}`;
  // Check every name before any statement runs.
  ident(database);
  if (options.cluster !== undefined) ident(options.cluster);
  for (const t of names) for (const f of dataset.tables[t]!.schema.fields) ident(f.name);
  const cluster = options.cluster;
  const nodes = cluster === undefined ? [entry] : await clusterNodes(entry, cluster, options.shards);
  const sharded = (t: TableName): boolean => cluster !== undefined && SHARDED_TABLES.includes(t);
  const created = names.flatMap((t) => (sharded(t) ? [t, `${t}${LOCAL_SUFFIX}`] : [t]));

  // Check every node before changing any.
  const existing = new Set<string>();
  const found = await Promise.all(
    nodes.map((node) => node.query(`SELECT name FROM system.tables WHERE database = ${clickhouseString(database)} AND name IN (${created.map(clickhouseString).join(', ')})`)),
  );
  for (const res of found) for (const r of res.data) existing.add(String(r['name']));
  if (existing.size > 0 && !options.replace) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.tablesExist([...existing].sort().join(', ')));

  // The nodes work at once: each gets the same statements, in order.
  const onEveryNode = (nodesOf: readonly ClickHouseHttp[], work: (node: ClickHouseHttp) => Promise<void>): Promise<unknown> => Promise.all(nodesOf.map(work));
  await onEveryNode(nodes, async (node) => {
    await node.exec(`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
    for (const t of names) {
      const fields = dataset.tables[t]!.schema.fields;
      const columns = fields.map((f) => `${ident(f.name)} ${COLUMN_TYPE(f.type)}`).join(', ');
      const local = sharded(t) ? `${t}${LOCAL_SUFFIX}` : t;
      if (options.replace) {
        await node.exec(`DROP TABLE IF EXISTS ${q(t)}`);
        if (local !== t) await node.exec(`DROP TABLE IF EXISTS ${q(local)}`);
      }
      await node.exec(`CREATE TABLE ${q(local)} (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
      if (sharded(t))
        await node.exec(
          `CREATE TABLE ${q(t)} (${columns}) ENGINE = Distributed(${ident(cluster!)}, ${ident(database)}, ${ident(local)}, cityHash64(ifNull(${ident('household_id')}, '')))`,
        );
    }
  });

  const batch = options.batchRows ?? 200_000;
  const loaded: Partial<Record<TableName, number>> = {};
  for (const t of names) {
    const table = dataset.tables[t]!;
    const fields = table.schema.fields;
    const columns = fields.map((f) => decodeVector(table.getChild(f.name)!));
    const insert = `INSERT INTO ${q(t)} (${fields.map((f) => ident(f.name)).join(', ')}) FORMAT TabSeparated`;
    const targets = sharded(t) ? [entry] : nodes;
    for (let start = 0; start < table.numRows; start += batch) {
      const end = Math.min(start + batch, table.numRows);
      const lines: string[] = [];
      for (let r = start; r < end; r++) lines.push(columns.map((c) => tsv(c[r])).join('\t'));
      const body = `${lines.join('\n')}\n`;
      await onEveryNode(targets, (node) => node.exec(insert, body));
    }
    await onEveryNode(targets, async (node) => {
      const res = await node.query(`SELECT count() AS n FROM ${q(t)}`);
      const got = Number(res.data[0]?.['n']);
      if (got !== table.numRows) throw new HoufuError('io', CLICKHOUSE_TEXT.rowCount(`${database}.${t} (${node.url})`, table.numRows, got));
    });
    loaded[t] = table.numRows;
  }
  return loaded;
}
