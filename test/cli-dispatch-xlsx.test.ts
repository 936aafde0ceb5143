/**
 * `houfu dispatch --format xlsx` on test/fixtures/hand-dispatch, read back with an independent
 * reader (SheetJS) and compared with the changes counted by hand in the fixture's README (the
 * same counts as test/hand-fixture-dispatch.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';

const CLI = 'packages/cli/dist/main.js';
const DIR = 'test/fixtures/hand-dispatch';
const dir = mkdtempSync(join(tmpdir(), 'houfu-dispatch-xlsx-'));
const file = join(dir, 'dispatch.xlsx');
const houfu = (...args: string[]) => spawnSync(process.execPath, [CLI, 'dispatch', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
const run = houfu('--data', DIR, '--period', '2019-12', '--indicators', 'four_musts.employment,four_musts.income,employment.employed_persons', '--format', 'xlsx', '--out', file);
const wb = (): XLSX.WorkBook => XLSX.read(readFileSync(file), { cellNF: true, bookFiles: true });
const rows = (sheet: string): Record<string, unknown>[] => {
  const ws = wb().Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return XLSX.utils.sheet_to_json(ws, { defval: null });
};
/** The shown text of every cell of a sheet, row by row (as a person reads it). */
const shown = (sheet: string): string[][] => XLSX.utils.sheet_to_json<string[]>(wb().Sheets[sheet]!, { header: 1, raw: false, defval: '' });

