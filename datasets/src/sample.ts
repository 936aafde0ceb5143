/**
 * The bundled sample (`@houfu/datasets/sample`, Node only): a small synthetic dataset in schema
 * v1, shipped with the package as CSV files.
 * @packageDocumentation
 */

/**
 * The folder of the bundled sample: 6 CSV tables and `dataset.json`, generated with
 * `houfu generate --preset guizhou-2019` (see the package README).
 * @example
 * import { loadDataset } from '@houfu/core/node';
 * import { sampleDir } from '@houfu/datasets/sample';
 * const ds = await loadDataset(sampleDir);
 */
export const sampleDir: string = decodeURIComponent(new URL('../guizhou-2019-sample', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');
