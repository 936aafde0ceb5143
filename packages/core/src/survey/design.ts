/**
 * Survey designs: sampling weights, strata, primary sampling units (PSUs) and an optional
 * finite population correction, declared once for a dataset. The design columns live on
 * households (the sampling unit); persons inherit them through their household. A design
 * is checked and turned into internal columns of the households table (`__weight`,
 * `__strata`, `__psu`, `__fpc`) that every engine reads like any parent column.
 */
import { Float64, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { Dataset } from '../dataset.js';
import { HoufuError } from '../errors.js';
import { columnValues, hasColumn } from '../engines/links.js';
import { SURVEY_TEXT } from '../messages/survey.js';

/**
 * A sample design, by column names of the households table.
 * @example { weight: 'weight', strata: 'stratum', psu: 'cluster', fpc: 'n_clusters' }
 */
export interface SurveyDesign {
  /** Sampling weight of each household (inverse inclusion probability), > 0. */
  readonly weight: string;
  /** Stratum of each household; none: a single stratum. */
  readonly strata?: string;
  /** Primary sampling unit (cluster) of each household; none: each household is its own PSU. */
  readonly psu?: string;
  /**
   * Finite population correction per stratum: either the sampling fraction of PSUs (values ≤ 1)
   * or the number of PSUs in the stratum's population (values > 1), as R's `svydesign(fpc=)`.
   */
  readonly fpc?: string;
}

import { DESIGN_COLUMNS } from '../plan/design.js';
export { DESIGN_COLUMNS };

/** One stratum of a prepared design (in one period). */
export interface StratumInfo {
  /** Number of PSUs sampled in the stratum (n_h). */
  readonly n: number;
  /** Sampling fraction of PSUs f_h (0 without a finite population correction). */
  readonly f: number;
}

/** A checked design: the dataset with design columns, and the strata per period. */
export interface PreparedDesign {
  /** The dataset whose households carry the internal design columns. */
  readonly dataset: Dataset;
  /** The declared design. */
  readonly design: SurveyDesign;
  /** Strata per period ('' when households have no period). */
  readonly strata: ReadonlyMap<string, ReadonlyMap<string, StratumInfo>>;
  /** Degrees of freedom of the full design per period: PSUs − strata (R's `degf`). */
  readonly df: ReadonlyMap<string, number>;
  /** Strata over all periods together (PSUs counted once), for comparisons between periods. */
  readonly strataAll: ReadonlyMap<string, StratumInfo>;
}

const ROLES = ['weight', 'strata', 'psu', 'fpc'] as const;

/**
 * Parse `weight=COL,strata=COL,psu=COL[,fpc=COL]` (the CLI's `--design`).
 * @example parseDesign('weight=w,strata=stratum,psu=cluster')
 */
export function parseDesign(spec: string): SurveyDesign {
  const out: Record<string, string> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : '';
    const value = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!(ROLES as readonly string[]).includes(key)) throw new HoufuError('invalid_request', SURVEY_TEXT.badDesignSpec(spec, `unknown part "${part}"`));
    if (!value) throw new HoufuError('invalid_request', SURVEY_TEXT.badDesignSpec(spec, `${key} names no column`));
    if (key in out) throw new HoufuError('invalid_request', SURVEY_TEXT.badDesignSpec(spec, `${key} is given twice`));
    out[key] = value;
  }
  if (!out['weight']) throw new HoufuError('invalid_request', SURVEY_TEXT.badDesignSpec(spec, 'weight is required'));
  return out as unknown as SurveyDesign;
}

const cache = new WeakMap<Dataset, Map<string, PreparedDesign>>();

/**
 * Check a design against a dataset and add its internal columns to the households table.
 * Throws a HoufuError naming file, row and column for a bad weight, stratum, PSU or fpc, for
 * PSUs not nested in strata, and for a stratum with a single PSU (as R's default
 * `survey.lonely.psu = "fail"`).
 */
