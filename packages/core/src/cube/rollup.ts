/**
 * Computing from a cube: every level above the cube's grain, any subset of its breakdowns,
 * with the same rollup code as `compute` — sums of the cube's sums, ratios of sums.
 */
import type { FrameSums } from '../engines/engine.js';
import { HoufuError } from '../errors.js';
import { decodeVector } from '../io/decode-columns.js';
import { ERROR_TEXT } from '../messages/index.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { LEVELS, type FramePlan, type Level, type Plan, type PlanIndicator } from '../plan/plan.js';
import { hierarchyOf } from '../result/areas.js';
import { assembleWith, concatResults, type ResultTable } from '../result/assemble.js';
import { CUBE_PARTS, groupColumn, measuresHash, type Cube, type CubeIndicator, type CubePart } from './meta.js';

/** Options of {@link computeFromCube}. */
export interface CubeComputeOptions {
  /** Level(s) of the output areas: `province`, `prefecture`, `county`, `site` from a site cube; `unit` from a unit cube. */
  readonly by: Level | readonly Level[];
  /** Breakdown columns: any of the cube's, in any order (default none). */
  readonly breakdown?: readonly string[];
}

/** The cube's indicator for a definition, refusing one that is missing or counts differently. */
function cubeIndicator(cube: Cube, def: IndicatorDefinition): CubeIndicator {
  const ci = cube.meta.indicators.find((x) => x.id === def.id);
  if (!ci) throw new HoufuError('invalid_request', ERROR_TEXT.cubeIndicatorMissing(def.id, cube.meta.indicators.map((x) => x.id)));
  if (measuresHash(def) !== ci.measuresHash) throw new HoufuError('invalid_request', ERROR_TEXT.cubeIndicatorChanged(def.id));
  return ci;
}

/** The request checked against the cube: its levels, breakdown, and each definition with the cube's indicator. */
function checkedRequest(cube: Cube, indicators: readonly IndicatorDefinition[] | undefined, options: CubeComputeOptions) {
  const { meta } = cube;
  const levels: readonly Level[] = typeof options.by === 'string' ? [options.by] : options.by;
  for (const level of levels) {
    if (!LEVELS.includes(level)) throw new HoufuError('invalid_request', ERROR_TEXT.unknownLevel(String(level)));
    if ((level === 'unit') !== (meta.grain === 'unit')) throw new HoufuError('invalid_request', ERROR_TEXT.cubeLevel(level, meta.grain));
  }
  const breakdown = options.breakdown ?? [];
  const seen = new Set<string>();
  for (const b of breakdown) {
    if (seen.has(b)) throw new HoufuError('invalid_request', ERROR_TEXT.cubeBreakdownTwice(b));
    seen.add(b);
    if (!meta.breakdown.includes(b)) throw new HoufuError('invalid_request', ERROR_TEXT.cubeBreakdownMissing(b, meta.breakdown));
  }
  const defs = indicators ?? meta.indicators.map((x) => x.definition);
  const ids = new Set<string>();
  const chosen = defs.map((def) => {
    if (ids.has(def.id)) throw new HoufuError('invalid_request', ERROR_TEXT.cubeIndicatorTwice(def.id));
    ids.add(def.id);
    return { def, ci: cubeIndicator(cube, def) };
  });
  return { levels, breakdown, ids, chosen };
}

/**
 * Compute indicators from a cube: the same rows as `compute` on the person-level data
 * (rates are ratios of the summed numerators and denominators, zero denominators give
 * `no_data`). `indicators` defaults to every indicator of the cube, with the definitions it
 * carries; a given definition must count what the cube's did (its target, name and factor
 * may differ: they apply on top of the sums).
 * @example
 * const cube = await readCube(bytes);
 * const byCounty = computeFromCube(cube, undefined, { by: 'county', breakdown: ['sex'] });
 */
export function computeFromCube(cube: Cube, indicators: readonly IndicatorDefinition[] | undefined, options: CubeComputeOptions): ResultTable {
  const { meta, table } = cube;
  const { levels, breakdown, ids, chosen } = checkedRequest(cube, indicators, options);

  // The cube's rows per indicator, reduced to the requested breakdown.
  const col = (name: string): unknown[] => decodeVector(table.getChild(name)!);
  const indicatorId = col('indicator_id') as string[];
  const group = col(groupColumn(meta.grain)) as string[];
  const period = col('period') as (string | null)[];
  const bcols = breakdown.map((b) => col(b) as (string | null)[]);
  const parts = CUBE_PARTS.map((p) => col(p) as number[]);
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < indicatorId.length; i++) {
    const id = indicatorId[i] as string;
    if (!ids.has(id)) continue;
    let r = rowsOf.get(id);
    if (!r) rowsOf.set(id, (r = []));
    r.push(i);
  }

  const frames: FramePlan[] = [];
  const sums: FrameSums[] = [];
  const planned: PlanIndicator[] = chosen.map(({ def, ci }) => {
    const reduced = new Map<string, { group: string; period: string | null; tuple: (string | null)[]; parts: [number, number, number] }>();
    for (const i of rowsOf.get(def.id) ?? []) {
      const tuple = bcols.map((b) => b[i] ?? null);
      const key = JSON.stringify([group[i], period[i] ?? null, tuple]);
      let r = reduced.get(key);
      if (!r) reduced.set(key, (r = { group: group[i] as string, period: period[i] ?? null, tuple, parts: [0, 0, 0] }));
      for (let k = 0; k < 3; k++) r.parts[k]! += parts[k]![i]!;
    }
    const rows = [...reduced.values()];
    // One frame per part: its own periodicity, as in the plan the cube was built from.
    const ref = (part: CubePart) => {
      const measure = def[part];
      if (!measure) return null;
      const k = CUBE_PARTS.indexOf(part);
      const keep = rows.filter((r) => r.parts[k] !== 0);
      frames.push({
        table: measure.table,
        periodic: ci.periodicParts.includes(part),
        group: meta.grain,
        // Summed already: the frame only names the part (no links or quantifiers to run).
        links: [],
        columns: [],
        quantifiers: [],
        breakdown: [],
        measures: [measure.sum === undefined ? { kind: 'count', id: 'm', where: measure.where } : { kind: 'sum', id: 'm', where: measure.where, column: measure.sum }],
        classified: [],
        design: { kind: 'none' },
      });
      sums.push({
        group: keep.map((r) => r.group),
        period: keep.map((r) => r.period),
        breakdown: breakdown.map((_, b) => keep.map((r) => r.tuple[b] ?? null)),
        sums: { m: keep.map((r) => r.parts[k as 0 | 1 | 2]) },
      });
      return { frame: frames.length - 1, measure: 'm' };
    };
    const numerator = ref('numerator')!;
    const denominator = ref('denominator')!;
    return { definition: def, numerator, denominator, unknown: ref('unknown'), periodic: ci.periodic };
  });

  const h = hierarchyOf(meta.areas);
  return concatResults(
    levels.map((level) => {
      const p: Plan = { level, periods: meta.periods, breakdown, frames, indicators: planned };
      return assembleWith(p, h, sums);
    }),
  );
}
