/**
 * Running frame queries on any SQL database and reading their rows back as frame sums.
 */
import type { Dataset } from '../../dataset.js';
import type { Plan, RowsPlan } from '../../plan/plan.js';
import type { TableName } from '../../schema/tables.js';
import type { Engine, FrameSums, RowStates } from '../engine.js';
import type { Dialect } from './dialect.js';
import { FRAME_COLUMNS, frameQuery, ROWS_COLUMNS, rowsQuery, type SqlQuery } from './emit.js';
import type { SqlNaming } from './naming.js';

/** A row of a query result: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** A connection that runs parameterized queries. */
export interface SqlSession {
  /** The dialect the database speaks. */
  readonly dialect: Dialect;
  /** Run one statement with its bound parameters; the rows as objects. */
  query(q: SqlQuery): Promise<readonly SqlRow[]>;
  /** How many statements the session may run at once (default 1: one after another). */
  readonly inFlight?: number;
}

/** Where a dataset's tables are, for a session. */
export interface SqlSource {
  /** The session to run queries on. */
  readonly session: SqlSession;
  /** The names of the dataset's tables and columns in that database. */
  readonly naming: SqlNaming;
  /** Optional tables the database lacks: they have no rows. */
  readonly absent?: ReadonlySet<TableName>;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Frame sums from the rows of a frame query. */
export function frameSums(plan: Plan, frameIndex: number, rows: readonly SqlRow[], periodic: boolean): FrameSums {
  const frame = plan.frames[frameIndex]!;
  const sums: Record<string, number[]> = {};
  for (const m of frame.measures) sums[m.id] = rows.map((r) => Number(r[m.id]));
  return {
    group: rows.map((r) => String(r[FRAME_COLUMNS.group])),
    period: periodic ? rows.map((r) => text(r[FRAME_COLUMNS.period])) : rows.map(() => null),
    breakdown: frame.breakdown.map((_, i) => rows.map((r) => text(r[FRAME_COLUMNS.breakdown(i)]))),
    sums,
  };
}

/** Run every frame of a plan through `source` (`session.inFlight` queries at a time; sums in frame order). */
export async function runPlan(plan: Plan, dataset: Dataset, source: SqlSource): Promise<FrameSums[]> {
  const out = new Array<FrameSums>(plan.frames.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.frames.length) {
      const i = next++;
      const frame = plan.frames[i]!;
      if (source.absent?.has(frame.table)) {
        out[i] = frameSums(plan, i, [], false);
        continue;
      }
      const query = frameQuery(frame, { dialect: source.session.dialect, naming: source.naming, dataset, ...(source.absent ? { absent: source.absent } : {}) });
      out[i] = frameSums(plan, i, await source.session.query(query), query.periodic);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(source.session.inFlight ?? 1, plan.frames.length)) }, worker));
  return out;
}

/** The row states of a rows plan (drill-down), listed by `source`. */
export async function runRows(rp: RowsPlan, dataset: Dataset, source: SqlSource): Promise<RowStates> {
  const query = rowsQuery(rp, { dialect: source.session.dialect, naming: source.naming, dataset, ...(source.absent ? { absent: source.absent } : {}) });
  const rows = await source.session.query(query);
  const counts: Record<string, { t: number[]; f: number[]; u: number[] }> = {};
  for (const q of rp.frame.quantifiers)
    if (q.node.label) counts[q.id] = { t: rows.map((r) => Number(r[`${q.id}_t`])), f: rows.map((r) => Number(r[`${q.id}_f`])), u: rows.map((r) => Number(r[`${q.id}_u`])) };
  return {
    id: rows.map((r) => String(r[ROWS_COLUMNS.id])),
    period: query.periodic ? rows.map((r) => text(r[ROWS_COLUMNS.period])) : rows.map(() => null),
    site: rows.map((r) => text(r[ROWS_COLUMNS.site])),
    states: rp.exprs.map((_, i) => Uint8Array.from(rows, (r) => Number(r[ROWS_COLUMNS.state(i)]))),
    counts,
  };
}

/** An engine that runs plans on the SQL source `open` gives for a dataset. */
export function sqlEngine(name: string, open: (dataset: Dataset) => Promise<SqlSource>): Engine {
  return {
    name,
    async run(plan, dataset) {
      return runPlan(plan, dataset, await open(dataset));
    },
    async rows(rp, dataset) {
      return runRows(rp, dataset, await open(dataset));
    },
  };
}