export function prepareDesign(ds: Dataset, design: SurveyDesign): PreparedDesign {
  let perDs = cache.get(ds);
  if (!perDs) cache.set(ds, (perDs = new Map()));
  const key = JSON.stringify([design.weight, design.strata ?? null, design.psu ?? null, design.fpc ?? null]);
  const hit = perDs.get(key);
  if (hit) return hit;
  const file = ds.files.households ?? 'households';
  const rows = designRows(ds, design, file);
  const groups = designGroups(design, file, rows);
  const { info, df, strataAll } = stratumInfo(file, groups);
  const fpcCol = new Array<number | null>(rows.n);
  for (let i = 0; i < rows.n; i++)
    fpcCol[i] = groups.fpcOf.has(rows.strata[i]!) ? info.get(rows.period ? String(rows.period[i] ?? '') : '')!.get(rows.strata[i]!)!.f : null;
  const prepared: PreparedDesign = { dataset: withDesignColumns(ds, rows, fpcCol), design, strata: info, df, strataAll };
  perDs.set(key, prepared);
  return prepared;
}

/** The design's values per household row, checked: weights, strata, PSUs, periods, raw fpc. */
interface DesignRows {
  readonly n: number;
  readonly weight: Float64Array;
  readonly strata: readonly string[];
  readonly psu: readonly string[];
  readonly period: ArrayLike<unknown> | undefined;
  readonly fpcRaw: ArrayLike<unknown> | undefined;
  readonly bad: (i: number, col: string, v: unknown, rule: string) => never;
}

const numberOf = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

function designRows(ds: Dataset, design: SurveyDesign, file: string): DesignRows {
  const hh = ds.tables.households;
  if (!hh) throw new HoufuError('invalid_request', SURVEY_TEXT.missingDesignColumn(file, design.weight, 'weight'));
  for (const role of ROLES) {
    const col = design[role];
    if (col !== undefined && !hasColumn(ds, 'households', col))
      throw new HoufuError('invalid_request', SURVEY_TEXT.missingDesignColumn(file, col, role));
  }
  const n = hh.numRows;
  const bad = (i: number, col: string, v: unknown, rule: string): never => {
    throw new HoufuError('invalid_request', SURVEY_TEXT.badDesignValue(file, i + 1, col, v === null || v === undefined ? '' : String(v), rule));
  };
  const wRaw = columnValues(ds, 'households', design.weight);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = numberOf(wRaw[i]);
    if (!Number.isFinite(w) || w <= 0) bad(i, design.weight, wRaw[i], 'a weight must be a positive number');
    weight[i] = w;
  }
  const text = (col: string | undefined, fallback: (i: number) => string, role: string): string[] => {
    const out = new Array<string>(n);
    const raw = col === undefined ? undefined : columnValues(ds, 'households', col);
    for (let i = 0; i < n; i++) {
      if (!raw) out[i] = fallback(i);
      else {
        const v = raw[i];
        if (v === null || v === undefined || String(v).trim() === '') bad(i, col!, v, `a ${role} must not be empty`);
        out[i] = String(v);
      }
    }
    return out;
  };
  const ids = columnValues(ds, 'households', 'household_id');
  return {
    n,
    weight,
    strata: text(design.strata, () => '1', 'stratum'),
    psu: text(design.psu, (i) => String(ids[i]), 'primary sampling unit'),
    period: hasColumn(ds, 'households', 'period') ? columnValues(ds, 'households', 'period') : undefined,
    fpcRaw: design.fpc === undefined ? undefined : columnValues(ds, 'households', design.fpc),
    bad,
  };
}

