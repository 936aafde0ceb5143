/**
 * Row states with the kernel (for drill-down): the same three-valued vectors the indicators
 * are counted with.
 */
import { hasColumn, type Dataset } from '../../dataset.js';
import type { RowsPlan } from '../../plan/plan.js';
import { SCHEMA } from '../../schema/tables.js';
import type { RowStates } from '../engine.js';
import { encoded } from './encode.js';
import { Evaluator, valueOf } from './evaluate.js';
import { groupIndex, rows } from './links.js';

/** The states of the rows of a rows plan. */
export function kernelRowStates(dataset: Dataset, rp: RowsPlan): RowStates {
  const table = rp.frame.table;
  const ev = new Evaluator(dataset);
  const n = rows(dataset, table);
  const siteRow = groupIndex(dataset, table, 'site');
  const siteIds = encoded(dataset, 'sites', 'site_id');
  const key = dataset.tables[table]!.getChild(SCHEMA[table].key)!;
  const period = hasColumn(dataset, table, 'period') ? encoded(dataset, table, 'period') : undefined;
  const id: string[] = new Array(n);
  const per: (string | null)[] = new Array(n);
  const site: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    id[i] = String(key.get(i));
    per[i] = period ? (valueOf(period, i) as string | null) : null;
    const s = siteRow[i]!;
    site[i] = s < 0 ? null : String(valueOf(siteIds, s));
  }
  const counts: Record<string, ReturnType<Evaluator['counts']>> = {};
  for (const q of rp.frame.quantifiers) if (q.node.label) counts[q.id] = ev.counts(table, q.node);
  return { id, period: per, site, states: rp.exprs.map((e) => ev.bool(table, e)), counts };
}
