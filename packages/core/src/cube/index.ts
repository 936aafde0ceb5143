/** Additive cubes: the sums behind every rollup, durable and non-identifying. */
export { buildCube, cubeFromSums, type CubeOptions } from './build.js';
export { computeFromCube, type CubeComputeOptions } from './rollup.js';
export { readCube, writeCube, cubeFormatOf, type CubeFormat } from './io.js';
export {
  CUBE_VERSION,
  CUBE_META_KEY,
  CUBE_PARTS,
  measuresHash,
  definitionHash,
  canonicalJSON,
  type Cube,
  type CubeMeta,
  type CubeIndicator,
  type CubeGrain,
  type CubePart,
  type CubeSchema,
} from './meta.js';
export type { AreaTables } from '../result/areas.js';
