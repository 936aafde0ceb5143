/**
 * Indicator definitions: typed, JSON-serializable data. Authors write the short forms
 * (`rate`, `count`, `ratio`); `normalize` expands them into numerator, denominator and
 * unknown measures, the only form engines see.
 */
import type { TableName } from '../schema/tables.js';
import { and, isExpr, isNull, not, or, type Expr, TRUE } from './expr.js';

/** A text in Chinese and English. */
export interface LocalText {
  /** Chinese. */
  readonly zh: string;
  /** English. */
  readonly en: string;
}

/** The unit of analysis an indicator counts (`project` and `problem`: rows of the six measures' registers at sites). */
export type Unit = 'person' | 'household' | 'site' | 'unit' | 'project' | 'problem';

/** The canonical table holding each unit of analysis. */
export const UNIT_TABLE: Readonly<Record<Unit, TableName>> = {
  person: 'persons',
  household: 'households',
  site: 'sites',
  unit: 'management_units',
  project: 'projects',
  problem: 'problems',
};

/** How the value is formed: a rate of units, a ratio of two tables, or a count. */
export type IndicatorKind = 'rate' | 'ratio' | 'count';

/** How a value is displayed. */
export type ValueFormat = 'percent' | 'per_10k' | 'per_1k' | 'ratio' | 'count';

/** A policy target. */
export interface Target {
  /** The target value, on the value's scale (1 = 100% for proportions). */
  readonly value: number;
  /** `at_least`: met when value ≥ target; `at_most`: met when value ≤ target. */
  readonly direction: 'at_least' | 'at_most';
}

/** Where in the policy text an indicator comes from. */
export interface PolicySource {
  /** The clause, quoted in Chinese. */
  readonly clause: string;
  /** The clause in English. */
  readonly clauseEn: string;
  /** The document (title, publisher, date). */
  readonly document: string;
}

/** A count (or a sum of a column) over the rows of one table matching a predicate. */
export interface Measure {
  /** The table whose rows are counted. */
  readonly table: TableName;
  /** Rows count only where this evaluates to true (unknown and false do not count). */
  readonly where: Expr;
  /** Sum this column instead of counting rows. */
  readonly sum?: string;
}

/** For rates and counts: which rows are eligible (universe) and which meet the indicator (outcome). */
export interface Classification {
  /** Eligibility; false = not applicable, unknown = counted as unknown. */
  readonly universe: Expr;
  /** The outcome tested on eligible rows. */
  readonly outcome: Expr;
}

/** Texts explaining a failed or unknown outcome, for drill-down lists. */
export interface Reasons {
  /** Why a row fails. */
  readonly failed: LocalText;
  /** Why a row is unknown. */
  readonly unknown: LocalText;
}

/** A normalized indicator definition: everything an engine needs, as plain JSON. */
export interface IndicatorDefinition {
  /** Stable id, `family.name`. */
  readonly id: string;
  /** Family, e.g. `four_musts`. */
  readonly family: string;
  /** Display name. */
  readonly name: LocalText;
  /** What it measures. */
  readonly description: LocalText;
  /** Unit of analysis (of the denominator). */
  readonly unit: Unit;
  /** Rate, ratio or count. */
  readonly kind: IndicatorKind;
  /** Universe and outcome, for rates and counts. */
  readonly classify: Classification | null;
  /** Numerator measure. */
  readonly numerator: Measure;
  /** Denominator measure. */
  readonly denominator: Measure;
  /** Rows that could not be classified; null when none can be unknown. */
  readonly unknown: Measure | null;
  /** value = numerator / denominator × factor (rates and ratios). */
  readonly factor: number;
  /** Display format. */
  readonly format: ValueFormat;
  /** Policy target, or null. */
  readonly target: Target | null;
  /** Policy source. */
  readonly source: PolicySource;
  /** Drill-down texts (rates and counts over households). */
  readonly reasons: Reasons | null;
  /** Components of a composite such as `four_musts.all`, for drill-down reasons. */
  readonly components: readonly Component[];
}

/** One component of a composite indicator: when it holds for a row (not applicable counts as holding). */
export interface Component {
  /** Id of the component indicator. */
  readonly id: string;
  /** Its name. */
  readonly name: LocalText;
  /** Holds for a row of the composite's unit (three-valued). */
  readonly holds: Expr;
}

