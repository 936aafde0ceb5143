/**
 * The notebooks as a reader sees them, in headless Chromium at 1280 and 1920 px, offline:
 * no horizontal scroll of the page, no overlapping, repeated or cut-off labels, no empty chart panels, human
 * table headers and code labels, thousands separators, two decimals in heatmaps, long tables
 * paged or folded, the county picker near the top, the months-since-move-in buckets in
 * numeric order, and an index that links every page. Screenshots go to test-output/notebooks/
 * for review.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPES, LAND_STATUS, LEVELS, RESULT_COLUMNS, SCHEMA } from '@houfu/core';
import { serve } from './serve.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-output/notebooks';
const WIDTHS = [1280, 1920] as const;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('\n*** browser/notebooks.test.ts SKIPPED: /usr/bin/chromium is missing (apt-get install chromium) ***\n');

/** Counties of the bundled sample, read from its sites file here. */
const SAMPLE_COUNTIES = new Set(csvParse(readFileSync('datasets/guizhou-2019-sample/sites.csv', 'utf8')).map((r) => r.county_code)).size;

/** A notebook and what a reader must find on it. */
interface Spec {
  readonly name: string;
  /** data-chart names of its charts (each must draw marks). */
  readonly charts: readonly string[];
  /** Charts whose printed values must all have two decimals. */
  readonly twoDecimals?: readonly string[];
  /** Charts that must show one visible axis label per county of the sample. */
  readonly countyLabels?: readonly string[];
}

const PAGES: readonly Spec[] = [
  { name: 'index', charts: [] },
  { name: 'overview', charts: ['heatmap', 'four-musts-by-prefecture'] },
  { name: 'four-musts', charts: ['heatmap', 'bars', 'compare'], twoDecimals: ['heatmap', 'bars'], countyLabels: ['heatmap', 'bars'] },
  { name: 'employment', charts: ['rates', 'types', 'curve', 'urban-rural'] },
  { name: 'services', charts: ['ratios', 'heatmap'], twoDecimals: ['ratios'], countyLabels: ['heatmap'] },
  { name: 'sql', charts: ['sql-chart'] },
  { name: 'evaluation', charts: ['estimates'] },
  { name: 'dispatch', charts: ['ranking'] },
];

/** Raw names a header must not show: every column of the schema and of result rows. */
const FIELDS = [...new Set([...Object.values(SCHEMA).flatMap((t) => t.columns.map((c) => c.name)), ...RESULT_COLUMNS, 'reason_zh', 'details', 'reason'])];
/** Codes a cell must not show bare: they come with their labels. */
const CODES = [...new Set([...EMPLOYMENT_TYPES, ...LAND_STATUS, 'urban', 'rural', 'male', 'female', 'true', 'false', 'null', 'undefined', 'met', 'not_met', 'no_data', 'no_target', ...LEVELS])];

