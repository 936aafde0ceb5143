// Vega-Lite specs for the notebooks, made to stay legible with the 88 counties of Guizhou:
// areas run down the page (one row each, names never rotated), sorted by value and grouped
// by prefecture; value axes are fitted to the data with the target inside; titles and
// legends in zh and en; heatmap cells print values with two decimals.
import { GUIZHOU_PREFECTURES, STATUS_TEXT } from "@houfu/core";
import { codeLabel, fmt2, fmtInt, prefectureOf, shortName } from "./labels.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
const STATUS = ["met", "not_met", "no_data", "no_target"];
const COLORS = ["#1a9850", "#d73027", "#bdbdbd", "#4575b4"];
const statusText = (s) => `${STATUS_TEXT[s]?.zh ?? s} · ${STATUS_TEXT[s]?.en ?? s}`;
const STEP = 16;
/** Row headers of prefecture panels: the name at the top left of its panel. */
const HEADER = { labelAngle: 0, labelAlign: "left", labelAnchor: "end", labelBaseline: "top", labelFontWeight: "bold", labelLimit: 110 };
const FONT = { labelFontSize: 11, titleFontSize: 12 };
const CONFIG = { axis: FONT, legend: { ...FONT, orient: "top", direction: "horizontal" }, header: { labelFontSize: 12 }, view: { stroke: null } };

/** Scale of a definition's values as shown: percent ×100. */
const scaleOf = (d) => (d?.format === "percent" ? 100 : 1);
const unitOf = (d) => (d?.format === "percent" ? "%" : d?.format === "per_10k" ? "每万人 per 10,000" : d?.format === "per_1k" ? "每千人 per 1,000" : "");
const title = (d, extra) => ({ text: `${d.name.zh} · ${d.name.en}`, ...(extra ? { subtitle: extra } : {}), anchor: "start", fontSize: 14 });
const valueTitle = (d) => (unitOf(d) ? `${d.name.zh} (${unitOf(d)})` : d.name.zh);
const statusColor = { field: "status_label", type: "nominal", title: "状态 · status", scale: { domain: STATUS.map(statusText), range: COLORS } };
const tooltip = [
  { field: "area", title: "地区 · area" },
  { field: "value", title: "值 · value", format: ",.2f" },
  { field: "numerator", title: "分子 · numerator", format: "," },
  { field: "denominator", title: "分母 · denominator", format: "," }
];

/** Prefecture names by code: from the result rows of prefecture level, else the division list. */
function parentNames(rows) {
  const names = new Map(Object.entries(GUIZHOU_PREFECTURES));
  for (const r of rows) if (r.level === "prefecture" && r.area_name) names.set(r.area_code, r.area_name);
  return names;
}

const DEPTH = ["province", "prefecture", "county", "site", "unit"];

/**
 * Result rows of one or more indicators as chart data (shown values, labels, the county's
 * prefecture), of the deepest level among the rows (prefecture rows name the counties' groups).
 */
function chartData(rows, defs, { deepest = false } = {}) {
  const parents = parentNames(rows);
  const byId = new Map(defs.map((d) => [d.id, d]));
  const depth = Math.max(-1, ...rows.map((r) => DEPTH.indexOf(r.level)));
  return rows
    .filter((r) => byId.has(r.indicator_id) && (!deepest || DEPTH.indexOf(r.level) === depth))
    .map((r) => {
      const d = byId.get(r.indicator_id);
      const s = scaleOf(d);
      const parent = r.level === "county" || r.level === "site" ? prefectureOf(r.county_code ?? r.area_code) : null;
      return {
        indicator: d.name.zh,
        indicator_en: d.name.en,
        area: shortName(r.area_name ?? r.area_code),
        area_full: r.area_name ?? r.area_code,
        area_code: r.area_code,
        parent: parent === null ? null : shortName(parents.get(parent) ?? parent),
        parent_code: parent,
        value: r.value === null ? null : r.value * s,
        shown: r.value === null ? "" : d.format === "count" ? fmtInt(Math.round(r.value)) : fmt2(r.value * s),
        ci_low: r.ci_low === null || r.ci_low === undefined ? null : r.ci_low * s,
        ci_high: r.ci_high === null || r.ci_high === undefined ? null : r.ci_high * s,
        target: r.target === null || r.target === undefined ? null : r.target * s,
        status: r.status,
        status_label: statusText(r.status),
        numerator: r.numerator,
        denominator: r.denominator,
        row: r
      };
    });
}

