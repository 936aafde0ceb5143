/**
 * The notebooks and the embedding example in headless Chromium, offline: build both, serve
 * them on 127.0.0.1, open every page and check that nothing fails or leaves the machine,
 * that the numbers shown equal `compute` on the same data here in Node, and that every chart
 * drew marks. Screenshots go to test-output/pages/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, arrowColumns, failingHouseholds, parseDesign, toObjects, type Dataset, type IndicatorDefinition, type ResultRow } from '@houfu/core';
import { loadDataset, writeDataset } from '@houfu/core/node';
import { indicator } from '@houfu/indicators';
import { serve } from './serve.js';

const CHROMIUM = '/usr/bin/chromium';
const SAMPLE = 'datasets/guizhou-2019-sample';
const HAND = 'test/fixtures/hand';
const SURVEY = 'test/fixtures/survey/stratified-clustered-fpc';
const SHOTS = 'test-output/pages';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('\n*** browser/pages.test.ts SKIPPED: /usr/bin/chromium is missing (apt-get install chromium) ***\n');

/** A page and what it must show once its cells have run. */
interface PageSpec {
  readonly name: string;
  readonly path: string;
  /** Ids of result tables (cells carry data-* numbers). */
  readonly tables: readonly string[];
  /** data-chart names of the charts. */
  readonly charts: readonly string[];
  /** A file input to load the user's own files with (checked on the hand fixture). */
  readonly fileInput?: string;
  /** Also load the sample written as Parquet through the file input. */
  readonly parquet?: boolean;
}

const PAGES: readonly PageSpec[] = [
  { name: 'overview', path: '/notebooks/overview.html', tables: ['scorecard'], charts: ['heatmap', 'four-musts-by-prefecture'], fileInput: 'input[name=files]' },
  { name: 'four-musts', path: '/notebooks/four-musts.html', tables: ['by-county', 'by-site'], charts: ['heatmap', 'bars', 'compare'], fileInput: 'input[name=files]' },
  { name: 'employment', path: '/notebooks/employment.html', tables: ['rates', 'types', 'curve', 'urban-rural', 'cross-county'], charts: ['rates', 'types', 'curve', 'urban-rural'], fileInput: 'input[name=files]' },
  { name: 'services', path: '/notebooks/services.html', tables: ['ratios', 'below-target'], charts: ['ratios', 'heatmap'], fileInput: 'input[name=files]' },
  { name: 'sql', path: '/notebooks/sql.html', tables: ['sql-result', 'compute-result'], charts: ['sql-chart'], fileInput: 'input[name=files]' },
  { name: 'evaluation', path: '/notebooks/evaluation.html', tables: [], charts: ['estimates'] },
  { name: 'embed-vite', path: '/example/index.html', tables: ['results'], charts: ['four-musts'], fileInput: '#files', parquet: true },
];

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
}

/** Digits in groups of three: 1071700 → 1,071,700 (written here, not taken from the pages). */
const grouped = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The value as the pages show it (an independent copy of the rule in their README). */
function shown(def: IndicatorDefinition, v: number | null): string {
  if (v === null) return '—';
  if (def.format === 'percent') return `${(v * 100).toFixed(2)}%`;
  if (def.format === 'count') return grouped(String(Math.round(v)));
  const [whole, frac] = v.toFixed(2).split('.') as [string, string];
  return `${grouped(whole)}.${frac}`;
}

/** Months from move-in to the end of 2019, in the buckets the employment notebook uses. */
function moveInBucket(movedInOn: string | null): string | null {
  if (!movedInOn) return null;
  const [y, m] = movedInOn.split('-').map(Number) as [number, number];
  const months = (2019 - y) * 12 + (12 - m);
  return months < 6 ? '0–5' : months < 12 ? '6–11' : months < 24 ? '12–23' : months < 36 ? '24–35' : '36+';
}

function withMoveInBuckets(ds: Dataset): Dataset {
  const raw = Object.fromEntries(Object.entries(ds.tables).map(([n, t]) => [n, arrowColumns(t!)]));
  const h = raw.households!;
  raw.households = { ...h, months_since_move_in: Array.from(h.moved_in_on as ArrayLike<string | null>, moveInBucket) };
  return datasetFromColumns(raw);
}

/** Retry a check until it passes (cells of a notebook re-run one after another). */
async function eventually(check: () => Promise<void>, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((ok) => setTimeout(ok, 250));
    }
  }
}

interface Query {
  readonly indicators: readonly string[];
  readonly by: readonly string[];
  readonly breakdown: readonly string[];
  readonly derive?: string;
}

interface Cell {
  indicator: string;
  level: string;
  area: string;
  period: string;
  breakdown: string;
  numerator: string;
  denominator: string;
  text: string;
}

