import { plan, assemble } from '../packages/core/dist/index.js';
import { loadDataset } from '../packages/core/dist/node.js';
import { kernelEngine } from '../packages/core/dist/kernel.js';
import { catalog } from '../packages/indicators/dist/index.js';
const ds = await loadDataset(process.argv[2]);
const ids = ['four_musts.training','four_musts.employment','four_musts.land','four_musts.income','four_musts.all','employment.rate','services.med_insurance_transfer'];
const defs = ids.map((i) => catalog.find((d) => d.id === i));
const cpu = (f) => { const c = process.cpuUsage(); const t = performance.now(); const r = f(); const d = process.cpuUsage(c); return [r, (d.user + d.system) / 1000, performance.now() - t]; };
for (let k = 0; k < 8; k++) {
  const [p, tp] = cpu(() => plan(ds, defs, { by: 'county' }));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const sums = await kernelEngine.run(p, ds);
  const d = process.cpuUsage(c0); const te = (d.user + d.system) / 1000; const we = performance.now() - t0;
  const [, ta] = cpu(() => assemble(p, ds, sums));
  console.log('plan cpu', tp.toFixed(1), 'engine cpu', te.toFixed(1), 'wall', we.toFixed(1), 'assemble cpu', ta.toFixed(1));
}
const { baseline, prepare } = await import('./baseline.mjs');
prepare(ds);
for (let k = 0; k < 6; k++) { const [, t, w] = cpu(() => baseline(ds)); console.log('hand cpu', t.toFixed(1), 'wall', w.toFixed(1)); }
