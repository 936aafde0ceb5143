/**
 * Building a cube: plan the indicators at site (or unit) level, let any engine sum them, and
 * keep those sums per indicator — the additive statistics every rollup is made of.
 */
import { Float64, Table, Utf8, type Vector } from 'apache-arrow';
import { resolveEngine, type EngineName } from '../engines/registry.js';
import { assertUsable } from '../plan/usable.js';
import type { Dataset } from '../dataset.js';
import type { Engine, FrameSums } from '../engines/engine.js';
import { HoufuError } from '../errors.js';
import { buildVector } from '../io/build.js';
import { ERROR_TEXT } from '../messages/index.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { plan, type Plan } from '../plan/plan.js';
import { areaTables } from '../result/areas.js';
import { RESULT_COLUMNS } from '../result/assemble.js';
import {
  CUBE_PARTS,
  CUBE_VERSION,
  cubeColumns,
  definitionHash,
  groupColumn,
  measuresHash,
  type Cube,
  type CubeGrain,
  type CubeIndicator,
  type CubeMeta,
  type CubePart,
  type CubeSchema,
} from './meta.js';

/** Options of {@link buildCube}. */
export interface CubeOptions {
  /** Sum by site (default; rolls up to site, county, prefecture, province) or by management unit. */
  readonly grain?: CubeGrain;
  /** Breakdown columns kept in the cube (`sex`, `sites.site_type`, …); any subset can be asked for later. */
  readonly breakdown?: readonly string[];
  /** Engine that computes the sums (name or object; default `kernel`). */
  readonly engine?: EngineName | Engine;
}

/** Refuse breakdown names given twice or clashing with cube or result columns. */
export function checkCubeBreakdown(breakdown: readonly string[], grain: CubeGrain): void {
  const seen = new Set<string>();
  for (const b of breakdown) {
    if (seen.has(b)) throw new HoufuError('invalid_request', ERROR_TEXT.cubeBreakdownTwice(b));
    seen.add(b);
    if (cubeColumns(grain).includes(b) || (RESULT_COLUMNS as readonly string[]).includes(b))
      throw new HoufuError('invalid_request', ERROR_TEXT.cubeBreakdownClash(b));
  }
}

/**
 * Compute the additive sums of indicators per site (or unit), period and breakdown: a small,
 * non-identifying cube from which {@link computeFromCube} gives every rollup exactly.
 * @example
 * const cube = await buildCube(dataset, catalog, { breakdown: ['sex'] });
 * const bytes = writeCube(cube); // Parquet
 */
export async function buildCube(dataset: Dataset, indicators: readonly IndicatorDefinition[], options: CubeOptions = {}): Promise<Cube> {
  assertUsable(dataset);
  const grain = options.grain ?? 'site';
  if (grain !== 'site' && grain !== 'unit') throw new HoufuError('invalid_request', ERROR_TEXT.unknownLevel(String(grain)));
  const breakdown = options.breakdown ?? [];
  checkCubeBreakdown(breakdown, grain);
  const ids = new Set<string>();
  for (const d of indicators) {
    if (ids.has(d.id)) throw new HoufuError('invalid_request', ERROR_TEXT.cubeIndicatorTwice(d.id));
    ids.add(d.id);
  }
  const engine = await resolveEngine(options.engine);
  const p = plan(dataset, indicators, { by: grain, breakdown });
  return cubeFromSums(p, dataset, await engine.run(p, dataset), engine.name);
}

interface CubeRow {
  readonly group: string;
  readonly period: string | null;
  readonly tuple: readonly (string | null)[];
  readonly key: string;
  readonly parts: [number, number, number];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A cube from an engine's sums for a plan at level `site` or `unit`: the sums of each
 * indicator's numerator, denominator and unknown per group, period and breakdown, rows in a
 * fixed order (so equal sums give equal files whatever the engine).
 */
export function cubeFromSums(p: Plan, dataset: Dataset, sums: readonly FrameSums[], engine: string): Cube {
  if (p.level !== 'site' && p.level !== 'unit') throw new HoufuError('invalid_request', ERROR_TEXT.cubeLevel(p.level, 'site'));
  const grain: CubeGrain = p.level;
  const cols = { indicator_id: [] as string[], group: [] as string[], period: [] as (string | null)[], parts: CUBE_PARTS.map(() => [] as number[]) };
  const bcols = p.breakdown.map(() => [] as (string | null)[]);
  const indicators: CubeIndicator[] = [];

  for (const pi of p.indicators) {
    const def = pi.definition;
    const rows = new Map<string, CubeRow>();
    const periodicParts: CubePart[] = [];
    CUBE_PARTS.forEach((part, k) => {
      const ref = pi[part];
      if (!ref) return;
      const fs = sums[ref.frame];
      const frame = p.frames[ref.frame];
      if (!fs || !frame) throw new Error('engine result does not match the plan');
      const values = fs.sums[ref.measure];
      if (!values) throw new Error(`engine result lacks measure ${ref.measure}`);
      if (frame.periodic) periodicParts.push(part);
      for (let g = 0; g < fs.group.length; g++) {
        const v = values[g] ?? 0;
        if (v === 0) continue;
        const group = fs.group[g] as string;
        const period = fs.period[g] ?? null;
        const tuple = fs.breakdown.map((b) => b[g] ?? null);
        const key = JSON.stringify([group, period, tuple]);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { group, period, tuple, key, parts: [0, 0, 0] }));
        row.parts[k as 0 | 1 | 2] += v;
      }
    });
    const sorted = [...rows.values()].sort((a, b) => cmp(a.group, b.group) || cmp(a.period ?? '', b.period ?? '') || cmp(a.key, b.key));
    for (const r of sorted) {
      cols.indicator_id.push(def.id);
      cols.group.push(r.group);
      cols.period.push(r.period);
      r.tuple.forEach((v, i) => bcols[i]!.push(v));
      r.parts.forEach((v, k) => cols.parts[k]!.push(v));
    }
    indicators.push({
      id: def.id,
      measuresHash: measuresHash(def),
      definitionHash: definitionHash(def),
      periodic: pi.periodic,
      periodicParts,
      definition: def,
    });
  }

  const areas = areaTables(dataset);
  const meta: CubeMeta = {
    version: CUBE_VERSION,
    grain,
    periods: [...p.periods],
    breakdown: [...p.breakdown],
    indicators,
    // Units are needed only to place a unit cube's rows.
    areas: grain === 'unit' ? areas : { sites: areas.sites, units: null },
    engine,
  };
  return { table: cubeTable(grain, p.breakdown, cols.indicator_id, cols.group, cols.period, bcols, cols.parts), meta };
}

/** The Arrow table of a cube from its columns. */
export function cubeTable(
  grain: CubeGrain,
  breakdown: readonly string[],
  indicatorId: readonly unknown[],
  group: readonly unknown[],
  period: readonly unknown[],
  bcols: readonly (readonly unknown[])[],
  parts: readonly (readonly unknown[])[],
): Table<CubeSchema> {
  const vectors: Record<string, Vector> = {
    indicator_id: buildVector(indicatorId, new Utf8()),
    [groupColumn(grain)]: buildVector(group, new Utf8()),
    period: buildVector(period, new Utf8()),
  };
  breakdown.forEach((b, i) => (vectors[b] = buildVector(bcols[i] ?? [], new Utf8())));
  CUBE_PARTS.forEach((part, k) => (vectors[part] = buildVector(parts[k] ?? [], new Float64())));
  return new Table(vectors) as unknown as Table<CubeSchema>;
}
