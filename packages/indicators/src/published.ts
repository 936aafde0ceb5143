/**
 * The published figures of the source article (Guizhou, end of 2019) that the catalog
 * can reproduce, and which result cell reproduces each: the province row of an
 * indicator, its value, numerator or denominator.
 */
import type { LocalText } from '@houfu/core';

/** One published figure and where the catalog computes it. */
export interface PublishedFigure {
  /** Id in the reference table (guizhou-2019-published.csv). */
  readonly id: string;
  /** What was published. */
  readonly label: LocalText;
  /** The published value (percentages in percent). */
  readonly value: number;
  /** Unit of the published value. */
  readonly unit: string;
  /** The indicator whose province row reproduces it. */
  readonly indicator: string;
  /** Which cell of that row. */
  readonly field: 'value' | 'numerator' | 'denominator' | 'denominator_plus_unknown';
  /** Multiply the cell by this to compare (100 for percent). */
  readonly scale: number;
  /** Decimal places of the published figure (the comparison rounds to them). */
  readonly decimals: number;
}

const fig = (
  id: string,
  zh: string,
  en: string,
  value: number,
  unit: string,
  indicator: string,
  field: PublishedFigure['field'],
  scale = 1,
  decimals = 0,
): PublishedFigure => ({ id, label: { zh, en }, value, unit, indicator, field, scale, decimals });

/** Published figures of 2019 the catalog reproduces (from `reference/guizhou-2019-published.csv`). */
export const PUBLISHED_2019: readonly PublishedFigure[] = [
  fig('relocated_persons', '易地扶贫搬迁人数', 'persons relocated', 1880000, 'persons', 'structure.urban_share', 'denominator_plus_unknown'),
  fig('centralized_sites', '集中安置点', 'centralized resettlement sites', 946, 'sites', 'structure.urban_site_share', 'denominator'),
  fig('urban_sites', '城镇安置点', 'urban resettlement sites', 701, 'sites', 'structure.urban_site_share', 'numerator'),
  fig('urban_sites_persons', '城镇安置点安置人数', 'persons in urban sites', 1790000, 'persons', 'structure.urban_share', 'numerator'),
  fig('cross_county_resettled_persons', '跨县区安置人数', 'persons resettled across county lines', 230000, 'persons', 'structure.cross_county_share', 'numerator'),
  fig('schools_built', '配套建成学校', 'schools built', 483, 'schools', 'services.schools_per_10k', 'numerator'),
  fig('medical_facilities_built', '配套建成医疗卫生设施', 'medical and health facilities built', 580, 'facilities', 'services.medical_facilities_per_10k', 'numerator'),
  fig('med_insurance_transferred_persons', '转移医保人数', 'medical insurance transferred', 1071700, 'persons', 'services.med_insurance_transfer', 'numerator'),
  fig('labor_households', '有劳动力家庭', 'households with labor', 403200, 'households', 'employment.labor_households', 'value'),
  fig('employed_persons', '已实现就业人数', 'persons employed', 822500, 'persons', 'employment.employed_persons', 'value'),
  fig('households_one_plus_employed_rate', '一户一人以上就业的搬迁家庭比例', 'labor households with at least one employed', 95.59, 'percent', 'four_musts.employment', 'value', 100, 2),
  fig('community_committees', '社区居委会', "community residents' committees", 508, 'committees', 'governance.community_committees_per_site', 'numerator'),
  fig('governance_centers', '综治中心', 'governance centers', 619, 'centers', 'governance.governance_centers_per_site', 'numerator'),
  fig('mediation_rooms', '调解室', 'mediation rooms', 609, 'rooms', 'governance.mediation_rooms_per_site', 'numerator'),
  fig('street_offices', '街道办事处', 'street offices', 59, 'offices', 'governance.street_offices_per_site', 'numerator'),
  fig('resident_groups', '居（村）民小组', 'resident groups (management units)', 2255, 'groups', 'party.units_electing_share', 'denominator_plus_unknown'),
  fig('gratitude_education_events', '感恩教育活动', 'gratitude education events', 6814, 'events', 'culture.gratitude_events_per_1k', 'numerator'),
  fig('civic_awareness_events', '市民意识教育活动', 'civic awareness events', 6004, 'events', 'culture.civic_events_per_1k', 'numerator'),
  fig('units_electing_party_members', '从群众党员中选举的管理单元', 'units electing party members', 388, 'units', 'party.units_electing_share', 'numerator'),
  fig('provincial_demo_sites', '省级后续扶持示范点', 'provincial demonstration sites', 18, 'sites', 'structure.demo_site_share', 'numerator'),
  fig('party_members_elected', '选举参加基层党组织的党员', 'party members elected', 2306, 'persons', 'party.members_elected_per_unit', 'numerator'),
];
