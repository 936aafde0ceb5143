/**
 * The planner: indicator definitions + a dataset → the lowered plan (`lowered.ts`) that every
 * engine executes. A plan names, per table ("frame"), its parent links, the quantifiers over
 * children, and the measures to sum per site (or unit), period and breakdown. Engines only
 * produce those sums; `assemble` rolls them up.
 */
import { hasColumn, type Dataset } from '../dataset.js';
import { ERROR_TEXT } from '../messages/index.js';
import { SURVEY_TEXT } from '../messages/survey.js';
import { and, type Expr } from '../model/expr.js';
import { classifyMeasures, type IndicatorDefinition, type Measure } from '../model/indicator.js';
import { SCHEMA, type TableName } from '../schema/tables.js';
import { DESIGN_COLUMNS } from './design.js';
import { checkExpr, DefinitionError, frameLinks, PARENTS, periodOn } from './links.js';
import { Interner } from './lower.js';
import {
  LEVELS, PlanError, type ClassifiedTriple, type FrameDesign, type FramePlan, type Level, type MeasureRef, type Plan,
  type PlanBreakdown, type PlanIndicator, type PlanMeasure, type PlanQuantifier, type SurveyRefs,
} from './lowered.js';

export * from './lowered.js';

/** Options of planning. */
export interface PlanOptions {
  /** Output level. */
  readonly by: Level;
  /** Break results down by these columns (`sex`, `sites.site_type`, …). */
  readonly breakdown?: readonly string[];
  /** Plan design-based estimates: the households table carries the prepared design columns (see `survey/design.ts`). */
  readonly design?: boolean;
}

function resolveBreakdown(ds: Dataset, table: TableName, name: string): PlanBreakdown | undefined {
  const dot = name.indexOf('.');
  const candidates: TableName[] = [table, ...PARENTS[table].map((p) => p.table)];
  const part = (t: TableName, column: string): PlanBreakdown => ({ kind: t === table ? 'own' : 'parent', name, table: t, column });
  if (dot > 0) {
    const t = name.slice(0, dot) as TableName;
    const c = name.slice(dot + 1);
    return candidates.includes(t) && hasColumn(ds, t, c) ? part(t, c) : undefined;
  }
  const t = candidates.find((x) => hasColumn(ds, x, name));
  return t ? part(t, name) : undefined;
}

/** What a measure adds up, before it gets its id. */
interface MeasureSpec {
  readonly where: Expr;
  /** Columns multiplied in (sorted): none counts, one sums. */
  readonly columns: readonly string[];
  /** In a frame with a design: multiply by the weight. */
  readonly weighted: boolean;
}

/** A frame under construction. */
class FrameBuilder {
  readonly columns = new Set<string>();
  readonly quantifiers = new Map<string, PlanQuantifier>();
  readonly measures = new Map<string, PlanMeasure>();
  readonly classified: ClassifiedTriple[] = [];

  constructor(
    readonly ds: Dataset,
    readonly table: TableName,
    readonly breakdown: readonly PlanBreakdown[],
    private readonly interner: Interner,
  ) {}

  /** The frame's lowered copy of `e`: quantifiers with ids, equal subtrees one node. */
  lower(e: Expr): Expr {
    return this.interner.lower(this.table, e, this.columns, (q) => {
      const key = JSON.stringify(q);
      let pq = this.quantifiers.get(key);
      if (!pq) {
        const via = SCHEMA[q.table].columns.find((c) => c.references === this.table)?.name ?? '';
        const id = `q${this.quantifiers.size}`;
        const node = this.interner.intern({ ...q, where: this.interner.lower(q.table, q.where, null, null), id });
        pq = { id, node, link: { from: q.table, to: this.table, via, matchPeriod: periodOn(this.ds, q.table) && periodOn(this.ds, this.table) } };
        this.quantifiers.set(key, pq);
      }
      return pq.node;
    });
  }

  /** Add a measure (deduplicated); its id. */
  add(spec: MeasureSpec): PlanMeasure {
    const where = this.lower(spec.where);
    const columns = [...spec.columns].sort();
    // Columns multiplied in are kept sorted, so that y·x and x·y are one measure.
    const key = JSON.stringify([spec.where, columns[0] ?? null, columns[1] ?? null, !spec.weighted]);
    let pm = this.measures.get(key);
    if (!pm) {
      const id = `m${this.measures.size}`;
      pm = spec.weighted
        ? { kind: 'weightedSum', id, where, columns }
        : columns.length === 0
          ? { kind: 'count', id, where }
          : { kind: 'sum', id, where, column: columns[0]! };
      if (!spec.weighted && columns.length > 1) throw new Error('an unweighted product of columns is not a measure');
      this.measures.set(key, pm);
    }
    return pm;
  }

