import { describe, expect, it } from 'vitest';
import { barsByArea, compareGroups, curveOverGroups, familyPanels, statusHeatmap, trendOverPeriods, type VegaLiteSpec } from '@houfu/core/charts';
import type { ResultRow } from '@houfu/core';
import { allFour, employedPersons, employmentRate, schoolsPer10k } from '@houfu/indicators';

const row = (indicator_id: string, area_code: string, area_name: string, numerator: number, denominator: number, extra: Partial<ResultRow> = {}): ResultRow => ({
  indicator_id,
  level: 'county',
  area_code,
  area_name,
  period: null,
  numerator,
  denominator,
  unknown: 0,
  value: denominator === 0 ? null : numerator / denominator,
  target: null,
  status: 'no_target',
  ...extra,
});

// allFour: percent, target 1 (100 %) at least.
const ALL = [
  row('four_musts.all', '520102', '南明区', 3, 4, { target: 1, status: 'not_met' }),
  row('four_musts.all', '520103', '云岩区', 5, 5, { target: 1, status: 'met' }),
  row('four_musts.all', '520111', '花溪区', 0, 0, { target: 1, status: 'no_data' }),
  row('employment.rate', '520102', '南明区', 1, 2),
];

type Layer = { mark: { type: string }; encoding: Record<string, { datum?: number; field?: string; title?: unknown; sort?: unknown }>; transform?: unknown };
const layers = (s: VegaLiteSpec) => s.layer as Layer[];
const values = (s: VegaLiteSpec) => (s.data as { values: Record<string, unknown>[] }).values;
/** Every text of a spec except its data (area names are data, not labels). */
const labels = (s: VegaLiteSpec) => JSON.stringify({ ...s, data: undefined });
const CJK = /[\u4e00-\u9fff]/;

describe('barsByArea', () => {
  it('keeps the indicator’s rows, shows percents ×100 with the target as a rule at 100', () => {
    const s = barsByArea(ALL, allFour);
    expect(values(s).map((d) => [d.area, d.value])).toEqual([['南明区', 75], ['云岩区', 100], ['花溪区', null]]);
    expect(layers(s).map((l) => l.mark.type)).toEqual(['bar', 'rule']);
    expect(layers(s)[1]!.encoding.y!.datum).toBe(100);
    expect(values(s).map((d) => d.status_label)).toEqual(['未达标', '达标', '无数据']);
  });
  it('has no rule without a target', () => {
    expect(layers(barsByArea(ALL, employmentRate)).map((l) => l.mark.type)).toEqual(['bar']);
  });
  it('labels in English when asked, in Chinese by default', () => {
    const en = barsByArea(ALL, allFour, { lang: 'en' });
    expect(en.title).toBe('Households meeting all four musts');
    expect(labels(en)).not.toMatch(CJK);
    expect(values(en).map((d) => d.status_label)).toEqual(['not met', 'met', 'no data']);
    expect(barsByArea(ALL, allFour).title).toBe('“四个必须”全部达到的家庭比例');
  });
});

describe('compareGroups', () => {
  const ROWS = [
    row('employment.rate', '520102', '南明区', 8, 10, { site_type: 'urban' }),
    row('employment.rate', '520102', '南明区', 3, 6, { site_type: 'rural' }),
    row('employment.rate', '520402', '西秀区', 1, 4, { site_type: 'rural' }),
    row('employment.rate', '520402', '西秀区', 0, 0, { site_type: null }),
    row('four_musts.all', '520402', '西秀区', 1, 1, { site_type: 'urban' }),
  ];
  const LABELS = { urban: { zh: '城镇', en: 'urban' }, rural: { zh: '农村', en: 'rural' } };
  it('groups bars by the breakdown value, in the given order, unknown last', () => {
    const s = compareGroups(ROWS, employmentRate, 'site_type', { labels: LABELS, order: ['urban', 'rural'] });
    expect(values(s).map((d) => [d.area, d.group, d.value])).toEqual([
      ['南明区', '城镇', 80],
      ['南明区', '农村', 50],
      ['西秀区', '农村', 25],
      ['西秀区', '不详', null],
    ]);
    const bar = layers(s)[0]!;
    expect(bar.encoding.xOffset!.field).toBe('group');
    expect(bar.encoding.color!.sort).toEqual(['城镇', '农村', '不详']);
    expect(layers(s).length).toBe(1); // employment.rate has no target
  });
  it('draws the target as a rule when there is one, and speaks English when asked', () => {
    const s = compareGroups(ROWS, allFour, 'site_type', { labels: LABELS, lang: 'en', groupTitle: 'site type' });
    expect(values(s).map((d) => d.group)).toEqual(['urban']);
    expect(layers(s)[1]!.encoding.y!.datum).toBe(100);
    expect(labels(s)).not.toMatch(CJK);
  });
});

describe('curveOverGroups', () => {
  it('orders the x axis as asked and draws one line per area', () => {
    const rows = [
      row('employment.rate', '520000', '贵州省', 9, 10, { months: '36+' }),
      row('employment.rate', '520000', '贵州省', 1, 4, { months: '0–5' }),
      row('employment.rate', '520000', '贵州省', 1, 2, { months: '6–11' }),
    ];
    const s = curveOverGroups(rows, employmentRate, 'months', { order: ['0–5', '6–11', '12–23', '24–35', '36+'] });
    const line = layers(s)[0]!;
    expect(line.mark.type).toBe('line');
    expect(line.encoding.x!.sort).toEqual(['0–5', '6–11', '12–23', '24–35', '36+']);
    expect(line.encoding.color!.field).toBe('area');
    expect(values(s).map((d) => [d.group, d.value])).toEqual([['36+', 90], ['0–5', 25], ['6–11', 50]]);
  });
});

describe('statusHeatmap, familyPanels and trendOverPeriods', () => {
  it('heatmap: indicators in the given order, no number printed where there is no value', () => {
    const s = statusHeatmap(ALL, [allFour, employmentRate]);
    expect((s.encoding as Layer['encoding']).y!.sort).toEqual(['“四个必须”全部达到的家庭比例', '劳动力就业率']);
    expect(layers(s)[1]!.transform).toEqual([{ filter: 'datum.value != null' }]);
    expect(values(s).length).toBe(4);
    expect(labels(statusHeatmap(ALL, [allFour, employmentRate], { lang: 'en' }))).not.toMatch(CJK);
  });
  it('family panels facet by indicator; counts and per-10,000 ratios are not scaled', () => {
    const rows = [row('employment.employed_persons', '520102', '南明区', 7, 9), row('services.schools_per_10k', '520102', '南明区', 2, 5000, { value: 4 })];
    const s = familyPanels(rows, [employedPersons, schoolsPer10k], { lang: 'en' });
    expect(values(s).map((d) => d.value)).toEqual([7 / 9, 4]);
    expect((s.facet as { field: string }).field).toBe('indicator');
    expect(labels(s)).not.toMatch(CJK);
  });
  it('trend: only rows with a period, the month axis labelled per language', () => {
    const rows = [row('employment.rate', '520102', '南明区', 1, 2, { period: '2019-01' }), row('employment.rate', '520102', '南明区', 1, 4)];
    const zh = trendOverPeriods(rows, employmentRate);
    expect(values(zh).map((d) => d.period)).toEqual(['2019-01']);
    expect((zh.encoding as Layer['encoding']).x!.title).toBe('月份');
    expect((trendOverPeriods(rows, employmentRate, { lang: 'en' }).encoding as Layer['encoding']).x!.title).toBe('month');
  });
});
