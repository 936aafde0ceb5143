/**
 * Engines by name, each loaded only when first used.
 */
import type { Engine } from './engine.js';
import { HoufuError } from '../errors.js';
import { loadOptional } from '../optional.js';

/** Engines available by name; each is loaded only when first used. */
export type EngineName = 'kernel' | 'arquero' | 'duckdb' | 'duckdb-wasm' | 'duckdb-native';

/** The engine used when none is named. */
export const DEFAULT_ENGINE: EngineName = 'kernel';

// The DuckDB engines are a separate entry (`@houfu/core/duckdb`), imported by name only when used.
const DUCKDB_ENTRY = '@houfu/core/duckdb';
const duckdb = (name: 'duckdb' | 'duckdb-wasm' | 'duckdb-native') => async (): Promise<Engine> =>
  ((await import(/* @vite-ignore */ DUCKDB_ENTRY)) as typeof import('./duckdb/node.js')).sharedDuckDBEngine(name);

const ENGINES: Record<EngineName, () => Promise<Engine>> = {
  kernel: async () => (await import('./kernel/index.js')).kernelEngine,
  arquero: async () => (await loadOptional(['arquero'], () => import('./arquero/index.js'))).arqueroEngine,
  duckdb: duckdb('duckdb'),
  'duckdb-wasm': duckdb('duckdb-wasm'),
  'duckdb-native': duckdb('duckdb-native'),
};

/** Resolve an engine by name or pass an engine object through. */
export async function resolveEngine(engine: EngineName | Engine | undefined): Promise<Engine> {
  if (engine === undefined) return ENGINES[DEFAULT_ENGINE]();
  if (typeof engine !== 'string') return engine;
  const load = ENGINES[engine];
  if (!load) throw new HoufuError('invalid_request', { zh: `未知引擎：${engine}`, en: `unknown engine: ${engine}` });
  return load();
}
