/**
 * A throwaway two-shard ClickHouse cluster for the tests: two `clickhouse-server` processes
 * (Debian's package, /usr/sbin/clickhouse-server) with their own data folders in a temporary
 * directory, both on the same free HTTP port — shard 1 on 127.0.0.1, shard 2 on 127.0.0.2, as
 * two hosts of a real cluster would be — and their own native ports, joined by a
 * `remote_servers` entry named `houfu`. As root the servers run as the `clickhouse` user.
 * Removed afterwards. When no cluster can be started the tests skip loudly — except under CI,
 * where that is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running cluster. */
export interface TestClickHouse {
  /** HTTP URL of the entry node (shard 1). */
  readonly url: string;
  /** HTTP URLs of every shard, in cluster order. */
  readonly shards: readonly string[];
  /** The cluster's name in `remote_servers`. */
  readonly cluster: string;
  /** Stop both servers and remove their files. */
  stop(): Promise<void>;
}

const SERVER = '/usr/sbin/clickhouse-server';
const CLUSTER = 'houfu';

function listenable(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, host, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** A port free on both loopback addresses. */
async function sharedPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = await listenable('127.0.0.1', 0);
    if (p !== undefined && (await listenable('127.0.0.2', p)) !== undefined) return p;
  }
  throw new Error('no port free on both 127.0.0.1 and 127.0.0.2');
}

async function freePort(): Promise<number> {
  const p = await listenable('127.0.0.1', 0);
  if (p === undefined) throw new Error('no free port');
  return p;
}

function config(dir: string, host: string, http: number, tcp: number, interserver: number, tcps: readonly number[]): string {
  const shard = (h: string, t: number) => `<shard><replica><host>${h}</host><port>${t}</port></replica></shard>`;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog></logger>
  <http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><interserver_http_port>${interserver}</interserver_http_port>
  <interserver_http_host>${host}</interserver_http_host>
  <listen_host>${host}</listen_host>
  <path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size><uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
  <timezone>UTC</timezone>
  <remote_servers><${CLUSTER}>${shard('127.0.0.1', tcps[0]!)}${shard('127.0.0.2', tcps[1]!)}</${CLUSTER}></remote_servers>
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><max_threads>1</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.0/8</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/?query=SELECT%201`);
    return res.ok && (await res.text()).trim() === '1';
  } catch {
    return false;
  }
}

/** Start the cluster, or say why none could be started. */
export async function startClickHouse(): Promise<TestClickHouse | { reason: string }> {
  if (!existsSync(SERVER)) return { reason: `no ${SERVER} (apt-get install clickhouse-server)` };
  const root = process.getuid?.() === 0;
  if (root && spawnSync('id', ['clickhouse']).status !== 0) return { reason: 'running as root and there is no clickhouse user to run the server' };
  const dir = mkdtempSync(join(tmpdir(), 'houfu-ch-'));
  chmodSync(dir, 0o777);
  const procs: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
            p.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            p.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const http = await sharedPort();
    const tcps = [await freePort(), await freePort()];
    const hosts = ['127.0.0.1', '127.0.0.2'];
    for (let i = 0; i < 2; i++) {
      const d = join(dir, `shard${i + 1}`);
      mkdirSync(d);
      writeFileSync(join(d, 'config.xml'), config(d, hosts[i]!, http, tcps[i]!, await freePort(), tcps));
      writeFileSync(join(d, 'users.xml'), USERS);
      if (root) spawnSync('chown', ['-R', 'clickhouse', d]);
      const [cmd, args] = root
        ? ['runuser', ['-u', 'clickhouse', '--', SERVER, `--config-file=${join(d, 'config.xml')}`]]
        : [SERVER, [`--config-file=${join(d, 'config.xml')}`]];
      procs.push(spawn(cmd as string, args as string[], { stdio: 'ignore' }));
    }
    const shards = hosts.map((h) => `http://${h}:${http}`);
    const deadline = Date.now() + 60_000;
    for (const url of shards) {
      while (!(await answers(url))) {
        if (Date.now() > deadline || procs.some((p) => p.exitCode !== null)) {
          const log = hosts.map((_, i) => join(dir, `shard${i + 1}`, 'error.log')).filter(existsSync).map((f) => readFileSync(f, 'utf8').slice(-2000)).join('\n');
          throw new Error(`ClickHouse did not answer on ${url}: ${log}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return { url: shards[0]!, shards, cluster: CLUSTER, stop };
  } catch (e) {
    await stop();
    return { reason: `could not start ClickHouse: ${(e as Error).message}` };
  }
}

/** Start the cluster; under CI a failure to start is an error, elsewhere the tests skip with a loud warning. */
export async function clickhouseOrSkip(): Promise<TestClickHouse | undefined> {
  const ch = await startClickHouse();
  if (!('reason' in ch)) return ch;
  if (process.env['CI']) throw new Error(`ClickHouse is required under CI: ${ch.reason}`);
  console.warn(`\n!!! ClickHouse tests SKIPPED: ${ch.reason}\n`);
  return undefined;
}
