// Loads the generated Arrow files from this server, then times the reference workload and
// the whole catalog with the kernel (the default engine), and the hand-written loop, in the page.
import { compute, datasetFromFiles, toObjects } from '@houfu/core';
import { catalog } from '@houfu/indicators';
import { baseline, prepare, sameAsEngine } from '../baseline.mjs';

const TABLES = ['sites', 'households', 'persons', 'facilities', 'management_units', 'activities'];
const IDS = ['four_musts.training', 'four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all', 'employment.rate', 'services.med_insurance_transfer'];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const runs = Number(new URLSearchParams(location.search).get('runs') ?? 5);
  const t0 = performance.now();
  const files = await Promise.all(
    TABLES.map(async (t) => ({ name: `${t}.arrow`, bytes: new Uint8Array(await (await fetch(`/data/${t}.arrow`)).arrayBuffer()) })),
  );
  const ds = await datasetFromFiles(files);
  const load = performance.now() - t0;
  const workload = IDS.map((id) => catalog.find((d) => d.id === id));
  let s = performance.now();
  await compute(ds, workload, { by: ['province', 'county'] });
  const first = performance.now() - s;
  prepare(ds);
  const kernel = [], hand = [], cat = [];
  let rows, base;
  for (let i = 0; i < runs + 1; i++) {
    s = performance.now();
    rows = toObjects(await compute(ds, workload, { by: ['province', 'county'] }));
    const k = performance.now() - s;
    s = performance.now();
    base = baseline(ds);
    const h = performance.now() - s;
    s = performance.now();
    await compute(ds, catalog, { by: 'county' });
    const c = performance.now() - s;
    if (i > 0) kernel.push(k), hand.push(h), cat.push(c);
  }
  const mismatch = sameAsEngine(base, rows);
  return { load, first, kernel: median(kernel), hand: median(hand), catalog: median(cat), kernelRuns: kernel, handRuns: hand, mismatch: mismatch ?? null };
}

main().then(
  (r) => {
    window.__result = r;
    document.getElementById('out').textContent = JSON.stringify(r, null, 2);
  },
  (e) => {
    window.__result = { error: String(e && e.stack ? e.stack : e) };
  },
);
