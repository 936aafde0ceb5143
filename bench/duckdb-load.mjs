// Cold `houfu compute --engine duckdb-native` against cold `houfu compute` (the kernel) on the
// same folders, in one run: wall time and peak RSS (/usr/bin/time -f %M), medians of --runs.
// The 14 indicators of bench/first-number.mjs, by county. Checks that both give the same rows.
// Usage: node bench/duckdb-load.mjs [--data /work/data/s1] [--formats parquet,csv,arrow] [--runs 3] [--label after]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const runs = Number(args.runs ?? 3);
const data = args.data ?? '/work/data/s1';
const formats = (args.formats ?? 'parquet,csv,arrow').split(',');
const label = args.label ?? '';
const HAND_IDS =
  'four_musts.training,four_musts.employment,four_musts.land,four_musts.income,four_musts.all,employment.rate,employment.labor_households,employment.zero_households,employment.employed_persons,services.med_insurance_transfer,services.health_facility_coverage,services.police_room_coverage,services.schools_per_10k,services.medical_facilities_per_10k';
const cli = 'packages/cli/dist/main.js';
const tmp = mkdtempSync(join(tmpdir(), 'houfu-duckdb-load-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(argv) {
  const stats = join(tmp, 'time.txt');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, process.execPath, ...argv], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, rssKb: Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) };
}

console.log(`| ${label ? 'build | ' : ''}files | engine | wall (median of ${runs}, min–max) | peak RSS (median) | duckdb-native / kernel |`);
console.log(`| ${label ? '--- | ' : ''}--- | --- | --- | --- | --- |`);
for (const format of formats) {
  const dir = `${data}-${format}`;
  const out = (engine) => join(tmp, `${engine}-${format}.csv`);
  const run = (engine) => () =>
    timed([cli, 'compute', '--data', dir, '--indicators', HAND_IDS, '--by', 'county', '--engine', engine, '--format', 'csv', '--out', out(engine)]);
  const stats = {};
  for (const engine of ['kernel', 'duckdb-native']) {
    const xs = Array.from({ length: runs }, run(engine));
    stats[engine] = { ms: median(xs.map((x) => x.ms)), min: Math.min(...xs.map((x) => x.ms)), max: Math.max(...xs.map((x) => x.ms)), rss: median(xs.map((x) => x.rssKb)) };
  }
  if (readFileSync(out('kernel'), 'utf8') !== readFileSync(out('duckdb-native'), 'utf8')) throw new Error(`kernel and duckdb-native differ on ${dir}`);
  for (const engine of ['kernel', 'duckdb-native']) {
    const s = stats[engine];
    const ratio = engine === 'kernel' ? '' : `${(s.ms / stats.kernel.ms).toFixed(2)}`;
    console.log(
      `| ${label ? `${label} | ` : ''}${dir} | ${engine} | ${(s.ms / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)}) | ${Math.round(s.rss / 1024)} MB | ${ratio} |`,
    );
  }
}