/** Everything wrong with the page's layout and wording, as sentences (run in the page). */
function problems({ fields, codes, twoDecimals }: { fields: string[]; codes: string[]; twoDecimals: string[] }): string[] {
  const out: string[] = [];
  // Text that is only a number, a percentage, a ratio "a / b" or a range: where separators belong.
  const NUMBER = /^[\d,.\s/%≤≥+–—-]+$/;
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);

  // Oriented rectangles of SVG text on the screen (rotation included), and whether two overlap.
  type Pt = { x: number; y: number };
  const corners = (t: SVGGraphicsElement): Pt[] => {
    const b = t.getBBox();
    const m = t.getScreenCTM()!;
    const s = 0.5; // half a pixel of slack on each side
    return [
      [b.x + s, b.y + s],
      [b.x + b.width - s, b.y + s],
      [b.x + b.width - s, b.y + b.height - s],
      [b.x + s, b.y + b.height - s],
    ].map(([x, y]) => ({ x: m.a * x! + m.c * y! + m.e, y: m.b * x! + m.d * y! + m.f }));
  };
  const separated = (p: Pt[], q: Pt[]): boolean => {
    for (const poly of [p, q])
      for (let i = 0; i < 4; i++) {
        const a = poly[i]!;
        const b = poly[(i + 1) % 4]!;
        const n = { x: b.y - a.y, y: a.x - b.x };
        const proj = (ps: Pt[]) => ps.map((c) => c.x * n.x + c.y * n.y);
        const [pp, qq] = [proj(p), proj(q)];
        if (Math.max(...pp) <= Math.min(...qq) || Math.max(...qq) <= Math.min(...pp)) return true;
      }
    return false;
  };
  const visible = (t: Element) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0';

  for (const c of Array.from(document.querySelectorAll<HTMLElement>('.chart'))) {
    const name = c.dataset.chart;
    const svg = c.querySelector('svg');
    if (!svg) {
      out.push(`chart ${name}: no svg`);
      continue;
    }
    const r = svg.getBoundingClientRect();
    if (r.right > doc.clientWidth + 1) out.push(`chart ${name}: ${Math.round(r.right)} px right edge beyond the ${doc.clientWidth} px page`);
    if (!svg.querySelector('.role-mark > *')) out.push(`chart ${name}: no marks`);
    // Each panel of a faceted or concatenated chart draws something.
    const cells = Array.from(svg.querySelectorAll('g.mark-group.role-scope'))
      .filter((g) => /\b(cell|concat_\d+_group)\b/.test(g.getAttribute('class') ?? ''))
      .flatMap((g) => Array.from(g.children).filter((c) => c.tagName === 'g'));
    cells.forEach((cell, i) => {
      if (!cell.querySelector('.role-mark > *')) out.push(`chart ${name}: panel ${i + 1} of ${cells.length} is empty`);
    });
    for (const axis of Array.from(svg.querySelectorAll('g.role-axis-label'))) {
      const labels = Array.from(axis.querySelectorAll<SVGTextElement>('text')).filter(visible);
      const texts = labels.map((t) => t.textContent!.trim());
      for (const t of new Set(texts.filter((t, i) => texts.indexOf(t) !== i))) out.push(`chart ${name}: an axis shows the label "${t}" twice`);
      const boxes = labels.map(corners);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (!separated(boxes[i]!, boxes[j]!)) out.push(`chart ${name}: axis labels "${labels[i]!.textContent}" and "${labels[j]!.textContent}" overlap`);
    }
    // No text sticks out of its chart (cut off by the chart's box).
    for (const t of Array.from(svg.querySelectorAll('text')).filter(visible)) {
      const b = t.getBoundingClientRect();
      if (b.width > 0 && (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)) out.push(`chart ${name}: "${t.textContent}" is cut off`);
    }
    const printed = Array.from(svg.querySelectorAll('.role-mark text, .role-axis-label text')).map((t) => (t.textContent ?? '').trim());
    for (const t of printed) if (NUMBER.test(t) && /(?<![\d.,])\d{4,}/.test(t)) out.push(`chart ${name}: "${t}" has no thousands separators`);
    if (twoDecimals.includes(name!)) {
      const values = Array.from(svg.querySelectorAll('.role-mark text')).map((t) => (t.textContent ?? '').trim()).filter((t) => t !== '');
      if (!values.length) out.push(`chart ${name}: prints no values`);
      for (const t of values) if (!/^-?[\d,]+\.\d{2}$/.test(t)) out.push(`chart ${name}: "${t}" is not a number with two decimals`);
    }
  }

  for (const th of Array.from(document.querySelectorAll('th'))) {
    const text = (th.textContent ?? '').replace(/\s+/g, ' ').trim();
    const raw = text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/);
    if (raw || fields.includes(text)) out.push(`header "${text}" is a raw field name`);
  }
  for (const td of Array.from(document.querySelectorAll('td'))) {
    const text = (td.textContent ?? '').trim();
    if (codes.includes(text)) out.push(`cell "${text}" shows a code without its label`);
    if (NUMBER.test(text) && /(?<![\d.,])\d{4,}/.test(text)) out.push(`cell "${text}" has no thousands separators`);
  }
  for (const t of Array.from(document.querySelectorAll('table'))) {
    const shown = Array.from(t.tBodies).flatMap((b) => Array.from(b.rows)).filter((r) => r.getClientRects().length > 0).length;
    if (shown > 40) out.push(`table ${t.id || t.className}: ${shown} rows shown at once (page or fold it)`);
  }
  return out;
}

