/**
 * The closed vocabularies results are written in: the levels of the area hierarchy and the
 * statuses of a result. Their texts (`messages/`) are keyed by these unions, so a new member
 * without its zh and en text is a compile error.
 */

/** Level of the area hierarchy: province > prefecture > county > site > management unit. */
export type Level = 'province' | 'prefecture' | 'county' | 'site' | 'unit';

/** The levels, from the top. */
export const LEVELS: readonly Level[] = ['province', 'prefecture', 'county', 'site', 'unit'];

/** Status of a result against its target. */
export type Status = 'met' | 'not_met' | 'no_data' | 'no_target' | 'suppressed';
