// The kernel in headless Chromium: builds bench/browser with Vite (the workspace packages,
// nothing from a CDN), serves it and the generated Arrow files on 127.0.0.1, and reports the
// page's medians: first run, repeated workload, hand-written loop, whole catalog by county.
// Usage: node bench/browser-kernel.mjs [--scale 1] [--runs 5]
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const scale = Number(args.scale ?? 1);
const runs = Number(args.runs ?? 5);
const data = `.cache/bench/s${scale}`;
if (!existsSync(`${data}/persons.arrow`)) execFileSync(process.execPath, ['bench/child.mjs', 'generate', String(scale), data, 'arrow'], { stdio: 'inherit' });

const out = '.cache/bench/browser-kernel';
const abs = (p) => new URL(`../${p}`, import.meta.url).pathname;
await build({
  root: 'bench/browser',
  base: './',
  logLevel: 'warn',
  // The built workspace packages, as an application would install them.
  resolve: { alias: { '@houfu/core': abs('packages/core/dist/index.js'), '@houfu/indicators': abs('packages/indicators/dist/index.js') } },
  build: { outDir: `../../${out}`, emptyOutDir: true, target: 'es2022' } });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.arrow': 'application/vnd.apache.arrow.file' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname.startsWith('/data/') ? join(data, normalize(url.pathname.slice(6))) : join(out, normalize(url.pathname === '/' ? 'index.html' : url.pathname));
  if (!existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--max-old-space-size=8192'],
});
try {
  const page = await browser.newPage();
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`http://127.0.0.1:${port}/`)) outside.push(r.url());
  });
  await page.goto(`http://127.0.0.1:${port}/?runs=${runs}`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20 * 60_000 });
  const r = await page.evaluate(() => window.__result);
  if (r.error) throw new Error(r.error);
  if (r.mismatch) throw new Error(`hand-written loop and kernel disagree in the page: ${r.mismatch}`);
  if (outside.length) throw new Error(`requests left 127.0.0.1: ${outside.join(', ')}`);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`| scale | measure (Chromium ${browser.version()}, medians of ${runs}) | median |`);
  console.log('| --- | --- | --- |');
  console.log(`| ${scale} | load Arrow files + validate, in the page | ${ms(r.load)} |`);
  console.log(`| ${scale} | workload: kernel, first run | ${ms(r.first)} |`);
  console.log(`| ${scale} | workload: kernel, repeated | ${ms(r.kernel)} |`);
  console.log(`| ${scale} | workload: hand-written typed-array loop | ${ms(r.hand)} |`);
  console.log(`| ${scale} | ratio kernel / hand-written | ${(r.kernel / r.hand).toFixed(2)}× |`);
  console.log(`| ${scale} | whole catalog by county: kernel | ${ms(r.catalog)} |`);
} finally {
  await browser.close();
  server.close();
}
