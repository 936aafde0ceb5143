// Small views shared by the notebooks: findings, result tables that carry their numbers
// in data attributes (so they can be checked), long tables in pages, and charts rendered
// with vega-embed.
import { countFindings, formatFinding, isUsable } from "@houfu/core";
import vegaEmbed from "vega-embed";
import { both, codeBoth, CODE_TEXT, FIELD_TEXT, fmtInt, formatValue } from "./labels.js";

export { formatValue } from "./labels.js";

/** Text escaped for HTML. */
export const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const CSS = `
.houfu-wrap { max-width: 100%; overflow-x: auto; margin: 0.5rem 0 1.25rem; }
.houfu-wrap > table { margin: 0; max-width: none; width: auto; min-width: 50%; font-variant-numeric: tabular-nums; }
.houfu-wrap th { vertical-align: bottom; }
.houfu-results td:nth-child(-n+2), .houfu-results th:nth-child(-n+2) { white-space: nowrap; }
.houfu-wrap th small, .houfu-wrap td small { display: block; font-weight: normal; color: var(--theme-foreground-muted); }
.houfu-wrap td[data-indicator], .houfu-wrap td.num { text-align: right; white-space: nowrap; }
.houfu-wrap td.not_met { color: #b2182b; }
.houfu-wrap td.met { color: #1a7837; }
.houfu-wrap caption { caption-side: bottom; text-align: left; color: var(--theme-foreground-muted); font: 12px var(--sans-serif); padding-top: 4px; }
.houfu-pager { display: flex; gap: 0.5rem; align-items: center; font: 13px var(--sans-serif); margin-top: 4px; }
.houfu-pager button { font: inherit; }
.houfu-summary p { margin: 0.25rem 0; }
.houfu-picker { font: 15px var(--sans-serif); margin: 0.5rem 0 1rem; }
.houfu-picker select { font: inherit; max-width: 100%; }
details > summary { cursor: pointer; font: 14px var(--sans-serif); margin: 0.5rem 0; }
.chart { max-width: 100%; margin: 0.5rem 0 1.5rem; }
nav.houfu-nav { font: 14px var(--sans-serif); margin-bottom: 1rem; }
`;

/** The notebooks' stylesheet, added to the page once. */
export function ensureStyle() {
  if (document.getElementById("houfu-style")) return;
  const style = document.createElement("style");
  style.id = "houfu-style";
  style.textContent = CSS;
  document.head.append(style);
}

const TABLE_TEXT = {
  sites: { zh: "安置点", en: "sites" },
  households: { zh: "户", en: "households" },
  persons: { zh: "人", en: "persons" },
  facilities: { zh: "设施", en: "facilities" },
  management_units: { zh: "管理单元", en: "management units" },
  activities: { zh: "活动", en: "activities" }
};

/** Where the data came from and what validation found. */
export function dataSummary({ dataset, source }) {
  ensureStyle();
  const el = document.createElement("div");
  el.className = "houfu-summary";
  const rows = Object.entries(dataset.tables).map(([t, tbl]) => `${TABLE_TEXT[t] ? both(TABLE_TEXT[t]) : t} ${fmtInt(tbl.numRows)}`).join(" | ");
  const sev = { error: "错误 error", warning: "警告 warning", info: "提示 info" };
  const counts = Object.entries(sev).map(([s, t]) => `${fmtInt(countFindings(dataset.findings, s))} ${t}`).join(", ");
  el.innerHTML = `<p>数据 · data: <b>${esc(source)}</b></p><p>${esc(rows)}</p>
    <p id="findings" data-usable="${isUsable(dataset)}">检查 · validation: ${esc(counts)}</p>
    <ul>${dataset.findings.filter((f) => f.severity !== "info").slice(0, 20).map((f) => `<li class="${f.severity}">${esc(formatFinding(f, "zh"))} · ${esc(formatFinding(f, "en"))}</li>`).join("")}</ul>`;
  return el;
}

const PAGER_TEXT = { prev: "‹ 上一页 · previous", next: "下一页 · next ›", all: "全部 · all", pages: "分页 · in pages" };

/**
 * A table in a scrolling wrapper; when it has more than `pageSize` body rows, a pager shows
 * them a page at a time (the other rows stay in the table, hidden).
 */
