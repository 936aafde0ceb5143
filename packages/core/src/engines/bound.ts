/**
 * Datasets that only describe data held in a database (their person-level tables are empty
 * here) are bound to the engine that can read them; any other engine would count nothing.
 */
import type { Dataset } from '../dataset.js';
import { HoufuError } from '../errors.js';
import { ERROR_TEXT } from '../messages/index.js';

const bound = new WeakMap<Dataset, string>();

/** Bind a dataset to the only engine that may compute on it. */
export function bindDataset(dataset: Dataset, engine: string): void {
  bound.set(dataset, engine);
}

/** Throw unless `engine` may compute on `dataset`. */
export function assertEngineFor(dataset: Dataset, engine: string): void {
  const want = bound.get(dataset);
  if (want !== undefined && want !== engine) throw new HoufuError('invalid_request', ERROR_TEXT.datasetBound(want, engine));
}
