/** `houfu compute`: indicators by area as a tidy table. */
import { compute as run, LEVELS, type Level } from '@houfu/core';
import { resolveIndicators } from '@houfu/indicators';
import { emit, loadFromArgs, need, oneOf, outputFormat, reportFindings, type Io } from '../common.js';

/** Options of compute. */
export const computeOptions = {
  data: { type: 'string' },
  indicators: { type: 'string' },
  by: { type: 'string' },
  engine: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  breakdown: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
  cube: { type: 'string' },
} as const;

/** Compute indicators and write the result. */
export async function compute(values: Record<string, unknown>, io: Io): Promise<number> {
  if (values['cube'] !== undefined) return (await import('./cube.js')).computeFromCubeFile(values, io);
  const defs = resolveIndicators(need(values, 'indicators'));
  const by = oneOf(values['by'], LEVELS, 'by', 'county') as Level;
  const engine = oneOf(values['engine'], ['kernel', 'arquero'] as const, 'engine', 'kernel');
  const format = outputFormat(values['format']);
  const breakdown = typeof values['breakdown'] === 'string' ? values['breakdown'].split(',').map((s) => s.trim()).filter(Boolean) : [];
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  const result = await run(ds, defs, { by, engine, breakdown });
  await emit(result, format, values['out'], io);
  return 0;
}
