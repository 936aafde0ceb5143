// The step that moves a loaded dataset into native DuckDB, alone: one process loads and validates
// the folder once, then --runs fresh in-memory DuckDB databases each load its tables
// (`engine.load`); the median of those loads. Usage:
// node bench/duckdb-load-step.mjs [--data /work/data/s1] [--formats parquet,csv,arrow] [--runs 3]
import { createRequire } from 'node:module';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const require = createRequire(new URL('../packages/cli/package.json', import.meta.url));
const { loadDataset } = await import(require.resolve('@houfu/core/node'));
const { duckdbNativeEngine } = await import(require.resolve('@houfu/core/duckdb'));
const runs = Number(args.runs ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
for (const format of (args.formats ?? 'parquet,csv,arrow').split(',')) {
  const dir = `${args.data ?? '/work/data/s1'}-${format}`;
  const ds = await loadDataset(dir);
  const ms = [];
  let paths;
  for (let i = 0; i < runs; i++) {
    const engine = duckdbNativeEngine();
    await engine.connection();
    const t = performance.now();
    await engine.load(ds);
    ms.push(performance.now() - t);
    paths = engine.loadPaths ? Object.values(await engine.loadPaths(ds)).map((p) => p.path) : ['temporary CSV'];
    await engine.close();
  }
  const how = [...new Set(paths)].join(', ');
  console.log(`| ${dir} | ${how} | ${(median(ms) / 1000).toFixed(2)} s (${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)}) |`);
}
