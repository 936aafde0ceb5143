/**
 * The entry point of computation: validate, plan, run an engine, assemble.
 */
import type { Dataset } from './dataset.js';
import { assertEngineFor } from './engines/bound.js';
import type { Engine } from './engines/engine.js';
import { HoufuError } from './errors.js';
import { ERROR_TEXT } from './messages/index.js';
import type { IndicatorDefinition } from './model/indicator.js';
import { plan, type Level } from './plan/plan.js';
import { assemble, concatResults, RESULT_COLUMNS, type ResultTable } from './result/assemble.js';
import { countFindings, formatFinding, hasErrors } from './validate/finding.js';
import type { SurveyDesign } from './survey/design.js';
import type { ProportionMethod } from './survey/intervals.js';

/** `compute` with suppression: every level (and breakdown totals) decides, the requested levels are returned. */
async function computeSuppressed(
  dataset: Dataset,
  indicators: readonly IndicatorDefinition[],
  options: ComputeOptions,
  levels: readonly Level[],
): Promise<ResultTable> {
  // Loaded on use: suppression and survey estimates carry large quantile functions.
  const { applySuppression, checkThreshold, DEFAULT_THRESHOLD, PUBLISH_LEVELS } = await import('./publish/suppress.js');
  const threshold = checkThreshold(options.suppress === true ? DEFAULT_THRESHOLD : Number(options.suppress));
  for (const l of levels)
    if (!PUBLISH_LEVELS.includes(l))
      throw new HoufuError('invalid_request', { zh: `安全发布不支持层级 ${l}`, en: `safe publication does not support level ${l} (province, prefecture, county or site)` });
  const { suppress: _, ...rest } = options;
  const full = await compute(dataset, indicators, { ...rest, by: PUBLISH_LEVELS });
  const breakdown = options.breakdown ?? [];
  const totals = breakdown.length ? await compute(dataset, indicators, { ...rest, breakdown: [], by: PUBLISH_LEVELS }) : null;
  return applySuppression(dataset, full, totals, breakdown, levels, threshold);
}

/** Engines available by name; each is loaded only when first used. */
export type EngineName = 'kernel' | 'arquero' | 'duckdb' | 'duckdb-wasm' | 'duckdb-native';

/** The engine used when none is named. */
export const DEFAULT_ENGINE: EngineName = 'kernel';

// The DuckDB engines are a separate entry (`@houfu/core/duckdb`), imported by name only when used.
const DUCKDB_ENTRY = '@houfu/core/duckdb';
const duckdb = (name: 'duckdb' | 'duckdb-wasm' | 'duckdb-native') => async (): Promise<Engine> =>
  ((await import(/* @vite-ignore */ DUCKDB_ENTRY)) as typeof import('./engines/duckdb/node.js')).sharedDuckDBEngine(name);

const ENGINES: Record<EngineName, () => Promise<Engine>> = {
  kernel: async () => (await import('./engines/kernel/index.js')).kernelEngine,
  arquero: async () => (await import('./engines/arquero/index.js')).arqueroEngine,
  duckdb: duckdb('duckdb'),
  'duckdb-wasm': duckdb('duckdb-wasm'),
  'duckdb-native': duckdb('duckdb-native'),
};

/** Options of {@link compute}. */
export interface ComputeOptions {
  /** Level(s) of the output areas. */
  readonly by: Level | readonly Level[];
  /** Break results down by these columns (`sex`, `sites.site_type`, …). */
  readonly breakdown?: readonly string[];
  /** Engine name (default `kernel`; `arquero` is the reference engine) or an engine object. */
  readonly engine?: EngineName | Engine;
  /** A sample design: design-based estimates with `se`, `ci_low`, `ci_high`, `df`, `deff`, `n`, `flag`. */
  readonly design?: SurveyDesign;
  /** With a design: confidence level (default 0.95). */
  readonly confidence?: number;
  /** With a design: interval for proportions, `logit` (default), `wilson` or `beta`. */
  readonly interval?: ProportionMethod;
  /**
   * Safe publication: hide cells whose count or denominator is below this threshold (`true`: 10),
   * and enough others that none can be recovered by subtraction (adds a `suppressed` column).
   */
  readonly suppress?: number | boolean;
}

/** Throw a HoufuError when the dataset has errors (every computation validates first). */
export function assertUsable(dataset: Dataset): void {
  if (!hasErrors(dataset.findings)) return;
  const errors = dataset.findings.filter((f) => f.severity === 'error');
  const first = formatFinding(errors[0]!);
  throw new HoufuError('invalid_dataset', ERROR_TEXT.invalidDataset(countFindings(errors, 'error'), first), errors);
}

/** Resolve an engine by name or pass an engine object through. */
export async function resolveEngine(engine: EngineName | Engine | undefined): Promise<Engine> {
  if (engine === undefined) return ENGINES[DEFAULT_ENGINE]();
  if (typeof engine !== 'string') return engine;
  const load = ENGINES[engine];
  if (!load) throw new HoufuError('invalid_request', { zh: `未知引擎：${engine}`, en: `unknown engine: ${engine}` });
  return load();
}

/**
 * Compute indicators over a dataset: one row per indicator × area × period (× breakdown),
 * as an Arrow table. Rollups are ratios of sums; zero denominators give null values.
 * @example
 * const result = await compute(dataset, fourMusts, { by: 'county' });
 * for (const row of result) console.log(row.area_name, row.value);
 */
export async function compute(
  dataset: Dataset,
  indicators: readonly IndicatorDefinition[],
  options: ComputeOptions,
): Promise<ResultTable> {
  assertUsable(dataset);
  for (const b of options.breakdown ?? [])
    if ((RESULT_COLUMNS as readonly string[]).includes(b))
      throw new HoufuError('invalid_request', { zh: `分组列名与结果列冲突：${b}`, en: `breakdown name clashes with a result column: ${b}` });
  // Design-based estimates need weighted sums per PSU: the arquero engine carries them.
  const engine = await resolveEngine(options.engine ?? (options.design ? 'arquero' : undefined));
  assertEngineFor(dataset, engine.name);
  const levels: readonly Level[] = typeof options.by === 'string' ? [options.by] : options.by;
  if (options.suppress !== undefined && options.suppress !== false) return computeSuppressed(dataset, indicators, { ...options, engine }, levels);
  if (options.design) return (await import('./survey/compute.js')).computeSurvey(dataset, indicators, options, engine, levels);
  const results: ResultTable[] = [];
  const breakdown = options.breakdown ? { breakdown: options.breakdown } : {};
  // A PlanError is a HoufuError with its Chinese and English text.
  const planFor = (by: Level) => plan(dataset, indicators, { by, ...breakdown });
  // Engines sum per site for every level above the unit: run once, roll up to each level.
  let siteSums: { sums: Awaited<ReturnType<Engine['run']>> } | undefined;
  for (const by of levels) {
    const p = planFor(by);
    if (by === 'unit') {
      results.push(assemble(p, dataset, await engine.run(p, dataset)));
      continue;
    }
    siteSums ??= { sums: await engine.run(p, dataset) };
    results.push(assemble(p, dataset, siteSums.sums));
  }
  return concatResults(results);
}
