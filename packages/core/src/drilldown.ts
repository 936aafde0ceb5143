/** Drill-down lists: which households fail a must, and why. */
import type { Table } from 'apache-arrow';
import { assertUsable } from './compute.js';
import type { Dataset } from './dataset.js';
import { assertEngineFor } from './engines/bound.js';
import type { DrillDownOptions } from './result/drilldown.js';
import type { IndicatorDefinition } from './model/indicator.js';

export type { DrillDownOptions } from './result/drilldown.js';

/**
 * The households that fail (or are unknown on) a household indicator, with site,
 * county, prefecture, status, reason (en/zh) and details; sorted by county, site, id.
 * @example const list = await failingHouseholds(ds, employment, { county: '520102' });
 */
export async function failingHouseholds(dataset: Dataset, def: IndicatorDefinition, options: DrillDownOptions = {}): Promise<Table> {
  assertUsable(dataset);
  assertEngineFor(dataset, options.engine ?? 'kernel');
  const m = options.engine === 'arquero' ? await import('./engines/arquero/drilldown.js') : await import('./engines/kernel/drilldown.js');
  return m.failingHouseholdsTable(dataset, def, options);
}
