/**
 * Layout checks of a page as a reader sees it, run inside the browser: horizontal overflow of the
 * page, overlapping or cut-off chart labels, chart panels that drew nothing.
 */
import type { Page } from 'playwright-core';

/** What {@link layoutProblems} found. */
export interface LayoutProblems {
  /** Pixels by which the page is wider than the window (0: no horizontal scroll). */
  readonly overflow: number;
  /** Charts (by data-chart) with no drawn mark. */
  readonly empty: string[];
  /** Pairs of axis labels whose boxes overlap, as "chart: a / b". */
  readonly overlaps: string[];
  /** Chart texts that stick out of their chart's box, as "chart: text". */
  readonly cut: string[];
  /** Grid cells without a chart. */
  readonly emptyCells: number;
}

/** Look at the page as laid out now. */
export function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const name = (el: Element): string => (el.closest('[data-chart]') as HTMLElement | null)?.dataset.chart ?? '?';
    const meet = (a: DOMRect, b: DOMRect): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const empty = Array.from(document.querySelectorAll('.chart'))
      .filter((c) => c.querySelectorAll('svg g.role-mark > path, svg g.role-mark > rect, svg g.role-mark > line, svg g.role-mark > circle').length === 0)
      .map(name);
    const overlaps: string[] = [];
    for (const g of Array.from(document.querySelectorAll('svg g.role-axis-label'))) {
      const texts = Array.from(g.querySelectorAll('text')).filter((t) => (t.textContent ?? '').trim() !== '');
      const boxes = texts.map((t) => t.getBoundingClientRect());
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) if (meet(boxes[i]!, boxes[j]!)) overlaps.push(`${name(g)}: ${texts[i]!.textContent} / ${texts[j]!.textContent}`);
    }
    const cut: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('.chart svg'))) {
      const box = svg.getBoundingClientRect();
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const r = t.getBoundingClientRect();
        if (!(t.textContent ?? '').trim() || r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) cut.push(`${name(svg)}: ${t.textContent}`);
      }
    }
    const emptyCells = Array.from(document.querySelectorAll('.grid > *')).filter((c) => !c.querySelector('svg')).length;
    return { overflow: doc.scrollWidth - doc.clientWidth, empty, overlaps, cut, emptyCells };
  });
}