/** A value domain fitted to the data and the target, padded; percent stays within 0–100. */
function fitted(values, def) {
  const v = values.filter((x) => x !== null && Number.isFinite(x));
  if (def.target) v.push(def.target.value * scaleOf(def));
  if (!v.length) return undefined;
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  const pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.01, 0.5);
  lo -= pad;
  hi += pad;
  if (Math.min(...v) >= 0) lo = Math.max(0, lo);
  if (def.format === "percent") hi = Math.min(100, hi);
  return [lo, hi];
}

/** The layers of a dot chart: an interval (if any), a dot per area with its value beside it, the target rule. */
function dotLayers(def, domain, { interval = false } = {}) {
  const x = { field: "value", type: "quantitative", title: valueTitle(def), scale: { domain, zero: false, nice: false }, axis: { format: ",.2~f", grid: true } };
  const layers = [];
  if (interval) layers.push({ mark: { type: "rule", color: "#888" }, encoding: { x: { field: "ci_low", type: "quantitative" }, x2: { field: "ci_high" } } });
  layers.push(
    { mark: { type: "point", filled: true, size: 70, opacity: 1 }, encoding: { x, color: statusColor, tooltip } },
    { mark: { type: "text", align: "left", dx: 7, fontSize: 10, color: "#333" }, encoding: { x: { field: "value", type: "quantitative" }, text: { field: "shown" } } }
  );
  if (def.target) layers.push({ mark: { type: "rule", color: "#333", strokeDash: [4, 3] }, encoding: { x: { datum: def.target.value * scaleOf(def) } } });
  return layers;
}

/**
 * One indicator by area as dots sorted by value, the target as a dashed rule. Counties (or
 * sites) are grouped by prefecture, one panel each; other levels in one panel.
 */
export function dotsByArea(rows, def, { width = 640, subtitle, interval = false } = {}) {
  const data = chartData(rows, [def], { deepest: true }).filter((d) => d.value !== null || !interval);
  const domain = fitted(data.flatMap((d) => [d.value, d.ci_low, d.ci_high]), def);
  const grouped = data.some((d) => d.parent !== null);
  const y = { field: "area", type: "nominal", sort: { field: "value", order: "descending" }, title: null, axis: { labelLimit: 110 } };
  const plotWidth = Math.max(240, Math.min(640, width - (grouped ? 250 : 170)));
  const layers = dotLayers(def, domain, { interval }).map((l) => (l.encoding.x.datum === undefined ? { ...l, encoding: { y, ...l.encoding } } : l));
  const base = { $schema: SCHEMA, title: title(def, subtitle), data: { values: data }, config: CONFIG };
  if (!grouped) return { ...base, width: plotWidth, height: { step: STEP + 4 }, layer: layers };
  return {
    ...base,
    facet: { row: { field: "parent", type: "nominal", title: null, sort: { field: "parent_code", op: "min" }, header: HEADER } },
    spec: { width: plotWidth, height: { step: STEP }, layer: layers },
    resolve: { scale: { y: "independent" } },
    spacing: 6
  };
}

/**
 * Status of several indicators by area, the value (two decimals) in each cell. Few areas:
 * indicators down, areas across; many areas (counties): areas down in prefecture panels,
 * indicators across.
 */
