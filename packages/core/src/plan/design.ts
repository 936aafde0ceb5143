/**
 * Where a prepared survey design lives: the columns `prepareDesign` adds to the households
 * table, and that the plan's `survey` design part names.
 */

/** Column names `prepareDesign` adds to households: weight, stratum, PSU, finite population correction. */
export const DESIGN_COLUMNS = { weight: '__weight', strata: '__strata', psu: '__psu', fpc: '__fpc' } as const;
