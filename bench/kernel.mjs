// The kernel benchmark: for each scale, the reference workload with the kernel against a
// hand-written typed-array loop (same numbers, same process, interleaved), the whole catalog
// by county and by site, the arquero engine, and the memory the kernel keeps.
// Usage: node bench/kernel.mjs [--scales 1,5] [--runs 5]   (data: .cache/bench/sN, generated if missing)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const scales = (args.scales ?? '1,5').split(',').map(Number);
const runs = Number(args.runs ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const node = (...a) => execFileSync(process.execPath, ['--max-old-space-size=12288', ...a], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop();
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const mb = (b) => `${Math.round(b / 2 ** 20)} MB`;

const lines = [
  `# houfu kernel benchmark`,
  ``,
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; medians of ${runs} runs after warm-up (three for the workload, two for the catalog; arquero: 3 runs after one).`,
  ``,
  `| scale | measure | median | min–max | target |`,
  `| --- | --- | --- | --- | --- |`,
];
const row = (...c) => lines.push(`| ${c.join(' | ')} |`);
const spread = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
for (const scale of scales) {
  const dir = `.cache/bench/s${scale}`;
  if (!existsSync(`${dir}/persons.arrow`)) node('bench/child.mjs', 'generate', String(scale), dir, 'arrow');
  const r = JSON.parse(node('bench/kernel-child.mjs', dir, String(runs), '3'));
  const k = median(r.kernel_ms), h = median(r.hand_ms);
  row(scale, 'load + validate (Arrow files)', ms(r.load_ms), '', '');
  row(scale, 'workload: kernel, first run (encodes columns, resolves links)', ms(r.kernel_first_ms), '', '');
  row(scale, 'workload: hand-written loop, preparation (typed arrays, index arrays)', ms(r.hand_prepare_ms), '', '');
  row(scale, 'workload: kernel, repeated (compute + assemble)', ms(k), spread(r.kernel_ms), scale === 1 ? '< 50 ms' : '');
  row(scale, 'workload: hand-written typed-array loop', ms(h), spread(r.hand_ms), '');
  row(scale, '**ratio kernel / hand-written**', `**${(k / h).toFixed(2)}×**`, '', '≤ 1.5×');
  row(scale, 'workload: arquero engine', ms(median(r.arquero_workload_ms)), spread(r.arquero_workload_ms), '');
  row(scale, 'ratio arquero / kernel', `${(median(r.arquero_workload_ms) / k).toFixed(0)}×`, '', '');
  row(scale, 'whole catalog (28) by county: kernel', ms(median(r.catalog_county_ms)), spread(r.catalog_county_ms), '');
  row(scale, 'whole catalog by site: kernel', ms(median(r.catalog_site_ms)), spread(r.catalog_site_ms), '');
  row(scale, 'whole catalog, all four area levels: kernel', ms(median(r.catalog_all_levels_ms)), spread(r.catalog_all_levels_ms), '');
  row(scale, 'whole catalog by county: arquero engine', ms(median(r.arquero_catalog_ms)), spread(r.arquero_catalog_ms), '');
  const idx = r.memory.encodings + r.memory.links;
  row(scale, 'memory: Arrow columns loaded', mb(r.memory.arrow), '', '');
  row(scale, 'memory: kernel encodings + links (after the whole catalog)', `${mb(idx)} (${((100 * idx) / r.memory.arrow).toFixed(0)}%)`, `encodings ${mb(r.memory.encodings)}, links ${mb(r.memory.links)}`, '≤ 30%');
  row(scale, 'peak RSS of the process', `${Math.round(r.rss_peak_mb)} MB`, '', '');
}
console.log(lines.join('\n'));
