/**
 * The planner: indicator definitions + a dataset → a plain-data plan that every engine
 * executes. A plan names, per table ("frame"), the columns to bring in from parents, the
 * quantifiers over children, and the measures to sum per site (or unit), period and
 * breakdown. Engines only produce those sums; `assemble` rolls them up.
 */
import { hasColumn, type Dataset } from '../dataset.js';
import { ERROR_TEXT } from '../messages/index.js';
import { and, type Expr, type QuantifierExpr } from '../model/expr.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import { DESIGN_COLUMNS } from '../survey/design.js';
import type { IndicatorDefinition, Measure } from '../model/indicator.js';
import { SCHEMA, type TableName } from '../schema/tables.js';
import { checkExpr, DefinitionError, exprUses, PARENTS } from './links.js';

/** A level of the area hierarchy. */
export type Level = 'province' | 'prefecture' | 'county' | 'site' | 'unit';

/** The levels, from the top. */
export const LEVELS: readonly Level[] = ['province', 'prefecture', 'county', 'site', 'unit'];

/** One measure of a frame: count (or sum of a column) of rows where `where` is true. */
export interface PlanMeasure {
  /** Internal name, unique within the frame. */
  readonly id: string;
  /** Rows count where this is true. */
  readonly where: Expr;
  /** Column summed instead of counting, or null. */
  readonly sum: string | null;
  /** A second column multiplied in (for second moments of survey estimates), or absent. */
  readonly times?: string | null;
  /** In a frame with a design: count rows without their weight. */
  readonly unweighted?: boolean;
}

/**
 * The survey design of a frame, as row keys (own column, or `households.column` from persons).
 * Engines that honour it multiply every measure by the weight (unless `unweighted`) and add the
 * stratum and PSU to the grouping keys (see `engines/engine.ts`).
 */
export interface FrameDesign {
  /** Weight column key. */
  readonly weight: string;
  /** Stratum column key. */
  readonly strata: string;
  /** Primary sampling unit column key. */
  readonly psu: string;
}

/** A quantifier computed once per frame and referred to by its id. */
export interface PlanQuantifier {
  /** Internal name. */
  readonly id: string;
  /** The quantifier node. */
  readonly node: QuantifierExpr;
  /** The child column that links to the frame's table. */
  readonly link: string;
}

/** A breakdown column resolved for one frame. */
export interface PlanBreakdown {
  /** The name the user gave (the output column). */
  readonly name: string;
  /** Table holding the column (the frame's table or a parent). */
  readonly table: TableName;
  /** Column in that table. */
  readonly column: string;
}