export function paged(table, pageSize = 25) {
  ensureStyle();
  const wrap = document.createElement("div");
  wrap.className = "houfu-wrap";
  wrap.append(table);
  const rows = Array.from(table.tBodies[0]?.rows ?? []);
  if (rows.length <= pageSize) return wrap;
  const pages = Math.ceil(rows.length / pageSize);
  const pager = document.createElement("div");
  pager.className = "houfu-pager";
  pager.innerHTML = `<button type="button" data-step="-1">${PAGER_TEXT.prev}</button><span></span><button type="button" data-step="1">${PAGER_TEXT.next}</button><button type="button" data-all="">${PAGER_TEXT.all}</button>`;
  const [prev, label, next, all] = pager.children;
  let page = 0;
  let showAll = false;
  const show = () => {
    rows.forEach((r, i) => (r.hidden = !showAll && Math.floor(i / pageSize) !== page));
    label.textContent = showAll
      ? `${fmtInt(rows.length)} 行 · rows`
      : `${fmtInt(page * pageSize + 1)}–${fmtInt(Math.min(rows.length, (page + 1) * pageSize))} / ${fmtInt(rows.length)} 行 · rows`;
    prev.disabled = showAll || page === 0;
    next.disabled = showAll || page === pages - 1;
    all.textContent = showAll ? PAGER_TEXT.pages : PAGER_TEXT.all;
  };
  pager.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.step) page = Math.min(pages - 1, Math.max(0, page + Number(b.dataset.step)));
    else showAll = !showAll;
    show();
  });
  show();
  wrap.append(pager);
  return wrap;
}

const header = (t) => `${esc(t.zh)}<small>${esc(t.en)}</small>`;
const fieldHead = (f) => (FIELD_TEXT[f] ? header(FIELD_TEXT[f]) : esc(f));
const numDen = (r) => `${fmtInt(r.numerator)} / ${fmtInt(r.denominator)}`;

/**
 * A table of result rows: one row per area (× breakdown), one column per indicator. Each
 * value cell carries data-indicator, data-level, data-area, data-numerator, data-denominator
 * and the row's breakdown values; the table carries the query it shows (`data-query`).
 * Breakdown values are shown with their labels, in the order given by `order[column]`.
 * Returns the table in a wrapper, paged when it has more than `pageSize` rows.
 */
export function resultTable(rows, defs, { id, query, breakdown = [], order = {}, source = "compute", pageSize = 25 }) {
  const keyOf = (r) => [r.level, r.area_code, r.period ?? "", ...breakdown.map((b) => r[b] ?? "")].join("|");
  const groups = new Map();
  const areaRank = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    const area = `${r.level}|${r.area_code}|${r.period ?? ""}`;
    if (!areaRank.has(area)) areaRank.set(area, areaRank.size);
    if (!groups.has(k)) groups.set(k, { first: r, rank: areaRank.get(area), byId: new Map() });
    groups.get(k).byId.set(r.indicator_id, r);
  }
  // Within an area, breakdown values in their given order (e.g. 0–5, 6–11, 12–23 months), else as computed.
  const rankIn = (b, v) => {
    const i = order[b]?.indexOf(v ?? null) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = [...groups.values()].map((g, i) => ({ ...g, i })).sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    for (const f of breakdown) {
      const d = rankIn(f, a.first[f]) - rankIn(f, b.first[f]);
      if (d) return d;
    }
    return a.i - b.i;
  });
  const table = document.createElement("table");
  table.id = id;
  table.className = "houfu-results";
  table.dataset.source = source;
  table.dataset.query = JSON.stringify({ ...query, breakdown });
  const heads = [header({ zh: "层级", en: "level" }), header({ zh: "地区", en: "area" }), ...breakdown.map(fieldHead), ...defs.map((d) => header(d.name))];
  table.innerHTML = `<thead><tr>${heads.map((h) => `<th>${h}</th>`).join("")}</tr></thead>`;
  const body = document.createElement("tbody");
  for (const { first, byId } of sorted) {
    const tr = document.createElement("tr");
    const bd = Object.fromEntries(breakdown.map((b) => [b, first[b] ?? null]));
    const cells = defs.map((d) => {
      const r = byId.get(d.id);
      if (!r) return "<td></td>";
      return `<td class="${r.status}" data-indicator="${esc(d.id)}" data-level="${esc(r.level)}" data-area="${esc(r.area_code)}" data-period="${esc(r.period ?? "")}" data-breakdown="${esc(JSON.stringify(bd))}" data-numerator="${r.numerator}" data-denominator="${r.denominator}" title="${esc(numDen(r))}">${esc(formatValue(d, r.value))}</td>`;
    });
    const level = CODE_TEXT.level[first.level]?.zh ?? first.level;
    tr.innerHTML = `<td>${esc(level)}</td><td>${esc(first.area_name ?? first.area_code)}</td>${breakdown.map((b) => `<td>${esc(codeBoth(b, first[b]))}</td>`).join("")}${cells.join("")}`;
    body.append(tr);
  }
  table.append(body);
  return paged(table, pageSize);
}

/** A chart: the Vega-Lite spec rendered to SVG with vega-embed. */
export async function chart(spec, id) {
  ensureStyle();
  const div = document.createElement("div");
  div.className = "chart";
  div.dataset.chart = id;
  await vegaEmbed(div, spec, { renderer: "svg", actions: false });
  return div;
}

/**
 * A plain table of objects (drill-down lists, SQL results), paged. Columns are field names
 * (headers from the notebooks' field texts) or `{ header: {zh, en}, value: (o) => text, num }`.
 */
