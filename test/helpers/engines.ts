/**
 * Every engine of one test file: arquero, the kernel, duckdb-wasm (one database per file), native
 * DuckDB when `@duckdb/node-api` is installed, and PostgreSQL on a throwaway server when
 * one can be started (each dataset loaded once, into a schema of its own), and ClickHouse on a
 * throwaway two-shard cluster (each dataset loaded once, into a database of its own; under CI a
 * cluster that cannot start fails the tests).
 */
import { compute, toObjects, type ComputeOptions, type Dataset, type IndicatorDefinition } from '@houfu/core';
import { duckdbNativeEngine, duckdbWasmEngine, nativeDuckDBAvailable, type DuckDBEngine } from '@houfu/core/duckdb';
import { loadIntoPostgres, postgresDataset, postgresEngine, type PostgresDataset } from '@houfu/core/postgres';
import { clickhouseDataset, clickhouseEngine, clickhouseHttp, loadIntoClickHouse } from '@houfu/core/clickhouse';
import { clickhouseOrSkip, type TestClickHouse } from './clickhouse.js';
import { startPostgres, warnSkipped, type TestPostgres } from './postgres.js';

/** Names of the engines under test. */
export type EngineLabel = 'arquero' | 'kernel' | 'duckdb-wasm' | 'duckdb-native' | 'postgres' | 'clickhouse';

/** The engines of a test file. */
export interface Engines {
  /** Engines available here, arquero first. */
  readonly labels: readonly EngineLabel[];
  /** The PostgreSQL server, when one runs. */
  readonly postgres: TestPostgres | undefined;
  /** The ClickHouse cluster, when one runs. */
  readonly clickhouse: TestClickHouse | undefined;
  /** Compute with one engine; result rows as plain objects. */
  compute(label: EngineLabel, dataset: Dataset, defs: readonly IndicatorDefinition[], options: ComputeOptions): Promise<Record<string, unknown>[]>;
  /** Forget a dataset: drop its tables in DuckDB and PostgreSQL. */
  release(dataset: Dataset): Promise<void>;
  /** Stop everything. */
  stop(): Promise<void>;
}

let schemaCounter = 0;

/** Start the engines (call in `beforeAll`). */
export async function startEngines(): Promise<Engines> {
  const wasm = duckdbWasmEngine();
  const native: DuckDBEngine | undefined = (await nativeDuckDBAvailable()) ? duckdbNativeEngine({ threads: 1 }) : undefined;
  if (!native) console.warn('native DuckDB (@duckdb/node-api) is not installed: duckdb-native is not tested');
  const pg = await startPostgres();
  if ('reason' in pg) warnSkipped(pg.reason);
  const server = 'reason' in pg ? undefined : pg;
  const opened = new WeakMap<Dataset, Promise<PostgresDataset>>();
  const open: PostgresDataset[] = [];
  const pgDataset = (ds: Dataset): Promise<PostgresDataset> => {
    let p = opened.get(ds);
    if (!p) {
      const schema = `t${process.pid}_${++schemaCounter}`;
      p = (async () => {
        await loadIntoPostgres(server!.url, ds, { schema });
        const r = await postgresDataset({ connection: server!.url, schema });
        open.push(r);
        return r;
      })();
      opened.set(ds, p);
    }
    return p;
  };
  const ch = await clickhouseOrSkip();
  const chOpened = new WeakMap<Dataset, Promise<{ dataset: Dataset; database: string }>>();
  const chDataset = (ds: Dataset): Promise<{ dataset: Dataset; database: string }> => {
    let p = chOpened.get(ds);
    if (!p) {
      const database = `t${process.pid}_${++schemaCounter}`;
      p = (async () => {
        await loadIntoClickHouse(ch!.url, ds, { cluster: ch!.cluster, database });
        return { dataset: await clickhouseDataset({ url: ch!.url, database }), database };
      })();
      chOpened.set(ds, p);
    }
    return p;
  };
  const labels: EngineLabel[] = [
    'arquero', 'kernel', 'duckdb-wasm', ...(native ? (['duckdb-native'] as const) : []), ...(server ? (['postgres'] as const) : []), ...(ch ? (['clickhouse'] as const) : []),
  ];
  return {
    labels,
    postgres: server,
    clickhouse: ch,
    async compute(label, dataset, defs, options) {
      let table;
      if (label === 'clickhouse') table = await compute((await chDataset(dataset)).dataset, defs, { ...options, engine: clickhouseEngine });
      else if (label === 'postgres') table = await compute((await pgDataset(dataset)).dataset, defs, { ...options, engine: postgresEngine });
      else table = await compute(dataset, defs, { ...options, engine: label === 'arquero' || label === 'kernel' ? label : label === 'duckdb-wasm' ? wasm : native! });
      return toObjects(table) as Record<string, unknown>[];
    },
    async release(dataset) {
      await wasm.release(dataset);
      await native?.release(dataset);
      const c = chOpened.get(dataset);
      if (c) {
        chOpened.delete(dataset);
        const { database } = await c;
        for (const url of ch!.shards) await clickhouseHttp(url).exec(`DROP DATABASE IF EXISTS \`${database}\``);
      }
      const p = opened.get(dataset);
      if (!p) return;
      opened.delete(dataset);
      const o = await p;
      open.splice(open.indexOf(o), 1);
      await o.close();
    },
    async stop() {
      for (const o of open) await o.close();
      await wasm.close();
      await native?.close();
      await server?.stop();
      await ch?.stop();
    },
  };
}
