/** The scorecard as one self-contained HTML page: tables and inline SVG charts, no external requests. */
import type { IndicatorDefinition, ResultRow } from '@houfu/core';
import { STATUS_TEXT } from '@houfu/core';
import { familyPanels, statusHeatmap } from '@houfu/core/charts';
import { family, type FamilyName } from '@houfu/indicators';
import { formatTarget, formatValue, lastPeriod, type ReportModel } from './model.js';
import { toSVG } from './svg.js';

/** Escape text for HTML. */
export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const FAMILY_TITLE: Record<FamilyName, [string, string]> = {
  four_musts: ['四个必须', 'The four musts'],
  employment: ['培训和就业服务', 'Training and employment'],
  services: ['基本公共服务', 'Basic public services'],
  governance: ['社区治理', 'Community governance'],
  culture: ['文化服务', 'Cultural services'],
  party: ['基层党建', 'Party building'],
  structure: ['安置结构', 'Resettlement structure'],
  measures: ['六项措施', 'The six measures'],
};

const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:22px;margin-bottom:4px} h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
.note{background:#fff4d6;border:1px solid #e6c34a;padding:8px 12px;margin:12px 0;font-size:14px}
table{border-collapse:collapse;font-size:13px;margin:8px 0} th,td{border:1px solid #ddd;padding:3px 6px;text-align:right;white-space:nowrap}
th{background:#f3f3f3} td.l,th.l{text-align:left}
td.met{background:#d9f0d3} td.not_met{background:#f8d0cc} td.no_data{background:#eee;color:#888}
td.ok{color:#1a7f37;font-weight:600} td.diff{color:#b42318;font-weight:600}
.chart{margin:12px 0} .chart svg{max-width:100%;height:auto}
`;

function scorecard(m: ReportModel): string {
  const prefCodes = [...new Set((m.prefectures.get(m.definitions[0]?.id ?? '') ?? []).map((r) => r.area_code))];
  const prefName = new Map([...m.prefectures.values()].flat().map((r) => [r.area_code, r.area_name ?? r.area_code]));
  const head = `<tr><th class="l">指标 indicator</th><th>目标 target</th><th>全省 province</th>${prefCodes.map((c) => `<th>${esc(prefName.get(c))}</th>`).join('')}</tr>`;
  const body = m.families
    .map((f) => {
      const defs = m.definitions.filter((d) => d.family === f);
      const rows = defs.map((d) => {
        const p = m.province.get(d.id);
        const byCode = new Map((m.prefectures.get(d.id) ?? []).map((r) => [r.area_code, r]));
        const cell = (r: ResultRow | undefined): string =>
          `<td class="${esc(r?.status ?? 'no_data')}" title="${esc(r ? `${r.numerator} / ${r.denominator}; unknown ${r.unknown}; ${STATUS_TEXT[r.status]?.en ?? r.status}` : '')}">${esc(formatValue(d, r?.value ?? null))}</td>`;
        return `<tr><td class="l" data-indicator="${esc(d.id)}">${esc(d.name.zh)}<br><small>${esc(d.name.en)} · <code>${esc(d.id)}</code></small></td><td>${esc(formatTarget(d))}</td>${cell(p)}${prefCodes.map((c) => cell(byCode.get(c))).join('')}</tr>`;
      });
      return `<tr><th class="l" colspan="${3 + prefCodes.length}">${esc(FAMILY_TITLE[f][0])} ${esc(FAMILY_TITLE[f][1])}</th></tr>${rows.join('')}`;
    })
    .join('');
  return `<table id="scorecard">${head}${body}</table>`;
}

function comparisons(m: ReportModel): string {
  if (!m.comparisons.length) return '';
  const fmt = (v: number | null, d: number): string => (v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const rows = m.comparisons
    .map(
      (c) =>
        `<tr data-figure="${esc(c.figure.id)}"><td class="l">${esc(c.figure.label.zh)}<br><small>${esc(c.figure.label.en)}</small></td><td>${fmt(c.figure.value, c.figure.decimals)}</td><td class="computed">${fmt(c.computed, c.figure.decimals)}</td><td class="${c.difference === 0 ? 'ok' : 'diff'}">${fmt(c.difference, c.figure.decimals)}</td><td class="l"><code>${esc(c.figure.indicator)}</code> ${esc(c.figure.field)}</td></tr>`,
    )
    .join('');
  return `<h2>公布数与计算数 Published vs computed</h2>
<p>公布数来自贵州省发展改革委《统筹资源发挥合力 做好搬迁后扶工作》（中国改革报，2020-02-13）。Published figures: Guizhou DRC, China Reform Daily, 2020-02-13.${m.scale !== 1 ? ` 数据规模为 ${m.scale}，计数只在规模 1 时比较。The data are at scale ${m.scale}: counts are compared at scale 1 only.` : ''}</p>
<table id="published"><tr><th class="l">项目 figure</th><th>公布 published</th><th>计算 computed</th><th>差 difference</th><th class="l">computed from</th></tr>${rows}</table>`;
}

/** Render the report model as a self-contained HTML page. */
export async function reportHtml(m: ReportModel, meta: { title: string; synthetic: boolean; source: string }): Promise<string> {
  const last = lastPeriod(m.rows);
  const current = (r: ResultRow): boolean => r.period === null || r.period === last;
  const charts: string[] = [];
  for (const f of m.families) {
    const defs = family(f).filter((d: IndicatorDefinition) => m.definitions.includes(d));
    const rows = m.rows.filter((r) => r.level === 'prefecture' && current(r));
    const svg = await toSVG(familyPanels(rows, defs, { lang: 'zh', title: `${FAMILY_TITLE[f][0]} ${FAMILY_TITLE[f][1]} — 按市（州） by prefecture` }));
    charts.push(`<div class="chart" data-chart="${esc(f)}">${svg}</div>`);
  }
  const musts = family('four_musts');
  const countyRows = m.rows.filter((r) => r.level === 'county' && current(r) && musts.some((d) => d.id === r.indicator_id));
  if (countyRows.length)
    charts.push(
      `<div class="chart" data-chart="four_musts_by_county">${await toSVG(statusHeatmap(countyRows, musts, { lang: 'zh', title: '四个必须 — 按县（市、区） The four musts by county (%)' }))}</div>`,
    );
  const notice = meta.synthetic
    ? `<div class="note" id="synthetic"><b>合成数据 Synthetic data.</b> 本报告所用数据为按公开汇总数校准的合成数据，不是真实的个人记录。The data are synthetic, calibrated to published aggregates; they are not records of real people.</div>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(meta.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(meta.title)}</h1>
<p>易地扶贫搬迁后续扶持指标 · Post-relocation support indicators · data: <code>${esc(meta.source)}</code>${last ? ` · period ${esc(last)}` : ''}</p>
${notice}
<h2>指标总览 Scorecard</h2>
<p>单元格颜色：绿色达标，红色未达标，灰色无数据；悬停可见分子/分母。Green: met; red: not met; grey: no data. Hover for numerator / denominator.</p>
${scorecard(m)}
${comparisons(m)}
<h2>图表 Charts</h2>
${charts.join('\n')}
</body></html>
`;
}
