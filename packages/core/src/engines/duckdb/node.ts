/**
 * @houfu/core/duckdb in Node: the DuckDB engine on native DuckDB (`@duckdb/node-api`, an
 * optional dependency) when it is installed, else on duckdb-wasm (blocking API, wasm
 * loaded from the installed package). Everything is loaded on first use.
 * @packageDocumentation
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, tableToIPC, type Table } from 'apache-arrow';
import { HoufuError } from '../../errors.js';
import { loadOptional } from '../../optional.js';
import { decodeVector } from '../../io/decode-columns.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { duckdbDialect, quoteIdent } from '../sql/dialect.js';
import type { Engine } from '../engine.js';
import { arrowRows, duckdbEngineOn, type DuckDBConnector, type DuckDBEngine } from './connector.js';

export { duckdbEngineOn, type DuckDBConnector, type DuckDBEngine } from './connector.js';
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
  const instance = await api.DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  const typeOf = (t: DataType) =>
    DataType.isBool(t) ? api.BOOLEAN : DataType.isInt(t) && t.bitWidth <= 32 ? api.INTEGER : DataType.isInt(t) ? api.BIGINT : DataType.isFloat(t) ? api.DOUBLE : api.VARCHAR;
  return {
    async query(q) {
      const reader = await conn.runAndReadAll(q.text, q.params as import('@duckdb/node-api').DuckDBValue[]);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    async loadTable(name: string, table: Table, schema?: string) {
      const fields = table.schema.fields;
      const types = fields.map((f) => typeOf(f.type).toString());
      // Native DuckDB reads CSV far faster than values can be appended one by one from JS:
      // the table goes through a temporary CSV file (strings always quoted, null unquoted empty).
      const values = fields.map((f) => decodeVector(table.getChild(f.name)!));
      const text = fields.map((f) => !(DataType.isBool(f.type) || DataType.isInt(f.type) || DataType.isFloat(f.type)));
      const dir = mkdtempSync(join(tmpdir(), 'houfu-duckdb-'));
      const file = join(dir, 'table.csv');
      try {
        const fd = openSync(file, 'w');
        try {
          const n = table.numRows;
          const CHUNK = 8192;
          for (let start = 0; start < n; start += CHUNK) {
            const lines: string[] = [];
            for (let r = start; r < Math.min(n, start + CHUNK); r++) {
              const cells: string[] = [];
              for (let c = 0; c < values.length; c++) {
                const v = values[c]![r];
                cells.push(v === null || v === undefined ? '' : text[c] ? `"${String(v).replace(/"/g, '""')}"` : String(v));
              }
              lines.push(cells.join(','));
            }
            writeSync(fd, `${lines.join('\n')}\n`);
          }
        } finally {
          closeSync(fd);
        }
        const literal = `'${file.replace(/'/g, "''")}'`;
        await conn.run(
          `CREATE TABLE ${schema !== undefined ? `${ident(schema)}.` : ''}${ident(name)} AS SELECT ${fields.map((f, i) => `column${i} AS ${ident(f.name)}`).join(', ')} ` +
            `FROM read_csv(${literal}, header = false, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, ` +
            `auto_detect = false, new_line = '\\n', columns = {${fields.map((_, i) => `'column${i}': '${types[i]}'`).join(', ')}})`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
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
