/**
 * The lowered plan: plain, tagged data that every engine reads by kind. Everything an engine
 * would otherwise work out again — which tables join on which columns and periods, which
 * quantifiers a frame counts, what each measure sums, whether rows are weighted — is decided
 * here once (see `plan.ts`) and printed in the golden files of `test/__snapshots__/plan/`.
 */
import type { Expr, QuantifierExpr } from '../model/expr.js';
import type { IndicatorDefinition, LocalText } from '../model/indicator.js';
import type { TableName } from '../schema/tables.js';
import { HoufuError } from '../errors.js';

export { LEVELS, type Level } from '../model/vocabulary.js';
import type { Level } from '../model/vocabulary.js';

/**
 * A link from each row of `from` to one row of `to`: `from.via = to.<key>`, and on the same
 * period when `matchPeriod` (both tables monthly in this dataset). Rows with no match have no parent.
 */
export interface PlanLink {
  /** The table whose rows point. */
  readonly from: TableName;
  /** The table pointed at. */
  readonly to: TableName;
  /** The column of `from` holding the key of `to`. */
  readonly via: string;
  /** Whether the link also matches the period. */
  readonly matchPeriod: boolean;
}

/** A quantifier node of a lowered expression: the model's node with its id in the frame. */
export interface PlanQuantifierExpr extends QuantifierExpr {
  /** Id of the quantifier in its frame (`q0`, `q1`, …); equal quantifiers share it. */
  readonly id: string;
}

/** A quantifier computed once per frame and referred to by its id. */
export interface PlanQuantifier {
  /** Internal name. */
  readonly id: string;
  /** The quantifier node (with the same id). */
  readonly node: PlanQuantifierExpr;
  /** The link from the child rows to the frame's rows. */
  readonly link: PlanLink;
}

/** Rows where `where` is true, counted (unweighted, also in a frame with a design). */
export interface CountMeasure {
  /** Discriminator. */
  readonly kind: 'count';
  /** Internal name, unique within the frame. */
  readonly id: string;
  /** Rows count where this is true. */
  readonly where: Expr;
}

/** A column of the frame's table summed over the rows where `where` is true (unweighted). */
export interface SumMeasure {
  /** Discriminator. */
  readonly kind: 'sum';
  /** Internal name, unique within the frame. */
  readonly id: string;
  /** Rows count where this is true. */
  readonly where: Expr;
  /** The column summed. */
  readonly column: string;
}

/**
 * Σ weight · Π columns over the rows where `where` is true, in a frame with a survey design:
 * no column is a weighted count, one a weighted sum, two a second moment (kept sorted).
 */
export interface WeightedSumMeasure {
  /** Discriminator. */
  readonly kind: 'weightedSum';
  /** Internal name, unique within the frame. */
  readonly id: string;
  /** Rows count where this is true. */
  readonly where: Expr;
  /** Columns multiplied in (0–2, sorted). */
  readonly columns: readonly string[];
}

/** One measure of a frame, by kind. */
export type PlanMeasure = CountMeasure | SumMeasure | WeightedSumMeasure;

/** The measure kinds, for exhaustive handlers. */
export type MeasureKind = PlanMeasure['kind'];

/**
 * Three count measures of one classified indicator — numerator (universe ∧ outcome),
 * denominator (universe ∧ outcome known), unknown (universe ∧ outcome unknown) — which an
 * engine may count in one pass over the nine (universe, outcome) states. The three measures are
 * also in `measures`: an engine that counts them one by one gets the same numbers.
 */
export interface ClassifiedTriple {
  /** Discriminator. */
  readonly kind: 'classified';
  /** Rows in the indicator's universe. */
  readonly universe: Expr;
  /** The outcome tested on them. */
  readonly outcome: Expr;
  /** Measure id of the numerator. */
  readonly numerator: string;
  /** Measure id of the denominator. */
  readonly denominator: string;
  /** Measure id of the unknown rows. */
  readonly unknown: string;
}

/** A frame's rows are counted as they are. */
export interface NoDesign {
  /** Discriminator. */
  readonly kind: 'none';
}

/**
 * A survey design, as row keys (own column, or `households.column` from persons): `weightedSum`
 * measures multiply by the weight, and the stratum and PSU join the grouping keys (see `engines/engine.ts`).
 */
export interface SurveyDesignPart {
  /** Discriminator. */
  readonly kind: 'survey';
  /** Weight column key. */
  readonly weight: string;
  /** Stratum column key. */
  readonly strata: string;
  /** Primary sampling unit column key. */
  readonly psu: string;
}

/** How a frame's rows are weighted and grouped, by kind. */
export type FrameDesign = NoDesign | SurveyDesignPart;

/** The design kinds, for exhaustive handlers. */
export type DesignKind = FrameDesign['kind'];

