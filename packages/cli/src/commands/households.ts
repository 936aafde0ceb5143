/** `houfu households --failing ID`: the households failing a must, and why. */
import { failingHouseholds } from '@houfu/core';
import { indicator } from '@houfu/indicators';
import { resolveArea, areasOf, areaLabel, type AreaLevel } from '../areas.js';
import { ctxOf, emit, loadFromArgs, need, oneOf, outputFormat, UsageError, type Io } from '../common.js';
import { householdsTable } from '../format/terminal.js';
import { householdSheets, workbook } from '../format/xlsx.js';
import { CLI_TEXT, say } from '../messages.js';
import { BOM, DATA, ENCODING, FORMAT, MAPPING, OUT, type CommandSpec } from '../spec.js';
import { resolveIds } from './definitions.js';
import { nearest } from '../suggest.js';

/** List the households failing (or unknown on) a household indicator. */
export async function households(values: Record<string, unknown>, io: Io): Promise<number> {
  const ctx = ctxOf(io);
  const id = need(values, 'failing');
  if (!indicator(id)) resolveIds(id); // refuses with suggestions
  const def = indicator(id);
  if (!def) throw new UsageError(CLI_TEXT.unknownIndicator(id, []));
  const status = oneOf(values['status'], ['failed', 'unknown', 'both'] as const, 'status', 'both');
  const format = outputFormat(values['format'], io, values['out']);
  const ds = await loadFromArgs(values, io);
  const areas = areasOf(ds);
  const filters: Record<string, string> = {};
  const where: string[] = [];
  for (const level of ['site', 'county', 'prefecture'] as AreaLevel[]) {
    const v = values[level];
    if (typeof v !== 'string') continue;
    const code = resolveArea(areas, level, v);
    filters[level] = code;
    const a = areas.find((x) => x.level === level && x.code === code);
    where.push(a ? areaLabel(a) : code);
  }
  if (typeof values['period'] === 'string') {
    const col = ds.tables.households?.getChild('period');
    const periods = col ? [...new Set((col.toArray() as (string | null)[]).filter((p): p is string => p !== null))].sort() : [];
    if (!periods.includes(values['period']))
      throw new UsageError(
        periods.length
          ? CLI_TEXT.unknownPeriod(values['period'], nearest(values['period'], periods, (p) => [p]), periods)
          : CLI_TEXT.noPeriods(values['period']),
      );
    filters['period'] = values['period'];
    where.push(values['period']);
  }
  const table = await failingHouseholds(ds, def, { status, ...filters });
  if (table.numRows === 0) ctx.note(CLI_TEXT.noHouseholds(def.id, where.join(ctx.lang === 'zh' ? '，' : ', ')));
  else ctx.detail(CLI_TEXT.households(table.numRows));
  await emit(table, format, values['out'], io, { table: (t) => householdsTable(t, ctx.lang), xlsx: (t) => workbook(householdSheets(t)) }, values);
  if (format === 'table' && table.numRows > 0 && !ctx.quiet) io.err(`${say(ctx.lang, CLI_TEXT.households(table.numRows))}\n`);
  return 0;
}

/** The declaration of `houfu households`. */
export const spec: CommandSpec = {
  name: 'households',
  summary: { zh: '干部工作清单：未达到（或状态不详）某项“必须”的家庭及原因', en: "the cadres' work list: households failing (or unknown on) a must, with the reason" },
  usage: ['--failing ID --data DIR [--site S] [--county C] [--prefecture P] [--period YYYY-MM] [--status failed|unknown|both] [--format FMT] [--out FILE]'],
  options: [
    {
      name: 'failing',
      type: 'string',
      arg: 'ID',
      description: { zh: '户级指标编号，如 four_musts.employment、four_musts.land、four_musts.income、four_musts.all', en: 'a household indicator, e.g. four_musts.employment, four_musts.land, four_musts.income, four_musts.all' },
    },
    DATA,
    { name: 'site', type: 'string', arg: 'S', description: { zh: '只看这个安置点（编号或名称）', en: 'only this site (id or name)' } },
    { name: 'county', type: 'string', arg: 'C', description: { zh: '只看这个县（市、区）：代码如 520402 或名称如 西秀区', en: 'only this county: a code such as 520402 or a name such as 西秀区' } },
    { name: 'prefecture', type: 'string', arg: 'P', description: { zh: '只看这个市（州）：代码如 520400 或名称如 安顺市', en: 'only this prefecture: a code such as 520400 or a name such as 安顺市' } },
    { name: 'period', type: 'string', arg: 'YYYY-MM', description: { zh: '只看这个月份（按月数据）', en: 'only this month (monthly data)' } },
    {
      name: 'status',
      type: 'string',
      arg: 'STATUS',
      choices: ['failed', 'unknown', 'both'],
      default: 'both',
      description: { zh: 'failed 未达到，unknown 状态不详，both 两者', en: 'failed, unknown, or both' },
    },
    FORMAT,
    OUT,
    BOM,
    MAPPING,
    ENCODING,
  ],
  examples: [
    {
      cmd: 'houfu households --failing four_musts.employment --data datasets/guizhou-2019-sample --county 盘州市',
      text: { zh: '盘州市有劳动力但无人就业（或不详）的家庭', en: 'households of 盘州市 with labor but nobody employed (or unknown)' },
    },
    {
      cmd: 'houfu households --failing four_musts.all --data datasets/guizhou-2019-sample --prefecture 安顺市 --status failed --format xlsx --out /tmp/anshun.xlsx',
      text: { zh: '安顺市未达到任一“必须”的家庭，写成 Excel', en: 'households of 安顺市 failing any must, as an Excel file' },
    },
  ],
  notes: {
    zh: '地区写错时报错（退出码 2）并给出最接近的地区；没有符合的家庭时另行说明。',
    en: 'A mistyped area is an error (exit 2) naming the nearest areas of the data; an empty list says so.',
  },
  run: households,
};