describe.skipIf(!hasChromium)('notebooks as a reader sees them (headless Chromium, 1280 and 1920 px)', () => {
  let server: Server;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const nb = 'notebooks';
    const pages = readdirSync(nb).filter((f) => f.endsWith('.html'));
    const r = spawnSync(process.execPath, ['node_modules/@observablehq/notebook-kit/dist/bin/notebooks.js', 'build', '--root', '.', '--empty', '--', ...pages], { cwd: nb, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error(`notebooks build failed:\n${r.stdout}\n${r.stderr}`);
    ({ server, base } = await serve({ '/notebooks/': 'notebooks/.observable/dist' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  });

  async function open(spec: Spec, width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route((u) => !u.href.startsWith(base + '/') && u.protocol !== 'data:' && u.protocol !== 'blob:', (route) => route.abort('blockedbyclient'));
    await page.goto(`${base}/notebooks/${spec.name}.html`, { waitUntil: 'load' });
    for (const name of spec.charts) {
      const marks = page.locator(`.chart[data-chart="${name}"] svg .role-mark > *`);
      await expect.poll(() => marks.count(), { message: `chart ${name} of ${spec.name} draws`, timeout: 60_000 }).toBeGreaterThan(0);
    }
    // Cells that ran on the first width may run again once the notebook measures its column.
    await page.waitForTimeout(500);
    return { page, errors };
  }

  for (const spec of PAGES)
    for (const width of WIDTHS)
      it(`${spec.name} at ${width} px: fits the page, labels apart, panels drawn, words and numbers for people`, async () => {
        const { page, errors } = await open(spec, width);
        try {
          await page.screenshot({ path: join(SHOTS, `${spec.name}-${width}.png`), fullPage: true });
          expect(await page.evaluate(problems, { fields: FIELDS, codes: CODES, twoDecimals: [...(spec.twoDecimals ?? [])] })).toEqual([]);
          for (const name of spec.countyLabels ?? []) {
            const labels = await page.locator(`.chart[data-chart="${name}"] svg g.role-axis-label text`).evaluateAll((ts) =>
              ts.filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).opacity !== '0').map((t) => t.textContent!.trim()),
            );
            // Every county has its own visible label (none hidden to avoid overlap), beside the indicator labels.
            expect(labels.length, `${name}: visible labels`).toBeGreaterThanOrEqual(SAMPLE_COUNTIES);
          }
          expect(await page.locator('.observablehq--error').allTextContents()).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      });

  for (const spec of PAGES.filter((p) => !['index', 'evaluation', 'dispatch'].includes(p.name)))
    it(`${spec.name} on the user's own files (the hand fixture) at 1280 px: the same checks`, async () => {
      const { page, errors } = await open(spec, 1280);
      try {
        const hand = 'test/fixtures/hand';
        await page.locator('input[name=files]').setInputFiles(readdirSync(hand).filter((f) => f.endsWith('.csv')).map((f) => join(hand, f)));
        await expect.poll(() => page.locator('.houfu-summary').first().textContent(), { timeout: 30_000 }).toContain('files of yours');
        for (const name of spec.charts) {
          const marks = page.locator(`.chart[data-chart="${name}"] svg .role-mark > *`);
          await expect.poll(() => marks.count(), { message: `chart ${name} of ${spec.name} draws on the hand fixture`, timeout: 60_000 }).toBeGreaterThan(0);
        }
        await page.waitForTimeout(1000);
        await page.screenshot({ path: join(SHOTS, `${spec.name}-hand-1280.png`), fullPage: true });
        expect(await page.evaluate(problems, { fields: FIELDS, codes: CODES, twoDecimals: [...(spec.twoDecimals ?? [])] })).toEqual([]);
        expect(await page.locator('.observablehq--error').allTextContents()).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

  it('dispatch on the user’s own two months (test/fixtures/hand-dispatch): the changes counted by hand', async () => {
    const { page, errors } = await open(PAGES.find((p) => p.name === 'dispatch')!, 1280);
    try {
      const dir = 'test/fixtures/hand-dispatch';
      await page.locator('input[name=files]').setInputFiles(readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f)));
      await expect.poll(() => page.locator('.houfu-summary').first().textContent(), { timeout: 30_000 }).toContain('files of yours');
      await expect.poll(() => page.locator('#headline').textContent(), { timeout: 30_000 }).toMatch(/2019-12 对比 · against 2019-11/);
      const row = async (table: string, first: string) => {
        const rows = await page.locator(`table#${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.replace(/\s+/g, ' ').trim())));
        return rows.find((r) => r[0]!.startsWith(first));
      };
      // Province: employment 2/5 → 3/5 improved; income 3/5 unchanged; persons employed 2 → 3.
      expect((await row('changes-province', '有劳动力家庭一人以上就业率'))!.slice(1)).toEqual(['40.00%', '60.00%', '+20.00%', '改善 · improved']);
      expect((await row('changes-province', '稳定收入家庭比例'))!.slice(1)).toEqual(['60.00%', '60.00%', '0.00%', '持平 · unchanged']);
      expect((await row('changes-province', '已就业人数'))!.slice(1)).toEqual(['2', '3', '+1', '增加 · increased']);
      // 动态清零: newly failing, cleared, moved out, failing now.
      expect((await row('clearing', '有劳动力家庭一人以上就业率'))!.slice(1)).toEqual(['2', '2', '1', '2']);
      expect((await row('clearing', '稳定收入家庭比例'))!.slice(1)).toEqual(['2', '1', '1', '2']);
      const list = (id: string, kind: string) => page.locator(`#clearing-lists p[data-indicator="${id}"] span[data-kind="${kind}"]`).textContent();
      expect([await list('four_musts.employment', 'newly_failing'), await list('four_musts.employment', 'cleared'), await list('four_musts.employment', 'left')]).toEqual(['H1, H6', 'H2, H3', 'H4']);
      // Sites: S2 fell below on income; S2 (employment) and S1 (income) newly met.
      const sites = await page.locator('table#sites tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim())));
      // (the page follows the whole catalog: the two musts counted by hand)
      const counted = sites.filter((r) => /^(有劳动力家庭一人以上就业率|稳定收入家庭比例)/.test(r[1]!));
      expect(counted.map((r) => `${r[0]} ${r[2]} ${r[3]} ${r[4]}`).sort()).toEqual(
        ['降至目标以下 · fell below 南明区云关乡安置点 100.00% 0.00%', '新达标 · newly met 南明区云关乡安置点 0.00% 100.00%', '新达标 · newly met 南明区花果园安置点 50.00% 100.00%'].sort(),
      );
      // Counties ranked on employment: 南明区 1 (2 last month), 西秀区 2 (1).
      await page.locator('select#ranking-indicator').selectOption('four_musts.employment');
      await expect.poll(async () => (await row('ranking', '1'))?.slice(0, 4), { timeout: 30_000 }).toEqual(['1', '南明区', '66.67%', '2']);
      expect((await row('ranking', '2'))!.slice(0, 4)).toEqual(['2', '西秀区', '50.00%', '1']);
      // Demonstration site S1 against S2 and S3; tasks and problems as of 2019-12-31.
      expect((await row('demonstration', '有劳动力家庭一人以上就业率'))!.slice(1)).toEqual(['50.00%', '66.67%', '−16.67%']);
      expect(await page.locator('#open-summary').textContent()).toBe('截至 · as of 2019-12-31: 任务 · tasks 1 / 3 已完成 · completed, 1 逾期 · overdue; 问题 · problems 1 / 2 已整改 · rectified, 1 逾期 · overdue');
      expect((await row('problems', '南明区'))!.slice(1)).toEqual(['1', '0', '1']);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SHOTS, 'dispatch-hand-1280.png'), fullPage: true });
      expect(await page.evaluate(problems, { fields: FIELDS, codes: CODES, twoDecimals: [] })).toEqual([]);
      expect(await page.locator('.observablehq--error').allTextContents()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('dispatch on one month only (the hand fixture): says it needs two months, no error', async () => {
    const { page, errors } = await open(PAGES.find((p) => p.name === 'dispatch')!, 1280);
    try {
      const hand = 'test/fixtures/hand';
      await page.locator('input[name=files]').setInputFiles(readdirSync(hand).filter((f) => f.endsWith('.csv')).map((f) => join(hand, f)));
      await expect.poll(() => page.locator('#months-note').count(), { timeout: 30_000 }).toBe(1);
      expect(await page.locator('#months-note').textContent()).toMatch(/at least two months/);
      expect(await page.locator('.observablehq--error').allTextContents()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the index links every notebook, and every notebook links back to it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(`${base}/notebooks/index.html`, { waitUntil: 'load' });
      await page.locator('#notebooks a').first().waitFor({ timeout: 30_000 });
      const links = await page.locator('#notebooks a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
      const notebooks = readdirSync('notebooks').filter((f) => f.endsWith('.html') && f !== 'index.html');
      expect(links.map((l) => l!.replace(/^\.\//, '')).sort()).toEqual(notebooks.sort());
      for (const f of notebooks) {
        const res = await page.request.get(`${base}/notebooks/${f}`);
        expect(res.status(), f).toBe(200);
        await page.goto(`${base}/notebooks/${f}`, { waitUntil: 'load' });
        await expect.poll(() => page.locator('nav.houfu-nav a[href="./index.html"]').count(), { message: `${f} links to the index`, timeout: 30_000 }).toBe(1);
      }
    } finally {
      await page.close();
    }
  });

  it('four musts: the county picker comes before the coverage tables and charts, near the top', async () => {
    const { page } = await open(PAGES.find((p) => p.name === 'four-musts')!, 1280);
    try {
      const picker = page.locator('select#county');
      await picker.waitFor({ timeout: 30_000 });
      const top = await picker.evaluate((s) => s.getBoundingClientRect().top + window.scrollY);
      const firstTable = await page.locator('table.houfu-results').first().evaluate((t) => t.getBoundingClientRect().top + window.scrollY);
      const firstChart = await page.locator('.chart').first().evaluate((c) => c.getBoundingClientRect().top + window.scrollY);
      expect(top).toBeLessThan(Math.min(firstTable, firstChart));
      expect(top).toBeLessThan(1000);
      // Choosing another county lists that county's households.
      const second = await picker.locator('option').nth(1).getAttribute('value');
      await picker.selectOption(second!);
      await expect.poll(() => page.locator('table.houfu-list[data-county]').first().getAttribute('data-county'), { timeout: 30_000 }).toBe(second);
    } finally {
      await page.close();
    }
  });

  it('employment: months since move-in run 0–5, 6–11, 12–23, 24–35, 36+ in the table and along the curve', async () => {
    const { page } = await open(PAGES.find((p) => p.name === 'employment')!, 1280);
    try {
      const start = (t: string) => (/^\d+/.test(t) ? Number(t.match(/^\d+/)![0]) : Infinity);
      const rows = await page.locator('table#curve tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim())));
      const byArea = new Map<string, number[]>();
      for (const [, area, bucket] of rows) byArea.set(area!, [...(byArea.get(area!) ?? []), start(bucket!)]);
      expect(byArea.size).toBeGreaterThan(0);
      for (const [area, starts] of byArea) expect(starts, area).toEqual([0, 6, 12, 24, 36, ...starts.slice(5)]);
      const axis = await page.locator('.chart[data-chart="curve"] svg g.role-axis-label text').evaluateAll((ts) =>
        ts.map((t) => ({ text: t.textContent!.trim(), x: t.getBoundingClientRect().left })).filter((l) => /^\d+(–\d+|\+)$/.test(l.text)),
      );
      expect(axis.sort((a, b) => a.x - b.x).map((l) => l.text)).toEqual(['0–5', '6–11', '12–23', '24–35', '36+']);
    } finally {
      await page.close();
    }
  });
});
