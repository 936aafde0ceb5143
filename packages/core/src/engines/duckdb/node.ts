/**
 * @houfu/core/duckdb in Node: the DuckDB engine on native DuckDB (`@duckdb/node-api`, an
 * optional dependency) when it is installed, else on duckdb-wasm (blocking API, wasm
 * loaded from the installed package). Everything is loaded on first use.
 * @packageDocumentation
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tableToIPC, type Table } from 'apache-arrow';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '../../dataset.js';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import { encoded, encodeVector } from '../../columns/encode.js';
import { HoufuError } from '../../errors.js';
import { loadOptional } from '../../optional.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { duckdbDialect, quoteIdent } from '../sql/dialect.js';
import type { Engine } from '../engine.js';
import { arrowRows, duckdbEngineOn, type DuckDBConnector, type DuckDBEngine, type DuckDBLoadPath } from './connector.js';
import { appendColumns, utf8Writer, type VectorBindings } from './append.js';
import { directReadSql, readerSql } from './direct.js';
import { directSource } from './files.js';

export { duckdbEngineOn, type DuckDBConnector, type DuckDBEngine, type DuckDBLoadPath } from './connector.js';
export { markFileSources, type DatasetFileSources, type TableFileSource } from './files.js';
export { duckdbWasmBrowserEngine, type DuckDBWasmBundle, type DuckDBWasmBundles } from './browser.js';

const require = createRequire(import.meta.url);
const ident = (name: string): string => quoteIdent(duckdbDialect, name);

/** Options of the DuckDB engines in Node. */
export interface DuckDBNodeOptions {
  /** Worker threads of native DuckDB (default: DuckDB's own choice). */
  readonly threads?: number;
}

/** Open duckdb-wasm in Node (blocking API, wasm from the installed package) as a connector. */
export async function openDuckDBWasm(): Promise<DuckDBConnector> {
  const duckdb = await loadOptional(
    ['@duckdb/duckdb-wasm'],
    () => require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking'),
  );
  const file = (f: string): string => require.resolve(`@duckdb/duckdb-wasm/dist/${f}`);
  const bundles = {
    mvp: { mainModule: file('duckdb-mvp.wasm'), mainWorker: file('duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: file('duckdb-eh.wasm'), mainWorker: file('duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => undefined);
  const conn = db.connect();
  // Without network access an extension autoload would hang; fail fast instead.
  conn.query('SET autoload_known_extensions=false');
  conn.query('SET autoinstall_known_extensions=false');
  return {
    async query(q) {
      const stmt = conn.prepare(q.text);
      try {
        return arrowRows(stmt.query(...q.params));
      } finally {
        stmt.close();
      }
    },
    async loadTable(name: string, table: Table, schema?: string) {
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true, ...(schema !== undefined ? { schema } : {}) });
    },
    async dropTables(names) {
      for (const n of names) conn.query(`DROP TABLE IF EXISTS ${ident(n)}`);
    },
    async close() {
      conn.close();
      db.reset();
    },
  };
}

