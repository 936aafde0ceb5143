/**
 * The monthly dispatch as a workbook a provincial office circulates: the summary of every
 * indicator by province, prefecture and county (the month, the month before, the change and
 * its direction), counties ranked, sites that fell below or newly met target, 动态清零
 * (households newly failing, cleared, moved out), demonstration sites against the rest, and
 * open tasks and problems. Written by the CLI's xlsx writer (frozen header, autofilter,
 * headers in zh and en, number formats by indicator).
 */
import { MOVEMENT_TEXT, type Dispatch, type IndicatorDefinition, type LocalText } from '@houfu/core';
import { valueFormat, type Sheet } from '../format/xlsx.js';
import { levelName } from '../format/labels.js';

const both = (t: LocalText): string => `${t.zh} ${t.en}`;

// Column keys that are already their header in zh and en (the writer shows them as they are).
const PREV = '上月 previous month';
const NOW = '本月 this month';
const CHANGE = '变化 change';
const MOVE = '变化方向 movement';
const COMPARED = '对比月份 compared with';
const RANK = '排名 rank';
const PREV_RANK = '上月排名 previous rank';
const RANK_UP = '名次上升 places up';
const WHAT = '情况 what changed';
const DEMO = '示范点 demonstration sites';
const REST = '其他安置点 other sites';
const DIFF = '差 difference';
const DEPT = '部门 department';
const TASKS = '任务数 tasks';
const DONE = '已完成 completed';
const OVERDUE = '逾期未完成 overdue';
const LATE = '逾期完成 completed late';
const PROBLEMS = '问题数 problems';
const UNRECTIFIED = '逾期未整改 overdue';
const RECTIFIED = '已整改 rectified';
const NEWLY = '新增未达标 newly failing';
const CLEARED = '清零 cleared';
const LEFT = '迁出 moved out';
const FAILING = '本月未达标 failing now';

const INT = '#,##0';
/** A signed version of a value format, for changes (+2.50% / -1). */
const signed = (f: string): string => `+${f};-${f};${f}`;

/** The workbook's sheets. */
export function dispatchSheets(d: Dispatch, defs: readonly IndicatorDefinition[]): Sheet[] {
  const byId = new Map(defs.map((x) => [x.id, x]));
  const named = (id: string) => ({ indicator_id: id, indicator_zh: byId.get(id)?.name.zh ?? id, indicator_en: byId.get(id)?.name.en ?? id });
  const valueFmt = (cols: readonly string[]) => (c: string, r: Record<string, unknown>): string | undefined => {
    const f = valueFormat(byId.get(String(r.indicator_id)));
    if (c === CHANGE || c === DIFF) return signed(f);
    if (cols.includes(c)) return f;
    return typeof r[c] === 'number' ? INT : undefined;
  };
  const ind = ['indicator_id', 'indicator_zh', 'indicator_en'];
  const summary: Sheet = {
    name: '汇总 summary',
    columns: [...ind, 'level', 'area_code', 'area_name', 'period', NOW, COMPARED, PREV, CHANGE, MOVE],
    rows: d.changes.map((c) => ({
      ...named(c.indicator_id), level: both({ zh: levelName(c.level, 'zh'), en: levelName(c.level, 'en') }), area_code: c.area_code, area_name: c.area_name,
      period: d.period, [NOW]: c.value, [COMPARED]: d.previous, [PREV]: c.previous, [CHANGE]: c.change, [MOVE]: both(MOVEMENT_TEXT[c.movement]),
    })),
    numFmt: valueFmt([NOW, PREV]),
  };
  const ranking: Sheet = {
    name: '县排名 county ranking',
    columns: [...ind, RANK, 'area_code', 'area_name', NOW, PREV_RANK, RANK_UP],
    rows: d.rankings.flatMap((r) => r.counties.map((c) => ({
      ...named(r.indicator_id), [RANK]: c.rank, area_code: c.area_code, area_name: c.area_name, [NOW]: c.value,
      [PREV_RANK]: c.previous_rank, [RANK_UP]: c.rank !== null && c.previous_rank !== null ? c.previous_rank - c.rank : null,
    }))),
    numFmt: valueFmt([NOW]),
  };
  const site = (what: LocalText) => (s: Dispatch['sites']['fell_below'][number]) => ({ [WHAT]: both(what), ...named(s.indicator_id), site_id: s.site_id, site_name: s.site_name, [PREV]: s.previous, [NOW]: s.value });
  const sites: Sheet = {
    name: '安置点变化 sites',
    columns: [WHAT, ...ind, 'site_id', 'site_name', PREV, NOW],
    rows: [...d.sites.fell_below.map(site({ zh: '降至目标以下', en: 'fell below target' })), ...d.sites.newly_met.map(site({ zh: '新达标', en: 'newly met target' }))],
    numFmt: valueFmt([PREV, NOW]),
  };
  return [summary, ranking, sites, ...householdSheets(d, named), demoSheet(d, named, valueFmt([DEMO, REST])), ...openSheets(d)];
}