  freeze(periodic: boolean, group: 'site' | 'unit', design: FrameDesign): FramePlan {
    return {
      table: this.table,
      periodic,
      group,
      links: frameLinks(this.ds, this.table, group),
      columns: [...this.columns].sort(),
      quantifiers: [...this.quantifiers.values()],
      breakdown: this.breakdown,
      measures: [...this.measures.values()],
      classified: this.classified,
      design,
    };
  }
}

const periodicTable = (ds: Dataset, t: TableName): boolean =>
  hasColumn(ds, t, 'period') || (t === 'persons' && hasColumn(ds, 'households', 'period'));

/** Type errors of a definition as a PlanError naming it. */
function checked<T>(id: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DefinitionError) throw new PlanError(ERROR_TEXT.badDefinition(id, e.message));
    throw e;
  }
}

/** A frame over the rows of one table, with the lowered copies of the expressions it evaluates. */
export interface RowsPlan {
  /** The frame (one count measure per distinct expression). */
  readonly frame: FramePlan;
  /** The expressions, lowered (quantifiers with the frame's ids), in the order given. */
  readonly exprs: readonly Expr[];
}

/**
 * A single frame evaluating expressions on the rows of `table` (for row-level lists such as
 * drill-down), and the lowered expressions; measure ids follow the order of `exprs` (m0, m1, …) when distinct.
 */
export function planRows(dataset: Dataset, table: TableName, exprs: readonly Expr[], id: string = table): RowsPlan {
  const f = new FrameBuilder(dataset, table, [], new Interner());
  const lowered = exprs.map((e) => {
    checked(id, () => checkExpr(table, e));
    return f.add({ where: e, columns: [], weighted: false }).where;
  });
  return { frame: f.freeze(periodicTable(dataset, table), 'site', { kind: 'none' }), exprs: lowered };
}

/** The frame of {@link planRows}. */
export function planFrame(dataset: Dataset, table: TableName, exprs: readonly Expr[], id: string = table): FramePlan {
  return planRows(dataset, table, exprs, id).frame;
}

/** Refuse a measure that does not type-check or cannot be computed as asked. */
function checkMeasure(ds: Dataset, def: IndicatorDefinition, m: Measure, level: Level, design: boolean): void {
  if (design && m.table !== 'households' && m.table !== 'persons') throw new PlanError(SURVEY_TEXT.notSurveyable(def.id, m.table));
  checked(def.id, () => {
    const t = checkExpr(m.table, m.where);
    if (t !== 'boolean' && t !== 'null') throw new DefinitionError('a measure filter must be true/false');
    if (m.sum !== undefined) {
      const spec = SCHEMA[m.table].columns.find((c) => c.name === m.sum);
      if (!spec || (spec.type !== 'integer' && spec.type !== 'number')) throw new DefinitionError(`sum column ${m.table}.${m.sum} is not numeric`);
    }
  });
  if (level === 'unit' && !unitReachable(ds, m.table)) throw new PlanError(ERROR_TEXT.notAtUnitLevel(def.id, m.table));
}

/** The frames of a plan under construction, one per table, in order of first use. */
class Frames {
  private readonly byTable = new Map<TableName, FrameBuilder>();
  private readonly interner = new Interner();
  constructor(
    private readonly ds: Dataset,
    private readonly breakdown: readonly string[],
  ) {}

  of(id: string, table: TableName): FrameBuilder {
    let f = this.byTable.get(table);
    if (!f) {
      const bd = this.breakdown.map((name) => {
        const r = resolveBreakdown(this.ds, table, name);
        if (!r) throw new PlanError(ERROR_TEXT.breakdownUnreachable(id, name, table));
        return r;
      });
      f = new FrameBuilder(this.ds, table, bd, this.interner);
      this.byTable.set(table, f);
    }
    return f;
  }

  /** Add a measure to the frame of `table`; where it is. */
  at(id: string, table: TableName, spec: MeasureSpec): MeasureRef {
    const pm = this.of(id, table).add(spec);
    return { frame: [...this.byTable.keys()].indexOf(table), measure: pm.id };
  }

  all(): FrameBuilder[] {
    return [...this.byTable.values()];
  }
}

