/**
 * The CLI with the SQL engines: `houfu compute --engine duckdb…` prints the arquero
 * engine's bytes; `houfu load` then `houfu compute --engine postgres` on a throwaway server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houfu } from './helpers/cli.js';
import { startPostgres, warnSkipped, type TestPostgres } from './helpers/postgres.js';

const HAND = 'test/fixtures/hand';

const ARGS = ['--indicators', 'four_musts,employment,services', '--by', 'county', '--format', 'csv'];
let server: TestPostgres | undefined;

beforeAll(async () => {
  const s = await startPostgres();
  if ('reason' in s) warnSkipped(s.reason);
  else server = s;
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('houfu compute --engine', () => {
  it('duckdb, duckdb-wasm and duckdb-native print what arquero prints', async () => {
    const base = await houfu('compute', '--data', HAND, ...ARGS);
    expect(base.code).toBe(0);
    expect(base.out.split('\n').length).toBeGreaterThan(20);
    const runs = await Promise.all(['duckdb', 'duckdb-wasm', 'duckdb-native'].map((e) => houfu('compute', '--data', HAND, ...ARGS, '--engine', e)));
    for (const r of runs) {
      expect(r.err).toBe(base.err);
      expect(r.code).toBe(0);
      expect(r.out).toBe(base.out);
    }
  });

  it('refuses an unknown engine', async () => {
    const r = await houfu('compute', '--data', HAND, ...ARGS, '--engine', 'sqlite');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--engine must be one of kernel, arquero, duckdb, duckdb-wasm, duckdb-native, postgres/);
  });
});

describe('houfu load and compute --engine postgres', () => {
  it('loads a folder, refuses to load it twice without --replace, computes what arquero computes', async (ctx) => {
    if (!server) return ctx.skip();
    const db = server.url;
    const load = await houfu('load', '--db', db, '--data', HAND, '--schema', 'cli', '--tables', 'persons=人口');
    expect(load.code, load.err).toBe(0);
    expect(load.err).toMatch(/loaded sites 5, households 15, persons 36/);
    const again = await houfu('load', '--db', db, '--data', HAND, '--schema', 'cli', '--tables', 'persons=人口');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already has tables: .*人口.*--replace/);
    expect((await houfu('load', '--db', db, '--data', HAND, '--schema', 'cli', '--tables', 'persons=人口', '--replace')).code).toBe(0);
    const base = await houfu('compute', '--data', HAND, ...ARGS);
    const got = await houfu('compute', '--engine', 'postgres', '--db', db, '--schema', 'cli', '--tables', 'persons=人口', ...ARGS);
    expect(got.err).toBe('');
    expect(got.out).toBe(base.out);
    const missing = await houfu('compute', '--engine', 'postgres', '--db', db, '--schema', 'cli', ...ARGS);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no table persons/);
  });

  it('refuses a dataset with errors before touching the database', async (ctx) => {
    if (!server) return ctx.skip();
    const r = await houfu('load', '--db', server.url, '--data', 'test/fixtures/broken', '--schema', 'broken');
    expect(r.code).toBe(1);
    const list = await houfu('compute', '--engine', 'postgres', '--db', server.url, '--schema', 'broken', ...ARGS);
    expect(list.err).toMatch(/no table sites/);
  });
});
