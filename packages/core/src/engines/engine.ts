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
import type { Plan } from '../plan/plan.js';

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

/** An execution engine. */
export interface Engine {
  /** Engine name, as given to `compute({ engine })`. */
  readonly name: string;
  /** Whether the engine honours frames with a survey design (weights, strata, PSUs). */
  readonly supportsDesign?: boolean;
  /** Execute every frame of the plan over the dataset. */
  run(plan: Plan, dataset: Dataset): Promise<FrameSums[]>;
}
