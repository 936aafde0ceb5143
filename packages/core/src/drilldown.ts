/** Drill-down lists: which households fail a must, and why. */
import type { Dataset } from './dataset.js';
import { assertEngineFor } from './engines/bound.js';
import { resolveEngine } from './engines/registry.js';
import { HoufuError } from './errors.js';
import { DRILLDOWN_TEXT } from './messages/drilldown.js';
import type { IndicatorDefinition } from './model/indicator.js';
import { assertUsable } from './plan/usable.js';
import { drillDownPlan, drillDownTable, type DrillDownOptions, type DrillDownTable } from './result/drilldown.js';

export type { DrillDownOptions, DrillDownRow, DrillDownSchema, DrillDownTable } from './result/drilldown.js';

/**
 * The households that fail (or are unknown on) a household indicator, with site,
 * county, prefecture, status, reason (en/zh) and details; sorted by county, site, id.
 * Any engine that lists row states can serve (the kernel, arquero, the SQL engines).
 * @example const list = await failingHouseholds(ds, employment, { county: '520102' });
 */
export async function failingHouseholds(dataset: Dataset, def: IndicatorDefinition, options: DrillDownOptions = {}): Promise<DrillDownTable> {
  assertUsable(dataset);
  const engine = await resolveEngine(options.engine ?? 'kernel');
  assertEngineFor(dataset, engine.name);
  if (!engine.rows) throw new HoufuError('invalid_request', DRILLDOWN_TEXT.noRows(engine.name));
  const rp = drillDownPlan(dataset, def);
  return drillDownTable(dataset, def, rp, await engine.rows(rp, dataset), options);
}
