// Survey and safe-publication benchmark (after a build):
//   node bench/survey.mjs [--runs 7]
// 1. Design-based estimates of every household and person indicator of the catalog by county on a
//    sample of about 20,000 households (synthetic data at scale 0.042, with weights, strata =
//    counties and PSUs = management units), against the same computation without a design.
// 2. On the register at scale 1: the whole catalog by county with and without suppression
//    (threshold 10), alternating runs in one process. Medians.
import { existsSync } from 'node:fs';
import { generate } from '../datasets/dist/index.js';
import { arrowTable, compute, datasetFromColumns } from '../packages/core/dist/index.js';
import { loadDataset, writeTables } from '../packages/core/dist/node.js';
import { catalog } from '../packages/indicators/dist/index.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const runs = Number(args.runs ?? 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// Wall time and CPU time (user + system) of one call: the CPU time is the steadier figure on a busy machine.
const cpuOf = [];
const time = async (f) => {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const u = process.cpuUsage(c);
  cpuOf.push((u.user + u.system) / 1000);
  return performance.now() - t;
};
const ms = (x) => `${Math.round(x)} ms`;
const lines = ['| measure | median wall | median CPU | runs | target |', '| --- | --- | --- | --- | --- |'];
const row = (...c) => lines.push(`| ${c.join(' | ')} |`);

// 1. The sample.
const gen = generate({ preset: 'guizhou-2019', scale: 0.042, seed: 1 });
const t = gen.tables;
const hh = t.households;
const siteCounty = new Map(t.sites.site_id.map((s, i) => [s, t.sites.county_code[i]]));
const n = hh.household_id.length;
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const unitPsu = hh.unit_id.map((u, i) => u ?? `site:${hh.site_id[i]}`);
// Strata: counties; PSUs: management units, or the households of a county with fewer than two units.
const unitsOf = new Map();
hh.site_id.forEach((s, i) => {
  const c = siteCounty.get(s);
  if (!unitsOf.has(c)) unitsOf.set(c, new Set());
  unitsOf.get(c).add(unitPsu[i]);
});
const stratum = hh.site_id.map((s) => siteCounty.get(s));
const psu = hh.site_id.map((s, i) => (unitsOf.get(siteCounty.get(s)).size >= 2 ? unitPsu[i] : hh.household_id[i]));
const sample = datasetFromColumns({
  ...t,
  households: { ...hh, weight: hh.household_id.map(() => (1 / 0.042) * (0.8 + 0.45 * rand())), stratum, psu },
});
const design = { weight: 'weight', strata: 'stratum', psu: 'psu' };
const surveyable = catalog.filter((d) => [d.numerator, d.denominator, d.unknown].every((m) => !m || m.table === 'households' || m.table === 'persons'));
const first = await time(() => compute(sample, surveyable, { by: 'county', design }));
const firstCpu = cpuOf.at(-1);
const withDesign = [];
const without = [];
const cpuWith = [];
const cpuWithout = [];
for (let i = 0; i < runs; i++) {
  withDesign.push(await time(() => compute(sample, surveyable, { by: 'county', design })));
  cpuWith.push(cpuOf.at(-1));
  without.push(await time(() => compute(sample, surveyable, { by: 'county' })));
  cpuWithout.push(cpuOf.at(-1));
}
lines.unshift(`Sample: ${n} households, ${t.persons.person_id.length} persons; ${surveyable.length} household and person indicators of the catalog, by county.`, '');
row('design-based estimates, first run (checks the design)', ms(first), ms(firstCpu), 1, '');
row('design-based estimates (SE, df, deff, logit CI)', ms(median(withDesign)), ms(median(cpuWith)), runs, '< 1 s');
row('same indicators without a design', ms(median(without)), ms(median(cpuWithout)), runs, '');
row('ratio design / no design', `${(median(withDesign) / median(without)).toFixed(2)}×`, `${(median(cpuWith) / median(cpuWithout)).toFixed(2)}×`, '', '');

// 2. The register at scale 1.
let dir = '.cache/bench/s1';
if (!existsSync(`${dir}/persons.arrow`)) {
  dir = '.cache/survey-bench/s1';
  if (!existsSync(`${dir}/persons.arrow`)) {
    const big = generate({ preset: 'guizhou-2019', scale: 1, seed: 1 });
    await writeTables(dir, Object.fromEntries(Object.entries(big.tables).map(([k, cols]) => [k, arrowTable(k, cols)])), 'arrow');
  }
}
const register = await loadDataset(dir);
await compute(register, catalog, { by: 'county' });
const plain = [];
const suppressed = [];
const cpuPlain = [];
const cpuSuppressed = [];
for (let i = 0; i < runs; i++) {
  plain.push(await time(() => compute(register, catalog, { by: 'county' })));
  cpuPlain.push(cpuOf.at(-1));
  suppressed.push(await time(() => compute(register, catalog, { by: 'county', suppress: 10 })));
  cpuSuppressed.push(cpuOf.at(-1));
}
const pct = (a, b) => `${((a / b - 1) * 100).toFixed(1)}%`;
row(`register scale 1 (${register.tables.persons.numRows} persons): whole catalog by county`, ms(median(plain)), ms(median(cpuPlain)), runs, '');
row('same with suppression (threshold 10, all levels decided)', ms(median(suppressed)), ms(median(cpuSuppressed)), runs, '');
row('suppression added', pct(median(suppressed), median(plain)), pct(median(cpuSuppressed), median(cpuPlain)), '', '< 20%');
console.log(lines.join('\n'));
