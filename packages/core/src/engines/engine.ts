/**
 * The contract between the planner and the engines: an engine turns each frame of a
 * plan into additive sums per group (site or unit), period and breakdown.
 *
 * Survey designs. A frame with a `design` (see `FramePlan.design`) asks for design-based
 * sums: every measure's row value (1, or the `sum` column, times the `times` column when
 * given) is multiplied by the row's weight (`design.weight`) unless the measure is
 * `unweighted`; the stratum (`design.strata`) and the primary sampling unit (`design.psu`)
 * become two more grouping keys, returned in `FrameSums.design`. These per-PSU totals are
 * all that Taylor linearization needs. An engine that cannot honour a design sets
 * `supportsDesign` to false (or leaves it out): `compute` then refuses to run it with a
 * design rather than return unweighted numbers.
 */
import type { Dataset } from '../dataset.js';
import type { Plan, RowsPlan } from '../plan/plan.js';

/** Additive sums of one frame: one entry per group × period × breakdown combination. */
export interface FrameSums {
  /** Site id (or management unit id) of each group. */
  readonly group: readonly string[];
  /** Period of each group, or null when the frame is not monthly. */
  readonly period: readonly (string | null)[];
  /** Breakdown values per breakdown column (outer index: column, inner: group). */
  readonly breakdown: readonly (readonly (string | null)[])[];
  /** Sums per measure id (inner index: group). */
  readonly sums: Readonly<Record<string, ArrayLike<number>>>;
  /** For a frame with a design: the stratum and PSU of each entry. */
  readonly design?: {
    /** Stratum of each entry. */
    readonly strata: readonly string[];
    /** Primary sampling unit of each entry. */
    readonly psu: readonly string[];
  };
}

/** Three-valued row state: false, true, unknown. */
export const ROW_STATE = { false: 0, true: 1, unknown: 2 } as const;

/**
 * The rows of a rows plan (`planRows`) as states, for drill-down lists: per row its key, period
 * and site, the state of each expression, and the counts of children of each quantifier. Engines
 * return states only; `result/drilldown.ts` filters, sorts and writes the texts.
 */
export interface RowStates {
  /** Key of each row (`household_id`, …). */
  readonly id: readonly string[];
  /** Period of each row, or null. */
  readonly period: readonly (string | null)[];
  /** Site id of each row, or null when it has none. */
  readonly site: readonly (string | null)[];
  /** Per expression of the rows plan, in order: the state of each row (see {@link ROW_STATE}). */
  readonly states: readonly ArrayLike<number>[];
  /** Per quantifier id: children of each row whose predicate is true, false, unknown. */
  /** (Labelled quantifiers only, the ones drill-down details name.) */
  readonly counts: Readonly<Record<string, { readonly t: ArrayLike<number>; readonly f: ArrayLike<number>; readonly u: ArrayLike<number> }>>;
}

/** An execution engine. */
export interface Engine {
  /** Engine name, as given to `compute({ engine })`. */
  readonly name: string;
  /** Whether the engine honours frames with a survey design (weights, strata, PSUs). */
  readonly supportsDesign?: boolean;
  /** Execute every frame of the plan over the dataset. */
  run(plan: Plan, dataset: Dataset): Promise<FrameSums[]>;
  /** The states of the rows of a rows plan (drill-down); engines without it cannot list rows. */
  rows?(plan: RowsPlan, dataset: Dataset): Promise<RowStates>;
}
