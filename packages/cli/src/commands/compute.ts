/** `houfu compute`: indicators by area as a tidy table. */
import { compute as run, LEVELS, parseDesign, PROPORTION_METHODS, type Level } from '@houfu/core';
import { resolveIndicators } from '@houfu/indicators';
import { emit, loadFromArgs, need, oneOf, outputFormat, reportFindings, UsageError, type Io } from '../common.js';

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
  design: { type: 'string' },
  interval: { type: 'string' },
  confidence: { type: 'string' },
  suppress: { type: 'string' },
} as const;

/** Options that may be given without a value, and the value they then take. */
export const computeDefaults = { suppress: '10' } as const;

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
    if (!(c > 0 && c < 1)) throw new UsageError(`--confidence must be a number between 0 and 1 (got ${values['confidence']})`);
    out.confidence = c;
  }
  if (typeof values['suppress'] === 'string') {
    const t = Number(values['suppress']);
    if (!Number.isInteger(t) || t < 1) throw new UsageError(`--suppress takes a positive whole threshold (got ${values['suppress']})`);
    out.suppress = t;
  }
  return out;
}

/** Compute indicators and write the result. */
export async function compute(values: Record<string, unknown>, io: Io): Promise<number> {
  const defs = resolveIndicators(need(values, 'indicators'));
  const by = oneOf(values['by'], LEVELS, 'by', 'county') as Level;
  const engine = oneOf(values['engine'], ['arquero'] as const, 'engine', 'arquero');
  const format = outputFormat(values['format']);
  const breakdown = typeof values['breakdown'] === 'string' ? values['breakdown'].split(',').map((s) => s.trim()).filter(Boolean) : [];
  const survey = surveyArgs(values);
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  const result = await run(ds, defs, { by, engine, breakdown, ...survey });
  await emit(result, format, values['out'], io);
  return 0;
}
