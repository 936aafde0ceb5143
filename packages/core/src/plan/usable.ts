/**
 * A dataset with an error finding is never computed on: every computation checks first.
 */
import type { Dataset } from '../dataset.js';
import { HoufuError } from '../errors.js';
import { ERROR_TEXT } from '../messages/index.js';
import { countFindings, formatFinding, hasErrors } from '../validate/finding.js';

/** Throw a HoufuError when the dataset has errors (every computation validates first). */
export function assertUsable(dataset: Dataset): void {
  if (!hasErrors(dataset.findings)) return;
  const errors = dataset.findings.filter((f) => f.severity === 'error');
  const first = formatFinding(errors[0]!);
  throw new HoufuError('invalid_dataset', ERROR_TEXT.invalidDataset(countFindings(errors, 'error'), first), errors);
}
