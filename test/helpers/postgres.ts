/**
 * A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, on a
 * free loopback port, started with the Debian server binaries (/usr/lib/postgresql/N/bin)
 * and removed afterwards. As root (initdb refuses root) the server runs as the `postgres`
 * user. `HOUFU_PG_URL` points the tests at an existing server instead. When no server can
 * be had, `startPostgres` returns the reason and the tests skip, saying so loudly.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server. */
export interface TestPostgres {
  /** Connection string of a superuser on the `postgres` database. */
  readonly url: string;
  /** Stop the server and remove its files (no-op for an external server). */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Start a server, or say why none could be started. */
export async function startPostgres(): Promise<TestPostgres | { reason: string }> {
  const external = process.env['HOUFU_PG_URL'];
  if (external) return { url: external, stop: async () => undefined };
  const bin = binDir();
  if (!bin) return { reason: 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)' };
  const root = process.getuid?.() === 0;
  if (root && spawnSync('id', ['postgres']).status !== 0) return { reason: 'running as root and there is no postgres user to run the server' };
  const dir = mkdtempSync(join(tmpdir(), 'houfu-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const as = (cmd: string, args: string[]) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  const run = (cmd: string, args: string[]) => {
    const [c, a] = as(cmd, args);
    execFileSync(c, a, { stdio: 'pipe', timeout: 60_000 });
  };
  try {
    const port = await freePort();
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'houfu', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c log_statement=none`;
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    return {
      url: `postgres://houfu@127.0.0.1:${port}/postgres`,
      stop: async () => {
        try {
          run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: Buffer; message: string };
    return { reason: `could not start PostgreSQL: ${err.stderr?.toString().trim() || err.message}` };
  }
}

/** Warn loudly that PostgreSQL tests are skipped, and why; under CI (`CI` set) fail instead. */
export function warnSkipped(reason: string): void {
  if (process.env['CI']) throw new Error(`PostgreSQL is required under CI: ${reason}`);
  console.warn(`\n!!! PostgreSQL tests SKIPPED: ${reason}\n`);
}
