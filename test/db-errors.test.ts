/**
 * Database connection, authentication and permission failures end with a message naming the
 * host and the cause — never the password, never a stack trace — and exit code 3, for
 * `compute --engine postgres|clickhouse` and `load`, through the built CLI; and the
 * PostgreSQL mapping of each failure on a throwaway server.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoufuError } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { loadIntoPostgres, postgresDataset } from '@houfu/core/postgres';
import { postgresFailure } from '../packages/core/src/engines/postgres/errors.js';
import { startPostgres, warnSkipped, type TestPostgres } from './helpers/postgres.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));
const SAMPLE = 'test/fixtures/hand';
const SECRET = 'Pa55-w0rd-never-shown';

function houfu(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** A loopback port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** No stack trace, no internal text, no password. */
function clean(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr).not.toContain('unexpected error');
  expect(stderr).not.toContain(SECRET);
}

describe('an unreachable database, through the CLI', () => {
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
  });

  it('compute --engine postgres: host and cause, exit 3', () => {
    const r = houfu('compute', '--engine', 'postgres', '--db', `postgres://houfu:${SECRET}@127.0.0.1:${port}/gz`, '--indicators', 'four_musts', '--by', 'county');
    expect(r.stderr).toContain(`cannot use the PostgreSQL database at 127.0.0.1:${port}/gz as houfu: connection refused`);
    clean(r.stderr);
    expect(r.status).toBe(3);
  });

  it('load into PostgreSQL: host and cause, exit 3', () => {
    const r = houfu('load', '--db', `postgres://houfu:${SECRET}@127.0.0.1:${port}/gz`, '--data', SAMPLE);
    expect(r.stderr).toContain(`127.0.0.1:${port}/gz`);
    expect(r.stderr).toContain('connection refused');
    clean(r.stderr);
    expect(r.status).toBe(3);
  });

  it('an unknown host: named, exit 3', () => {
    const r = houfu('load', '--db', `postgres://houfu:${SECRET}@no-such-host.invalid:5432/gz`, '--data', SAMPLE);
    expect(r.stderr).toContain('no-such-host.invalid:5432/gz');
    expect(r.stderr).toMatch(/host name not found|timed out/);
    clean(r.stderr);
    expect(r.status).toBe(3);
  });

  it('compute --engine clickhouse and load --engine clickhouse: host and cause, exit 3', () => {
    for (const args of [
      ['compute', '--engine', 'clickhouse', '--db', `http://127.0.0.1:${port}`, '--indicators', 'four_musts', '--by', 'county'],
      ['load', '--engine', 'clickhouse', '--db', `http://127.0.0.1:${port}`, '--data', SAMPLE],
    ]) {
      const r = houfu(...args);
      expect(r.stderr).toContain(`127.0.0.1:${port}`);
      expect(r.stderr).toMatch(/ECONNREFUSED|refused/);
      clean(r.stderr);
      expect(r.status).toBe(3);
    }
  });
});

describe('the PostgreSQL failures by SQLSTATE', () => {
  const url = `postgres://cadre:${SECRET}@db.example:6432/gz`;
  it.each([
    ['28P01', `password authentication failed for user "cadre"`, 'authentication failed for user cadre (wrong password?)'],
    ['28000', 'role "cadre" does not exist', 'the server does not accept user cadre: role "cadre" does not exist'],
    ['3D000', 'database "gz" does not exist', 'database gz does not exist'],
    ['42501', 'permission denied for schema gz', 'user cadre lacks a privilege: permission denied for schema gz'],
    ['53300', 'sorry, too many clients already', 'the server has too many connections'],
  ])('%s', (code, message, expected) => {
    const e = postgresFailure(Object.assign(new Error(message), { code }), url);
    expect(e).toBeInstanceOf(HoufuError);
    expect(e!.code).toBe('io');
    expect(e!.message).toBe(`cannot use the PostgreSQL database at db.example:6432/gz as cadre: ${expected}`);
    expect(e!.message).not.toContain(SECRET);
    expect(e!.messageZh).toContain('db.example:6432/gz');
  });

  it('a password the server echoes back is masked', () => {
    const e = postgresFailure(Object.assign(new Error(`role "${SECRET}" does not exist`), { code: '28000' }), url);
    expect(e!.message).not.toContain(SECRET);
  });

  it('other errors pass through', () => {
    const e = Object.assign(new Error('syntax error at or near "x"'), { code: '42601' });
    expect(postgresFailure(e, url)).toBeUndefined();
  });
});

describe('on a real server', () => {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    const s = await startPostgres();
    if ('reason' in s) {
      if (process.env['CI']) throw new Error(s.reason);
      warnSkipped(s.reason);
      return;
    }
    server = s;
    const c = new pg.Client({ connectionString: s.url });
    await c.connect();
    await c.query('CREATE ROLE nopriv LOGIN');
    await c.query('CREATE SCHEMA locked');
    await c.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await c.end();
  });
  afterAll(async () => server?.stop());

  const other = (user: string, db: string): string => {
    const u = new URL(server!.url);
    u.username = user;
    u.password = SECRET;
    u.pathname = `/${db}`;
    return u.toString();
  };

  it('a role that does not exist, a database that does not exist, a missing privilege', async () => {
    if (!server) return;
    const ds = await loadDataset(SAMPLE);
    const refused = async (p: Promise<unknown>): Promise<HoufuError> => {
      const e = await p.then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(HoufuError);
      expect((e as HoufuError).code).toBe('io');
      expect((e as HoufuError).message).not.toContain(SECRET);
      return e as HoufuError;
    };
    expect((await refused(postgresDataset({ connection: other('ghost', 'postgres') }))).message).toContain('does not accept user ghost');
    expect((await refused(postgresDataset({ connection: other('houfu', 'nowhere') }))).message).toContain('database nowhere does not exist');
    const e = await refused(loadIntoPostgres(other('nopriv', 'postgres'), ds, { schema: 'locked' }));
    expect(e.message).toContain('as nopriv: user nopriv lacks a privilege: permission denied for');
  });

  it('through the CLI: exit 3 and the cause', () => {
    if (!server) return;
    const r = houfu('load', '--db', other('nopriv', 'postgres'), '--data', SAMPLE, '--schema', 'locked');
    expect(r.stderr).toContain('lacks a privilege');
    clean(r.stderr);
    expect(r.status).toBe(3);
  });
});
