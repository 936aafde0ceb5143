/** `houfu report`: the provincial scorecard in the terminal and as a self-contained HTML page. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compute, toCSV, toObjects, type ResultRow } from '@houfu/core';
import { catalog } from '@houfu/indicators';
import { ctxOf, loadFromArgs, need, oneOf, writeOut, type Io } from '../common.js';
import { CLI_TEXT, say } from '../messages.js';
import { step } from '../progress.js';
import { DATA, ENCODING, MAPPING, type CommandSpec } from '../spec.js';

/** Optional description of a dataset folder (`dataset.json`). */
interface DatasetMeta {
  title?: string;
  synthetic?: boolean;
  generator?: { scale?: number };
}

async function readMeta(dir: string): Promise<DatasetMeta> {
  try {
    return JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as DatasetMeta;
  } catch {
    return {};
  }
}

/** Compute the whole catalog by province, prefecture and county, print the scorecard, write the HTML page. */
export async function report(values: Record<string, unknown>, io: Io): Promise<number> {
  const ctx = ctxOf(io);
  const dir = need(values, 'data');
  const outDir = typeof values['out'] === 'string' ? values['out'] : 'houfu-report';
  const format = oneOf(values['format'], ['html', 'xlsx'] as const, 'format', 'html');
  const meta = await readMeta(dir);
  const ds = await step(io, { zh: '读取并检查数据', en: 'loading and validating' }, () => loadFromArgs(values, io));
  const result = await step(io, { zh: '计算全部指标', en: 'computing the catalog' }, () => compute(ds, catalog, { by: ['province', 'prefecture', 'county'] }));
  const rows = toObjects<ResultRow>(result);
  const scale = meta.generator?.scale ?? 1;
  const { reportModel } = await import('../report/model.js');
  const { reportText } = await import('../report/text.js');
  const model = reportModel(catalog, rows, { scale });
  const title = meta.title ?? '易地扶贫搬迁后续扶持指标报告 Post-relocation support scorecard';
  const synthetic = meta.synthetic === true;
  io.out(reportText(model, title, synthetic, ctx.lang));
  const { reportHtml } = await import('../report/html.js');
  const html = await step(io, { zh: '绘制图表', en: 'rendering charts' }, () => reportHtml(model, { title, synthetic, source: dir }));
  const files = [join(outDir, 'index.html'), join(outDir, 'results.csv')];
  await writeOut(files[0]!, html);
  await writeOut(files[1]!, toCSV(result));
  if (format === 'xlsx') {
    const { workbook, resultSheets } = await import('../format/xlsx.js');
    const { comparisonSheet } = await import('../report/sheets.js');
    files.push(join(outDir, 'results.xlsx'));
    await writeOut(files[2]!, await workbook([...resultSheets(result, catalog), ...comparisonSheet(model)]));
  }
  ctx.note(CLI_TEXT.wroteFiles(files));
  return 0;
}

/** The declaration of `houfu report`. */
export const spec: CommandSpec = {
  name: 'report',
  summary: {
    zh: '全省指标报告：终端中的记分卡，以及带图表的独立 HTML 页面（公布数与计算数对照）',
    en: 'the provincial scorecard: in the terminal, and as a self-contained HTML page with charts and published vs computed figures',
  },
  usage: ['--data DIR [--out DIR] [--format html|xlsx] [--mapping FILE.json]'],
  options: [
    DATA,
    { name: 'out', type: 'string', arg: 'DIR', default: 'houfu-report', description: { zh: '输出文件夹：index.html 和 results.csv', en: 'output folder: index.html and results.csv' } },
    {
      name: 'format',
      type: 'string',
      arg: 'FMT',
      choices: ['html', 'xlsx'],
      default: 'html',
      description: { zh: 'xlsx 时另写 results.xlsx（省、市州、县各一个工作表，另有公布数对照表）', en: 'xlsx also writes results.xlsx (a sheet each for province, prefectures, counties, and the published figures)' },
    },
    MAPPING,
    ENCODING,
  ],
  examples: [
    { cmd: 'houfu report --data datasets/guizhou-2019-sample', text: { zh: '样例数据的报告，写入 houfu-report/index.html', en: 'the report of the sample, in houfu-report/index.html' } },
    { cmd: 'houfu report --data datasets/guizhou-2019-sample --out /tmp/houfu-report --format xlsx --lang zh', text: { zh: '中文记分卡，另写 Excel 文件', en: 'the scorecard in Chinese, and an Excel file' } },
  ],
  run: report,
};

/** The text of "wrote …" (for other commands that write several files). */
export const wroteText = (lang: 'zh' | 'en', files: readonly string[]): string => say(lang, CLI_TEXT.wroteFiles(files));
