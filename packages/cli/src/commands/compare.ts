/** `houfu compare`: the difference of indicators between two groups or two periods, per area. */
import type { Level } from '@houfu/core';
import { emit, loadFromArgs, need, outputFormat, UsageError, type Io } from '../common.js';
import { resultHooks, SURVEY_OPTIONS, surveyArgs } from './compute.js';
import { resolveIds } from './definitions.js';
import { BOM, DATA, ENCODING, FORMAT, INDICATORS, LEVEL_CHOICES, MAPPING, OUT, type CommandSpec } from '../spec.js';

const pair = (v: unknown, name: string): [string, string] => {
  const parts = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError({ zh: `--${name} 要两个值：A,B（差为 A − B）`, en: `--${name} takes two values: A,B (the difference is A − B)` });
  return [parts[0]!, parts[1]!];
};

/** Compare and write the differences. */
export async function compare(values: Record<string, unknown>, io: Io): Promise<number> {
  const defs = resolveIds(need(values, 'indicators'));
  const by = (typeof values['by'] === 'string' ? values['by'] : 'county') as Level;
  const format = outputFormat(values['format'], io, values['out']);
  const hasGroups = values['groups'] !== undefined;
  const hasPeriods = values['periods'] !== undefined;
  if (hasGroups === hasPeriods) throw new UsageError({ zh: '请给出 --breakdown COL --groups A,B 或 --periods A,B 之一', en: 'give either --breakdown COL --groups A,B or --periods A,B' });
  if (hasGroups && typeof values['breakdown'] !== 'string') throw new UsageError({ zh: '--groups 需要 --breakdown COL（要比较其取值的列）', en: '--groups needs --breakdown COL (the column whose values are compared)' });
  const what = hasGroups ? { breakdown: values['breakdown'] as string, values: pair(values['groups'], 'groups') } : { periods: pair(values['periods'], 'periods') };
  const { design, confidence } = surveyArgs(values);
  const ds = await loadFromArgs(values, io);
  // The survey module (and its quantile functions) loads only when a comparison runs.
  const { compare: run } = await import('@houfu/core/survey');
  const result = await run(ds, defs, { by, compare: what, ...(design ? { design } : {}), ...(confidence !== undefined ? { confidence } : {}) });
  await emit(result, format, values['out'], io, resultHooks(defs, io), values);
  return 0;
}

/** The declaration of `houfu compare`. */
export const spec: CommandSpec = {
  name: 'compare',
  summary: { zh: '两组或两个月份之间指标的差（可带抽样设计的标准误）', en: 'the difference of indicators between two groups or two periods, per area (with design-based errors)' },
  usage: ['--data DIR --indicators ID[,ID…] --by LEVEL (--breakdown COL --groups A,B | --periods A,B) [--design …] [--format FMT] [--out FILE]'],
  options: [
    DATA,
    INDICATORS,
    { name: 'by', type: 'string', arg: 'LEVEL', choices: LEVEL_CHOICES, default: 'county', description: { zh: '地区层级', en: 'the level of the areas' } },
    { name: 'breakdown', type: 'string', arg: 'COL', description: { zh: '要比较其取值的列，如 sites.site_type', en: 'the column whose values are compared, e.g. sites.site_type' } },
    { name: 'groups', type: 'string', arg: 'A,B', description: { zh: '比较的两个取值（差为 A − B）', en: 'the two values compared (the difference is A − B)' } },
    { name: 'periods', type: 'string', arg: 'A,B', description: { zh: '比较的两个月份 YYYY-MM（差为 A − B）', en: 'the two months compared, YYYY-MM (the difference is A − B)' } },
    ...SURVEY_OPTIONS,
    FORMAT,
    OUT,
    BOM,
    MAPPING,
    ENCODING,
  ],
  examples: [
    {
      cmd: 'houfu compare --data datasets/guizhou-2019-sample --indicators employment.rate --by prefecture --breakdown sites.site_type --groups urban,rural',
      text: { zh: '城镇与农村安置点就业率之差，按市（州）', en: 'employment rate of urban minus rural sites, by prefecture' },
    },
  ],
  run: compare,
};
