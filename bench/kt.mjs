import { compute, toObjects } from '../packages/core/dist/index.js';
import { loadDataset } from '../packages/core/dist/node.js';
import { catalog } from '../packages/indicators/dist/index.js';
import { baseline, prepare, sameAsEngine } from './baseline.mjs';
const ds = await loadDataset(process.argv[2]);
const ids = ['four_musts.training','four_musts.employment','four_musts.land','four_musts.income','four_musts.all','employment.rate','services.med_insurance_transfer'];
const defs = ids.map((i) => catalog.find((d) => d.id === i));
let t = performance.now(); prepare(ds); console.log('prepare hand', (performance.now()-t).toFixed(0));
for (let k = 0; k < 6; k++) {
  t = performance.now();
  const r = await compute(ds, defs, { by: ['province','county'], engine: 'kernel' });
  const a = performance.now() - t;
  t = performance.now();
  const b = baseline(ds);
  const h = performance.now() - t;
  t = performance.now();
  await compute(ds, catalog, { by: ['county','site'], engine: 'kernel' });
  const c = performance.now() - t;
  console.log('kernel', a.toFixed(1), 'hand', h.toFixed(1), 'catalog', c.toFixed(1), sameAsEngine(b, toObjects(r)) ?? 'same');
}
