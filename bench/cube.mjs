// Cubes: size and build time, and computing every level from the cube against computing them
// from the person-level data, in the same process (the run fails if the CSV text differs).
// Usage: node bench/cube.mjs [--data DIR[,DIR…]] [--runs 5]
// Default data: the bundled sample and .cache/s1 (make it with
//   npx -y pnpm@10.34.9 houfu generate --scale 1 --seed 1 --out .cache/s1).
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const dirs = (args.data ?? 'datasets/guizhou-2019-sample,.cache/s1').split(',');
const runs = Number(args.runs ?? 5);
const { buildCube, compute, computeFromCube, readCube, toCSV, writeCube } = await import('../packages/core/dist/index.js');
const { loadDataset } = await import('../packages/core/dist/node.js');
const { catalog } = await import('../packages/indicators/dist/index.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = async (f) => {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
};
const measure = async (f, n = runs) => {
  const ms = [];
  let value;
  for (let i = 0; i < n; i++) ({ ms: ms[i], value } = await time(f));
  return { ms: median(ms), value };
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const LEVELS = ['province', 'prefecture', 'county', 'site'];

const lines = [
  `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; medians of ${runs} runs.`,
  '',
  '| data | persons | cube | rows | Parquet | Arrow IPC | build cube | write Parquet | read Parquet | 4 levels from cube | 4 levels by compute | compute / cube |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.error(`skipping ${dir}: not there`);
    continue;
  }
  const ds = await loadDataset(dir);
  const persons = ds.tables.persons.numRows;
  // The engine's first run decodes columns and resolves links once per dataset: warm it up.
  await compute(ds, catalog, { by: 'county' });
  for (const [label, breakdown, defs] of [
    ['site × period', [], catalog],
    ['site × period × site type', ['sites.site_type'], catalog],
    ['site × period × sex (person indicators)', ['sex'], catalog.filter((d) => [d.numerator, d.denominator, d.unknown].every((m) => !m || m.table === 'persons'))],
  ]) {
    const built = await measure(() => buildCube(ds, defs, { breakdown }));
    const cube = built.value;
    const parquet = await measure(() => writeCube(cube, 'parquet'));
    const arrow = writeCube(cube, 'arrow');
    const back = await measure(() => readCube(parquet.value));
    const fromCube = await measure(() => computeFromCube(back.value, defs, { by: LEVELS, breakdown }));
    const direct = await measure(() => compute(ds, defs, { by: LEVELS, breakdown }));
    if (toCSV(fromCube.value) !== toCSV(direct.value)) throw new Error(`${dir} ${label}: the cube's results differ from compute's`);
    lines.push(
      `| ${dir} | ${persons.toLocaleString('en')} | ${label}, ${defs.length} indicators | ${cube.table.numRows.toLocaleString('en')} | ${kib(parquet.value.length)} | ${kib(arrow.length)} | ${fmt(built.ms)} | ${fmt(parquet.ms)} | ${fmt(back.ms)} | ${fmt(fromCube.ms)} | ${fmt(direct.ms)} | ${(direct.ms / fromCube.ms).toFixed(0)}× |`,
    );
    console.error(`${dir} ${label} done`);
  }
}
console.log(lines.join('\n'));
