/** `houfu households --failing ID`: the households failing a must, and why. */
import { failingHouseholds } from '@houfu/core';
import { indicator } from '@houfu/indicators';
import { emit, loadFromArgs, need, oneOf, outputFormat, UsageError, type Io } from '../common.js';

/** Options of households. */
export const householdsOptions = {
  failing: { type: 'string' },
  data: { type: 'string' },
  site: { type: 'string' },
  county: { type: 'string' },
  prefecture: { type: 'string' },
  period: { type: 'string' },
  status: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
} as const;

/** List the households failing (or unknown on) a household indicator. */
export async function households(values: Record<string, unknown>, io: Io): Promise<number> {
  const id = need(values, 'failing');
  const def = indicator(id);
  if (!def) throw new UsageError(`unknown indicator: ${id}`);
  const status = oneOf(values['status'], ['failed', 'unknown', 'both'] as const, 'status', 'both');
  const format = outputFormat(values['format']);
  const ds = await loadFromArgs(values, io);
  const opt = (k: string): Record<string, string> => (typeof values[k] === 'string' ? { [k]: values[k] as string } : {});
  const table = await failingHouseholds(ds, def, { status, ...opt('site'), ...opt('county'), ...opt('prefecture'), ...opt('period') });
  await emit(table, format, values['out'], io);
  return 0;
}
