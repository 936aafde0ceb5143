/** `houfu compute`: indicators by area as a tidy table. */
import { columnsRead, compute as run, parseDesign, plan, PlanError, PROPORTION_METHODS, TABLE_NAMES, type Dataset, type IndicatorDefinition, type Level, type TableName } from '@houfu/core';
import { readMapping } from '@houfu/core/node';
import { chosenDefinitions } from './definitions.js';
import { ctxOf, dataWarnings, emit, items, loadFromArgs, need, oneOf, outputFormat, UsageError, type CliFormat, type Io } from '../common.js';
import { resultsTable } from '../format/terminal.js';
import { resultSheets, workbook } from '../format/xlsx.js';
import { CLI_TEXT, say } from '../messages.js';
import { BOM, DATA, ENCODING, FORMAT, INDICATORS, LEVEL_CHOICES, MAPPING, OUT, STRICT, type CommandSpec, type OptionSpec } from '../spec.js';

/** Engines of `--engine`. */
export const ENGINE_NAMES = ['kernel', 'arquero', 'duckdb', 'duckdb-wasm', 'duckdb-native', 'postgres', 'clickhouse'] as const;

/** `--by` of compute and compare: one level or several. */
export const BY: OptionSpec = {
  name: 'by',
  type: 'list',
  arg: 'LEVEL[,LEVEL…]',
  choices: LEVEL_CHOICES,
  default: 'county',
  description: {
    zh: '按哪一级地区计算，可用逗号列出多级：province 省、prefecture 市（州）、county 县（市、区）、site 安置点、unit 管理单元',
    en: 'the level(s) of the areas, several separated by commas: province, prefecture, county, site, unit (management unit)',
  },
};
/** `--breakdown`. */
export const BREAKDOWN: OptionSpec = {
  name: 'breakdown',
  type: 'list',
  arg: 'COL[,COL…]',
  description: { zh: '按这些列分组，如 sex（性别）或 sites.site_type（城镇/农村安置点）', en: 'break the results down by these columns, e.g. sex or sites.site_type (urban / rural sites)' },
};
/** Survey options shared with compare. */
export const SURVEY_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'design',
    type: 'string',
    arg: 'weight=COL[,strata=COL][,psu=COL][,fpc=COL]',
    description: { zh: '抽样调查的设计：权重、分层、初级抽样单元、有限总体校正列；结果带标准误和置信区间', en: 'the design of a sample survey (weight, strata, PSU, finite population correction columns): estimates with standard errors and intervals' },
  },
  { name: 'interval', type: 'string', arg: 'METHOD', choices: PROPORTION_METHODS, default: 'logit', description: { zh: '比例的置信区间方法', en: 'interval method for proportions' } },
  { name: 'confidence', type: 'number', arg: 'LEVEL', default: '0.95', description: { zh: '置信水平（0 到 1 之间）', en: 'confidence level, between 0 and 1' } },
];

/** Parse --design, --interval, --confidence and --suppress (shared with compare). */
export function surveyArgs(values: Record<string, unknown>): {
  design?: ReturnType<typeof parseDesign>;
  interval?: (typeof PROPORTION_METHODS)[number];
  confidence?: number;
  suppress?: number;
} {
  const out: ReturnType<typeof surveyArgs> = {};
  if (typeof values['design'] === 'string') out.design = parseDesign(values['design']);
  if (values['interval'] !== undefined) out.interval = oneOf(values['interval'], PROPORTION_METHODS, 'interval', 'logit');
  if (typeof values['confidence'] === 'string') {
    const c = Number(values['confidence']);
    if (!(c > 0 && c < 1))
      throw new UsageError({ zh: `--confidence 要在 0 和 1 之间（现在是 ${values['confidence']}）`, en: `--confidence must be a number between 0 and 1 (got ${values['confidence']})` });
    out.confidence = c;
  }
  if (typeof values['suppress'] === 'string') {
    const t = Number(values['suppress']);
    if (!Number.isInteger(t) || t < 1) throw new UsageError({ zh: `--suppress 要一个正整数阈值（现在是 ${values['suppress']}）`, en: `--suppress takes a positive whole threshold (got ${values['suppress']})` });
    out.suppress = t;
  }
  return out;
}

/** The levels of `--by`. */
export const levelsOf = (v: unknown): Level[] => {
  const l = items(v);
  return (l.length ? l : ['county']) as Level[];
};

/**
 * The definitions that can be computed at every level and breakdown asked for; the others are left
 * out with one warning naming them — or, with `--strict`, refused.
 */
