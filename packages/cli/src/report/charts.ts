/**
 * The report's charts as Vega-Lite specs: one small chart per indicator, areas sorted by value.
 * Rates and ratios are dots on an axis fitted to the values and the target (so that 92% and 97%
 * look different and the target line is inside the frame); counts without a target, bars from zero.
 */
import type { IndicatorDefinition, ResultRow } from '@houfu/core';
import type { VegaLiteSpec } from '@houfu/core/charts';

/** Status colours, shared with the page's legend. */
export const STATUS_COLOR: Readonly<Record<string, string>> = { met: '#1a7f37', not_met: '#c4302b', no_target: '#4c78a8', no_data: '#999999', suppressed: '#999999' };

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** A prefecture's name as people say it (黔西南布依族苗族自治州 → 黔西南州). */
export function shortName(name: string | null): string {
  if (!name) return '';
  return name.replace(/(?:布依族|苗族|侗族|彝族|回族|土家族|仡佬族|水族)+自治州$/, '州');
}

/** The axis domain: the values and the target, with a margin; percentages stay within 0–100% but for the margin. */
export function fittedDomain(values: readonly number[], target: number | undefined, percent: boolean): [number, number] {
  const all = target === undefined ? [...values] : [...values, target];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const span = hi - lo || Math.abs(hi) * 0.1 || (percent ? 0.05 : 1);
  lo -= span * 0.12;
  hi += span * 0.12;
  if (percent || Math.min(...all) >= 0) lo = Math.max(0, lo);
  return [lo, hi];
}

const axisFormat = (def: IndicatorDefinition, span: number): string =>
  def.format === 'percent' ? (span < 0.05 ? '.1%' : '.0%') : def.format === 'count' ? ',d' : span < 0.5 ? ',.2f' : span < 5 ? ',.1f' : ',.0f';
const labelFormat = (def: IndicatorDefinition): string => (def.format === 'percent' ? '.2%' : def.format === 'count' ? ',d' : ',.2f');

/** Break text into lines of at most `n` characters at spaces. */
export function lines(text: string, n: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > n) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

/** A round step near `x` (1, 2 or 5 times a power of ten), so that labels never need more digits. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** About five round tick values within [lo, hi], none above 100% for a percentage. */
export function ticks(lo: number, hi: number, percent: boolean): number[] {
  const top = percent ? Math.min(hi, 1) : hi;
  const step = niceStep((top - lo) / 4 || 1);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= top + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** Options of a chart. */
export interface ChartOptions {
  /** Width of the plot in pixels. */
  readonly width?: number;
  /** Height of one area's row in pixels. */
  readonly step?: number;
  /** The province's value, drawn as a grey line. */
  readonly province?: number | null;
}

/** One indicator across areas (prefectures or counties), sorted by value; null when no area has a value. */
export function areaChart(def: IndicatorDefinition, rows: readonly ResultRow[], options: ChartOptions = {}): VegaLiteSpec | null {
  const data = rows
    .filter((r) => r.value !== null && Number.isFinite(r.value))
    .map((r) => ({ area: shortName(r.area_name ?? r.area_code), value: r.value as number, status: r.status }))
    .sort((a, b) => b.value - a.value || a.area.localeCompare(b.area));
  if (!data.length) return null;
  const width = options.width ?? 240;
  const step = options.step ?? 20;
  const percent = def.format === 'percent';
  const target = def.target?.value;
  const values = data.map((d) => d.value);
  // Bars from zero only for counts without a target; rates and ratios are dots on a fitted axis.
  const dots = target !== undefined || def.format !== 'count';
  const withProvince = options.province != null && def.kind !== 'count' && def.format !== 'count';
  const domain = dots
    ? fittedDomain(withProvince ? [...values, options.province!] : values, target, percent)
    : ([0, Math.max(...values, withProvince ? options.province! : 0, 0) * 1.15 || 1] as [number, number]);
  const x = {
    field: 'value',
    type: 'quantitative',
    scale: { domain, nice: false, zero: !dots },
    axis: { format: axisFormat(def, domain[1] - domain[0]), title: null, values: ticks(domain[0], domain[1], percent), labelFlush: true, labelOverlap: true, grid: true },
  };
  const y = { field: 'area', type: 'nominal', sort: data.map((d) => d.area), axis: { title: null, labelLimit: 150, labelFontSize: 11, minExtent: 78 } };
  const color = { field: 'status', type: 'nominal', scale: { domain: Object.keys(STATUS_COLOR), range: Object.values(STATUS_COLOR) }, legend: null };
  const layers: Record<string, unknown>[] = [];
  if (dots) {
    layers.push({ mark: { type: 'rule', color: '#d0d0d0', strokeWidth: 1 }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'value' }, y } , transform: [{ calculate: `${domain[0]}`, as: 'lo' }] });
    layers.push({ mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x, y, color } });
  } else {
    layers.push({ mark: { type: 'bar', height: { band: 0.7 } }, encoding: { x, y, color } });
  }
  layers.push({
    mark: { type: 'text', align: 'left', dx: 7, fontSize: 10, color: '#333' },
    encoding: { x, y, text: { field: 'value', type: 'quantitative', format: labelFormat(def) } },
  });
  const refs: { value: number; label: string; dash: number[]; color: string }[] = [];
  if (target !== undefined) refs.push({ value: target, label: `目标 target ${target === 1 && percent ? '100%' : ''}`.trim(), dash: [4, 3], color: '#222' });
  // A count's province value is the sum of the prefectures': only a rate or ratio sits on their axis.
  if (options.province != null && def.kind !== 'count' && def.format !== 'count') refs.push({ value: options.province, label: '全省 province', dash: [], color: '#888' });
  for (const r of refs)
    layers.push({
      data: { values: [{ v: r.value }] },
      mark: { type: 'rule', strokeDash: r.dash, color: r.color, strokeWidth: 1.2, clip: true },
      encoding: { x: { field: 'v', type: 'quantitative', scale: { domain, nice: false } } },
    });
  const sub = target !== undefined ? `目标 target ${def.target!.direction === 'at_least' ? '≥' : '≤'} ${percent ? `${+(target * 100).toFixed(2)}%` : target}` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: [def.name.zh, ...lines(def.name.en, 32)], subtitle: sub || undefined, anchor: 'start', fontSize: 13, subtitleFontSize: 11, subtitleColor: '#555', offset: 6, limit: width + 160 },
    width,
    height: { step },
    data: { values: data },
    layer: layers,
    config: { font: FONT, view: { stroke: '#e5e5e5' }, axis: { labelFont: FONT, labelColor: '#333', domainColor: '#999', tickColor: '#999', gridColor: '#eee' }, title: { font: FONT } },
  } as unknown as VegaLiteSpec;
}
