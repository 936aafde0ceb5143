// ClickHouse benchmark: the whole catalog by county on a two-shard cluster started on loopback
// (two clickhouse-server processes, as test/helpers/clickhouse.ts starts them), beside the kernel
// and native DuckDB in the same run, with the load times. The run fails unless the ClickHouse
// and DuckDB results equal the kernel's, byte for byte in CSV. It also prints the peak RSS of the
// Node process and of both servers, and, from the servers' query logs, where ClickHouse spent its time.
// Usage (after a build): node bench/clickhouse.mjs [--data DIR] [--runs 3]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { compute, toCSV } from '../packages/core/dist/index.js';
import { loadDataset } from '../packages/core/dist/node.js';
import { clickhouseDataset, clickhouseEngine, loadIntoClickHouse } from '../packages/core/dist/clickhouse.js';
import { catalog } from '../packages/indicators/dist/index.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const runs = Number(args.runs ?? 3);
const dir = args.data ?? '/work/data/s1-arrow';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

const listenable = (host, port) =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, host, () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });

async function startCluster() {
  const SERVER = '/usr/sbin/clickhouse-server';
  const root = process.getuid?.() === 0;
  const base = mkdtempSync(join(tmpdir(), 'houfu-ch-bench-'));
  chmodSync(base, 0o777);
  let http;
  for (;;) {
    http = await listenable('127.0.0.1', 0);
    if (await listenable('127.0.0.2', http)) break;
  }
  const tcps = [await listenable('127.0.0.1', 0), await listenable('127.0.0.1', 0)];
  const hosts = ['127.0.0.1', '127.0.0.2'];
  const procs = [];
  for (let i = 0; i < 2; i++) {
    const d = join(base, `shard${i + 1}`);
    mkdirSync(d);
    const shard = (h, t) => `<shard><replica><host>${h}</host><port>${t}</port></replica></shard>`;
    writeFileSync(
      join(d, 'config.xml'),
      `<?xml version="1.0"?><yandex><logger><level>warning</level><log>${d}/server.log</log><errorlog>${d}/error.log</errorlog></logger>
<http_port>${http}</http_port><tcp_port>${tcps[i]}</tcp_port><interserver_http_port>${await listenable('127.0.0.1', 0)}</interserver_http_port>
<interserver_http_host>${hosts[i]}</interserver_http_host><listen_host>${hosts[i]}</listen_host>
<path>${d}/data/</path><tmp_path>${d}/tmp/</tmp_path><user_files_path>${d}/uf/</user_files_path><format_schema_path>${d}/fs/</format_schema_path>
<mark_cache_size>268435456</mark_cache_size><users_config>${d}/users.xml</users_config><default_profile>default</default_profile>
<default_database>default</default_database><timezone>UTC</timezone>
<query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>
<remote_servers><houfu>${shard(hosts[0], tcps[0])}${shard(hosts[1], tcps[1])}</houfu></remote_servers></yandex>`,
    );
    writeFileSync(
      join(d, 'users.xml'),
      `<?xml version="1.0"?><yandex><profiles><default><max_memory_usage>8000000000</max_memory_usage><log_queries>1</log_queries></default></profiles>
<users><default><password></password><networks><ip>127.0.0.0/8</ip></networks><profile>default</profile><quota>default</quota></default></users>
<quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas></yandex>`,
    );
    if (root) spawnSync('chown', ['-R', 'clickhouse', d]);
    const cfg = `--config-file=${join(d, 'config.xml')}`;
    procs.push(root ? spawn('runuser', ['-u', 'clickhouse', '--', SERVER, cfg], { stdio: 'ignore' }) : spawn(SERVER, [cfg], { stdio: 'ignore' }));
  }
  const shards = hosts.map((h) => `http://${h}:${http}`);
  for (const url of shards)
    for (let t = 0; ; t++) {
      try {
        if ((await (await fetch(`${url}/?query=SELECT%201`)).text()).trim() === '1') break;
      } catch {}
      if (t > 300) throw new Error(`ClickHouse did not start on ${url}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  // Peak resident memory of each server (VmHWM of clickhouse-server, the child of runuser when root).
  const peakRss = () =>
    procs.map((p) => {
      const children = existsSync(`/proc/${p.pid}/task/${p.pid}/children`) ? readFileSync(`/proc/${p.pid}/task/${p.pid}/children`, 'utf8').trim() : '';
      const pid = children.split(/\s+/)[0] || p.pid;
      const m = /VmHWM:\s+(\d+) kB/.exec(existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '');
      return m ? Number(m[1]) * 1024 : NaN;
    });
  const logs = () =>
    hosts.map((_, i) => join(base, `shard${i + 1}`, 'error.log')).filter((f) => existsSync(f)).map((f) => `${f}:\n${readFileSync(f, 'utf8').slice(-3000)}`).join('\n');
  const stop = async (failed) => {
    if (failed) console.error(logs());
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : (p.once('exit', r), p.kill('SIGTERM'))))));
    rmSync(base, { recursive: true, force: true });
  };
  return { url: shards[0], shards, cluster: 'houfu', stop, peakRss };
}

/** Where ClickHouse spent its time, from each server's query log: per catalog run, the queries the
 * receiving node ran (it joins the small tables and groups) and those the shards ran for it. */
async function queryProfile(shards, perRuns) {
  await new Promise((r) => setTimeout(r, 2500));
  const sql = async (url, q) => JSON.parse(await (await fetch(url, { method: 'POST', body: `${q} FORMAT JSON` })).text()).data;
  const lines = ['| server | queries | summed duration | rows read | peak memory of a query |', '| --- | --- | --- | --- | --- |'];
  const where = "type = 2 AND query NOT LIKE '%system.%' AND query NOT LIKE 'INSERT%' AND query NOT LIKE 'CREATE%' AND query NOT LIKE 'DROP%' AND query LIKE '%SELECT%' AND query != 'SELECT 1'";
  for (const [i, url] of shards.entries())
    for (const initial of [1, 0]) {
      const [r] = await sql(url, `SELECT count() AS n, sum(query_duration_ms) AS d, sum(read_rows) AS rr, max(memory_usage) AS m FROM system.query_log WHERE ${where} AND is_initial_query = ${initial} AND query NOT LIKE '%count()%'`);
      if (Number(r.n) === 0) continue;
      lines.push(`| shard ${i + 1}, ${initial ? 'queries received (its own shard part, the joins of the small tables, the grouping)' : 'subqueries for the receiving node'} | ${Math.round(Number(r.n) / perRuns)} | ${ms(Number(r.d) / perRuns)} | ${(Number(r.rr) / perRuns / 1e6).toFixed(1)} M | ${(Number(r.m) / 2 ** 30).toFixed(2)} GiB |`);
    }
  const top = await sql(shards[0], `SELECT query_duration_ms AS d, read_rows AS rr, memory_usage AS m, substring(query, 1, 160) AS q FROM system.query_log WHERE ${where} AND is_initial_query = 1 ORDER BY d DESC LIMIT 5`);
  lines.push('', 'Slowest queries received (per query):', ...top.map((t) => `- ${ms(Number(t.d))}, ${(Number(t.rr) / 1e6).toFixed(1)} M rows read, ${(Number(t.m) / 2 ** 30).toFixed(2)} GiB: \`${String(t.q).replace(/\s+/g, ' ')}…\``));
  return `ClickHouse per catalog run (query logs summed over the ${perRuns} runs, divided by ${perRuns}; queries run four at a time, so durations overlap):\n\n${lines.join('\n')}`;
}

