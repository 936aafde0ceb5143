/** `houfu compare`: the difference of indicators between two groups or two periods, per area. */
import { LEVELS, type Level } from '@houfu/core';
import { compare as run } from '@houfu/core/survey';
import { resolveIndicators } from '@houfu/indicators';
import { emit, loadFromArgs, need, oneOf, outputFormat, UsageError, type Io } from '../common.js';
import { surveyArgs } from './compute.js';

/** Options of compare. */
export const compareOptions = {
  data: { type: 'string' },
  indicators: { type: 'string' },
  by: { type: 'string' },
  breakdown: { type: 'string' },
  groups: { type: 'string' },
  periods: { type: 'string' },
  design: { type: 'string' },
  confidence: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
} as const;

const pair = (v: unknown, name: string): [string, string] => {
  const parts = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new UsageError(`--${name} takes two values: A,B (the difference is A − B)`);
  return [parts[0]!, parts[1]!];
};

/** Compare and write the differences. */
export async function compare(values: Record<string, unknown>, io: Io): Promise<number> {
  const defs = resolveIndicators(need(values, 'indicators'));
  const by = oneOf(values['by'], LEVELS, 'by', 'county') as Level;
  const format = outputFormat(values['format']);
  const hasGroups = values['groups'] !== undefined;
  const hasPeriods = values['periods'] !== undefined;
  if (hasGroups === hasPeriods) throw new UsageError('give either --breakdown COL --groups A,B or --periods A,B');
  if (hasGroups && typeof values['breakdown'] !== 'string') throw new UsageError('--groups needs --breakdown COL (the column whose values are compared)');
  const what = hasGroups ? { breakdown: values['breakdown'] as string, values: pair(values['groups'], 'groups') } : { periods: pair(values['periods'], 'periods') };
  const { design, confidence } = surveyArgs(values);
  const ds = await loadFromArgs(values, io);
  const result = await run(ds, defs, { by, compare: what, ...(design ? { design } : {}), ...(confidence !== undefined ? { confidence } : {}) });
  await emit(result, format, values['out'], io);
  return 0;
}
