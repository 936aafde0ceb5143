/** `compute` with a survey design: prepare the design, plan with it, run, estimate. */
import type { Dataset } from '../dataset.js';
import type { Engine } from '../engines/engine.js';
import { HoufuError } from '../errors.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { plan, type Level, type Plan } from '../plan/plan.js';
import { concatResults, type ResultTable } from '../result/assemble.js';
import { SURVEY_COLUMNS, assembleSurvey } from './assemble.js';
import { prepareDesign, type PreparedDesign } from './design.js';
import { PROPORTION_METHODS, type ProportionMethod } from './intervals.js';
import type { SurveyDesign } from './design.js';

/** The options of design-based estimation (those of `compute`). */
export interface SurveyOptions {
  /** Break results down by these columns. */
  readonly breakdown?: readonly string[];
  /** The sample design. */
  readonly design?: SurveyDesign;
  /** Confidence level (default 0.95). */
  readonly confidence?: number;
  /** Interval for proportions (default `logit`). */
  readonly interval?: ProportionMethod;
}

/** Plan design-based estimation at one level (request errors become HoufuErrors). */
export function planSurvey(prepared: PreparedDesign, indicators: readonly IndicatorDefinition[], by: Level, breakdown: readonly string[]): Plan {
  return plan(prepared.dataset, indicators, { by, breakdown, design: true });
}

/** Check the estimation options and the engine. */
export function checkSurveyOptions(options: Pick<SurveyOptions, 'confidence' | 'interval' | 'breakdown'>, engine: Engine): void {
  if (!engine.supportsDesign) throw new HoufuError('invalid_request', SURVEY_TEXT.engineNoDesign(engine.name));
  const level = options.confidence ?? 0.95;
  if (!(level > 0 && level < 1)) throw new HoufuError('invalid_request', SURVEY_TEXT.badLevel(level));
  if (options.interval !== undefined && !PROPORTION_METHODS.includes(options.interval))
    throw new HoufuError('invalid_request', { zh: `未知区间方法：${options.interval}`, en: `unknown interval method: ${options.interval} (logit, wilson or beta)` });
  for (const b of options.breakdown ?? [])
    if ((SURVEY_COLUMNS as readonly string[]).includes(b))
      throw new HoufuError('invalid_request', { zh: `分组列名与结果列冲突：${b}`, en: `breakdown name clashes with a result column: ${b}` });
}

/** Design-based `compute`. */
export async function computeSurvey(
  dataset: Dataset,
  indicators: readonly IndicatorDefinition[],
  options: SurveyOptions,
  engine: Engine,
  levels: readonly Level[],
): Promise<ResultTable> {
  checkSurveyOptions(options, engine);
  const prepared = prepareDesign(dataset, options.design!);
  const est = { level: options.confidence ?? 0.95, method: options.interval ?? 'logit' } as const;
  const results: ResultTable[] = [];
  let sums: Awaited<ReturnType<Engine['run']>> | undefined;
  for (const by of levels) {
    const p = planSurvey(prepared, indicators, by, options.breakdown ?? []);
    // Sums per site serve every level above it.
    sums ??= await engine.run(p, prepared.dataset);
    results.push(assembleSurvey(p, prepared, sums, est));
  }
  return concatResults(results);
}
