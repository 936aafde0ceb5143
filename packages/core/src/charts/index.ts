/**
 * Vega-Lite specs built from result rows: bars by area with the target as a rule, a
 * status heatmap (indicator × area), trends over periods, and small multiples per family.
 * Specs are plain JSON; render them with vega-embed in a page or vega's SVG renderer in Node.
 */
import type { IndicatorDefinition } from '../model/indicator.js';
import type { ResultRow } from '../result/assemble.js';
import { CHART_TEXT, STATUS_TEXT } from '../messages/index.js';

/** A Vega-Lite specification (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

/** Chart language. */
export type ChartLang = 'zh' | 'en';

/** Common chart options. */
export interface ChartOptions {
  /** Label language (default zh). */
  readonly lang?: ChartLang;
  /** Width in pixels (default 480). */
  readonly width?: number;
  /** Height in pixels (default 220; 140 per panel of familyPanels). */
  readonly height?: number;
  /** Title; default from the indicator. */
  readonly title?: string;
}

const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';
const STATUS_COLORS = { met: '#1a9850', not_met: '#d73027', no_data: '#bdbdbd', no_target: '#4575b4' } as const;

/** Display scale of a definition's values: percent shows ×100. */
const displayScale = (d: IndicatorDefinition): number => (d.format === 'percent' ? 100 : 1);
const unitLabel = (d: IndicatorDefinition, lang: ChartLang): string =>
  d.format === 'percent' ? '%' : d.format === 'per_10k' ? CHART_TEXT.per10k[lang] : d.format === 'per_1k' ? CHART_TEXT.per1k[lang] : '';

function chartRows(rows: readonly ResultRow[], defs: ReadonlyMap<string, IndicatorDefinition>, lang: ChartLang) {
  return rows.map((r) => {
    const d = defs.get(r.indicator_id);
    const s = d ? displayScale(d) : 1;
    return {
      indicator: d ? d.name[lang] : r.indicator_id,
      indicator_id: r.indicator_id,
      area: r.area_name ?? r.area_code,
      area_code: r.area_code,
      period: r.period,
      value: r.value === null ? null : r.value * s,
      target: r.target === null ? null : r.target * s,
      status: r.status,
      status_label: STATUS_TEXT[r.status]?.[lang] ?? r.status,
      numerator: r.numerator,
      denominator: r.denominator,
      unknown: r.unknown,
    };
  });
}

const statusColor = (lang: ChartLang) => ({
  field: 'status_label',
  type: 'nominal',
  title: CHART_TEXT.status[lang],
  scale: {
    domain: (['met', 'not_met', 'no_data', 'no_target'] as const).map((s) => STATUS_TEXT[s]![lang]),
    range: Object.values(STATUS_COLORS),
  },
});

/**
 * Bars of one indicator by area, colored by status, with the target as a rule.
 * @example barsByArea(toObjects(result), employment)
 */
export function barsByArea(rows: readonly ResultRow[], def: IndicatorDefinition, options: ChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const data = chartRows(rows.filter((r) => r.indicator_id === def.id), new Map([[def.id, def]]), lang);
  const y = { field: 'value', type: 'quantitative', title: `${def.name[lang]}${unitLabel(def, lang) ? ` (${unitLabel(def, lang)})` : ''}` };
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'area', type: 'nominal', sort: null, title: null, axis: { labelAngle: -45 } },
        y,
        color: statusColor(lang),
        tooltip: [
          { field: 'area' },
          { field: 'value', format: '.2f' },
          { field: 'numerator' },
          { field: 'denominator' },
          { field: 'unknown' },
        ],
      },
    },
  ];
  if (def.target) layers.push({ mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: def.target.value * displayScale(def) } } });
  return {
    $schema: SCHEMA_URL,
    title: options.title ?? def.name[lang],
    width: options.width ?? 480,
    height: options.height ?? 220,
    data: { values: data },
    layer: layers,
  };
}

/** A heatmap of status: indicators (rows) × areas (columns), the value printed in each cell. */
export function statusHeatmap(rows: readonly ResultRow[], defs: readonly IndicatorDefinition[], options: ChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const byId = new Map(defs.map((d) => [d.id, d]));
  const data = chartRows(rows.filter((r) => byId.has(r.indicator_id)), byId, lang);
  return {
    $schema: SCHEMA_URL,
    title: options.title ?? CHART_TEXT.statusTitle[lang],
    data: { values: data },
    encoding: {
      x: { field: 'area', type: 'nominal', sort: null, title: null, axis: { labelAngle: -60 } },
      y: { field: 'indicator', type: 'nominal', sort: defs.map((d) => d.name[lang]), title: null },
    },
    layer: [
      { mark: { type: 'rect' }, encoding: { color: statusColor(lang), tooltip: [{ field: 'area' }, { field: 'indicator' }, { field: 'value', format: '.2f' }] } },
      { mark: { type: 'text', fontSize: 8 }, transform: [{ filter: 'datum.value != null' }], encoding: { text: { field: 'value', type: 'quantitative', format: '.0f' }, color: { value: 'white' } } },
    ],
    config: { axis: { labelFontSize: 9 } },
  };
}