const ch = await startCluster();
try {
  let t = performance.now();
  const ds = await loadDataset(dir);
  const fileLoad = performance.now() - t;
  t = performance.now();
  await loadIntoClickHouse(ch.url, ds, { cluster: ch.cluster, database: 'bench' });
  const chLoad = performance.now() - t;
  const chDs = await clickhouseDataset({ url: ch.url, database: 'bench' });

  const time = async (label, fn) => {
    const t0 = performance.now();
    const first = await fn();
    const firstMs = performance.now() - t0;
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const t1 = performance.now();
      await fn();
      xs.push(performance.now() - t1);
    }
    console.error(`${label}: first ${ms(firstMs)}, median ${ms(median(xs))}`);
    return { csv: toCSV(first), first: firstMs, xs };
  };
  const rss = () => `${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(1)} GiB`;
  const rssLoaded = rss();
  const kernel = await time('kernel', () => compute(ds, catalog, { by: 'county' }));
  const rssKernel = rss();
  const clickhouse = await time('clickhouse', () => compute(chDs, catalog, { by: 'county', engine: clickhouseEngine }));
  if (clickhouse.csv !== kernel.csv) throw new Error('ClickHouse result differs from the kernel');
  const serverRss = ch.peakRss().map((b) => `${(b / 2 ** 30).toFixed(1)} GiB`).join(' + ');
  const profile = await queryProfile(ch.shards, runs + 1);
  let duck;
  try {
    const { duckdbNativeEngine } = await import('../packages/core/dist/duckdb.js');
    const engine = duckdbNativeEngine({ threads: 2 });
    duck = await time('duckdb-native', () => compute(ds, catalog, { by: 'county', engine }));
    if (duck.csv !== kernel.csv) throw new Error('DuckDB result differs from the kernel');
    await engine.close();
  } catch (e) {
    if (String(e.message).includes('differs')) throw e;
    console.error(`native DuckDB not measured: ${e.message}`);
  }
  const ratio = (r, base) => (base ? `${(median(r.xs) / median(base.xs)).toFixed(1)}×` : '—');
  const duckLoad = duck ? `≈ ${ms(duck.first - median(duck.xs))} (first run − median: tables copied from the loaded dataset through a CSV file)` : '';
  const row = (name, r, load) =>
    `| ${name} | ${load} | ${ms(r.first)} | ${ms(median(r.xs))} (${ms(Math.min(...r.xs))}–${ms(Math.max(...r.xs))}) | ${ratio(r, kernel)} | ${ratio(r, duck)} |`;
  console.log(
    [
      `${dir} (${ds.tables.persons.numRows} person-rows, ${ds.tables.households.numRows} household-rows, ${ds.periods.length} periods); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; whole catalog (${catalog.length}) by county, medians of ${runs} after a first run; results equal byte for byte in CSV.`,
      '',
      '| engine | load | compute (first) | compute (median, min–max) | / kernel | / duckdb-native |',
      '| --- | --- | --- | --- | --- | --- |',
      row('kernel', kernel, `${ms(fileLoad)} (Arrow files + validate)`),
      ...(duck ? [row('duckdb-native (2 threads)', duck, duckLoad)] : []),
      row('clickhouse, 2 shards on one machine', clickhouse, `${ms(chLoad)} (HTTP inserts through Distributed tables + copies of small tables, counts checked)`),
      '',
      `Peak RSS of the Node process: ${rssLoaded} after loading the files, ${rssKernel} after the kernel runs, ${rss()} at the end (native DuckDB runs in it); ClickHouse servers (peak): ${serverRss}.`,
      '',
      profile,
    ].join('\n'),
  );
} catch (e) {
  await ch.stop(true);
  throw e;
}
await ch.stop();
