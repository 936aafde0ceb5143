/**
 * Scale → the exact counts to generate. People scale with `scale`; institutions (sites,
 * facilities, management units, party organizations, events) scale with the number of
 * sites, which is the full 946 from scale 0.1 upward and shrinks in proportion below it.
 */
import { ASSUMED, ASSUMED_PROBLEMS, HOUSEHOLDS_ONE_PLUS_EMPLOYED, PUBLISHED } from './preset.js';

/** Smallest supported scale (1,880 persons in 9 sites). */
export const MIN_SCALE = 0.001;

/** The exact counts the generator produces for one scale; keys are the published csv ids where one exists. */
export interface Plan {
  relocated_persons: number;
  urban_sites_persons: number;
  cross_county_resettled_persons: number;
  labor_households: number;
  households_one_plus_employed: number;
  employed_persons: number;
  med_insurance_transferred_persons: number;
  centralized_sites: number;
  urban_sites: number;
  provincial_demo_sites: number;
  schools_built: number;
  medical_facilities_built: number;
  kindergartens: number;
  workshops: number;
  street_offices: number;
  community_committees: number;
  governance_centers: number;
  mediation_rooms: number;
  party_committees: number;
  party_branches_or_groups: number;
  resident_groups: number;
  units_electing_party_members: number;
  party_members_elected: number;
  gratitude_education_events: number;
  civic_awareness_events: number;
  civilized_family_events: number;
  house_comparison_events: number;
  other_events: number;
  relocated_villages: number;
  house_comparison_photo_households: number;
  civilized_families_awarded: number;
  problems: number;
}

/** The counts for `scale`. */
export function makePlan(scale: number): Plan {
  const people = (n: number) => Math.round(n * scale);
  const sites =
    scale >= 0.1 ? PUBLISHED.centralized_sites : Math.max(9, Math.round(PUBLISHED.centralized_sites * scale * 10));
  const f = sites / PUBLISHED.centralized_sites;
  const inst = (n: number, min = 0) => Math.max(min, Math.round(n * f));
  const partyCommittees = inst(PUBLISHED.party_committees);
  const units = inst(PUBLISHED.resident_groups, sites);
  const electing = Math.min(units, inst(PUBLISHED.units_electing_party_members, 1));
  return {
    relocated_persons: people(PUBLISHED.relocated_persons),
    urban_sites_persons: people(PUBLISHED.urban_sites_persons),
    cross_county_resettled_persons: people(PUBLISHED.cross_county_resettled_persons),
    labor_households: people(PUBLISHED.labor_households),
    households_one_plus_employed: people(HOUSEHOLDS_ONE_PLUS_EMPLOYED),
    employed_persons: people(PUBLISHED.employed_persons),
    med_insurance_transferred_persons: people(PUBLISHED.med_insurance_transferred_persons),
    centralized_sites: sites,
    urban_sites: Math.min(sites - 1, inst(PUBLISHED.urban_sites, 1)),
    provincial_demo_sites: inst(PUBLISHED.provincial_demo_sites, 1),
    schools_built: inst(PUBLISHED.schools_built),
    medical_facilities_built: inst(PUBLISHED.medical_facilities_built),
    kindergartens: inst(ASSUMED.kindergartens),
    workshops: inst(ASSUMED.workshops),
    street_offices: inst(PUBLISHED.street_offices),
    community_committees: inst(PUBLISHED.community_committees),
    governance_centers: inst(PUBLISHED.governance_centers),
    mediation_rooms: inst(PUBLISHED.mediation_rooms),
    party_committees: partyCommittees,
    party_branches_or_groups: inst(PUBLISHED.party_branches_or_groups, sites - partyCommittees),
    resident_groups: units,
    units_electing_party_members: electing,
    party_members_elected: inst(PUBLISHED.party_members_elected, electing),
    gratitude_education_events: inst(PUBLISHED.gratitude_education_events, sites),
    civic_awareness_events: inst(PUBLISHED.civic_awareness_events, sites),
    civilized_family_events: inst(ASSUMED.civilized_family_events),
    house_comparison_events: inst(ASSUMED.house_comparison_events),
    other_events: inst(ASSUMED.other_events),
    relocated_villages: Math.max(1, people(PUBLISHED.relocated_villages)),
    house_comparison_photo_households: people(PUBLISHED.house_comparison_photo_households),
    civilized_families_awarded: people(PUBLISHED.civilized_families_awarded),
    problems: inst(ASSUMED_PROBLEMS, 25),
  };
}
