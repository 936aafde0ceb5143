// From files to the first number: cold `houfu compute` processes against cold native DuckDB
// processes running hand-written SQL over the same files, side by side in one run, checking
// that both give the same numbers (four_musts, employment and services by county).
// Generates the data when missing (Arrow, Parquet and CSV of the same seed).
// Then times `houfu report` end to end on the same files (`--report no` leaves it out).
// Usage: node bench/first-number.mjs [--scales 1,5] [--formats arrow,parquet,csv] [--runs 5] [--root DIR] [--report no]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const runs = Number(args.runs ?? 5);
// The 14 indicators the hand-written SQL computes (the families have grown past them since).
const HAND_IDS = 'four_musts.training,four_musts.employment,four_musts.land,four_musts.income,four_musts.all,employment.rate,employment.labor_households,employment.zero_households,employment.employed_persons,services.med_insurance_transfer,services.health_facility_coverage,services.police_room_coverage,services.schools_per_10k,services.medical_facilities_per_10k';
const scales = (args.scales ?? '1').split(',').map(Number);
const formats = (args.formats ?? 'arrow,parquet,csv').split(',');
const root = args.root ?? '.cache/first-number';
const cli = 'packages/cli/dist/main.js';
const tmp = mkdtempSync(join(tmpdir(), 'houfu-first-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => (kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`);

/** Run one cold process under /usr/bin/time: wall milliseconds and peak RSS (KiB). */
function timed(argv) {
  const stats = join(tmp, 'time.txt');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', stats, process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, rssKb: Number(readFileSync(stats, 'utf8').trim().split('\n').pop()) };
}

/** houfu's output CSV as `indicator|county|numerator|denominator|unknown` lines. */
function houfuRows(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const h = head.split(',');
  const at = (name) => h.indexOf(name);
  const [id, code, num, den, unk] = ['indicator_id', 'area_code', 'numerator', 'denominator', 'unknown'].map(at);
  const n = (x) => Number(x || 0);
  return lines.map((l) => l.split(',')).map((c) => `${c[id]}|${c[code]}|${n(c[num])}|${n(c[den])}|${n(c[unk])}`).sort();
}

function dataFor(scale, format) {
  const dir = `${root}/s${scale}-${format}`;
  if (!existsSync(`${dir}/persons.${format}`)) {
    console.error(`generating scale ${scale} (${format}) into ${dir} …`);
    execFileSync(process.execPath, [cli, 'generate', '--preset', 'guizhou-2019', '--scale', String(scale), '--seed', '1', '--out', dir, '--format', format], { stdio: 'inherit' });
  }
  return dir;
}

const lines = [
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `four_musts + employment + services (14 indicators) by county; cold processes, medians of ${runs} runs after one warm-up each.`,
  ``,
  `| scale | files | houfu compute (median, min–max) | houfu peak RSS | DuckDB SQL over the files (median, min–max) | DuckDB peak RSS | houfu / DuckDB |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
];
console.log(lines.join('\n'));
for (const scale of scales) {
  for (const format of formats) {
    const dir = dataFor(scale, format);
    const hOut = join(tmp, 'houfu.csv');
    const dOut = join(tmp, 'duckdb.txt');
    const houfu = () =>
      timed([cli, 'compute', '--data', dir, '--indicators', HAND_IDS, '--by', 'county', '--format', 'csv', '--out', hOut]);
    const duck = format === 'arrow' ? null : () => timed(['bench/first-number-duckdb.mjs', '--data', dir, '--format', format, '--out', dOut]);
    console.error(`scale ${scale}, ${format} …`);
    houfu();
    if (duck) {
      duck();
      const a = houfuRows(hOut);
      const b = readFileSync(dOut, 'utf8').trim().split('\n');
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        const diff = a.filter((x) => !b.includes(x)).slice(0, 5);
        throw new Error(`houfu ≠ DuckDB on ${dir}: ${diff.join('; ')} (${a.length} vs ${b.length} rows)`);
      }
    }
    const h = [];
    const d = [];
    for (let i = 0; i < runs; i++) {
      h.push(houfu());
      if (duck) d.push(duck());
    }
    const hm = median(h.map((r) => r.ms));
    const dm = d.length ? median(d.map((r) => r.ms)) : null;
    const range = (rs) => `${sec(median(rs.map((r) => r.ms)))} (${sec(Math.min(...rs.map((r) => r.ms)))}–${sec(Math.max(...rs.map((r) => r.ms)))})`;
    console.log(
      `| ${scale} | ${format} | ${range(h)} | ${mb(Math.max(...h.map((r) => r.rssKb)))} | ${d.length ? range(d) : '— (no Arrow reader offline)'} | ` +
        `${d.length ? mb(Math.max(...d.map((r) => r.rssKb))) : '—'} | ${dm ? `${(hm / dm).toFixed(2)}×` : '—'} |`,
    );
  }
}
// `houfu report` end to end (the whole catalog at four levels, the HTML page and results.csv), per format.
if (args.report !== 'no') {
  console.log(`\n| scale | files | houfu report, end to end (median, min–max) | peak RSS |\n| --- | --- | --- | --- |`);
  for (const scale of scales) {
    for (const format of formats) {
      const dir = dataFor(scale, format);
      const report = () => timed([cli, 'report', '--data', dir, '--out', join(tmp, 'report'), '--quiet']);
      console.error(`report, scale ${scale}, ${format} …`);
      report();
      const rs = Array.from({ length: runs }, report);
      const ms = rs.map((r) => r.ms);
      console.log(`| ${scale} | ${format} | ${sec(median(ms))} (${sec(Math.min(...ms))}–${sec(Math.max(...ms))}) | ${mb(Math.max(...rs.map((r) => r.rssKb)))} |`);
    }
  }
}
rmSync(tmp, { recursive: true, force: true });