describe('houfu dispatch --format xlsx (hand-dispatch, 2019-12 against 2019-11)', () => {
  it('writes the sheets a provincial office circulates', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(wb().SheetNames).toEqual(['汇总 summary', '县排名 county ranking', '安置点变化 sites', '动态清零 progress', '家庭明细 households', '示范点对比 demonstration', '任务 tasks', '问题 problems']);
  });

  it('summary: every indicator in every area, the two months, the change and its direction', () => {
    const s = rows('汇总 summary');
    // 3 indicators × (province + 2 prefectures + 2 counties)
    expect(s).toHaveLength(15);
    const at = (id: string, area: string) => {
      const r = s.find((x) => x['指标编号 indicator id'] === id && x['地区代码 area code'] === area)!;
      return [r['上月 previous month'], r['本月 this month'], r['变化方向 movement']];
    };
    expect(at('four_musts.employment', '520000')).toEqual([2 / 5, 3 / 5, '改善 improved']);
    expect(at('four_musts.employment', '520100')).toEqual([1 / 3, 2 / 3, '改善 improved']);
    expect(at('four_musts.employment', '520402')).toEqual([1 / 2, 1 / 2, '持平 unchanged']);
    expect(at('four_musts.income', '520000')).toEqual([3 / 5, 3 / 5, '持平 unchanged']);
    expect(at('employment.employed_persons', '520000')).toEqual([2, 3, '增加 increased']);
    expect(at('employment.employed_persons', '520402')).toEqual([1, 1, '持平 unchanged']);
    const p = s.find((x) => x['指标编号 indicator id'] === 'four_musts.employment' && x['地区代码 area code'] === '520000')!;
    expect(p['变化 change']).toBeCloseTo(1 / 5, 12);
    expect([p['月份 period'], p['对比月份 compared with'], p['层级 level'], p['指标名称 indicator (zh)']]).toEqual(['2019-12', '2019-11', '省 province', '有劳动力家庭一人以上就业率']);
    // As shown: percentages, a signed change.
    const text = shown('汇总 summary');
    const head = text[0]!;
    const row = text.find((r) => r[0] === 'four_musts.employment' && r[head.indexOf('地区代码 area code')] === '520000')!;
    expect([row[head.indexOf('上月 previous month')], row[head.indexOf('本月 this month')], row[head.indexOf('变化 change')]]).toEqual(['40.00%', '60.00%', '+20.00%']);
  });

  it('county ranking: best first, with last month’s place', () => {
    const r = rows('县排名 county ranking').map((x) => [x['指标编号 indicator id'], x['地区代码 area code'], x['排名 rank'], x['上月排名 previous rank'], x['名次上升 places up']]);
    expect(r).toEqual([
      ['four_musts.employment', '520102', 1, 2, 1],
      ['four_musts.employment', '520402', 2, 1, -1],
      ['four_musts.income', '520102', 1, 1, 0],
      ['four_musts.income', '520402', 2, 2, 0],
    ]);
  });

  it('sites that fell below target and those that newly met it', () => {
    const r = rows('安置点变化 sites').map((x) => [x['情况 what changed'], x['指标编号 indicator id'], x['安置点编号 site id'], x['上月 previous month'], x['本月 this month']]);
    expect(r.sort()).toEqual([
      ['降至目标以下 fell below target', 'four_musts.income', 'S2', 1, 0],
      ['新达标 newly met target', 'four_musts.employment', 'S2', 0, 1],
      ['新达标 newly met target', 'four_musts.income', 'S1', 1 / 2, 1],
    ].sort());
  });

  it('动态清零: per must the counts, and every household newly failing, cleared or moved out', () => {
    const c = rows('动态清零 progress').map((x) => [x['指标编号 indicator id'], x['新增未达标 newly failing'], x['清零 cleared'], x['迁出 moved out'], x['本月未达标 failing now']]);
    expect(c).toEqual([['four_musts.employment', 2, 2, 1, 2], ['four_musts.income', 2, 1, 1, 2]]);
    const h = rows('家庭明细 households').map((x) => `${x['指标编号 indicator id']} ${x['情况 what changed']} ${x['户编号 household id']}`);
    expect(h).toEqual([
      'four_musts.employment 新增未达标 newly failing H1',
      'four_musts.employment 新增未达标 newly failing H6',
      'four_musts.employment 清零 cleared H2',
      'four_musts.employment 清零 cleared H3',
      'four_musts.employment 迁出 moved out H4',
      'four_musts.income 新增未达标 newly failing H3',
      'four_musts.income 新增未达标 newly failing H6',
      'four_musts.income 清零 cleared H2',
      'four_musts.income 迁出 moved out H4',
    ]);
  });

  it('demonstration site against the rest', () => {
    const r = rows('示范点对比 demonstration').map((x) => [x['指标编号 indicator id'], x['示范点 demonstration sites'], x['其他安置点 other sites']]);
    expect(r).toEqual([['four_musts.employment', 1 / 2, 2 / 3], ['four_musts.income', 1, 1 / 3], ['employment.employed_persons', 1, 2]]);
  });

  it('open tasks by department and problems by county as of 2019-12-31, with totals', () => {
    const t = rows('任务 tasks').map((x) => [x['部门 department'], x['任务数 tasks'], x['已完成 completed'], x['逾期未完成 overdue'], x['逾期完成 completed late'], x['截至 as of']]);
    expect(t).toEqual([
      ['省卫生健康委', 2, 0, 1, 0, '2019-12-31'],
      ['省教育厅', 1, 1, 0, 1, '2019-12-31'],
      ['合计 total', 3, 1, 1, 1, '2019-12-31'],
    ]);
    const p = rows('问题 problems').map((x) => [x['县代码 county code'], x['县（市、区） county'], x['问题数 problems'], x['已整改 rectified'], x['逾期未整改 overdue']]);
    expect(p).toEqual([
      ['520102', '南明区', 1, 0, 1],
      ['520402', '西秀区', 1, 1, 0],
      ['合计 total', null, 2, 1, 1],
    ]);
  });

  it('freezes the header row and sets an autofilter on every sheet', () => {
    const w = wb();
    const files = (w as unknown as { files: Record<string, { content: Uint8Array | string }> }).files;
    w.SheetNames.forEach((name, i) => {
      const f = files[`xl/worksheets/sheet${i + 1}.xml`]!;
      const xml = typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8');
      expect(xml, name).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
      expect(xml, name).toMatch(/<autoFilter ref="A1:/);
    });
  });

  it('refuses xlsx without --out (exit 2, no stack)', () => {
    const r = houfu('--data', DIR, '--period', '2019-12', '--format', 'xlsx');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