/** A breakdown column resolved for one frame: on its own table, or on a parent through `links`. */
export type PlanBreakdown =
  | {
      /** Discriminator: a column of the frame's table. */
      readonly kind: 'own';
      /** The name the user gave (the output column). */
      readonly name: string;
      /** Table holding the column (the frame's table). */
      readonly table: TableName;
      /** Column in that table. */
      readonly column: string;
    }
  | {
      /** Discriminator: a column of a parent table. */
      readonly kind: 'parent';
      /** The name the user gave (the output column). */
      readonly name: string;
      /** Table holding the column. */
      readonly table: TableName;
      /** Column in that table. */
      readonly column: string;
    };

/** The breakdown kinds, for exhaustive handlers. */
export type BreakdownKind = PlanBreakdown['kind'];

/** Everything to compute over the rows of one table. */
export interface FramePlan {
  /** The table whose rows are counted. */
  readonly table: TableName;
  /** Whether its rows carry a period (directly or through their household). */
  readonly periodic: boolean;
  /** Group rows by site or by management unit. */
  readonly group: 'site' | 'unit';
  /** Parent links the rows need, nearest first (the schema's chain, then the unit link when grouped by unit). */
  readonly links: readonly PlanLink[];
  /** Parent columns needed, as `table.column` (own columns are plain). */
  readonly columns: readonly string[];
  /** Quantifiers over child tables. */
  readonly quantifiers: readonly PlanQuantifier[];
  /** Breakdown columns. */
  readonly breakdown: readonly PlanBreakdown[];
  /** Measures. */
  readonly measures: readonly PlanMeasure[];
  /** Classified indicators whose three measures can be counted in one pass. */
  readonly classified: readonly ClassifiedTriple[];
  /** The survey design of the frame, or `none`. */
  readonly design: FrameDesign;
}

/** Where an indicator's counts come from: frame index and measure id. */
export interface MeasureRef {
  /** Index into `Plan.frames`. */
  readonly frame: number;
  /** Measure id in that frame. */
  readonly measure: string;
}

/** One indicator in a plan. */
export interface PlanIndicator {
  /** The definition. */
  readonly definition: IndicatorDefinition;
  /** Numerator source. */
  readonly numerator: MeasureRef;
  /** Denominator source. */
  readonly denominator: MeasureRef;
  /** Unknown source, or null. */
  readonly unknown: MeasureRef | null;
  /** Whether results are per period. */
  readonly periodic: boolean;
  /** With a design: the extra sums of design-based estimation. */
  readonly survey?: SurveyRefs;
}

/**
 * Sums a design-based estimate needs besides its weighted numerator and denominator. The domain
 * of an estimate is its area × period × breakdown and the rows its denominator counts.
 */
export interface SurveyRefs {
  /** Rows of the domain, unweighted. */
  readonly n: MeasureRef;
  /** Rows of the numerator, unweighted. */
  readonly nNumerator: MeasureRef;
  /** Moments over the domain's rows (numerator and denominator on one table), for the design effect. */
  readonly moments: {
    /** Σ w. */
    readonly w: MeasureRef;
    /** Σ w·y. */
    readonly y: MeasureRef;
    /** Σ w·y². */
    readonly yy: MeasureRef;
    /** Σ w·x·y. */
    readonly xy: MeasureRef;
    /** Σ w·x². */
    readonly xx: MeasureRef;
  } | null;
}

/** A complete plan: plain data, printable and serializable. */
export interface Plan {
  /** Output level. */
  readonly level: Level;
  /** Periods of the dataset (empty if none). */
  readonly periods: readonly string[];
  /** Breakdown names, in output order. */
  readonly breakdown: readonly string[];
  /** Frames, one per table counted. */
  readonly frames: readonly FramePlan[];
  /** Indicators, in request order. */
  readonly indicators: readonly PlanIndicator[];
}

/** An error in the request or the definitions (not in the data), in Chinese and English. */
export class PlanError extends HoufuError {
  override name = 'PlanError';
  constructor(text: LocalText) {
    super('invalid_request', text);
  }
}

/** The id of a lowered quantifier node; a quantifier that did not come through the planner is refused. */
export function quantifierId(q: QuantifierExpr): string {
  const id = (q as Partial<PlanQuantifierExpr>).id;
  if (typeof id !== 'string') throw new Error(`a ${q.kind}(${q.table}) quantifier did not come from the plan`);
  return id;
}

/** Handlers of a plan part, one per kind: an engine that forgets a kind does not compile. */
export type KindHandlers<P extends { readonly kind: string }, R, A extends unknown[] = []> = {
  readonly [K in P['kind']]: (part: Extract<P, { kind: K }>, ...args: A) => R;
};

/** Dispatch a plan part to the handler of its kind. */
export function byKind<P extends { readonly kind: string }, R, A extends unknown[]>(part: P, handlers: KindHandlers<P, R, A>, ...args: A): R {
  const h = (handlers as unknown as Record<string, ((p: P, ...a: A) => R) | undefined>)[part.kind];
  if (h === undefined) throw new Error(`no handler for plan part ${part.kind}`);
  return h(part, ...args);
}