describe.skipIf(!hasChromium)('notebooks and the embedding example in headless Chromium', () => {
  let server: Server;
  let base = '';
  let browser: Browser;
  const datasets: Record<string, Dataset> = {};
  const parquetDir = mkdtempSync(join(tmpdir(), 'houfu-parquet-'));

  beforeAll(async () => {
    const nb = 'notebooks';
    const pages = readdirSync(nb).filter((f) => f.endsWith('.html'));
    run(process.execPath, ['node_modules/@observablehq/notebook-kit/dist/bin/notebooks.js', 'build', '--root', '.', '--empty', '--', ...pages], nb);
    run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], 'examples/embed-vite');
    ({ server, base } = await serve({ '/notebooks/': 'notebooks/.observable/dist', '/example/': 'examples/embed-vite/dist' }));
    datasets.sample = await loadDataset(SAMPLE);
    datasets.hand = await loadDataset(HAND);
    await writeDataset(parquetDir, datasets.sample, 'parquet');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    rmSync(parquetDir, { recursive: true, force: true });
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  });

  const cache = new Map<string, Promise<Map<string, ResultRow>>>();
  /** compute() here in Node for the query a table declares, keyed like the page's cells. */
  function expected(data: string, q: Query): Promise<Map<string, ResultRow>> {
    const k = `${data}:${JSON.stringify(q)}`;
    if (!cache.has(k))
      cache.set(
        k,
        (async () => {
          const defs = q.indicators.map((id) => indicator(id) ?? expect.fail(`unknown indicator ${id}`));
          let ds = datasets[data]!;
          if (q.derive === 'months_since_move_in') ds = withMoveInBuckets(ds);
          else if (q.derive) expect.fail(`unknown derivation ${q.derive}`);
          const rows = toObjects<ResultRow>(await compute(ds, defs, { by: q.by as never, ...(q.breakdown.length ? { breakdown: q.breakdown } : {}) }));
          const m = new Map<string, ResultRow>();
          for (const r of rows) m.set(key(r.indicator_id, r.level, r.area_code, r.period ?? '', JSON.stringify(Object.fromEntries(q.breakdown.map((b) => [b, r[b] ?? null])))), r);
          return m;
        })(),
      );
    return cache.get(k)!;
  }
  const key = (...parts: string[]) => parts.join('\u0001');

  /** Every result table of the page agrees with compute() on `data`; returns how many cells were checked. */
  async function checkNumbers(page: Page, data: string, spec: PageSpec): Promise<number> {
    const tables = await page.locator('table.houfu-results').evaluateAll((ts) =>
      ts.map((t) => ({
        id: t.id,
        query: (t as HTMLElement).dataset.query!,
        cells: Array.from(t.querySelectorAll<HTMLElement>('td[data-indicator]')).map((c) => ({ ...c.dataset, text: c.textContent ?? '' })),
      })),
    );
    expect(tables.map((t) => t.id)).toEqual(expect.arrayContaining([...spec.tables]));
    let checked = 0;
    for (const t of tables) {
      const q = JSON.parse(t.query) as Query;
      const exp = await expected(data, q);
      expect(t.cells.length, `table #${t.id} shows numbers`).toBeGreaterThan(0);
      for (const c of t.cells as unknown as Cell[]) {
        const r = exp.get(key(c.indicator, c.level, c.area, c.period, c.breakdown));
        expect(r, `#${t.id}: ${c.indicator} ${c.level} ${c.area} ${c.breakdown} is a row of compute()`).toBeDefined();
        const def = indicator(c.indicator)!;
        expect([Number(c.numerator), Number(c.denominator), c.text], `#${t.id}: ${c.indicator} ${c.area} ${c.breakdown}`).toEqual([r!.numerator, r!.denominator, shown(def, r!.value)]);
        checked++;
      }
    }
    return checked;
  }

  async function checkCharts(page: Page, spec: PageSpec): Promise<void> {
    for (const name of spec.charts) {
      const marks = page.locator(`.chart[data-chart="${name}"] svg .role-mark > *`);
      await expect.poll(() => marks.count(), { message: `chart ${name} of ${spec.name} has marks`, timeout: 30_000 }).toBeGreaterThan(0);
    }
  }

  async function open(spec: PageSpec) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const outside: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!(u.startsWith(base + '/') || u.startsWith('data:') || u.startsWith('blob:'))) outside.push(u);
    });
    page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()} (HTTP ${r.status()})`));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route((u) => !u.href.startsWith(base + '/') && u.protocol !== 'data:' && u.protocol !== 'blob:', (route) => route.abort('blockedbyclient'));
    await page.goto(base + spec.path, { waitUntil: 'load' });
    for (const id of spec.tables) await page.locator(`table#${id} td`).first().waitFor({ state: 'attached', timeout: 60_000 });
    await checkCharts(page, spec);
    return { page, outside, failed, errors };
  }

  for (const spec of PAGES) {
    it(`${spec.name}: opens offline, shows compute()'s numbers and draws its charts${spec.fileInput ? '; then the same on the user\'s own files' : ''}`, async () => {
      const { page, outside, failed, errors } = await open(spec);
      try {
        if (spec.name !== 'evaluation') expect(await checkNumbers(page, 'sample', spec)).toBeGreaterThan(0);
        if (spec.name === 'evaluation') {
          // Design-based estimates: equal to compute() with the design here, and to R survey's to 1e-9.
          await page.locator('table#survey td[data-estimate]').first().waitFor({ state: 'attached', timeout: 60_000 });
          const table = page.locator('table#survey');
          const q = JSON.parse((await table.getAttribute('data-query'))!) as { indicators: string[]; by: string[]; design: string };
          const ds = await loadDataset(SURVEY);
          const rows = toObjects<ResultRow & { se: number | null; df: number | null }>(
            await compute(ds, q.indicators.map((id) => indicator(id)!), { by: q.by as never, design: parseDesign(q.design) }),
          );
          const want = new Map(rows.map((r) => [`${r.indicator_id}|${r.level}|${r.area_code}`, r]));
          const cells = await table.locator('td[data-estimate]').evaluateAll((cs) => cs.map((c) => ({ ...(c as HTMLElement).dataset })));
          expect(cells.length).toBe(rows.length);
          let againstR = 0;
          for (const c of cells) {
            const r = want.get(`${c.indicator}|${c.level}|${c.area}`);
            expect(r, `${c.indicator} ${c.area}`).toBeDefined();
            expect([Number(c.estimate), Number(c.se), Number(c.df)]).toEqual([r!.value, r!.se, r!.df]);
            if (c.rEstimate !== undefined) {
              expect(Math.abs(Number(c.estimate) - Number(c.rEstimate)), `${c.indicator} ${c.area} vs R`).toBeLessThan(1e-9);
              expect(Math.abs(Number(c.se) - Number(c.rSe)), `${c.indicator} ${c.area} SE vs R`).toBeLessThan(1e-9);
              againstR++;
            }
          }
          expect(againstR).toBe(cells.length);
        }
        expect(await page.locator('.observablehq--error').allTextContents()).toEqual([]);
        if (spec.name === 'four-musts') {
          // The drill-down lists: as many households as failingHouseholds() finds for the picked county.
          const lists = page.locator('table.houfu-list[data-indicator]');
          await expect.poll(() => lists.count(), { timeout: 30_000 }).toBe(4);
          let listed = 0;
          for (const l of await lists.evaluateAll((ts) => ts.map((t) => ({ ...(t as HTMLElement).dataset })))) {
            const want = (await failingHouseholds(datasets.sample!, indicator(l.indicator!)!, { county: l.county!, status: 'failed' })).numRows;
            expect(Number(l.rows), `${l.indicator} in ${l.county}`).toBe(want);
            listed += want;
          }
          expect(listed).toBeGreaterThan(0);
        }
        if (spec.name === 'services') {
          const exp = await expected('sample', JSON.parse((await page.locator('#below-target').getAttribute('data-query'))!) as Query);
          const below = new Set([...exp.values()].filter((r) => r.level === 'site' && r.status === 'not_met').map((r) => r.area_code));
          expect(Number(await page.locator('#below-count').getAttribute('data-sites'))).toBe(below.size);
          expect(new Set(await page.locator('#below-target td[data-indicator]').evaluateAll((cs) => cs.map((c) => (c as HTMLElement).dataset.area)))).toEqual(below);
        }
        if (spec.name === 'sql') expect(await page.locator('#sql-equal').getAttribute('data-equal')).toBe('true');
        await page.screenshot({ path: join(SHOTS, `${spec.name}.png`), fullPage: true });
        if (spec.fileInput) {
          // The user's own files through the file input: the page recomputes on them.
          const first = page.locator(`table#${spec.tables[0]} td[data-indicator]`).first();
          const before = await first.getAttribute('data-denominator');
          await page.locator(spec.fileInput).setInputFiles(readdirSync(HAND).filter((f) => f.endsWith('.csv')).map((f) => join(HAND, f)));
          await expect.poll(() => first.getAttribute('data-denominator').catch(() => before), { timeout: 30_000 }).not.toBe(before);
          await eventually(async () => {
            expect(await checkNumbers(page, 'hand', spec)).toBeGreaterThan(0);
            if (spec.name === 'sql') {
              const q = JSON.parse((await page.locator('#compute-result').getAttribute('data-query'))!) as Query;
              expect(await page.locator('#sql-equal').getAttribute('data-rows')).toBe(String((await expected('hand', q)).size));
              expect(await page.locator('#sql-equal').getAttribute('data-equal')).toBe('true');
            }
          });
          await checkCharts(page, spec);
        }
        if (spec.parquet) {
          // The sample as Parquet files: read in the page (the Parquet reader loads on demand).
          const first = page.locator(`table#${spec.tables[0]} td[data-indicator]`).first();
          const before = await first.getAttribute('data-denominator');
          await page.locator(spec.fileInput!).setInputFiles(readdirSync(parquetDir).map((f) => join(parquetDir, f)));
          await expect.poll(() => first.getAttribute('data-denominator').catch(() => before), { timeout: 30_000 }).not.toBe(before);
          await eventually(async () => void expect(await checkNumbers(page, 'sample', spec)).toBeGreaterThan(0));
          await checkCharts(page, spec);
        }
        expect(outside).toEqual([]);
        expect(failed).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
