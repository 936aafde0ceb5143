// One measured step of the benchmark, in its own process so that its peak memory is its own.
// Prints one JSON line. Usage:
//   node bench/child.mjs generate SCALE DIR FORMAT
//   node bench/child.mjs compute DIR
//   node bench/child.mjs report DIR OUT
import { baseline, sameAsEngine } from './baseline.mjs';

const [mode, a, b, c] = process.argv.slice(2);
const rssMB = () => process.resourceUsage().maxRSS / 1024;
const now = () => performance.now();

if (mode === 'generate') {
  const { generate } = await import('../datasets/dist/index.js');
  const { arrowTable } = await import('../packages/core/dist/index.js');
  const { writeTables } = await import('../packages/core/dist/node.js');
  const t0 = now();
  const data = generate({ preset: 'guizhou-2019', scale: Number(a), seed: 1 });
  const t1 = now();
  const tables = Object.fromEntries(Object.entries(data.tables).map(([n, cols]) => [n, arrowTable(n, cols)]));
  await writeTables(b, tables, c);
  const t2 = now();
  console.log(JSON.stringify({ generate_ms: t1 - t0, write_ms: t2 - t1, total_ms: t2 - t0, rss_mb: rssMB() }));
} else if (mode === 'compute') {
  const { compute, toObjects } = await import('../packages/core/dist/index.js');
  const { loadDataset } = await import('../packages/core/dist/node.js');
  const { catalog, family } = await import('../packages/indicators/dist/index.js');
  const t0 = now();
  const ds = await loadDataset(a);
  const t1 = now();
  const first = await compute(ds, catalog, { by: 'county' });
  const t2 = now();
  const again = [];
  for (let i = 0; i < 3; i++) {
    const s = now();
    await compute(ds, catalog, { by: 'county' });
    again.push(now() - s);
  }
  // The reference workload (four musts, employment rate, medical insurance by county and province),
  // by the engine and by a hand-written loop over the same Arrow tables, in this process.
  const ids = ['four_musts.training', 'four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all', 'employment.rate', 'services.med_insurance_transfer'];
  const defs = [...family('four_musts'), ...family('employment'), ...family('services')].filter((d) => ids.includes(d.id));
  const engineRuns = [];
  let engineRows;
  for (let i = 0; i < 3; i++) {
    const s = now();
    engineRows = toObjects(await compute(ds, defs, { by: ['province', 'county'] }));
    engineRuns.push(now() - s);
  }
  const baseRuns = [];
  let base;
  for (let i = 0; i < 5; i++) {
    const s = now();
    base = baseline(ds);
    baseRuns.push(now() - s);
  }
  const mismatch = sameAsEngine(base, engineRows);
  if (mismatch) throw new Error(`hand-written baseline and engine disagree: ${mismatch}`);
  console.log(
    JSON.stringify({
      load_ms: t1 - t0,
      compute_first_ms: t2 - t1,
      compute_again_ms: again,
      workload_engine_ms: engineRuns,
      workload_baseline_ms: baseRuns,
      rows: first.numRows,
      rss_mb: rssMB(),
    }),
  );
} else if (mode === 'report') {
  const { main } = await import('../packages/cli/dist/index.js');
  const t0 = now();
  let err = '';
  const code = await main(['report', '--data', a, '--out', b], { out: () => {}, err: (t) => void (err += t), tty: false });
  if (code !== 0) throw new Error(err);
  console.log(JSON.stringify({ report_ms: now() - t0, rss_mb: rssMB() }));
} else {
  console.error('usage: node bench/child.mjs generate|compute|report …');
  process.exit(2);
}
