// duckdb-wasm with no network: the wasm and worker come from node_modules through Vite
// `?url` imports (copied into the build as assets), never from a CDN.
import * as duckdb from "@duckdb/duckdb-wasm";
import ehWasm from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url";
import ehWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";
import { tableToIPC } from "apache-arrow";

/** Open an in-memory duckdb-wasm database from local files only. */
export async function openDuckDB() {
  // Only the "eh" (wasm exceptions) bundle is shipped: current browsers support it.
  const bundle = await duckdb.selectBundle({
    eh: { mainModule: new URL(ehWasm, location.href).href, mainWorker: new URL(ehWorker, location.href).href }
  });
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  // No extension may be fetched (there is no network): fail fast instead of waiting.
  await conn.query("SET autoload_known_extensions = false");
  await conn.query("SET autoinstall_known_extensions = false");
  await conn.close();
  return db;
}

/** Copy a dataset's tables (Arrow) into duckdb tables of the same names, replacing all others. */
export async function loadTables(db, tables) {
  const conn = await db.connect();
  try {
    // Replace every table: a dataset without an optional table must not see the last one's.
    const old = (await conn.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")).toArray();
    for (const row of old) await conn.query(`DROP TABLE "${String(row.table_name).replaceAll('"', '""')}"`);
    for (const [name, table] of Object.entries(tables)) {
      await conn.insertArrowFromIPCStream(tableToIPC(table, "stream"), { name, create: true });
    }
  } finally {
    await conn.close();
  }
}

/**
 * A client for SQL cells (`<script type="application/sql" database="var:db">`): `sql` is a
 * tagged template; interpolated values are bound as parameters, never pasted into the text.
 */
export function sqlClient(db) {
  return {
    async sql(strings, ...params) {
      const conn = await db.connect();
      try {
        const text = strings.join("?");
        const result = params.length ? await (await conn.prepare(text)).query(...params) : await conn.query(text);
        return result.toArray().map((row) => row.toJSON());
      } finally {
        await conn.close();
      }
    }
  };
}
