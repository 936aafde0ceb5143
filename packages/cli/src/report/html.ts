/**
 * The scorecard as one self-contained HTML page, laid out for a reader at 1280 px and up: tables
 * that fit, one chart per indicator sorted by value, the counties grouped by prefecture, titles and
 * legends in Chinese and English, no external requests.
 */
import type { IndicatorDefinition, ResultRow } from '@houfu/core';
import { STATUS_TEXT } from '@houfu/core';
import { family, type FamilyName } from '@houfu/indicators';
import { areaChart, shortName, STATUS_COLOR } from './charts.js';
import { FIELD_TEXT, formatTarget, formatValue, lastPeriod, NOT_COMPARED_TEXT, type ReportModel } from './model.js';
import { toSVG } from './svg.js';

/** Escape text for HTML. */
export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Family titles in Chinese and English. */
export const FAMILY_TITLE: Record<FamilyName, [string, string]> = {
  four_musts: ['四个必须', 'The four musts'],
  employment: ['培训和就业服务', 'Training and employment'],
  services: ['基本公共服务', 'Basic public services'],
  governance: ['社区治理', 'Community governance'],
  culture: ['文化服务', 'Cultural services'],
  party: ['基层党建', 'Party building'],
  structure: ['安置结构', 'Resettlement structure'],
};

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;padding:20px 24px;color:#222;max-width:1500px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px} h3{font-size:15px;margin:20px 0 6px}
p{max-width:70em}
.note{background:#fff4d6;border:1px solid #e6c34a;padding:8px 12px;margin:12px 0;font-size:14px}
.wrap{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;font-size:13px;margin:8px 0} th,td{border:1px solid #ddd;padding:3px 6px;text-align:right}
td{white-space:nowrap} th{background:#f3f3f3;font-weight:600;vertical-align:bottom}
td.l,th.l{text-align:left;white-space:normal} td.name{min-width:14em;max-width:22em}
td.met{background:#dcefd8} td.not_met{background:#f8dcd8} td.no_data,td.no_target{color:#555} td.no_data{background:#f1f1f1}
td.ok{color:#1a7f37;font-weight:600} td.diff{color:#b42318;font-weight:600} td.na{color:#666;background:#f4f4f4;text-align:center;font-style:italic}
small{color:#555}
.legend{font-size:13px;color:#333;margin:6px 0 10px} .legend span{margin-right:16px;white-space:nowrap}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.dash{display:inline-block;width:18px;border-top:2px dashed #222;margin-right:4px;vertical-align:3px} .grey{border-top:2px solid #888}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(370px,1fr));gap:12px 20px;align-items:start}
.chart{min-width:0} .chart svg{max-width:100%;height:auto;display:block}
table.counties td.v{min-width:6.5em} table.counties tr.pref th{text-align:left;background:#e9eef5}
.bar{display:inline-block;height:8px;background:#4c78a8;vertical-align:0;margin-left:4px}
`;

const prefName = (r: ResultRow | undefined): string => r?.area_name ?? r?.area_code ?? '';

function scorecard(m: ReportModel): string {
  const first = m.prefectures.get(m.definitions[0]?.id ?? '') ?? [];
  const prefCodes = [...new Set(first.map((r) => r.area_code))];
  const names = new Map([...m.prefectures.values()].flat().map((r) => [r.area_code, prefName(r)]));
  const head = `<tr><th class="l">指标<br><small>indicator</small></th><th>目标<br><small>target</small></th><th>全省<br><small>province</small></th>${prefCodes
    .map((c) => `<th title="${esc(names.get(c))} ${esc(c)}">${esc(shortName(names.get(c) ?? c))}</th>`)
    .join('')}</tr>`;
  const body = m.families
    .map((f) => {
      const defs = m.definitions.filter((d) => d.family === f);
      const rows = defs.map((d) => {
        const p = m.province.get(d.id);
        const byCode = new Map((m.prefectures.get(d.id) ?? []).map((r) => [r.area_code, r]));
        const cell = (r: ResultRow | undefined): string =>
          `<td class="${esc(r?.status ?? 'no_data')}" title="${esc(r ? `${r.numerator.toLocaleString('en-US')} / ${r.denominator.toLocaleString('en-US')}; 不详 unknown ${r.unknown}; ${STATUS_TEXT[r.status]?.zh ?? ''} ${STATUS_TEXT[r.status]?.en ?? r.status}` : '')}">${esc(formatValue(d, r?.value ?? null))}</td>`;
        return `<tr><td class="l name" data-indicator="${esc(d.id)}">${esc(d.name.zh)}<br><small>${esc(d.name.en)}</small></td><td>${esc(formatTarget(d))}</td>${cell(p)}${prefCodes.map((c) => cell(byCode.get(c))).join('')}</tr>`;
      });
      return `<tr><th class="l" colspan="${3 + prefCodes.length}">${esc(FAMILY_TITLE[f][0])} ${esc(FAMILY_TITLE[f][1])}</th></tr>${rows.join('')}`;
    })
    .join('');
  return `<div class="wrap"><table id="scorecard">${head}${body}</table></div>`;
}

function comparisons(m: ReportModel): string {
  if (!m.comparisons.length) return '';
  const fmt = (v: number, d: number): string => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const defs = new Map(m.definitions.map((d) => [d.id, d]));
  const rows = m.comparisons
    .map((c) => {
      const d = defs.get(c.figure.indicator);
      const what = FIELD_TEXT[c.figure.field];
      const from = `${esc(d?.name.zh ?? c.figure.indicator)}：${esc(what.zh)}<br><small>${esc(d?.name.en ?? '')}: ${esc(what.en)}</small>`;
      const cells =
        c.computed === null
          ? `<td class="na" colspan="2">${esc(NOT_COMPARED_TEXT[c.reason ?? 'missing'].zh)}<br><small>${esc(NOT_COMPARED_TEXT[c.reason ?? 'missing'].en)}</small></td>`
          : `<td class="computed">${fmt(c.computed, c.figure.decimals)}</td><td class="${c.difference === 0 ? 'ok' : 'diff'}">${c.difference === 0 ? '0 一致 equal' : fmt(c.difference ?? 0, c.figure.decimals)}</td>`;
      return `<tr data-figure="${esc(c.figure.id)}"><td class="l">${esc(c.figure.label.zh)}<br><small>${esc(c.figure.label.en)}</small></td><td>${fmt(c.figure.value, c.figure.decimals)}</td>${cells}<td class="l">${from}</td></tr>`;
    })
    .join('');
  const scaleNote =
    m.scale !== 1
      ? ` 数据规模为 ${m.scale}：人数、户数、个数只在规模 1 的数据上与公布数比较，百分比在任何规模下都比较。The data are at scale ${m.scale}: counts are compared with the published ones on data at scale 1 only; percentages at any scale.`
      : '';
  return `<h2>公布数与计算数 Published vs computed</h2>
<p>公布数来自贵州省发展改革委《统筹资源发挥合力 做好搬迁后扶工作》（中国改革报，2020-02-13）。Published figures: Guizhou DRC, China Reform Daily, 2020-02-13.${scaleNote}</p>
<div class="wrap"><table id="published"><tr><th class="l">公布项目<br><small>published figure</small></th><th>公布数<br><small>published</small></th><th>计算数<br><small>computed</small></th><th>差<br><small>difference</small></th><th class="l">对照的计算项<br><small>compared with</small></th></tr>${rows}</table></div>`;
}

const LEGEND = `<div class="legend"><span><i class="dot" style="background:${STATUS_COLOR.met}"></i>达标 met</span><span><i class="dot" style="background:${STATUS_COLOR.not_met}"></i>未达标 not met</span><span><i class="dot" style="background:${STATUS_COLOR.no_target}"></i>无目标 no target</span><span><i class="dash"></i>目标 target</span><span><i class="dash grey"></i>全省 province</span><span>按数值排序；横轴按数据范围和目标取值 · sorted by value; each axis spans the values and the target</span></div>`;

/** The four musts of every county, grouped by prefecture, worst first within each. */
function countyTable(m: ReportModel, current: (r: ResultRow) => boolean): string {
  const musts = family('four_musts');
  const rows = m.rows.filter((r) => r.level === 'county' && current(r) && musts.some((d) => d.id === r.indicator_id));
  if (!rows.length) return '';
  const at = new Map(rows.map((r) => [`${r.indicator_id}|${r.area_code}`, r]));
  const counties = [...new Map(rows.map((r) => [r.area_code, r.area_name ?? r.area_code])).entries()];
  const prefOf = (code: string): string => `${code.slice(0, 4)}00`;
  const prefNames = new Map([...m.prefectures.values()].flat().map((r) => [r.area_code, prefName(r)]));
  const key = musts[musts.length - 1]!; // all four musts
  const byPref = new Map<string, [string, string][]>();
  for (const c of counties) byPref.set(prefOf(c[0]), [...(byPref.get(prefOf(c[0])) ?? []), c]);
  const head = `<tr><th class="l">县（市、区）<br><small>county</small></th>${musts.map((d) => `<th class="l">${esc(d.name.zh)}<br><small>${esc(d.name.en)}</small></th>`).join('')}</tr>`;
  const body = [...byPref.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([p, cs]) => {
      const sorted = [...cs].sort((a, b) => (at.get(`${key.id}|${a[0]}`)?.value ?? -1) - (at.get(`${key.id}|${b[0]}`)?.value ?? -1));
      const lines = sorted.map(
        ([code, name]) =>
          `<tr data-county="${esc(code)}"><td class="l">${esc(name)} <small>${esc(code)}</small></td>${musts
            .map((d) => {
              const r = at.get(`${d.id}|${code}`);
              const v = r?.value ?? null;
              const bar = v === null || d.format !== 'percent' ? '' : `<i class="bar" style="width:${Math.max(2, Math.round(Math.min(1, Math.max(0, (v - 0.5) / 0.5)) * 60))}px;background:${STATUS_COLOR[r?.status ?? 'no_data']}"></i>`;
              return `<td class="v ${esc(r?.status ?? 'no_data')}">${esc(formatValue(d, v))}${bar}</td>`;
            })
            .join('')}</tr>`,
      );
      return `<tr class="pref"><th colspan="${1 + musts.length}">${esc(prefNames.get(p) ?? p)} ${esc(p)} · ${cs.length} 个县（市、区） counties</th></tr>${lines.join('')}`;
    })
    .join('');
  return `<h3>四个必须 — 按县（市、区），各市（州）内按“四个必须”全部达到比例从低到高 · The four musts by county, grouped by prefecture, lowest “all four” first</h3>
<p class="legend">条形从 50% 到 100% · bars run from 50% to 100%</p>
<div class="wrap"><table class="counties" id="counties">${head}${body}</table></div>`;
}

/** Render the report model as a self-contained HTML page. */
export async function reportHtml(m: ReportModel, meta: { title: string; synthetic: boolean; source: string }): Promise<string> {
  const last = lastPeriod(m.rows);
  const current = (r: ResultRow): boolean => r.period === null || r.period === last;
  const sections: string[] = [];
  for (const f of m.families) {
    const defs = family(f).filter((d: IndicatorDefinition) => m.definitions.includes(d));
    const charts: string[] = [];
    const empty: string[] = [];
    for (const d of defs) {
      const rows = m.rows.filter((r) => r.level === 'prefecture' && current(r) && r.indicator_id === d.id);
      const spec = areaChart(d, rows, { province: m.province.get(d.id)?.value ?? null });
      if (!spec) {
        empty.push(`${d.name.zh} ${d.name.en}`);
        continue;
      }
      charts.push(`<div class="chart" data-chart="${esc(d.id)}">${await toSVG(spec)}</div>`);
    }
    if (!charts.length && !empty.length) continue;
    sections.push(
      `<h3 data-family="${esc(f)}">${esc(FAMILY_TITLE[f][0])} ${esc(FAMILY_TITLE[f][1])} — 按市（州） by prefecture</h3>` +
        (charts.length ? `<div class="grid">${charts.join('\n')}</div>` : '') +
        (empty.length ? `<p class="nodata">无数据 No data: ${empty.map(esc).join('；')}</p>` : ''),
    );
  }
  const notice = meta.synthetic
    ? `<div class="note" id="synthetic"><b>合成数据 Synthetic data.</b> 本报告所用数据为按公开汇总数校准的合成数据，不是真实的个人记录。The data are synthetic, calibrated to published aggregates; they are not records of real people.</div>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(meta.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(meta.title)}</h1>
<p>易地扶贫搬迁后续扶持指标 · Post-relocation support indicators · 数据 data: <code>${esc(meta.source)}</code>${last ? ` · 月份 period ${esc(last)}` : ''}</p>
${notice}
<h2>指标总览 Scorecard</h2>
<p>单元格颜色：绿色达标，红色未达标，灰色无数据；悬停可见分子 / 分母。Green: met; red: not met; grey: no data. Hover for numerator / denominator.</p>
${scorecard(m)}
${comparisons(m)}
<h2>图表 Charts</h2>
${LEGEND}
${sections.join('\n')}
${countyTable(m, current)}
</body></html>
`;
}
