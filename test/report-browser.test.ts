/**
 * The HTML report in headless Chromium as an official reads it: no request leaves the page, the
 * figures are there, and at 1280 and 1920 px the page does not scroll sideways, no chart label
 * overlaps another or is cut off, no chart panel is empty. Screenshots: test-output/report-*.png.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutProblems } from './browser/layout.js';

const CHROMIUM = '/usr/bin/chromium';
const HAND = 'test/fixtures/hand';
const SAMPLE = 'datasets/guizhou-2019-sample';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('\n*** report-browser.test.ts SKIPPED: /usr/bin/chromium is missing (apt-get install chromium) ***\n');

/** Build the report of a dataset and serve it on 127.0.0.1. */
async function serveReport(data: string): Promise<{ server: Server; url: string }> {
  const out = mkdtempSync(join(tmpdir(), 'houfu-report-'));
  const r = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'report', '--data', data, '--out', out, '--quiet'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const html = readFileSync(join(out, 'index.html'));
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  return { server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/` };
}

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    for (const [k, d] of [['hand', HAND], ['sample', SAMPLE]] as const) {
      const s = await serveReport(d);
      servers.push(s.server);
      urls[k] = s.url;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync('test-output', { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  });

  it('opens with no failed or outside request and no console error, and shows the figures', async () => {
    const page = await browser.newPage();
    const url = urls['hand']!;
    const requests: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    expect(requests.filter((u) => !u.startsWith(url))).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    // Hand-calculated (test/fixtures/hand/README.md): four_musts.employment at the province is 7/9 = 77.78%.
    const cell = page.locator('#scorecard tr', { has: page.locator('[data-indicator="four_musts.employment"]') }).locator('td').nth(2);
    expect(await cell.textContent()).toBe('77.78%');
    expect(await page.locator('#synthetic').count()).toBe(0);
    // One chart per indicator with data; each titled in Chinese and English.
    const charts = page.locator('.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(8);
    const title = await page.locator('.chart[data-chart="four_musts.employment"] g.role-title-text').textContent();
    expect(title).toContain('有劳动力家庭一人以上就业率');
    expect(title).toContain('Labor households');
    await page.screenshot({ path: 'test-output/report-hand.png', fullPage: true });
    await page.close();
  });

  it('the published-vs-computed table says "compared at scale 1" in grey where it cannot compare, in plain words', async () => {
    const page = await browser.newPage();
    await page.goto(urls['sample']!, { waitUntil: 'load' });
    // The sample is at scale 0.01: counts cannot be compared; the 95.59% employment share can.
    const na = page.locator('#published td.na');
    expect(await na.count()).toBeGreaterThan(10);
    for (const t of await na.allTextContents()) expect(t).toContain('compared at scale 1');
    const color = await na.first().evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(16); // grey, not red
    expect(await page.locator('#published td.diff').count()).toBe(0);
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/denominator_plus_unknown|_per_|four_musts\./);
    // 88 counties, grouped by prefecture.
    expect(await page.locator('#counties tr[data-county]').count()).toBe(88);
    expect(await page.locator('#counties tr.pref').count()).toBe(9);
    await page.close();
  });

  for (const width of [1280, 1920])
    it(`at ${width} px: no sideways scroll, no overlapping or cut-off labels, no empty panel`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 1000 } });
      await page.goto(urls['sample']!, { waitUntil: 'load' });
      await page.screenshot({ path: `test-output/report-${width}.png`, fullPage: true });
      const p = await layoutProblems(page);
      expect(p.overflow).toBeLessThanOrEqual(0);
      expect(p.empty).toEqual([]);
      expect(p.overlaps).toEqual([]);
      expect(p.cut).toEqual([]);
      expect(p.emptyCells).toBe(0);
      expect(await page.locator('.chart').count()).toBeGreaterThanOrEqual(20);
      // The four musts: an axis fitted to the values (not from 0) that shows 100%, with the target line inside the frame.
      for (const id of ['four_musts.training', 'four_musts.employment', 'four_musts.all']) {
        const chart = page.locator(`.chart[data-chart="${id}"]`);
        const labels = await chart.locator('g.role-axis-label text').allTextContents();
        expect(labels, id).toContain('100%');
        expect(labels, id).not.toContain('0%');
        const inside = await chart.evaluate((el) => {
          const frame = el.querySelector('g.role-frame path, g.role-frame rect')?.getBoundingClientRect();
          const dashed = Array.from(el.querySelectorAll('g.role-mark path, g.role-mark line')).filter((p) => (p.getAttribute('stroke-dasharray') ?? '') !== '');
          const target = dashed[0]?.getBoundingClientRect();
          return frame && target ? [frame.right - target.right, target.left - frame.left] : null;
        });
        expect(inside, id).not.toBeNull();
        expect(inside![0], id).toBeGreaterThan(5);
        expect(inside![1], id).toBeGreaterThan(5);
      }
      await page.close();
    });
});
