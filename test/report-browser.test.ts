import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const HAND = 'test/fixtures/hand';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('\n*** report-browser.test.ts SKIPPED: /usr/bin/chromium is missing (apt-get install chromium) ***\n');

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'houfu-report-'));
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const r = spawnSync(process.execPath, ['packages/cli/dist/main.js', 'report', '--data', HAND, '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'));
    server = createServer((req, res) => {
      if (req.url === '/' || req.url === '/index.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('opens with no failed or outside request and no console error, and shows the figures', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
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
      // Every chart rendered marks.
      const charts = page.locator('.chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(8);
      for (let i = 0; i < (await charts.count()); i++) expect(await charts.nth(i).locator('svg path, svg rect').count()).toBeGreaterThan(0);
      mkdirSync('test-output', { recursive: true });
      await page.screenshot({ path: 'test-output/report.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