type Named = (id: string) => { indicator_id: string; indicator_zh: string; indicator_en: string };

/** 动态清零: the counts per must, and every household that changed. */
function householdSheets(d: Dispatch, named: Named): Sheet[] {
  const ind = ['indicator_id', 'indicator_zh', 'indicator_en'];
  const counts: Sheet = {
    name: '动态清零 progress',
    columns: [...ind, NEWLY, CLEARED, LEFT, FAILING],
    rows: d.households.map((h) => ({ ...named(h.indicator_id), [NEWLY]: h.newly_failing.length, [CLEARED]: h.cleared.length, [LEFT]: h.left.length, [FAILING]: h.failing })),
    numFmt: () => INT,
  };
  const kinds: readonly [keyof Dispatch['households'][number], string][] = [['newly_failing', NEWLY], ['cleared', CLEARED], ['left', LEFT]];
  const list: Sheet = {
    name: '家庭明细 households',
    columns: [...ind, WHAT, 'household_id'],
    rows: d.households.flatMap((h) => kinds.flatMap(([k, label]) => (h[k] as readonly string[]).map((id) => ({ ...named(h.indicator_id), [WHAT]: label, household_id: id })))),
  };
  return [counts, list];
}

/** The demonstration sites against the others, at the province this month. */
function demoSheet(d: Dispatch, named: Named, numFmt: Sheet['numFmt']): Sheet {
  return {
    name: '示范点对比 demonstration',
    columns: ['indicator_id', 'indicator_zh', 'indicator_en', DEMO, REST, DIFF],
    rows: d.demonstration.map((x) => ({ ...named(x.indicator_id), [DEMO]: x.demo, [REST]: x.rest, [DIFF]: x.demo !== null && x.rest !== null ? x.demo - x.rest : null })),
    ...(numFmt ? { numFmt } : {}),
  };
}

/** Open tasks by department and problems by county, as of the month's last day (with a total row). */
function openSheets(d: Dispatch): Sheet[] {
  const t = d.open.tasks;
  const p = d.open.problems;
  const county = new Map(d.changes.filter((c) => c.level === 'county').map((c) => [c.area_code, c.area_name]));
  const total = both({ zh: '合计', en: 'total' });
  const asOf = '截至 as of';
  const tasks: Sheet = {
    name: '任务 tasks',
    columns: [DEPT, TASKS, DONE, OVERDUE, LATE, asOf],
    rows: [
      ...t.byDepartment.map((x) => ({ [DEPT]: x.department, [TASKS]: x.tasks, [DONE]: x.completed, [OVERDUE]: x.overdue, [LATE]: x.late, [asOf]: d.open.asOf })),
      { [DEPT]: total, [TASKS]: t.total, [DONE]: t.completed, [OVERDUE]: t.overdue, [LATE]: t.byDepartment.reduce((a, x) => a + x.late, 0), [asOf]: d.open.asOf },
    ],
    numFmt: () => INT,
  };
  const problems: Sheet = {
    name: '问题 problems',
    columns: ['county_code', 'county_name', PROBLEMS, RECTIFIED, UNRECTIFIED, asOf],
    rows: [
      ...p.byCounty.map((x) => ({ county_code: x.county_code, county_name: county.get(x.county_code) ?? null, [PROBLEMS]: x.problems, [RECTIFIED]: x.rectified, [UNRECTIFIED]: x.overdue, [asOf]: d.open.asOf })),
      { county_code: total, county_name: null, [PROBLEMS]: p.problems, [RECTIFIED]: p.rectified, [UNRECTIFIED]: p.overdue, [asOf]: d.open.asOf },
    ],
    numFmt: () => INT,
  };
  return [tasks, problems];
}
