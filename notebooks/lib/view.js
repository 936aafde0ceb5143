// Small views shared by the notebooks: findings, result tables that carry their numbers
// in data attributes (so they can be checked), and charts rendered with vega-embed.
import { countFindings, formatFinding, isUsable, LEVEL_TEXT, STATUS_TEXT } from "@houfu/core";
import vegaEmbed from "vega-embed";

const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A value as shown: percent with two decimals, ratios with two, counts as integers. */
export function formatValue(def, value) {
  if (value === null || value === undefined) return "—";
  if (def?.format === "percent") return `${(value * 100).toFixed(2)}%`;
  if (def?.format === "count") return String(Math.round(value));
  return value.toFixed(2);
}

/** Where the data came from and what validation found. */
export function dataSummary({ dataset, source }) {
  const el = document.createElement("div");
  el.className = "houfu-summary";
  const rows = Object.entries(dataset.tables).map(([t, tbl]) => `${t} ${tbl.numRows}`).join(" · ");
  const counts = ["error", "warning", "info"].map((s) => `${countFindings(dataset.findings, s)} ${s}`).join(", ");
  el.innerHTML = `<p>数据 · data: <b>${esc(source)}</b> — ${esc(rows)}</p>
    <p id="findings" data-usable="${isUsable(dataset)}">检查 · validation: ${esc(counts)}</p>
    <ul>${dataset.findings.filter((f) => f.severity !== "info").slice(0, 20).map((f) => `<li class="${f.severity}">${esc(formatFinding(f, "zh"))} · ${esc(formatFinding(f, "en"))}</li>`).join("")}</ul>`;
  return el;
}

/**
 * A table of result rows: one row per area (× breakdown), one column per indicator. Each
 * value cell carries data-indicator, data-level, data-area, data-numerator, data-denominator
 * and the row's breakdown values; the table carries the query it shows (`data-query`).
 */
export function resultTable(rows, defs, { id, query, breakdown = [], source = "compute", lang = "zh" }) {
  const keyOf = (r) => [r.level, r.area_code, r.period ?? "", ...breakdown.map((b) => r[b] ?? "")].join("|");
  const groups = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, { first: r, byId: new Map() });
    groups.get(k).byId.set(r.indicator_id, r);
  }
  const table = document.createElement("table");
  table.id = id;
  table.className = "houfu-results";
  table.dataset.source = source;
  table.dataset.query = JSON.stringify({ ...query, breakdown });
  const head = ["层级 · level", "地区 · area", ...breakdown, ...defs.map((d) => d.name[lang])];
  table.innerHTML = `<thead><tr>${head.map((h, i) => `<th${i >= 2 + breakdown.length ? ` title="${esc(defs[i - 2 - breakdown.length].name.en)}"` : ""}>${esc(h)}</th>`).join("")}</tr></thead>`;
  const body = document.createElement("tbody");
  for (const { first, byId } of groups.values()) {
    const tr = document.createElement("tr");
    const bd = Object.fromEntries(breakdown.map((b) => [b, first[b] ?? null]));
    const cells = defs.map((d) => {
      const r = byId.get(d.id);
      if (!r) return "<td></td>";
      return `<td class="${r.status}" data-indicator="${esc(d.id)}" data-level="${esc(r.level)}" data-area="${esc(r.area_code)}" data-period="${esc(r.period ?? "")}" data-breakdown="${esc(JSON.stringify(bd))}" data-numerator="${r.numerator}" data-denominator="${r.denominator}" title="${r.numerator} / ${r.denominator}">${esc(formatValue(d, r.value))}</td>`;
    });
    tr.innerHTML = `<td>${esc(LEVEL_TEXT[first.level]?.[lang] ?? first.level)}</td><td>${esc(first.area_name ?? first.area_code)}</td>${breakdown.map((b) => `<td>${esc(first[b] ?? "—")}</td>`).join("")}${cells.join("")}`;
    body.append(tr);
  }
  table.append(body);
  return table;
}

/** A chart: the Vega-Lite spec rendered to SVG with vega-embed. */
export async function chart(spec, id) {
  const div = document.createElement("div");
  div.className = "chart";
  div.dataset.chart = id;
  await vegaEmbed(div, spec, { renderer: "svg", actions: false });
  return div;
}

/** A plain table of objects (drill-down lists, SQL results). */
export function objectTable(objects, { id, columns = Object.keys(objects[0] ?? {}), limit = 50 } = {}) {
  const table = document.createElement("table");
  if (id) table.id = id;
  table.className = "houfu-list";
  table.dataset.rows = String(objects.length);
  table.innerHTML = `<thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>${objects
    .slice(0, limit)
    .map((o) => `<tr>${columns.map((c) => `<td>${esc(o[c])}</td>`).join("")}</tr>`)
    .join("")}</tbody>${objects.length > limit ? `<caption>${limit} / ${objects.length}</caption>` : ""}`;
  return table;
}

/** A scorecard: one row per result row (indicator × area), with target and status. Cells carry data attributes as in resultTable. */
export function scorecard(rows, defs, { id, query, lang = "zh" }) {
  const byId = new Map(defs.map((d) => [d.id, d]));
  const table = document.createElement("table");
  table.id = id;
  table.className = "houfu-results";
  table.dataset.source = "compute";
  table.dataset.query = JSON.stringify({ ...query, breakdown: [] });
  const fmtTarget = (d, t) => (t === null ? "—" : `${d.target?.direction === "at_most" ? "≤" : "≥"} ${formatValue(d, t)}`);
  table.innerHTML = `<thead><tr><th>指标 · indicator</th><th>地区 · area</th><th>值 · value</th><th>分子/分母 · num/den</th><th>目标 · target</th><th>状态 · status</th></tr></thead><tbody>${rows
    .filter((r) => byId.has(r.indicator_id))
    .map((r) => {
      const d = byId.get(r.indicator_id);
      return `<tr><td title="${esc(d.name.en)}">${esc(d.name[lang])}</td><td>${esc(r.area_name ?? r.area_code)}</td><td class="${r.status}" data-indicator="${esc(d.id)}" data-level="${esc(r.level)}" data-area="${esc(r.area_code)}" data-period="${esc(r.period ?? "")}" data-breakdown="{}" data-numerator="${r.numerator}" data-denominator="${r.denominator}">${esc(formatValue(d, r.value))}</td><td>${r.numerator} / ${r.denominator}</td><td>${esc(fmtTarget(d, r.target))}</td><td>${esc(STATUS_TEXT[r.status]?.[lang] ?? r.status)}</td></tr>`;
    })
    .join("")}</tbody>`;
  return table;
}

/** An element folded under a summary line (long tables). */
export function folded(summary, el) {
  const details = document.createElement("details");
  const s = document.createElement("summary");
  s.textContent = summary;
  details.append(s, el);
  return details;
}