/** The extra sums of design-based estimates of one indicator (see `SurveyRefs`). */
function surveyRefs(frames: Frames, def: IndicatorDefinition): SurveyRefs {
  const num = def.numerator;
  const den = def.denominator;
  const at = (table: TableName, where: Expr, columns: (string | undefined)[], weighted = true): MeasureRef =>
    frames.at(def.id, table, { where, columns: columns.filter((c): c is string => c !== undefined), weighted });
  const n = at(den.table, den.where, [], false);
  const nNumerator = at(num.table, num.where, [], false);
  if (num.table !== den.table) return { n, nNumerator, moments: null };
  const both = and(num.where, den.where);
  return {
    n,
    nNumerator,
    moments: {
      w: at(den.table, den.where, []),
      y: at(den.table, both, [num.sum]),
      yy: at(den.table, both, [num.sum, num.sum]),
      xy: at(den.table, both, [num.sum, den.sum]),
      xx: at(den.table, den.where, [den.sum, den.sum]),
    },
  };
}

/** Mark a classified indicator whose three measures are exactly its classification's counts. */
function markClassified(frames: Frames, def: IndicatorDefinition, pi: PlanIndicator): void {
  const c = def.classify;
  const refs = [pi.numerator, pi.denominator, pi.unknown];
  if (!c || refs.some((r) => r === null || r.frame !== pi.numerator.frame)) return;
  const table = def.numerator.table;
  const want = classifyMeasures(table, c);
  const same = (m: Measure, w: Measure | null) => w !== null && m.table === w.table && m.sum === undefined && JSON.stringify(m.where) === JSON.stringify(w.where);
  if (!def.unknown || !same(def.numerator, want.numerator) || !same(def.denominator, want.denominator) || !same(def.unknown, want.unknown)) return;
  const f = frames.of(def.id, table);
  const [numerator, denominator, unknown] = refs.map((r) => r!.measure) as [string, string, string];
  if (f.classified.some((t) => t.numerator === numerator && t.denominator === denominator && t.unknown === unknown)) return;
  f.classified.push({ kind: 'classified', universe: f.lower(c.universe), outcome: f.lower(c.outcome), numerator, denominator, unknown });
}

/**
 * Plan the computation of `definitions` on `dataset` at one level.
 * Throws PlanError for definitions that do not type-check or cannot be computed at the level.
 */
export function plan(dataset: Dataset, definitions: readonly IndicatorDefinition[], options: PlanOptions): Plan {
  const level = options.by;
  if (!LEVELS.includes(level)) throw new PlanError(ERROR_TEXT.unknownLevel(String(level)));
  const design = options.design === true;
  if (design && level === 'unit') throw new PlanError(SURVEY_TEXT.designAtUnit());
  const breakdown = options.breakdown ?? [];
  const frames = new Frames(dataset, breakdown);
  const addMeasure = (def: IndicatorDefinition, m: Measure): MeasureRef => {
    checkMeasure(dataset, def, m, level, design);
    return frames.at(def.id, m.table, { where: m.where, columns: m.sum === undefined ? [] : [m.sum], weighted: design });
  };
  const indicators: PlanIndicator[] = definitions.map((def) => {
    const numerator = addMeasure(def, def.numerator);
    const denominator = addMeasure(def, def.denominator);
    const unknown = def.unknown ? addMeasure(def, def.unknown) : null;
    const tables = [def.numerator.table, def.denominator.table, ...(def.unknown ? [def.unknown.table] : [])];
    const pi: PlanIndicator = { definition: def, numerator, denominator, unknown, periodic: tables.some((t) => periodicTable(dataset, t)) };
    if (!design) markClassified(frames, def, pi);
    return design ? { ...pi, survey: surveyRefs(frames, def) } : pi;
  });
  const designOf = (t: TableName): FrameDesign => {
    if (!design) return { kind: 'none' };
    const key = (c: string): string => (t === 'households' ? c : `households.${c}`);
    return { kind: 'survey', weight: key(DESIGN_COLUMNS.weight), strata: key(DESIGN_COLUMNS.strata), psu: key(DESIGN_COLUMNS.psu) };
  };
  return {
    level,
    periods: dataset.periods,
    breakdown,
    frames: frames.all().map((f) => f.freeze(periodicTable(dataset, f.table), level === 'unit' ? 'unit' : 'site', designOf(f.table))),
    indicators,
  };
}

/** Whether rows of a table can be attributed to management units in this dataset. */
export function unitReachable(ds: Dataset, table: TableName): boolean {
  if (table === 'management_units') return true;
  if (table === 'households' || table === 'persons') return hasColumn(ds, 'households', 'unit_id');
  return false;
}
