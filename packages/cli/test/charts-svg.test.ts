import { describe, expect, it } from 'vitest';
import { barsByArea, compareGroups, statusHeatmap } from '@houfu/core/charts';
import type { ResultRow } from '@houfu/core';
import { allFour, employmentRate } from '@houfu/indicators';
import { toSVG } from '../src/report/svg.js';

const row = (indicator_id: string, area_code: string, numerator: number, denominator: number, extra: Partial<ResultRow> = {}): ResultRow => ({
  indicator_id, level: 'county', area_code, area_name: area_code, period: null, numerator, denominator, unknown: 0,
  value: denominator ? numerator / denominator : null, target: 1, status: 'not_met', ...extra,
});
/** Marks vega drew, by their ARIA description (axes and legends are not counted). */
const count = (svg: string, what: string) => svg.split(`aria-roledescription="${what}"`).length - 1;

describe('charts render to SVG in Node (vega + vega-lite)', () => {
  it('bars by area: one bar per area and the target rule', async () => {
    const svg = await toSVG(barsByArea([row('four_musts.all', 'A', 3, 4), row('four_musts.all', 'B', 1, 2), row('four_musts.all', 'C', 2, 2)], allFour));
    expect(count(svg, 'bar')).toBe(3);
    expect(svg).toMatch(/mark-rule role-mark/);
  });
  it('groups compared: one bar per area × group', async () => {
    const rows = [row('employment.rate', 'A', 1, 2, { g: 'x' }), row('employment.rate', 'A', 1, 4, { g: 'y' }), row('employment.rate', 'B', 1, 1, { g: 'y' })];
    expect(count(await toSVG(compareGroups(rows, employmentRate, 'g')), 'bar')).toBe(3);
  });
  it('heatmap: one cell per indicator × area', async () => {
    const rows = [row('four_musts.all', 'A', 3, 4), row('four_musts.all', 'B', 0, 0), row('employment.rate', 'A', 1, 2), row('employment.rate', 'B', 2, 2)];
    const svg = await toSVG(statusHeatmap(rows, [allFour, employmentRate]));
    expect(count(svg, 'rect mark')).toBe(4);
    expect(count(svg, 'text mark')).toBe(3); // no number where there is no value
  });
});
