/**
 * The entry point of computation: validate, plan, run an engine, assemble.
 */
import type { Dataset } from './dataset.js';
import { assertEngineFor } from './engines/bound.js';
import type { Engine } from './engines/engine.js';
import { resolveEngine, type EngineName } from './engines/registry.js';
import { assertUsable } from './plan/usable.js';
import { HoufuError } from './errors.js';
import { loadOptional, SURVEY_PACKAGES } from './optional.js';
import { ERROR_TEXT } from './messages/index.js';
import type { IndicatorDefinition } from './model/indicator.js';
import type { Level } from './plan/plan.js';
import type { ResultTable } from './result/assemble.js';
import { checkBreakdownNames, computeLevels } from './result/levels.js';
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

export { DEFAULT_ENGINE, resolveEngine, type EngineName } from './engines/registry.js';
export { assertUsable } from './plan/usable.js';

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
  checkBreakdownNames(options.breakdown ?? []);
  // Design-based estimates need weighted sums per PSU: the arquero engine carries them.
  const engine = await resolveEngine(options.engine ?? (options.design ? 'arquero' : undefined));
  assertEngineFor(dataset, engine.name);
  const levels: readonly Level[] = typeof options.by === 'string' ? [options.by] : options.by;
  if (options.suppress !== undefined && options.suppress !== false) return computeSuppressed(dataset, indicators, { ...options, engine }, levels);
  if (options.design) return (await loadOptional(SURVEY_PACKAGES, () => import('./survey/compute.js'))).computeSurvey(dataset, indicators, options, engine, levels);
  return computeLevels(dataset, indicators, engine, levels, options.breakdown ?? []);
}