/** Everything to compute over the rows of one table. */
export interface FramePlan {
  /** The table whose rows are counted. */
  readonly table: TableName;
  /** Whether its rows carry a period (directly or through their household). */
  readonly periodic: boolean;
  /** Group rows by site or by management unit. */
  readonly group: 'site' | 'unit';
  /** Parent columns needed, as `table.column` (own columns are plain). */
  readonly columns: readonly string[];
  /** Quantifiers over child tables. */
  readonly quantifiers: readonly PlanQuantifier[];
  /** Breakdown columns. */
  readonly breakdown: readonly PlanBreakdown[];
  /** Measures. */
  readonly measures: readonly PlanMeasure[];
  /** The survey design, when estimates are design-based. */
  readonly design?: FrameDesign;
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

/** Options of planning. */
export interface PlanOptions {
  /** Output level. */
  readonly by: Level;
  /** Break results down by these columns (`sex`, `sites.site_type`, …). */
  readonly breakdown?: readonly string[];
  /** Plan design-based estimates: the households table carries the prepared design columns (see `survey/design.ts`). */
  readonly design?: boolean;
}

/** An error in the request or the definitions (not in the data). */
export class PlanError extends Error {
  override name = 'PlanError';
}

function resolveBreakdown(ds: Dataset, table: TableName, name: string): PlanBreakdown | undefined {
  const dot = name.indexOf('.');
  const candidates: TableName[] = [table, ...PARENTS[table].map((p) => p.table)];
  if (dot > 0) {
    const t = name.slice(0, dot) as TableName;
    const c = name.slice(dot + 1);
    return candidates.includes(t) && hasColumn(ds, t, c) ? { name, table: t, column: c } : undefined;
  }
  const t = candidates.find((x) => hasColumn(ds, x, name));
  return t ? { name, table: t, column: name } : undefined;
}

/** Add a measure to a frame under construction (deduplicated), with the columns and quantifiers it reads. */
function addToFrame(f: FrameBuilder, where: Expr, sum: string | null, extra: { times?: string | null; unweighted?: boolean } = {}): PlanMeasure {
  const uses = { columns: new Set<string>(), quantifiers: [] as QuantifierExpr[] };
  exprUses(f.table, where, uses);
  for (const c of uses.columns) {
    const [t, name] = c.split('.') as [TableName, string];
    if (t !== f.table) f.columns.add(`${t}.${name}`);
  }
  for (const q of uses.quantifiers) {
    const key = JSON.stringify(q);
    if (!f.quantifiers.has(key)) {
      const link = SCHEMA[q.table].columns.find((c) => c.references === f.table)?.name ?? '';
      f.quantifiers.set(key, { id: `q${f.quantifiers.size}`, node: q, link });
    }
  }
  // Columns multiplied in are kept sorted, so that y·x and x·y are one measure.
  const factors = [sum, extra.times ?? null].filter((c): c is string => c !== null).sort();
  const s0 = factors[0] ?? null;
  const times = factors[1] ?? null;
  const unweighted = extra.unweighted === true;
  const key = JSON.stringify([where, s0, times, unweighted]);
  let pm = f.measures.get(key);
  if (!pm) {
    pm = { id: `m${f.measures.size}`, where, sum: s0, ...(times !== null ? { times } : {}), ...(unweighted ? { unweighted } : {}) };
    f.measures.set(key, pm);
  }
  return pm;
}

function freeze(f: FrameBuilder, periodic: boolean, group: 'site' | 'unit', design = false): FramePlan {
  const key = (c: string): string => (f.table === 'households' ? c : `households.${c}`);
  return {
    table: f.table,
    periodic,
    group,
    columns: [...f.columns].sort(),
    quantifiers: [...f.quantifiers.values()],
    breakdown: f.breakdown,
    measures: [...f.measures.values()],
    ...(design ? { design: { weight: key(DESIGN_COLUMNS.weight), strata: key(DESIGN_COLUMNS.strata), psu: key(DESIGN_COLUMNS.psu) } } : {}),
  };
}

/**
 * A single frame evaluating expressions on the rows of `table` (for row-level lists such
 * as drill-down); measure ids follow the order of `exprs` (m0, m1, …) when distinct.
 */
export function planFrame(dataset: Dataset, table: TableName, exprs: readonly Expr[]): FramePlan {
  const f: FrameBuilder = { table, columns: new Set(), quantifiers: new Map(), measures: new Map(), breakdown: [] };
  for (const e of exprs) {
    try {
      checkExpr(table, e);
    } catch (err) {
      if (err instanceof DefinitionError) throw new PlanError(err.message);
      throw err;
    }
    addToFrame(f, e, null);
  }
  const periodic = hasColumn(dataset, table, 'period') || (table === 'persons' && hasColumn(dataset, 'households', 'period'));
  return freeze(f, periodic, 'site');
}

interface FrameBuilder {
  table: TableName;
  columns: Set<string>;
  quantifiers: Map<string, PlanQuantifier>;
  measures: Map<string, PlanMeasure>;
  breakdown: PlanBreakdown[];
}

/**
 * Plan the computation of `definitions` on `dataset` at one level.
 * Throws PlanError for definitions that do not type-check or cannot be computed at the level.
 */
export function plan(dataset: Dataset, definitions: readonly IndicatorDefinition[], options: PlanOptions): Plan {
  const level = options.by;
  if (!(['province', 'prefecture', 'county', 'site', 'unit'] as const).includes(level))
    throw new PlanError(ERROR_TEXT.unknownLevel(String(level)).en);
  const breakdown = options.breakdown ?? [];
  const frames = new Map<TableName, FrameBuilder>();
  const periodicTable = (t: TableName): boolean =>
    hasColumn(dataset, t, 'period') || (t === 'persons' && hasColumn(dataset, 'households', 'period'));

  const frameOf = (id: string, table: TableName): FrameBuilder => {
    let f = frames.get(table);
    if (!f) {
      const bd: PlanBreakdown[] = [];
      for (const name of breakdown) {
        const r = resolveBreakdown(dataset, table, name);
        if (!r) throw new PlanError(ERROR_TEXT.breakdownUnreachable(id, name, table).en);
        bd.push(r);
      }
      f = { table, columns: new Set(), quantifiers: new Map(), measures: new Map(), breakdown: bd };
      frames.set(table, f);
    }
    return f;
  };

  const design = options.design === true;
  if (design && level === 'unit') throw new PlanError(SURVEY_TEXT.designAtUnit().en);
  const addMeasure = (def: IndicatorDefinition, m: Measure): MeasureRef => {
    if (design && m.table !== 'households' && m.table !== 'persons') throw new PlanError(SURVEY_TEXT.notSurveyable(def.id, m.table).en);
    try {
      const t = checkExpr(m.table, m.where);
      if (t !== 'boolean' && t !== 'null') throw new DefinitionError('a measure filter must be true/false');
      if (m.sum !== undefined) {
        const spec = SCHEMA[m.table].columns.find((c) => c.name === m.sum);
        if (!spec || (spec.type !== 'integer' && spec.type !== 'number'))
          throw new DefinitionError(`sum column ${m.table}.${m.sum} is not numeric`);
      }
    } catch (e) {
      if (e instanceof DefinitionError) throw new PlanError(ERROR_TEXT.badDefinition(def.id, e.message).en);
      throw e;
    }
    if (level === 'unit' && !unitReachable(dataset, m.table)) throw new PlanError(ERROR_TEXT.notAtUnitLevel(def.id, m.table).en);
    const pm = addToFrame(frameOf(def.id, m.table), m.where, m.sum ?? null);
    return { frame: [...frames.keys()].indexOf(m.table), measure: pm.id };
  };

  const indicators: PlanIndicator[] = definitions.map((def) => {
    const numerator = addMeasure(def, def.numerator);
    const denominator = addMeasure(def, def.denominator);
    const unknown = def.unknown ? addMeasure(def, def.unknown) : null;
    const tables = [def.numerator.table, def.denominator.table, ...(def.unknown ? [def.unknown.table] : [])];
    const pi: PlanIndicator = { definition: def, numerator, denominator, unknown, periodic: tables.some(periodicTable) };
    return design ? { ...pi, survey: surveyRefs(def) } : pi;
  });

  function surveyRefs(def: IndicatorDefinition): SurveyRefs {
    const num = def.numerator;
    const den = def.denominator;
    const at = (table: TableName, where: Expr, sum: string | null, extra: { times?: string | null; unweighted?: boolean } = {}): MeasureRef => {
      const pm = addToFrame(frameOf(def.id, table), where, sum, extra);
      return { frame: [...frames.keys()].indexOf(table), measure: pm.id };
    };
    const n = at(den.table, den.where, null, { unweighted: true });
    const nNumerator = at(num.table, num.where, null, { unweighted: true });
    if (num.table !== den.table) return { n, nNumerator, moments: null };
    const both = and(num.where, den.where);
    const ys = num.sum ?? null;
    const xs = den.sum ?? null;
    return {
      n,
      nNumerator,
      moments: {
        w: at(den.table, den.where, null),
        y: at(den.table, both, ys),
        yy: at(den.table, both, ys, { times: ys }),
        xy: at(den.table, both, ys, { times: xs }),
        xx: at(den.table, den.where, xs, { times: xs }),
      },
    };
  }

  return {
    level,
    periods: dataset.periods,
    breakdown,
    frames: [...frames.values()].map((f) => freeze(f, periodicTable(f.table), level === 'unit' ? 'unit' : 'site', design)),
    indicators,
  };
}

/** Whether rows of a table can be attributed to management units in this dataset. */
export function unitReachable(ds: Dataset, table: TableName): boolean {
  if (table === 'management_units') return true;
  if (table === 'households' || table === 'persons') return hasColumn(ds, 'households', 'unit_id');
  return false;
}
