// From files chosen in a page to the first number, in headless Chromium: builds
// bench/browser-first with Vite (the built workspace packages and duckdb-wasm from the installed
// package, nothing from a CDN), serves it on 127.0.0.1, and for each run opens a fresh page,
// hands the folder's files to its <input type=file> (setInputFiles, as a user choosing them)
// and waits for the number. houfu from the Arrow, Parquet and CSV files; duckdb-wasm from the
// Parquet files (hyparquet → Arrow → insertArrowFromIPCStream, then the hand-written SQL; its
// start-up happens before the files are chosen and is reported apart). Checks that both give
// the same rows. Medians of --runs.
// Usage: node bench/browser-first-number.mjs [--data /work/data/s1] [--runs 5]
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const data = args.data ?? '/work/data/s1';
const runs = Number(args.runs ?? 5);
const out = '.cache/bench/browser-first';
const abs = (p) => new URL(`../${p}`, import.meta.url).pathname;
const core = (p) => abs(`packages/core/node_modules/${p}`);
await build({
  root: 'bench/browser-first',
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^@houfu\/core$/, replacement: abs('packages/core/dist/index.js') },
      { find: /^@houfu\/indicators$/, replacement: abs('packages/indicators/dist/index.js') },
      { find: /^@duckdb\/duckdb-wasm\/dist\/(.*)$/, replacement: `${core('@duckdb/duckdb-wasm')}/dist/$1` },
      { find: /^@duckdb\/duckdb-wasm$/, replacement: `${core('@duckdb/duckdb-wasm')}/dist/duckdb-browser.mjs` },
      { find: /^apache-arrow$/, replacement: `${core('apache-arrow')}/Arrow.dom.mjs` },
      { find: /^hyparquet$/, replacement: `${core('hyparquet')}/src/index.js` },
    ],
  },
  build: { outDir: `../../${out}`, emptyOutDir: true, target: 'es2022' },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = join(out, normalize(url.pathname === '/' ? 'index.html' : url.pathname));
  if (!existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const filesOf = (format) => {
  const dir = resolve(`${data}-${format}`);
  return readdirSync(dir).filter((n) => n.endsWith(`.${format}`)).map((n) => join(dir, n));
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--max-old-space-size=8192'],
});

/** One fresh page: choose the files, wait for the first number. */
async function once(mode, files) {
  const page = await browser.newPage();
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`http://127.0.0.1:${port}/`)) outside.push(r.url());
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/?mode=${mode}`);
    await page.waitForFunction(() => window.__ready || window.__result, null, { timeout: 5 * 60_000 });
    await page.setInputFiles('#files', files);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 10 * 60_000 });
    const r = await page.evaluate(() => window.__result);
    if (r.error) throw new Error(`${mode}: ${r.error}`);
    if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside.join(', ')}`);
    return r;
  } finally {
    await page.close();
  }
}

try {
  const cases = [
    ['houfu', 'arrow'],
    ['houfu', 'parquet'],
    ['houfu', 'csv'],
    ['duckdb', 'parquet'],
  ];
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const rows = [];
  let reference;
  for (const [mode, format] of cases) {
    const files = filesOf(format);
    const rs = [];
    for (let i = 0; i < runs; i++) {
      console.error(`${mode} ${format} run ${i + 1}/${runs} …`);
      rs.push(await once(mode, files));
    }
    const lines = JSON.stringify(rs[0].lines);
    reference ??= lines;
    if (lines !== reference) throw new Error(`${mode} on ${format} gives other rows than houfu on arrow`);
    const m = (k) => median(rs.map((r) => r[k]));
    const total = rs.map((r) => r.total);
    const steps = mode === 'houfu' ? `read ${s(m('read'))}, load + validate ${s(m('load'))}, compute ${s(m('compute'))}` : `Parquet → Arrow → insert ${s(m('load'))}, SQL ${s(m('compute'))} (start-up before the files: ${s(m('start'))})`;
    rows.push(`| ${mode === 'houfu' ? 'houfu `datasetFromFiles` + `compute`' : 'duckdb-wasm, hand-written SQL'} | ${format} (${files.length} files) | ${s(m('total'))} (${s(Math.min(...total))}–${s(Math.max(...total))}) | ${steps} |`);
  }
  console.log(`Chromium ${browser.version()}, ${data}-*, 14 indicators by county, fresh page per run, medians of ${runs}; timed from the input's change event to the first number shown.`);
  console.log('');
  console.log('| in the page | files chosen | to the first number (median, min–max) | steps (medians) |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
} finally {
  await browser.close();
  server.close();
}