export function heatmap(rows, defs, { width = 640, title: text = "达标情况 · Status against targets" } = {}) {
  const data = chartData(rows, defs, { deepest: true });
  const areas = new Set(data.map((d) => d.area_code)).size;
  const names = defs.map((d) => d.name.zh);
  const rect = { mark: { type: "rect", stroke: "white", strokeWidth: 1 }, encoding: { color: statusColor, tooltip: [{ field: "area_full", title: "地区 · area" }, { field: "indicator", title: "指标 · indicator" }, ...tooltip.slice(1)] } };
  const text2 = {
    mark: { type: "text", fontSize: 10 },
    transform: [{ filter: "datum.value != null" }],
    encoding: { text: { field: "shown" }, color: { condition: { test: "datum.status === 'no_data'", value: "#222" }, value: "white" } }
  };
  const base = { $schema: SCHEMA, title: { text, anchor: "start", fontSize: 14 }, data: { values: data }, config: CONFIG };
  if (areas <= 14) {
    const step = Math.max(56, Math.min(110, Math.floor((width - 300) / Math.max(1, areas))));
    const x = { field: "area", type: "nominal", sort: { field: "area_code" }, title: null, axis: { orient: "top", labelAngle: 0, labelLimit: step - 6 } };
    const y = { field: "indicator", type: "nominal", sort: names, title: null, axis: { labelLimit: 260 } };
    return { ...base, width: { step }, height: { step: 20 }, encoding: { x, y }, layer: [rect, text2] };
  }
  const x = { field: "indicator", type: "nominal", sort: names, title: null, axis: { orient: "top", labelAngle: -35, labelAlign: "left", labelLimit: 200 } };
  const y = { field: "area", type: "nominal", sort: { field: "area_code" }, title: null, axis: { labelLimit: 110 } };
  return {
    ...base,
    facet: { row: { field: "parent", type: "nominal", title: null, sort: { field: "parent_code", op: "min" }, header: HEADER } },
    spec: { width: { step: 64 }, height: { step: STEP }, encoding: { x, y }, layer: [rect, text2] },
    resolve: { scale: { y: "independent" } },
    spacing: 4
  };
}

/**
 * One indicator by area and by the values of a breakdown column (e.g. urban and rural sites):
 * a dot per group on each area's row, joined by a line, the target as a rule.
 */
export function groupDots(rows, def, group, { width = 640, order = [] } = {}) {
  const sel = rows.filter((r) => r.indicator_id === def.id);
  const data = chartData(sel, [def]).map((d) => ({ ...d, group: `${codeLabel(group, d.row[group], "zh")} · ${codeLabel(group, d.row[group], "en")}`, rank: order.indexOf(d.row[group]) }));
  const groups = [...new Set(data.sort((a, b) => a.rank - b.rank).map((d) => d.group))];
  const domain = fitted(data.map((d) => d.value), def);
  const y = { field: "area", type: "nominal", sort: { field: "area_code" }, title: null, axis: { labelLimit: 120 } };
  const x = { field: "value", type: "quantitative", title: valueTitle(def), scale: { domain, zero: false, nice: false }, axis: { format: ",.2~f" } };
  const layers = [
    { mark: { type: "line", color: "#bbb" }, encoding: { y, x, detail: { field: "area" } } },
    { mark: { type: "point", filled: true, size: 80, opacity: 1 }, encoding: { y, x, color: { field: "group", type: "nominal", sort: groups, title: null, scale: { scheme: "tableau10" } }, shape: { field: "group", type: "nominal", sort: groups, title: null }, tooltip: [...tooltip, { field: "group", title: "组 · group" }] } }
  ];
  if (def.target) layers.push({ mark: { type: "rule", color: "#333", strokeDash: [4, 3] }, encoding: { x: { datum: def.target.value * scaleOf(def) } } });
  return { $schema: SCHEMA, title: title(def), width: Math.max(240, Math.min(640, width - 180)), height: { step: STEP + 6 }, data: { values: data }, layer: layers, config: CONFIG };
}

/** Counts by the values of a breakdown column as horizontal bars from zero, the count beside each bar. */
export function groupBars(rows, def, group, { width = 640, order = [] } = {}) {
  const sel = rows.filter((r) => r.indicator_id === def.id);
  const data = chartData(sel, [def]).map((d) => ({ ...d, group: `${codeLabel(group, d.row[group], "zh")} · ${codeLabel(group, d.row[group], "en")}`, rank: order.indexOf(d.row[group]) }));
  const groups = [...new Set(data.sort((a, b) => a.rank - b.rank).map((d) => d.group))];
  const y = { field: "group", type: "nominal", sort: groups, title: null, axis: { labelLimit: 220 } };
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  const x = { field: "value", type: "quantitative", title: valueTitle(def), scale: { domain: [0, max * 1.15 || 1] }, axis: { format: ",.0f", tickMinStep: 1 } };
  return {
    $schema: SCHEMA,
    title: title(def),
    width: Math.max(240, Math.min(560, width - 260)),
    height: { step: 24 },
    data: { values: data },
    layer: [
      { mark: { type: "bar", color: "#4575b4" }, encoding: { y, x, tooltip } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { y, x, text: { field: "shown" } } }
    ],
    config: CONFIG
  };
}