/** Fields common to every short form. */
interface BaseSpec {
  readonly id: string;
  readonly name: LocalText;
  readonly description: LocalText;
  readonly target?: Target | null;
  readonly source: PolicySource;
  readonly format?: ValueFormat;
  readonly reasons?: Reasons;
  readonly components?: readonly Component[];
}

/** Short form of a rate: eligible units meeting the outcome / eligible units with known outcome. */
export interface RateSpec extends BaseSpec {
  /** Unit of analysis. */
  readonly unit: Unit;
  /** Eligibility (default: every row). */
  readonly universe?: Expr;
  /** Outcome. */
  readonly outcome: Expr;
}

/** Short form of a ratio between two tables, e.g. facilities per 10,000 persons. */
export interface RatioSpec extends BaseSpec {
  /** Unit of analysis of the denominator. */
  readonly unit: Unit;
  /** Numerator measure. */
  readonly numerator: Measure;
  /** Denominator measure. */
  readonly denominator: Measure;
  /** Unknown rows, if any can be. */
  readonly unknown?: Measure | null;
  /** Scale factor (10000 for per 10k). */
  readonly factor?: number;
}

const familyOf = (id: string): string => {
  const dot = id.indexOf('.');
  if (dot <= 0) throw new TypeError(`indicator id "${id}" must be "family.name"`);
  return id.slice(0, dot);
};

/** Expand a universe/outcome pair into its three measures. */
export function classifyMeasures(table: TableName, c: Classification): Pick<IndicatorDefinition, 'numerator' | 'denominator' | 'unknown'> {
  const { universe: u, outcome: o } = c;
  return {
    numerator: { table, where: and(u, o) },
    denominator: { table, where: and(u, not(isNull(o))) },
    unknown: { table, where: or(isNull(u), and(u, isNull(o))) },
  };
}

/** The fields every short form passes through unchanged. */
function common(spec: BaseSpec & { readonly unit: Unit }) {
  return {
    id: spec.id,
    family: familyOf(spec.id),
    name: spec.name,
    description: spec.description,
    unit: spec.unit,
    target: spec.target ?? null,
    source: spec.source,
    reasons: spec.reasons ?? null,
    components: spec.components ?? [],
  };
}

function classified(spec: RateSpec, kind: 'rate' | 'count'): IndicatorDefinition {
  const table = UNIT_TABLE[spec.unit];
  if (!table) throw new TypeError(`indicator ${spec.id}: unit must be person, household, site, unit, project or problem (got ${String(spec.unit)})`);
  if (!isExpr(spec.outcome)) throw new TypeError(`indicator ${spec.id}: an outcome expression is required`);
  if (spec.universe !== undefined && !isExpr(spec.universe)) throw new TypeError(`indicator ${spec.id}: the universe must be an expression`);
  const classify: Classification = { universe: spec.universe ?? TRUE, outcome: spec.outcome };
  return {
    ...common(spec),
    kind,
    classify,
    ...classifyMeasures(table, classify),
    factor: 1,
    format: spec.format ?? (kind === 'rate' ? 'percent' : 'count'),
  };
}

/**
 * A rate over units: value = eligible units meeting the outcome / eligible units whose outcome is known.
 * @example rate({ id: 'four_musts.training', unit: 'person', universe: col('is_labor'), outcome: col('trained'), ... })
 */
export function rate(spec: RateSpec): IndicatorDefinition {
  return classified(spec, 'rate');
}

/** A count of eligible units meeting the outcome; the denominator (eligible units, outcome known) is reported alongside. */
export function count(spec: RateSpec): IndicatorDefinition {
  return classified(spec, 'count');
}

/** A ratio of two measures, possibly over different tables, times a factor. */
export function ratio(spec: RatioSpec): IndicatorDefinition {
  const factor = spec.factor ?? 1;
  return {
    ...common(spec),
    kind: 'ratio',
    classify: null,
    numerator: spec.numerator,
    denominator: spec.denominator,
    unknown: spec.unknown ?? null,
    factor,
    format: spec.format ?? (factor === 10000 ? 'per_10k' : factor === 1000 ? 'per_1k' : 'ratio'),
  };
}