/** Whether native DuckDB (`@duckdb/node-api`) is installed and loads. */
export async function nativeDuckDBAvailable(): Promise<boolean> {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** Open native DuckDB (`@duckdb/node-api`) in memory as a connector. */
export async function openDuckDBNative(options: DuckDBNodeOptions = {}): Promise<DuckDBConnector> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = await loadOptional(['@duckdb/node-api'], () => import('@duckdb/node-api'));
  } catch (e) {
    if (e instanceof HoufuError) throw e;
    throw new HoufuError('invalid_request', ERROR_TEXT.engineUnavailable('duckdb-native', `@duckdb/node-api: ${(e as Error).message}`));
  }
  const config: Record<string, string> = { autoload_known_extensions: 'false', autoinstall_known_extensions: 'false' };
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  // node-api's own native layer, for writing chunk vectors in bulk (resolved from node-api itself).
  const bindings = createRequire(require.resolve('@duckdb/node-api'))('@duckdb/node-bindings') as VectorBindings;
  const instance = await api.DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  return {
    async query(q) {
      const reader = await conn.runAndReadAll(q.text, q.params as import('@duckdb/node-api').DuckDBValue[]);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    async loadTable(name: string, table: Table, schema?: string) {
      const target = { name, ...(schema !== undefined ? { schema } : {}) };
      await appendColumns(api, bindings, conn, target, table, (c) => utf8Writer(api, table.getChild(c)!) ?? encodeVector(table.getChild(c)!));
    },
    async loadDatasetTable(name, dataset, table) {
      const direct = await readFileDirectly(conn, name, dataset, table);
      if ('path' in direct) return direct;
      const arrow = dataset.tables[table]!;
      // Ids (keys and references) go in as strings; other columns through their encodings, which validation built.
      const ids = new Set(SCHEMA[table].columns.filter((c) => c.references || c.name === SCHEMA[table].key).map((c) => c.name));
      await appendColumns(api, bindings, conn, { name }, arrow, (c) => (ids.has(c) && utf8Writer(api, arrow.getChild(c)!)) || encoded(dataset, table, c));
      return { path: 'columns', reason: direct.reason };
    },
    async dropTables(names) {
      for (const n of names) await conn.run(`DROP TABLE IF EXISTS ${ident(n)}`);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * Create table `name` by DuckDB's own reader over the file a table was validated from, when
 * the file reads as the validated columns (see `files.ts` and `direct.ts`); otherwise nothing
 * is left behind and the reason is returned.
 */
async function readFileDirectly(conn: DuckDBConnection, name: string, ds: Dataset, table: TableName): Promise<DuckDBLoadPath | { reason: string }> {
  const found = directSource(ds, table);
  if ('reason' in found) return found;
  const { source } = found;
  const file = source.path.split(/[\\/]/).pop();
  try {
    const st = statSync(source.path);
    if (st.size !== source.size || st.mtimeMs !== source.mtimeMs) return { reason: `${file} changed since it was validated` };
  } catch {
    return { reason: `${file} can no longer be read` };
  }
  const arrow = ds.tables[table]!;
  const target = ident(name);
  try {
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readerSql(source)}`)).getRowObjectsJS();
    const plan = directReadSql(target, table, arrow, source, described.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) })));
    if ('reason' in plan) return { reason: `${file}: ${plan.reason}` };
    await conn.run(plan.sql);
    const [check] = (await conn.runAndReadAll(`SELECT CAST(count(*) AS DOUBLE) AS n, CAST(bit_or(${ident(plan.marker)}) AS DOUBLE) AS bad FROM ${target}`)).getRowObjectsJS();
    const rows = Number(check?.['n']);
    const bad = Number(check?.['bad'] ?? 0);
    if (rows !== arrow.numRows || bad !== 0) {
      await conn.run(`DROP TABLE ${target}`);
      const cols = plan.columns.filter((_, k) => Math.floor(bad / 2 ** k) % 2 === 1);
      return { reason: rows !== arrow.numRows ? `${file}: DuckDB read ${rows} rows, houfu ${arrow.numRows}` : `${file}: cells of ${cols.join(', ')} are not in canonical form` };
    }
    await conn.run(`ALTER TABLE ${target} DROP COLUMN ${ident(plan.marker)}`);
    return { path: source.format === 'parquet' ? 'read_parquet' : 'read_csv' };
  } catch (e) {
    await conn.run(`DROP TABLE IF EXISTS ${target}`);
    return { reason: `${file}: DuckDB could not read it (${String((e as Error).message ?? e).split('\n')[0]})` };
  }
}

/** The DuckDB engine on duckdb-wasm in Node. */
export function duckdbWasmEngine(): DuckDBEngine {
  return duckdbEngineOn('duckdb-wasm', openDuckDBWasm);
}

/** The DuckDB engine on native DuckDB (`@duckdb/node-api`, optional dependency). */
export function duckdbNativeEngine(options: DuckDBNodeOptions = {}): DuckDBEngine {
  return duckdbEngineOn('duckdb-native', () => openDuckDBNative(options));
}

/** The DuckDB engine: native DuckDB when installed, else duckdb-wasm. */
export async function duckdbEngine(options: DuckDBNodeOptions = {}): Promise<DuckDBEngine> {
  return (await nativeDuckDBAvailable()) ? duckdbNativeEngine(options) : duckdbWasmEngine();
}

let shared: Partial<Record<'duckdb' | 'duckdb-wasm' | 'duckdb-native', Promise<Engine>>> = {};

/** A process-wide engine by name (one database per process), as `compute({ engine })` uses. */
export function sharedDuckDBEngine(name: 'duckdb' | 'duckdb-wasm' | 'duckdb-native'): Promise<Engine> {
  return (shared[name] ??=
    name === 'duckdb' ? duckdbEngine().then((e) => ({ ...e, name: 'duckdb' })) : Promise.resolve(name === 'duckdb-wasm' ? duckdbWasmEngine() : duckdbNativeEngine()));
}

/** Close the process-wide engines. */
export async function closeSharedDuckDBEngines(): Promise<void> {
  const all = Object.values(shared);
  shared = {};
  for (const e of all) await ((await e) as DuckDBEngine).close();
}
