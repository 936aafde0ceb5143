/**
 * Row states with the arquero engine (for drill-down): the frame's prepared rows, each
 * expression compiled to a closure over them.
 */
import type { Dataset } from '../../dataset.js';
import type { RowsPlan } from '../../plan/plan.js';
import { SCHEMA } from '../../schema/tables.js';
import { ROW_STATE, type RowStates } from '../engine.js';
import { compileExpr } from '../evaluate.js';
import { keyNames, prepareFrame } from './index.js';

type Row = Record<string, unknown>;

const state = (v: unknown): number => (v === true ? ROW_STATE.true : v === false ? ROW_STATE.false : ROW_STATE.unknown);

/** The states of the rows of a rows plan. */
export function arqueroRowStates(dataset: Dataset, rp: RowsPlan): RowStates {
  const table = rp.frame.table;
  const keys = keyNames(rp.frame);
  const rows = prepareFrame(dataset, rp.frame).objects() as Row[];
  const fs = rp.exprs.map((e) => compileExpr(table, e, keys));
  const counts: Record<string, { t: number[]; f: number[]; u: number[] }> = {};
  for (const q of rp.frame.quantifiers)
    if (q.node.label) counts[q.id] = { t: rows.map((r) => Number(r[`${q.id}_t`] ?? 0)), f: rows.map((r) => Number(r[`${q.id}_f`] ?? 0)), u: rows.map((r) => Number(r[`${q.id}_u`] ?? 0)) };
  return {
    id: rows.map((r) => String(r[SCHEMA[table].key])),
    period: rows.map((r) => (r['period'] as string | null | undefined) ?? null),
    site: rows.map((r) => (r['__site'] === null || r['__site'] === undefined ? null : String(r['__site']))),
    states: fs.map((f) => Uint8Array.from(rows, (r) => state(f(r)))),
    counts,
  };
}