export function computable(ds: Dataset, defs: readonly IndicatorDefinition[], levels: readonly Level[], breakdown: readonly string[], strict: boolean, io: Io, design = false): IndicatorDefinition[] {
  const ctx = ctxOf(io);
  if (strict) return [...defs];
  const left: string[] = [];
  const kept = defs.filter((d) => {
    try {
      for (const by of levels) plan(ds, [d], { by, breakdown, design });
      return true;
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      left.push(d.id);
      ctx.detail({ zh: `${d.id}：${e.messageZh}`, en: `${d.id}: ${e.message}` });
      return false;
    }
  });
  const where = CLI_TEXT.atLevels(levels, breakdown);
  if (kept.length === 0 && defs.length > 0) return [...defs]; // let the library say why
  if (left.length) ctx.warn(CLI_TEXT.skipped(left, say(ctx.lang, where)));
  return kept;
}

/** The table and Excel writers of result tables. */
export const resultHooks = (defs: readonly IndicatorDefinition[], io: Io) => ({
  table: (t: import('apache-arrow').Table) => resultsTable(t, defs, ctxOf(io).lang),
  xlsx: (t: import('apache-arrow').Table) => workbook(resultSheets(t, defs)),
});

/** Compute indicators and write the result. */
export async function compute(values: Record<string, unknown>, io: Io): Promise<number> {
  if (values['cube'] !== undefined) return (await import('./cube.js')).computeFromCubeFile(values, io);
  const defs = await chosenDefinitions(values);
  const levels = levelsOf(values['by']);
  const by: Level | Level[] = levels.length === 1 ? levels[0]! : levels;
  const format: CliFormat = outputFormat(values['format'], io, values['out']);
  const breakdown = items(values['breakdown']);
  const survey = surveyArgs(values);
  // Design-based estimates need weighted sums per PSU: the arquero engine carries them.
  const engine = oneOf(values['engine'], ENGINE_NAMES, 'engine', survey.design ? 'arquero' : 'kernel');
  const hooks = resultHooks(defs, io);
  if (engine === 'clickhouse') {
    const chm = await import('@houfu/core/clickhouse');
    const mapping = typeof values['mapping'] === 'string' ? await readMapping(values['mapping']) : undefined;
    const tables = tablesOption(values['tables']);
    const dataset = await chm.clickhouseDataset({
      url: need(values, 'db'),
      ...(typeof values['database'] === 'string' ? { database: values['database'] } : {}),
      ...(tables ? { tables } : {}),
      ...(mapping ? { columns: mapping } : {}),
    });
    await emit(await run(dataset, defs, { by, engine: chm.clickhouseEngine, breakdown, ...survey }), format, values['out'], io, hooks, values);
    return 0;
  }
  if (engine === 'postgres') {
    const pgm = await import('@houfu/core/postgres');
    const mapping = typeof values['mapping'] === 'string' ? await readMapping(values['mapping']) : undefined;
    const tables = tablesOption(values['tables']);
    const { dataset, close } = await pgm.postgresDataset({
      connection: need(values, 'db'),
      ...(typeof values['schema'] === 'string' ? { schema: values['schema'] } : {}),
      ...(tables ? { tables } : {}),
      ...(mapping ? { columns: mapping } : {}),
    });
    try {
      await emit(await run(dataset, defs, { by, engine: pgm.postgresEngine, breakdown, ...survey }), format, values['out'], io, hooks, values);
    } finally {
      await close();
    }
    return 0;
  }
  // Only what the indicators read is read and validated (a survey design names columns of its own).
  const ds = await loadFromArgs(values, io, survey.design ? undefined : columnsRead(defs, { breakdown }));
  dataWarnings(ds, io);
  const usable = ds.findings.every((f) => f.severity !== 'error');
  const chosen = usable ? computable(ds, defs, levels, breakdown, values['strict'] === true, io, survey.design !== undefined) : defs;
  try {
    const result = await run(ds, chosen, { by, engine, breakdown, ...survey });
    await emit(result, format, values['out'], io, hooks, values);
  } finally {
    if (engine.startsWith('duckdb')) await (await import('@houfu/core/duckdb')).closeSharedDuckDBEngines();
  }
  return 0;
}

/** Parse `--tables persons=ren_kou,households=hu` (canonical table = database table). */
export function tablesOption(v: unknown): Partial<Record<TableName, string>> | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const out: Partial<Record<TableName, string>> = {};
  for (const part of v.split(',')) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim();
    if (eq <= 0 || !(TABLE_NAMES as readonly string[]).includes(k))
      throw new UsageError({
        zh: `--tables 要用逗号分隔的 表=名称，表为 ${TABLE_NAMES.join('、')} 之一（现在是 ${part}）`,
        en: `--tables takes TABLE=NAME pairs separated by commas, TABLE one of ${TABLE_NAMES.join(', ')} (got ${part})`,
      });
    out[k as TableName] = part.slice(eq + 1);
  }
  return out;
}

