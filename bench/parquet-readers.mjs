// Parquet readers side by side on the same files: parquet-wasm (WebAssembly, into Arrow) against
// hyparquet (JavaScript, into JS values), each in a cold process per run (start-up and WebAssembly
// compilation included), medians of N runs; DuckDB reading the same file into a count is the baseline.
// Usage: node bench/parquet-readers.mjs [--data DIR] [--tables persons,households] [--runs 5]
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const data = resolve(args.data ?? '.cache/first-number/s1-parquet');
const tables = (args.tables ?? 'persons,households').split(',');
const runs = Number(args.runs ?? 5);
const tmp = mkdtempSync(join(tmpdir(), 'houfu-pq-'));
const core = resolve('packages/core/node_modules');
const script = {
  'parquet-wasm': `import * as pw from '${core}/parquet-wasm/node/parquet_wasm.js'; import { tableFromIPC } from '${core}/apache-arrow/Arrow.node.mjs'; import { readFileSync } from 'node:fs';
    const t = tableFromIPC(pw.readParquet(readFileSync(process.argv[2]), { batchSize: 1 << 30 }).intoIPCStream()); console.log(t.numRows);`,
  hyparquet: `import { parquetMetadata, parquetRead } from '${resolve('node_modules/hyparquet/src/index.js')}'; import { readFileSync } from 'node:fs';
    const b = readFileSync(process.argv[2]); const file = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); const meta = parquetMetadata(file); let n = 0;
    await parquetRead({ file, metadata: meta, onChunk(c) { n += c.columnData.length; } }); console.log(Number(meta.num_rows));`,
  'DuckDB (native, count)': `import { DuckDBInstance } from '${core}/@duckdb/node-api/lib/index.js'; const c = await (await DuckDBInstance.create(':memory:')).connect();
    const r = await c.runAndReadAll("SELECT count(*) FROM read_parquet('" + process.argv[2] + "')"); console.log(String(r.getRows()[0][0]));`,
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| file | reader | cold process (median of ${runs}) | peak RSS |\n| --- | --- | --- | --- |`);
for (const t of tables) {
  const file = join(data, `${t}.parquet`);
  for (const [name, src] of Object.entries(script)) {
    const f = join(tmp, `${name.replace(/\W/g, '')}.mjs`);
    writeFileSync(f, src);
    const ms = [];
    const rss = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, f, file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
      if (i > 0) (ms.push(performance.now() - t0), rss.push(Number(r.stderr.trim().split('\n').pop())));
    }
    console.log(`| ${t}.parquet | ${name} | ${(median(ms) / 1000).toFixed(2)} s | ${Math.round(median(rss) / 1024)} MB |`);
  }
}
