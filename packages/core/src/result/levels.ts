/**
 * The register path shared by `compute` and comparisons: plan each level, run the engine once
 * for every level above the unit (sums per site roll up), assemble.
 */
import type { Dataset } from '../dataset.js';
import type { Engine, FrameSums } from '../engines/engine.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { plan, type Level } from '../plan/plan.js';
import { HoufuError } from '../errors.js';
import { assemble, concatResults, RESULT_COLUMNS, type ResultTable } from './assemble.js';

/** Results of `indicators` at each of `levels`, from one engine run per grain (site, unit). */
export async function computeLevels(
  dataset: Dataset,
  indicators: readonly IndicatorDefinition[],
  engine: Engine,
  levels: readonly Level[],
  breakdown: readonly string[],
): Promise<ResultTable> {
  const results: ResultTable[] = [];
  let siteSums: FrameSums[] | undefined;
  for (const by of levels) {
    // A PlanError is a HoufuError with its Chinese and English text.
    const p = plan(dataset, indicators, { by, breakdown });
    if (by === 'unit') {
      results.push(assemble(p, dataset, await engine.run(p, dataset)));
      continue;
    }
    siteSums ??= await engine.run(p, dataset);
    results.push(assemble(p, dataset, siteSums));
  }
  return concatResults(results);
}

/** Refuse breakdown names that would clash with a result column. */
export function checkBreakdownNames(breakdown: readonly string[]): void {
  for (const b of breakdown)
    if ((RESULT_COLUMNS as readonly string[]).includes(b))
      throw new HoufuError('invalid_request', { zh: `分组列名与结果列冲突：${b}`, en: `breakdown name clashes with a result column: ${b}` });
}