/** One indicator over the ordered values of a breakdown column (e.g. months since move-in), one line per area. */
export function curve(rows, def, group, { width = 640, order = [], groupTitle } = {}) {
  const sel = rows.filter((r) => r.indicator_id === def.id && r[group] !== null);
  const data = chartData(sel, [def]).map((d) => ({ ...d, group: String(d.row[group]) }));
  const domain = fitted(data.map((d) => d.value), def);
  const x = { field: "group", type: "ordinal", sort: order, title: groupTitle ?? group, axis: { labelAngle: 0 } };
  const y = { field: "value", type: "quantitative", title: valueTitle(def), scale: { domain, zero: false, nice: false } };
  const layers = [
    { mark: { type: "line", point: { size: 60, filled: true } }, encoding: { x, y, color: { field: "area", type: "nominal", title: null }, tooltip: [...tooltip, { field: "group", title: groupTitle ?? group }] } },
    { mark: { type: "text", dy: -10, fontSize: 10 }, encoding: { x, y, text: { field: "shown" } } }
  ];
  if (def.target) layers.push({ mark: { type: "rule", color: "#333", strokeDash: [4, 3] }, encoding: { y: { datum: def.target.value * scaleOf(def) } } });
  return { $schema: SCHEMA, title: title(def), width: Math.max(240, Math.min(640, width - 120)), height: 240, data: { values: data }, layer: layers, config: CONFIG };
}

/**
 * Several indicators by area, one dot chart each, two to a row. Indicators without any value
 * (no data anywhere) get no panel: `panels(…).usermeta.empty` lists them.
 */
export function panels(rows, defs, { width = 640 } = {}) {
  const each = Math.floor(width / 2) - 16;
  const has = (d) => rows.some((r) => r.indicator_id === d.id && r.value !== null);
  const specs = defs.filter(has).map((d) => {
    const { $schema, config, ...s } = dotsByArea(rows, d, { width: each });
    return { ...s, width: Math.max(160, each - 150), title: { text: d.name.zh, subtitle: d.name.en, anchor: "start", fontSize: 13, limit: each } };
  });
  return { $schema: SCHEMA, columns: 2, concat: specs, spacing: 24, config: CONFIG, usermeta: { empty: defs.filter((d) => !has(d)).map((d) => d.id) } };
}

/** Two computations of one indicator by area against each other: a point per area, the line of equality. */
export function agreement(rowsX, rowsY, def, { width = 640, xTitle, yTitle } = {}) {
  const ys = new Map(chartData(rowsY, [def]).map((d) => [d.area_code, d]));
  const data = chartData(rowsX, [def]).map((d) => ({ ...d, x: d.value, y: ys.get(d.area_code)?.value ?? null })).filter((d) => d.x !== null && d.y !== null);
  const domain = fitted(data.flatMap((d) => [d.x, d.y]), { ...def, target: null });
  const side = Math.max(240, Math.min(420, width - 120));
  const scale = { domain, zero: false, nice: false };
  return {
    $schema: SCHEMA,
    title: title(def, `${data.length} 个地区 · areas`),
    width: side,
    height: side,
    layer: [
      { data: { values: domain ? [{ x: domain[0], y: domain[0] }, { x: domain[1], y: domain[1] }] : [] }, mark: { type: "line", color: "#999", strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative", scale }, y: { field: "y", type: "quantitative", scale } } },
      { data: { values: data }, mark: { type: "point", filled: true, size: 50, opacity: 0.7 }, encoding: { x: { field: "x", type: "quantitative", title: xTitle, scale }, y: { field: "y", type: "quantitative", title: yTitle, scale }, tooltip: [{ field: "area_full", title: "地区 · area" }, { field: "x", title: xTitle, format: ",.4f" }, { field: "y", title: yTitle, format: ",.4f" }] } }
    ],
    config: CONFIG
  };
}