export function objectTable(objects, { id, columns = Object.keys(objects[0] ?? {}), pageSize = 20 } = {}) {
  const cols = columns.map((c) => (typeof c === "string" ? { header: null, field: c, value: (o) => o[c] } : c));
  const table = document.createElement("table");
  if (id) table.id = id;
  table.className = "houfu-list";
  table.dataset.rows = String(objects.length);
  const head = (c) => (c.header ? header(c.header) : fieldHead(c.field));
  table.innerHTML = `<thead><tr>${cols.map((c) => `<th>${head(c)}</th>`).join("")}</tr></thead><tbody>${objects
    .map((o) => `<tr>${cols.map((c) => `<td${c.num ? ' class="num"' : ""}>${c.html ? c.html(o) : esc(c.value(o))}</td>`).join("")}</tr>`)
    .join("")}</tbody>`;
  if (!objects.length) table.createCaption().textContent = "无 · none";
  return paged(table, pageSize);
}

/** A scorecard: one row per result row (indicator × area), with target and status. Cells carry data attributes as in resultTable. */
export function scorecard(rows, defs, { id, query, pageSize = 40 }) {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const table = document.createElement("table");
  table.id = id;
  table.className = "houfu-results";
  table.dataset.source = "compute";
  table.dataset.query = JSON.stringify({ ...query, breakdown: [] });
  const fmtTarget = (d, t) => (t === null ? "—" : `${d.target?.direction === "at_most" ? "≤" : "≥"} ${formatValue(d, t)}`);
  const heads = [["指标", "indicator"], ["地区", "area"], ["值", "value"], ["分子 / 分母", "numerator / denominator"], ["目标", "target"], ["状态", "status"]];
  table.innerHTML = `<thead><tr>${heads.map(([zh, en]) => `<th>${header({ zh, en })}</th>`).join("")}</tr></thead><tbody>${rows
    .filter((r) => byId.has(r.indicator_id))
    .map((r) => {
      const d = byId.get(r.indicator_id);
      return `<tr><td>${esc(d.name.zh)}<small>${esc(d.name.en)}</small></td><td>${esc(r.area_name ?? r.area_code)}</td><td class="${r.status}" data-indicator="${esc(d.id)}" data-level="${esc(r.level)}" data-area="${esc(r.area_code)}" data-period="${esc(r.period ?? "")}" data-breakdown="{}" data-numerator="${r.numerator}" data-denominator="${r.denominator}">${esc(formatValue(d, r.value))}</td><td class="num">${esc(numDen(r))}</td><td class="num">${esc(fmtTarget(d, r.target))}</td><td class="${r.status}">${esc(codeBoth("status", r.status))}</td></tr>`;
    })
    .join("")}</tbody>`;
  return paged(table, pageSize);
}

/** An element folded under a summary line (long tables). */
export function folded(summary, el) {
  const details = document.createElement("details");
  const s = document.createElement("summary");
  s.textContent = summary;
  details.append(s, el);
  return details;
}

/** The pages of the notebooks, for the index and the links at the top of each page. */
export const NOTEBOOKS = [
  { file: "overview.html", zh: "总览", en: "Overview", about: { zh: "全省记分卡与各市州达标情况", en: "the provincial scorecard and the status of each prefecture" } },
  { file: "four-musts.html", zh: "四个必须", en: "The four musts", about: { zh: "各县覆盖情况与逐户清单", en: "coverage by county and the households that fail, and why" } },
  { file: "employment.html", zh: "就业", en: "Employment", about: { zh: "就业率、就业类型、搬迁后月数曲线", en: "rates, types of employment, the curve by months since move-in" } },
  { file: "services.html", zh: "公共服务", en: "Public services", about: { zh: "服务比率与未达标的安置点", en: "service ratios and the sites below target" } },
  { file: "sql.html", zh: "SQL 对照", en: "SQL (duckdb-wasm)", about: { zh: "手写 SQL 与 houfu 的结果对照", en: "indicators written in SQL beside houfu's numbers" } },
  { file: "dispatch.html", zh: "月度调度", en: "Monthly dispatch", about: { zh: "本月与上月对比：指标变化、县排名、动态清零、示范点、任务和问题", en: "a month against another: changes, counties ranked, 动态清零, demonstration sites, tasks and problems" } },
  { file: "evaluation.html", zh: "抽样评估", en: "Evaluation", about: { zh: "抽样调查的设计估计与标准误", en: "design-based estimates from a sample survey" } }
];

/** A line of links: the index, then every notebook (the current one in bold). */
export function nav(current) {
  ensureStyle();
  const el = document.createElement("nav");
  el.className = "houfu-nav";
  el.innerHTML = [`<a href="./index.html">目录 · index</a>`, ...NOTEBOOKS.map((n) => (n.file === current ? `<b>${esc(n.zh)}</b>` : `<a href="./${n.file}">${esc(n.zh)}</a>`))].join(" | ");
  return el;
}
