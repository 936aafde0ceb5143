/**
 * The contract between the planner and the engines: an engine turns each frame of a
 * plan into additive sums per group (site or unit), period and breakdown.
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
}

/** An execution engine. */
export interface Engine {
  /** Engine name, as given to `compute({ engine })`. */
  readonly name: string;
  /** Execute every frame of the plan over the dataset. */
  run(plan: Plan, dataset: Dataset): Promise<FrameSums[]>;
}
