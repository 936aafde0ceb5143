/**
 * @houfu/core/duckdb in the browser: the DuckDB engine on duckdb-wasm in a Web Worker. The
 * wasm module and worker come from the installed package through URLs the page passes
 * (e.g. Vite `?url` imports); nothing is fetched from a CDN.
 * @packageDocumentation
 */
import { tableToIPC, type Table } from 'apache-arrow';
import { HoufuError } from '../../errors.js';
import { loadOptional } from '../../optional.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { quoteIdent, duckdbDialect } from '../sql/dialect.js';
import { arrowRows, duckdbEngineOn, type DuckDBConnector, type DuckDBEngine } from './connector.js';

export { duckdbEngineOn, type DuckDBConnector, type DuckDBEngine, type DuckDBLoadPath } from './connector.js';

/** URLs of one duckdb-wasm bundle. */
export interface DuckDBWasmBundle {
  /** URL of `@duckdb/duckdb-wasm/dist/duckdb-{mvp,eh}.wasm`. */
  readonly mainModule: string;
  /** URL of `@duckdb/duckdb-wasm/dist/duckdb-browser-{mvp,eh}.worker.js`. */
  readonly mainWorker: string;
}

/** The duckdb-wasm bundles a page provides; the best one the browser supports is used. */
export interface DuckDBWasmBundles {
  /** The baseline bundle (every browser with WebAssembly). */
  readonly mvp: DuckDBWasmBundle;
  /** The bundle using WebAssembly exceptions, when available. */
  readonly eh?: DuckDBWasmBundle;
}

/**
 * The DuckDB engine on duckdb-wasm in a Web Worker.
 * @example
 * import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
 * import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
 * const engine = duckdbWasmBrowserEngine({ mvp: { mainModule: mvpWasm, mainWorker: mvpWorker } });
 * const result = await compute(dataset, fourMusts, { by: 'county', engine });
 */
export function duckdbWasmBrowserEngine(bundles: DuckDBWasmBundles): DuckDBEngine {
  return duckdbEngineOn('duckdb-wasm', async () => {
    const duckdb = await loadOptional(['@duckdb/duckdb-wasm'], () => import('@duckdb/duckdb-wasm'));
    const bundle = await duckdb.selectBundle(bundles as unknown as Parameters<typeof duckdb.selectBundle>[0]);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const conn = await db.connect();
    await conn.query('SET autoload_known_extensions=false');
    await conn.query('SET autoinstall_known_extensions=false');
    const connector: DuckDBConnector = {
      async query(q) {
        const stmt = await conn.prepare(q.text);
        try {
          return arrowRows(await stmt.query(...q.params));
        } finally {
          await stmt.close();
        }
      },
      async loadTable(name: string, table: Table, schema?: string) {
        await conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true, ...(schema !== undefined ? { schema } : {}) });
      },
      async dropTables(names) {
        for (const n of names) await conn.query(`DROP TABLE IF EXISTS ${quoteIdent(duckdbDialect, n)}`);
      },
      async close() {
        await conn.close();
        await db.terminate();
        worker.terminate();
      },
    };
    return connector;
  });
}

/** Engines by name are not available in a browser: the page must pass its bundle URLs. */
export function sharedDuckDBEngine(name: string): Promise<never> {
  return Promise.reject(
    new HoufuError('invalid_request', ERROR_TEXT.engineUnavailable(name, 'in a browser, pass duckdbWasmBrowserEngine({ mvp: { mainModule, mainWorker } }) as the engine')),
  );
}
