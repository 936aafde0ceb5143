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
  const { ms: loadMs, value: ds } = await time(() => loadDataset(dir));
  console.error(`${dir}: loaded and validated in ${fmt(loadMs)}`);
  const persons = ds.tables.persons.numRows;
  // The engine's first run decodes columns and resolves links once per dataset: warm it up.
  await compute(ds, catalog, { by: 'county' });
  for (const [label, breakdown, defs] of [
    ['site × period', [], catalog],
    ['site × period × site type', ['sites.site_type'], catalog],
    ['site × period × sex (person indicators)', ['sex'], catalog.filter((d) => [d.numerator, d.denominator, d.unknown].every((m) => !m || m.table === 'persons'))],
  ]) {
    // Runs interleaved, so that every measure sees the same load on the machine.
    const ms = { build: [], write: [], read: [], fromCube: [], direct: [] };
    let cube, parquet, back, fromCube, direct;
    for (let i = 0; i < runs; i++) {
      let t;
      ({ ms: t, value: cube } = await time(() => buildCube(ds, defs, { breakdown })));
      ms.build.push(t);
      ({ ms: t, value: parquet } = await time(() => writeCube(cube, 'parquet')));
      ms.write.push(t);
      ({ ms: t, value: back } = await time(() => readCube(parquet)));
      ms.read.push(t);
      ({ ms: t, value: fromCube } = await time(() => computeFromCube(back, defs, { by: LEVELS, breakdown })));
      ms.fromCube.push(t);
      ({ ms: t, value: direct } = await time(() => compute(ds, defs, { by: LEVELS, breakdown })));
      ms.direct.push(t);
    }
    if (toCSV(fromCube) !== toCSV(direct)) throw new Error(`${dir} ${label}: the cube's results differ from compute's`);
    const arrow = writeCube(cube, 'arrow');
    const m = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
    lines.push(
      `| ${dir} | ${persons.toLocaleString('en')} | ${label}, ${defs.length} indicators | ${cube.table.numRows.toLocaleString('en')} | ${kib(parquet.length)} | ${kib(arrow.length)} | ${fmt(m.build)} | ${fmt(m.write)} | ${fmt(m.read)} | ${fmt(m.fromCube)} | ${fmt(m.direct)} | ${(m.direct / m.fromCube).toFixed(1)}× |`,
    );
    console.error(`${dir} ${label} done`);
  }
}
console.log(lines.join('\n'));