/** Options of the database engines. */
export const DB_OPTIONS: readonly OptionSpec[] = [
  { name: 'db', type: 'string', arg: 'URL', description: { zh: '数据库地址：postgres://… 或 ClickHouse 的 http://HOST:PORT', en: 'the database: postgres://… or ClickHouse at http://HOST:PORT' } },
  { name: 'database', type: 'string', arg: 'DB', description: { zh: 'ClickHouse 数据库名', en: 'ClickHouse database name' } },
  { name: 'schema', type: 'string', arg: 'S', description: { zh: 'PostgreSQL 模式（schema）名', en: 'PostgreSQL schema' } },
  { name: 'tables', type: 'string', arg: 'TABLE=NAME,…', description: { zh: '数据库中的表名，如 persons=ren_kou', en: 'the database tables of schema v1 tables, e.g. persons=ren_kou' } },
];

/** The declaration of `houfu compute`. */
export const spec: CommandSpec = {
  name: 'compute',
  summary: { zh: '按地区计算指标，输出整齐的结果表', en: 'compute indicators by area, as a tidy table' },
  usage: [
    '--data DIR --indicators ID[,ID|FAMILY…] [--by LEVEL[,LEVEL…]] [--breakdown COL,…] [--format FMT] [--out FILE]',
    '--engine postgres|clickhouse --db URL --indicators … --by …',
    '--cube FILE.parquet --by LEVEL [--indicators …] [--breakdown COL,…]',
  ],
  options: [
    DATA,
    INDICATORS,
    { name: 'definitions', type: 'string', arg: 'FILE.json', description: { zh: '目录以外的指标：JSON 简写定义文件', en: 'indicators not in the catalog, as a JSON file of shorthands' } },
    BY,
    BREAKDOWN,
    { name: 'engine', type: 'string', arg: 'ENGINE', choices: ENGINE_NAMES, default: 'kernel', description: { zh: '计算引擎', en: 'the engine' } },
    FORMAT,
    OUT,
    BOM,
    STRICT,
    MAPPING,
    ENCODING,
    { name: 'cube', type: 'string', arg: 'FILE', description: { zh: '从 houfu cube 写出的立方体文件计算，而不是从数据', en: 'compute from a cube written by houfu cube instead of the data' } },
    ...DB_OPTIONS,
    ...SURVEY_OPTIONS,
    {
      name: 'suppress',
      type: 'string',
      arg: 'THRESHOLD',
      bare: '10',
      description: { zh: '安全发布：隐藏小于阈值的单元格及其补充单元格', en: 'safe publication: hide cells under the threshold, and their complements' },
    },
  ],
  examples: [
    {
      cmd: 'houfu compute --data datasets/guizhou-2019-sample --indicators four_musts --by prefecture',
      text: { zh: '四个必须，按市（州）；在终端显示为表格', en: 'the four musts by prefecture, as a table on a terminal' },
    },
    {
      cmd: 'houfu compute --data datasets/guizhou-2019-sample --indicators all --by province,prefecture --format xlsx --out /tmp/scorecard.xlsx',
      text: { zh: '全部指标，省和市（州）两级，写成 Excel 文件（每级一个工作表）', en: 'every indicator for the province and the prefectures, as an Excel file (a sheet per level)' },
    },
    {
      cmd: 'houfu compute --data datasets/guizhou-2019-sample --indicators four_musts --by county --breakdown sex --format csv --bom --out /tmp/musts.csv',
      text: { zh: '按性别分组，写成中文 Excel 可直接打开的 CSV（不能按性别计算的指标会被跳过并提示）', en: 'broken down by sex, as CSV that Chinese Excel opens directly (indicators that cannot be broken down by sex are skipped, with a warning)' },
    },
  ],
  notes: {
    zh: '输出列：indicator_id, level, area_code, area_name, period, numerator, denominator, unknown, value, target, status（分组列在 period 之后）。退出码：0 成功，1 数据错误，2 用法错误，3 文件错误。',
    en: 'Columns: indicator_id, level, area_code, area_name, period, numerator, denominator, unknown, value, target, status (breakdown columns follow period). Exit codes: 0 done, 1 data errors, 2 usage, 3 files.',
  },
  run: compute,
};
