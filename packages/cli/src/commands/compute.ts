/** `houfu compute`: indicators by area as a tidy table. */
import { compute as run, LEVELS, parseDesign, TABLE_NAMES, type Level, type TableName } from '@houfu/core';
import { PROPORTION_METHODS } from '@houfu/core/survey';
import { readMapping } from '@houfu/core/node';
import { chosenDefinitions } from './definitions.js';
import { emit, loadFromArgs, need, oneOf, outputFormat, reportFindings, UsageError, type Io } from '../common.js';

/** Options of compute. */
export const computeOptions = {
  data: { type: 'string' },
  indicators: { type: 'string' },
  definitions: { type: 'string' },
  by: { type: 'string' },
  engine: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  breakdown: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
  cube: { type: 'string' },
  db: { type: 'string' },
  database: { type: 'string' },
  schema: { type: 'string' },
  tables: { type: 'string' },
  design: { type: 'string' },
  interval: { type: 'string' },
  confidence: { type: 'string' },
  suppress: { type: 'string' },
} as const;

/** Engines of `--engine`. */
export const ENGINE_NAMES = ['kernel', 'arquero', 'duckdb', 'duckdb-wasm', 'duckdb-native', 'postgres', 'clickhouse'] as const;
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
  if (values['cube'] !== undefined) return (await import('./cube.js')).computeFromCubeFile(values, io);
  const defs = await chosenDefinitions(values);
  const by = oneOf(values['by'], LEVELS, 'by', 'county') as Level;
  const format = outputFormat(values['format']);
  const breakdown = typeof values['breakdown'] === 'string' ? values['breakdown'].split(',').map((s) => s.trim()).filter(Boolean) : [];
  const survey = surveyArgs(values);
  // Design-based estimates need weighted sums per PSU: the arquero engine carries them.
  const engine = oneOf(values['engine'], ENGINE_NAMES, 'engine', survey.design ? 'arquero' : 'kernel');
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
    await emit(await run(dataset, defs, { by, engine: chm.clickhouseEngine, breakdown, ...survey }), format, values['out'], io);
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
      await emit(await run(dataset, defs, { by, engine: pgm.postgresEngine, breakdown, ...survey }), format, values['out'], io);
    } finally {
      await close();
    }
    return 0;
  }
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  try {
    const result = await run(ds, defs, { by, engine, breakdown, ...survey });
    await emit(result, format, values['out'], io);
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
      throw new UsageError(`--tables takes TABLE=NAME pairs separated by commas, TABLE one of ${TABLE_NAMES.join(', ')} (got ${part})`);
    out[k as TableName] = part.slice(eq + 1);
  }
  return out;
}
