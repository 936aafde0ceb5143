/**
 * The interval methods for proportions, apart from the intervals themselves so that a caller can
 * list them (e.g. in a command's help) without loading the quantile functions.
 */

/** How an interval for a proportion is formed. */
export type ProportionMethod = 'logit' | 'wilson' | 'beta';

/** The methods for proportions, default first. */
export const PROPORTION_METHODS: readonly ProportionMethod[] = ['logit', 'wilson', 'beta'];
