// One scale of the kernel benchmark, in its own process: load, then the reference workload
// (four musts, employment rate, medical insurance by county and province) and the whole
// catalog by county and by site, with the kernel, the hand-written typed-array loop and the
// arquero engine, medians after warm-up. Prints one JSON line.
// Usage: node bench/kernel-child.mjs DIR RUNS [ARQUERO_RUNS]
import { baseline, prepare, sameAsEngine } from './baseline.mjs';

const [dir, runsArg, arqArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const arqRuns = Number(arqArg ?? 3);
const now = () => performance.now();
const rssMB = () => process.resourceUsage().maxRSS / 1024;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { compute, toObjects } = await import('../packages/core/dist/index.js');
const { loadDataset } = await import('../packages/core/dist/node.js');
const { kernelMemory } = await import('../packages/core/dist/kernel.js');
const { catalog } = await import('../packages/indicators/dist/index.js');

const IDS = ['four_musts.training', 'four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all', 'employment.rate', 'services.med_insurance_transfer'];
const workload = IDS.map((id) => catalog.find((d) => d.id === id));

const t0 = now();
const ds = await loadDataset(dir);
const loadMs = now() - t0;
const rssAfterLoad = process.memoryUsage().rss / 2 ** 20;

/** Time `f` `n` times after `warm` warm-up runs; returns all times and the last result. */
async function timed(f, n, warm = 2) {
  let r;
  for (let i = 0; i < warm; i++) r = await f();
  const ts = [];
  for (let i = 0; i < n; i++) {
    const s = now();
    r = await f();
    ts.push(now() - s);
  }
  return { ts, r };
}

// First kernel run: encodes the columns it reads and resolves the row links.
let s = now();
const firstRows = toObjects(await compute(ds, workload, { by: ['province', 'county'], engine: 'kernel' }));
const kernelFirst = now() - s;
s = now();
prepare(ds);
const handPrepare = now() - s;

// Interleave the kernel and the hand loop so that both see the same machine.
const kernelTs = [];
const handTs = [];
let handResult;
let kernelRows = firstRows;
const WARM = 3;
for (let i = 0; i < runs + WARM; i++) {
  s = now();
  kernelRows = toObjects(await compute(ds, workload, { by: ['province', 'county'], engine: 'kernel' }));
  const k = now() - s;
  s = now();
  handResult = baseline(ds);
  const h = now() - s;
  if (i >= WARM) {
    kernelTs.push(k);
    handTs.push(h);
  }
}
const mismatch = sameAsEngine(handResult, kernelRows);
if (mismatch) throw new Error(`hand-written loop and kernel disagree: ${mismatch}`);

const catCounty = await timed(() => compute(ds, catalog, { by: 'county', engine: 'kernel' }), runs);
const catSite = await timed(() => compute(ds, catalog, { by: 'site', engine: 'kernel' }), runs);
const catBoth = await timed(() => compute(ds, catalog, { by: ['province', 'prefecture', 'county', 'site'], engine: 'kernel' }), runs);
const mem = kernelMemory(ds);

// The arquero engine on the same workload and catalog (fewer runs: it is slow); same numbers required.
const arqWork = await timed(() => compute(ds, workload, { by: ['province', 'county'], engine: 'arquero' }), arqRuns, 1);
const same = (a, b) => JSON.stringify(toObjects(a)) === JSON.stringify(toObjects(b));
if (!same(arqWork.r, await compute(ds, workload, { by: ['province', 'county'], engine: 'kernel' }))) throw new Error('arquero and kernel disagree on the workload');
const arqCat = await timed(() => compute(ds, catalog, { by: 'county', engine: 'arquero' }), arqRuns, 0);
if (!same(arqCat.r, catCounty.r)) throw new Error('arquero and kernel disagree on the catalog');

console.log(
  JSON.stringify({
    load_ms: loadMs,
    rss_after_load_mb: rssAfterLoad,
    kernel_first_ms: kernelFirst,
    hand_prepare_ms: handPrepare,
    kernel_ms: kernelTs,
    hand_ms: handTs,
    catalog_county_ms: catCounty.ts,
    catalog_site_ms: catSite.ts,
    catalog_all_levels_ms: catBoth.ts,
    arquero_workload_ms: arqWork.ts,
    arquero_catalog_ms: arqCat.ts,
    memory: mem,
    rss_peak_mb: rssMB(),
    median_kernel_ms: median(kernelTs),
    median_hand_ms: median(handTs),
  }),
);
