/**
 * The checks over canonical Arrow tables, run after the per-column rules: area codes
 * against the divisions list, open enumerations, cross-table consistency, values.
 */
import type { FindingCollector } from '../finding.js';
import { checkAreaCodes } from './areas.js';
import { checkConsistency } from './consistency.js';
import type { CheckInput } from './context.js';
import { checkOpenEnums } from './labels.js';
import { checkRegisterDates } from './register-dates.js';
import { checkValues } from './values.js';

export type { CheckInput } from './context.js';
export { checkMapping, valueMapOf, VALUES_KEY } from './mapping.js';
export { relabel, allowedValues, VALUE_LABELS, type ValueMap } from './labels.js';

/** Run every table check, adding findings to the collector. */
export function runChecks(input: CheckInput, out: FindingCollector): void {
  checkAreaCodes(input, out);
  checkOpenEnums(input, out);
  checkConsistency(input, out);
  checkValues(input, out);
  checkRegisterDates(input, out);
}
