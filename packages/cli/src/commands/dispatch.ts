/**
 * `houfu dispatch --data DIR --period YYYY-MM [--previous YYYY-MM]`: the monthly dispatch
 * (每月一次调度) — every indicator by province, prefecture and county against the month
 * before, counties ranked, sites that fell below or newly met target, households newly
 * failing and cleared, demonstration sites against the rest, open tasks and problems. In
 * the terminal, as JSON, as a self-contained HTML page, or as an Excel workbook.
 */
import { writeFile } from 'node:fs/promises';
import { dispatch, type Dispatch, type IndicatorDefinition } from '@houfu/core';
import { catalog, resolveIndicators } from '@houfu/indicators';
import { loadFromArgs, need, oneOf, textTable, UsageError, type Io } from '../common.js';
import { DATA, ENCODING, MAPPING, type CommandSpec } from '../spec.js';
import { workbook } from '../format/xlsx.js';
import { dispatchSheets } from './dispatch-xlsx.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Run the monthly dispatch. */
export async function dispatchCommand(values: Record<string, unknown>, io: Io): Promise<number> {
  const period = need(values, 'period');
  if (!PERIOD.test(period)) throw new UsageError(`--period must be YYYY-MM (got ${period})`);
  const previous = typeof values['previous'] === 'string' ? values['previous'] : undefined;
  if (previous !== undefined && !PERIOD.test(previous)) throw new UsageError(`--previous must be YYYY-MM (got ${previous})`);
  const format = oneOf(values['format'], ['text', 'json', 'html', 'xlsx'] as const, 'format', 'text');
  if (format === 'xlsx' && typeof values['out'] !== 'string') throw new UsageError({ zh: '--format xlsx 需要 --out FILE.xlsx', en: '--format xlsx needs --out FILE.xlsx' });
  let defs: readonly IndicatorDefinition[] = catalog;
  if (typeof values['indicators'] === 'string') {
    try {
      defs = resolveIndicators(values['indicators']);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  need(values, 'data');
  const ds = await loadFromArgs(values, io);
  const d = await dispatch(ds, defs, previous === undefined ? { period } : { period, previous });
  const text = format === 'xlsx' ? await workbook(dispatchSheets(d, defs)) : format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : format === 'html' ? dispatchHtml(d, defs) : dispatchText(d, defs);
  if (typeof values['out'] === 'string') {
    await writeFile(values['out'], text);
    io.err(`wrote ${values['out']}\n`);
  } else io.out(text);
  return 0;
}

const pct = (def: IndicatorDefinition | undefined, v: number | null): string =>
  v === null ? '—' : def?.format === 'percent' ? `${(v * 100).toFixed(2)}%` : def?.format === 'count' ? String(Math.round(v)) : v.toFixed(2);

/** The dispatch as terminal text. */
export function dispatchText(d: Dispatch, defs: readonly IndicatorDefinition[]): string {
  const byId = new Map(defs.map((x) => [x.id, x]));
  const name = (id: string) => byId.get(id)?.name.zh ?? id;
  const out: string[] = [`月度调度 Monthly dispatch ${d.period}（对比 against ${d.previous}）`, ''];
  const rows = d.changes.map((c) => [name(c.indicator_id), c.level, c.area_name ?? c.area_code, pct(byId.get(c.indicator_id), c.previous), pct(byId.get(c.indicator_id), c.value), c.movement]);
  out.push(textTable(['指标 indicator', 'level', '地区 area', d.previous, d.period, 'movement'], rows, new Set([3, 4])), '');
  const some = (xs: readonly string[], n = 10): string => (xs.length > n ? `${xs.slice(0, n).join(', ')}, … (+${xs.length - n})` : xs.join(', ') || '—');
  for (const r of d.rankings) {
    // the best three and the last three (the full list is in --format json)
    const shown = r.counties.length > 6 ? [...r.counties.slice(0, 3), null, ...r.counties.slice(-3)] : r.counties;
    const list = shown.map((c) => c === null ? '…' : `${c.rank ?? '—'}. ${c.area_name ?? c.area_code} ${pct(byId.get(r.indicator_id), c.value)}${c.previous_rank !== null && c.rank !== null && c.previous_rank !== c.rank ? ` (${c.previous_rank}→${c.rank})` : ''}`);
    out.push(`县排名 counties ranked — ${name(r.indicator_id)}: ${list.join('; ')}`);
  }
  const sites = (label: string, xs: Dispatch['sites']['fell_below']) =>
    out.push(`${label} (${xs.length}): ${some(xs.map((s) => `${s.site_name ?? s.site_id} (${name(s.indicator_id)})`))}`);
  out.push('');
  sites('降至目标以下的安置点 sites fell below target', d.sites.fell_below);
  sites('新达标的安置点 sites newly met target', d.sites.newly_met);
  out.push('');
  for (const h of d.households)
    out.push(
      `${name(h.indicator_id)}: 新增未达标 newly failing ${h.newly_failing.length} (${some(h.newly_failing)}); 清零 cleared ${h.cleared.length} (${some(h.cleared)}); 迁出 moved out ${h.left.length}; 未达标 failing ${h.failing}`,
    );
  out.push('');
  const demo = d.demonstration.filter((x) => x.demo !== null || x.rest !== null).map((x) => [name(x.indicator_id), pct(byId.get(x.indicator_id), x.demo), pct(byId.get(x.indicator_id), x.rest)]);
  if (demo.length) out.push(textTable(['示范点对比 demonstration', '示范点 demo', '其他 rest'], demo, new Set([1, 2])), '');
  const t = d.open.tasks;
  const p = d.open.problems;
  out.push(`任务 tasks (as of ${d.open.asOf}): ${t.completed}/${t.total} completed, ${t.overdue} overdue`);
  for (const x of t.byDepartment.filter((x) => x.overdue > 0)) out.push(`  ${x.department}: ${x.overdue} overdue of ${x.tasks}`);
  out.push(`问题 problems: ${p.rectified}/${p.problems} rectified, ${p.overdue} overdue`);
  for (const x of p.byCounty.filter((x) => x.overdue > 0)) out.push(`  ${x.county_code}: ${x.overdue} overdue of ${x.problems}`);
  return `${out.join('\n')}\n`;
}

const esc = (x: string): string => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/** The dispatch as a self-contained HTML page (every list in full). */
export function dispatchHtml(d: Dispatch, defs: readonly IndicatorDefinition[]): string {
  const byId = new Map(defs.map((x) => [x.id, x]));
  const name = (id: string) => byId.get(id)?.name.zh ?? id;
  const v = (id: string, x: number | null) => pct(byId.get(id), x);
  const parts = [
    `<h1>月度调度 Monthly dispatch ${esc(d.period)} <small>对比 against ${esc(d.previous)}</small></h1>`,
    '<h2>指标变化 Indicators</h2>',
    table(['指标 indicator', 'level', '地区 area', d.previous, d.period, 'movement'], d.changes.map((c) => [name(c.indicator_id), c.level, c.area_name ?? c.area_code, v(c.indicator_id, c.previous), v(c.indicator_id, c.value), c.movement])),
    '<h2>县排名 Counties ranked</h2>',
    ...d.rankings.map((r) => `<h3>${esc(name(r.indicator_id))}</h3>${table(['rank', '县 county', d.period, `rank ${d.previous}`], r.counties.map((c) => [String(c.rank ?? '—'), c.area_name ?? c.area_code, v(r.indicator_id, c.value), String(c.previous_rank ?? '—')]))}`),
    '<h2>安置点 Sites</h2>',
    table(['', '指标 indicator', '安置点 site', d.previous, d.period], [
      ...d.sites.fell_below.map((s) => ['降至目标以下 fell below', name(s.indicator_id), s.site_name ?? s.site_id, v(s.indicator_id, s.previous), v(s.indicator_id, s.value)]),
      ...d.sites.newly_met.map((s) => ['新达标 newly met', name(s.indicator_id), s.site_name ?? s.site_id, v(s.indicator_id, s.previous), v(s.indicator_id, s.value)]),
    ]),
    '<h2>动态清零 Households</h2>',
    table(['指标 indicator', '新增未达标 newly failing', '清零 cleared', '迁出 moved out', '未达标 failing'], d.households.map((h) => [name(h.indicator_id), h.newly_failing.join(', '), h.cleared.join(', '), h.left.join(', '), String(h.failing)])),
    '<h2>示范点对比 Demonstration sites</h2>',
    table(['指标 indicator', '示范点 demo', '其他 rest'], d.demonstration.map((x) => [name(x.indicator_id), v(x.indicator_id, x.demo), v(x.indicator_id, x.rest)])),
    `<h2>任务与问题 Tasks and problems <small>as of ${esc(d.open.asOf)}</small></h2>`,
    table(['部门 department', 'tasks', 'completed', 'overdue', 'late'], d.open.tasks.byDepartment.map((x) => [x.department, String(x.tasks), String(x.completed), String(x.overdue), String(x.late)])),
    table(['县 county', 'problems', 'rectified', 'overdue'], d.open.problems.byCounty.map((x) => [x.county_code, String(x.problems), String(x.rectified), String(x.overdue)])),
  ];
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>月度调度 ${esc(d.period)}</title><style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;font-size:13px;vertical-align:top}th{background:#f4f4f4}</style></head><body>${parts.join('\n')}</body></html>\n`;
}

/** The declaration of `houfu dispatch`. */
export const spec: CommandSpec = {
  name: 'dispatch',
  summary: { zh: '月度调度：本月与上月对比的全部指标、县排名、安置点与家庭变化、示范点、未完成任务和问题', en: 'the monthly dispatch: every indicator against last month, counties ranked, sites and households that changed, demonstration sites, open tasks and problems' },
  usage: ['--data DIR --period YYYY-MM [--previous YYYY-MM] [--indicators ID[,ID|FAMILY…]] [--format text|json|html|xlsx] [--out FILE]'],
  options: [
    DATA,
    { name: 'period', type: 'string', arg: 'YYYY-MM', description: { zh: '调度的月份', en: 'the month of the dispatch' } },
    { name: 'previous', type: 'string', arg: 'YYYY-MM', description: { zh: '对比的月份（默认上一个月）', en: 'the month compared with (default: the month before)' } },
    { name: 'indicators', type: 'string', arg: 'ID', description: { zh: '指标编号或指标族（默认全部）', en: 'indicator ids or families (default: the whole catalog)' } },
    { name: 'format', type: 'string', arg: 'FMT', choices: ['text', 'json', 'html', 'xlsx'], default: 'text', description: { zh: 'text 终端，json 全部数据，html 网页，xlsx 工作簿（需 --out）', en: 'text for the terminal, json with every list, html as a page, xlsx as a workbook (needs --out)' } },
    { name: 'out', type: 'string', arg: 'FILE', description: { zh: '写入文件而不是标准输出', en: 'write to a file instead of standard output' } },
    MAPPING,
    ENCODING,
  ],
  examples: [
    { cmd: 'houfu dispatch --data /tmp/g12 --period 2019-12', text: { zh: '2019年12月对比11月', en: 'December 2019 against November' } },
    { cmd: 'houfu dispatch --data /tmp/g12 --period 2019-12 --previous 2019-06 --indicators four_musts --format json', text: { zh: '“四个必须”半年变化，JSON', en: 'the four musts over half a year, as JSON' } },
    { cmd: 'houfu dispatch --data /tmp/g12 --period 2019-12 --format xlsx --out /tmp/dispatch-2019-12.xlsx', text: { zh: '调度表格（Excel 工作簿）', en: 'the dispatch as an Excel workbook' } },
  ],
  run: dispatchCommand,
};
