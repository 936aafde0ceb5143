/**
 * What a cube is: an Arrow table of additive sums per indicator × site (or unit) × period ×
 * breakdown, and the metadata needed to roll it up without the dataset.
 */
import type { Float64, Table, Utf8 } from 'apache-arrow';
import type { IndicatorDefinition } from '../model/indicator.js';
import type { AreaTables } from '../result/areas.js';
import { sha256Hex } from './sha256.js';

/** The version of the cube format this library writes and reads. */
export const CUBE_VERSION = 1;

/** Key of the cube metadata in a Parquet file's key-value metadata and an Arrow schema's metadata. */
export const CUBE_META_KEY = 'houfu.cube';

/** What the rows of a cube are summed by: sites (rolls up to every level above) or management units. */
export type CubeGrain = 'site' | 'unit';

/** The three additive parts of an indicator. */
export type CubePart = 'numerator' | 'denominator' | 'unknown';

/** The parts, in column order. */
export const CUBE_PARTS: readonly CubePart[] = ['numerator', 'denominator', 'unknown'];

/** One indicator of a cube. */
export interface CubeIndicator {
  /** Indicator id. */
  readonly id: string;
  /** SHA-256 of the canonical JSON of its numerator, denominator and unknown measures (what the sums depend on). */
  readonly measuresHash: string;
  /** SHA-256 of the canonical JSON of the whole definition. */
  readonly definitionHash: string;
  /** Whether its results are per period. */
  readonly periodic: boolean;
  /** The parts counted on monthly rows (their cube rows carry a period; the others count in every period). */
  readonly periodicParts: readonly CubePart[];
  /** The definition itself, so that a cube can be read without the catalog. */
  readonly definition: IndicatorDefinition;
}

/** The metadata of a cube: plain JSON, stored with the table. */
export interface CubeMeta {
  /** Format version ({@link CUBE_VERSION}). */
  readonly version: number;
  /** What the rows are summed by. */
  readonly grain: CubeGrain;
  /** The dataset's periods (empty when it has none). */
  readonly periods: readonly string[];
  /** Breakdown columns, as named when the cube was built; each is a column of the table. */
  readonly breakdown: readonly string[];
  /** The indicators, in build order. */
  readonly indicators: readonly CubeIndicator[];
  /** Sites and units with their areas: what rollups need (no person or household data). */
  readonly areas: AreaTables;
  /** Name of the engine that produced the sums. */
  readonly engine: string;
}

/** Arrow types of a cube's fixed columns (the group column is `site_id` or `unit_id`). */
export type CubeSchema = {
  indicator_id: Utf8;
  period: Utf8;
  numerator: Float64;
  denominator: Float64;
  unknown: Float64;
  [column: string]: Utf8 | Float64;
};

/** A cube: the sums as an Arrow table and its metadata. */
export interface Cube {
  /** Columns: `indicator_id`, `site_id` (or `unit_id`), `period`, the breakdown columns, `numerator`, `denominator`, `unknown`. */
  readonly table: Table<CubeSchema>;
  /** Metadata. */
  readonly meta: CubeMeta;
}

/** The name of a cube's group column. */
export const groupColumn = (grain: CubeGrain): 'site_id' | 'unit_id' => (grain === 'unit' ? 'unit_id' : 'site_id');

/** The fixed column names of a cube of this grain (breakdown columns may not take them). */
export const cubeColumns = (grain: CubeGrain): readonly string[] => ['indicator_id', groupColumn(grain), 'period', ...CUBE_PARTS];

/** JSON with object keys sorted at every depth: equal data, equal text. */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** SHA-256 of the parts of a definition its sums depend on. */
export function measuresHash(def: IndicatorDefinition): string {
  return sha256Hex(canonicalJSON({ numerator: def.numerator, denominator: def.denominator, unknown: def.unknown }));
}

/** SHA-256 of a whole definition. */
export function definitionHash(def: IndicatorDefinition): string {
  return sha256Hex(canonicalJSON(def));
}
