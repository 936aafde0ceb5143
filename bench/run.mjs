// The benchmark: generation, load, compute and report at each scale, medians of several runs,
// and the engine against a hand-written loop for the same numbers, measured in the same run.
// Usage: node bench/run.mjs [--scales 1,5] [--runs 5]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const scales = (args.scales ?? '1,5').split(',').map(Number);
const runs = Number(args.runs ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const child = (...a) => JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', 'bench/child.mjs', ...a], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
const s1 = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x) => `${Math.round(x)} MB`;

mkdirSync('.cache/bench', { recursive: true });
const lines = [
  `# houfu benchmark`,
  ``,
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${runs} runs per measure (medians; generation at scale ≥ 5 and Parquet: 3 runs).`,
  ``,
  `| scale | step | median | runs | peak RSS (max) | target |`,
  `| --- | --- | --- | --- | --- | --- |`,
];
const row = (...c) => lines.push(`| ${c.join(' | ')} |`);
for (const scale of scales) {
  const dir = `.cache/bench/s${scale}`;
  const gRuns = scale >= 5 ? 3 : runs;
  const gen = Array.from({ length: gRuns }, () => child('generate', String(scale), dir, 'arrow'));
  row(scale, 'generate + write Arrow', s1(median(gen.map((g) => g.total_ms))), gRuns, mb(Math.max(...gen.map((g) => g.rss_mb))), scale === 1 ? '< 20 s' : scale === 5 ? '< 100 s' : '');
  if (scale === 1) {
    const pq = Array.from({ length: 3 }, () => child('generate', String(scale), `${dir}-parquet`, 'parquet'));
    row(scale, 'generate + write Parquet', s1(median(pq.map((g) => g.total_ms))), 3, mb(Math.max(...pq.map((g) => g.rss_mb))), '');
  }
  const cRuns = Array.from({ length: scale >= 5 ? 3 : runs }, () => child('compute', dir));
  row(scale, 'load + validate (Arrow files)', s1(median(cRuns.map((c) => c.load_ms))), cRuns.length, mb(Math.max(...cRuns.map((c) => c.rss_mb))), '');
  row(scale, 'compute whole catalog by county, first (decodes, links)', s1(median(cRuns.map((c) => c.compute_first_ms))), cRuns.length, '', '');
  row(scale, 'compute whole catalog by county, again', s1(median(cRuns.flatMap((c) => c.compute_again_ms))), cRuns.length * 3, '', '');
  const eng = median(cRuns.flatMap((c) => c.workload_engine_ms));
  const base = median(cRuns.flatMap((c) => c.workload_baseline_ms));
  row(scale, 'reference workload: default engine (kernel)', s1(eng), cRuns.length * 3, '', '');
  row(scale, 'reference workload: hand-written typed-array loop (same numbers)', s1(base), cRuns.length * 5, '', '');
  row(scale, 'ratio engine / hand-written', `${(eng / base).toFixed(2)}×`, '', '', '');
  const rep = Array.from({ length: scale >= 5 ? 1 : 3 }, () => child('report', dir, `${dir}-report`));
  row(scale, 'houfu report (load, catalog × 3 levels, HTML)', s1(median(rep.map((r) => r.report_ms))), rep.length, mb(Math.max(...rep.map((r) => r.rss_mb))), scale === 5 ? 'RSS < 6 GiB' : '');
  console.error(`scale ${scale} done`);
}
console.log(lines.join('\n'));
