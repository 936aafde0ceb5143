/**
 * Everything generated, in internal typed-array form, before it becomes plain columns.
 */
import type { Activities, Facilities, UnitFacts } from './institutions.js';
import type { Households, Units } from './households.js';
import type { HouseholdFacts } from './measures.js';
import type { Livelihood } from './livelihood.js';
import type { Persons } from './persons.js';
import type { Plan } from './plan.js';
import type { Sites } from './sites.js';

/** The internal state of one generated dataset. */
export interface World {
  /** The exact counts targeted. */
  plan: Plan;
  /** Sites. */
  sites: Sites;
  /** Site receives cross-county households (tri-state). */
  siteCross: Uint8Array;
  /** Site is a provincial demonstration site (tri-state). */
  siteDemo: Uint8Array;
  /** Households. */
  households: Households;
  /** Land, stable income and income of households. */
  living: Livelihood;
  /** Persons. */
  persons: Persons;
  /** Management units. */
  units: Units;
  /** Police rooms and party members of management units. */
  unitFacts: UnitFacts;
  /** Facilities. */
  facilities: Facilities;
  /** Cultural activities. */
  activities: Activities;
  /** Origin villages, house photos and civilized families (schema v2). */
  householdFacts: HouseholdFacts;
  /** 1 for households whose origin carries an obsolete county code (dirty mode). */
  obsoleteOrigin?: Uint8Array;
}