/** Small multiples: one bar panel per indicator of a family, areas on the x axis, independent scales. */
export function familyPanels(rows: readonly ResultRow[], defs: readonly IndicatorDefinition[], options: ChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const byId = new Map(defs.map((d) => [d.id, d]));
  const data = chartRows(rows.filter((r) => byId.has(r.indicator_id)), byId, lang);
  return {
    $schema: SCHEMA_URL,
    title: options.title ?? '',
    data: { values: data },
    facet: { field: 'indicator', type: 'nominal', title: null, sort: defs.map((d) => d.name[lang]), header: { labelFontSize: 11 } },
    columns: 2,
    spec: {
      width: options.width ?? 260,
      height: options.height ?? 140,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'area', type: 'nominal', sort: null, title: null, axis: { labelAngle: -45 } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: statusColor(lang),
        tooltip: [{ field: 'area' }, { field: 'value', format: '.2f' }],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** A line of one indicator over periods, one line per area. */
export function trendOverPeriods(rows: readonly ResultRow[], def: IndicatorDefinition, options: ChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const data = chartRows(rows.filter((r) => r.indicator_id === def.id && r.period !== null), new Map([[def.id, def]]), lang);
  return {
    $schema: SCHEMA_URL,
    title: options.title ?? def.name[lang],
    width: options.width ?? 480,
    height: options.height ?? 220,
    data: { values: data },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: CHART_TEXT.month[lang] },
      y: { field: 'value', type: 'quantitative', title: unitLabel(def, lang) || null },
      color: { field: 'area', type: 'nominal', title: null },
    },
  };
}

/** Options of charts over a breakdown column. */
export interface GroupChartOptions extends ChartOptions {
  /** Order of the groups (default: as they first appear). */
  readonly order?: readonly string[];
  /** Labels of the groups, e.g. `{ urban: { zh: '城镇', en: 'urban' } }` (default: the values). */
  readonly labels?: Readonly<Record<string, Readonly<Record<ChartLang, string>>>>;
  /** Title of the group legend or axis (default: the column name). */
  readonly groupTitle?: string;
}

function groupRows(rows: readonly ResultRow[], def: IndicatorDefinition, group: string, options: GroupChartOptions, lang: ChartLang) {
  const selected = rows.filter((r) => r.indicator_id === def.id);
  const label = (v: unknown) => (v === null || v === undefined ? CHART_TEXT.unknown[lang] : (options.labels?.[String(v)]?.[lang] ?? String(v)));
  const data = chartRows(selected, new Map([[def.id, def]]), lang).map((d, i) => ({ ...d, group: label(selected[i]![group]) }));
  const seen = [...new Set(data.map((d) => d.group))];
  const order = options.order ? [...options.order.map((g) => label(g)), ...seen.filter((g) => !options.order!.map((o) => label(o)).includes(g))] : seen;
  return { data, order };
}

const valueTitle = (def: IndicatorDefinition, lang: ChartLang) => `${def.name[lang]}${unitLabel(def, lang) ? ` (${unitLabel(def, lang)})` : ''}`;

/**
 * Compare groups (two or more values of a breakdown column, e.g. urban vs rural sites):
 * grouped bars per area, the target as a rule. Rows come from `compute(…, { breakdown: [group] })`.
 * @example compareGroups(rows, employmentRate, 'site_type', { labels: { urban: { zh: '城镇', en: 'urban' }, rural: { zh: '农村', en: 'rural' } } })
 */
export function compareGroups(rows: readonly ResultRow[], def: IndicatorDefinition, group: string, options: GroupChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const { data, order } = groupRows(rows, def, group, options, lang);
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'area', type: 'nominal', sort: null, title: null, axis: { labelAngle: -45 } },
        xOffset: { field: 'group', type: 'nominal', sort: order },
        y: { field: 'value', type: 'quantitative', title: valueTitle(def, lang) },
        color: { field: 'group', type: 'nominal', sort: order, title: options.groupTitle ?? group },
        tooltip: [{ field: 'area' }, { field: 'group' }, { field: 'value', format: '.2f' }, { field: 'numerator' }, { field: 'denominator' }],
      },
    },
  ];
  if (def.target) layers.push({ mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: def.target.value * displayScale(def) } } });
  return { $schema: SCHEMA_URL, title: options.title ?? def.name[lang], width: options.width ?? 480, height: options.height ?? 220, data: { values: data }, layer: layers };
}

/**
 * A curve of one indicator over the ordered values of a breakdown column (e.g. months since
 * move-in), one line per area, the target as a rule.
 */
export function curveOverGroups(rows: readonly ResultRow[], def: IndicatorDefinition, group: string, options: GroupChartOptions = {}): VegaLiteSpec {
  const lang = options.lang ?? 'zh';
  const { data, order } = groupRows(rows, def, group, options, lang);
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'group', type: 'ordinal', sort: order, title: options.groupTitle ?? group, axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', title: valueTitle(def, lang) },
        color: { field: 'area', type: 'nominal', title: null },
        tooltip: [{ field: 'area' }, { field: 'group' }, { field: 'value', format: '.2f' }, { field: 'numerator' }, { field: 'denominator' }],
      },
    },
  ];
  if (def.target) layers.push({ mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { y: { datum: def.target.value * displayScale(def) } } });
  return { $schema: SCHEMA_URL, title: options.title ?? def.name[lang], width: options.width ?? 480, height: options.height ?? 220, data: { values: data }, layer: layers };
}