/** PSUs nested in strata; fpc constant within a stratum; PSUs per stratum and period, and overall. */
function designGroups(design: SurveyDesign, file: string, r: DesignRows) {
  const psuStratum = new Map<string, string>();
  const fpcOf = new Map<string, number>();
  const psus = new Map<string, Map<string, Set<string>>>();
  const allPsus = new Map<string, Set<string>>();
  for (let i = 0; i < r.n; i++) {
    const s = r.strata[i]!;
    const p = r.psu[i]!;
    const seen = psuStratum.get(p);
    if (seen === undefined) psuStratum.set(p, s);
    else if (seen !== s) throw new HoufuError('invalid_request', SURVEY_TEXT.psuNotNested(file, p, seen, s));
    if (r.fpcRaw) {
      const f = numberOf(r.fpcRaw[i]);
      if (!Number.isFinite(f) || f <= 0) r.bad(i, design.fpc!, r.fpcRaw[i], 'a finite population correction must be a positive number');
      const prev = fpcOf.get(s);
      if (prev === undefined) fpcOf.set(s, f);
      else if (prev !== f) throw new HoufuError('invalid_request', SURVEY_TEXT.fpcNotConstant(file, s));
    }
    const per = r.period ? String(r.period[i] ?? '') : '';
    let all = allPsus.get(s);
    if (!all) allPsus.set(s, (all = new Set()));
    all.add(p);
    let m = psus.get(per);
    if (!m) psus.set(per, (m = new Map()));
    let set = m.get(s);
    if (!set) m.set(s, (set = new Set()));
    set.add(p);
  }
  return { fpcOf, psus, allPsus };
}

/** Strata per period (PSU counts, sampling fractions) and degrees of freedom; strata over all periods. */
function stratumInfo(file: string, g: ReturnType<typeof designGroups>) {
  // As R: fpc values all ≤ 1 are sampling fractions, otherwise population sizes.
  const fractions = [...g.fpcOf.values()].every((f) => f <= 1);
  const info = new Map<string, Map<string, StratumInfo>>();
  const df = new Map<string, number>();
  for (const [per, m] of [...g.psus.entries()].sort()) {
    const out = new Map<string, StratumInfo>();
    let nPsu = 0;
    for (const [s, set] of [...m.entries()].sort()) {
      if (set.size < 2) throw new HoufuError('invalid_request', SURVEY_TEXT.lonelyPsu(file, s, per || null));
      const raw = g.fpcOf.get(s);
      let f = 0;
      if (raw !== undefined) {
        if (fractions) f = raw;
        else if (raw < set.size) throw new HoufuError('invalid_request', SURVEY_TEXT.fpcTooSmall(file, s, set.size, raw));
        else f = set.size / raw;
      }
      out.set(s, { n: set.size, f });
      nPsu += set.size;
    }
    info.set(per, out);
    df.set(per, nPsu - out.size);
  }
  const strataAll = new Map<string, StratumInfo>();
  for (const [s, set] of [...g.allPsus.entries()].sort()) {
    const raw = g.fpcOf.get(s);
    strataAll.set(s, { n: set.size, f: raw === undefined ? 0 : fractions ? raw : set.size / raw });
  }
  return { info, df, strataAll };
}

/** The dataset with the design columns added to households. */
function withDesignColumns(ds: Dataset, r: DesignRows, fpcCol: readonly (number | null)[]): Dataset {
  const hh = ds.tables.households!;
  const vectors: Record<string, Vector> = {};
  for (const f of hh.schema.fields) if (!(Object.values(DESIGN_COLUMNS) as string[]).includes(f.name)) vectors[f.name] = hh.getChild(f.name)!;
  vectors[DESIGN_COLUMNS.weight] = vectorFromArray(Array.from(r.weight), new Float64());
  vectors[DESIGN_COLUMNS.strata] = vectorFromArray([...r.strata], new Utf8());
  vectors[DESIGN_COLUMNS.psu] = vectorFromArray([...r.psu], new Utf8());
  vectors[DESIGN_COLUMNS.fpc] = vectorFromArray([...fpcCol], new Float64());
  return { ...ds, tables: { ...ds.tables, households: new Table(vectors) } };
}
