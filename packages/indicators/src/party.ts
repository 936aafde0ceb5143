/** Party building (基层党建体系): party organizations at every site, members elected per management unit. */
import { any, col, eq, gt, isIn, isNull, not, rate, ratio, TRUE, type IndicatorDefinition } from '@houfu/core';
import { cite } from './source.js';

/** Sites with a party committee or branch / sites. */
export const organizationCoverage: IndicatorDefinition = rate({
  id: 'party.organization_coverage',
  name: { zh: '安置点基层党组织覆盖率', en: 'Sites with a party organization' },
  description: { zh: '建有党（工）委或党支部的安置点占安置点的比例', en: 'Sites with a party committee or branch, as a share of sites' },
  unit: 'site',
  outcome: any('facilities', isIn('facility_type', ['party_committee', 'party_branch'])),
  target: { value: 1, direction: 'at_least' },
  source: cite('把每个安置点基层党组织建成……坚强战斗堡垒', 'a primary party organization at every resettlement site'),
  reasons: {
    failed: { zh: '安置点没有党组织', en: 'the site has no party organization' },
    unknown: { zh: '不详', en: 'unknown' },
  },
});

const known = not(isNull(col('party_members_elected')));

/** Party members elected from the masses per management unit (units with the count unknown are left out). */
export const membersElectedPerUnit: IndicatorDefinition = ratio({
  id: 'party.members_elected_per_unit',
  name: { zh: '每个管理单元选举党员数', en: 'Party members elected per management unit' },
  description: {
    zh: '从群众党员中选举参加基层党组织的人数 ÷ 管理单元数（人数不详的单元不计入，单列为未知）',
    en: 'Party members elected into primary organizations divided by management units (units with an unknown count are left out and counted apart)',
  },
  unit: 'unit',
  numerator: { table: 'management_units', where: known, sum: 'party_members_elected' },
  denominator: { table: 'management_units', where: known },
  unknown: { table: 'management_units', where: isNull('party_members_elected') },
  source: cite('388个管理单元从群众党员中选举2306人参加基层党组织', '2,306 members elected from 388 management units'),
});

/** Management units that elected party members / units (count unknown: counted apart). */
export const unitsElectingShare: IndicatorDefinition = rate({
  id: 'party.units_electing_share',
  name: { zh: '选举党员参加基层党组织的管理单元比例', en: 'Management units electing party members' },
  description: {
    zh: '从群众党员中选举人员参加基层党组织的管理单元占管理单元的比例',
    en: 'Management units that elected party members into primary organizations, as a share of units',
  },
  unit: 'unit',
  outcome: gt('party_members_elected', 0),
  source: cite('388个管理单元从群众党员中选举2306人参加基层党组织', '388 management units elected 2,306 members'),
});

const PARTY_CLAUSE = ['全省安置点已成立党(工)委126个、党支部或党小组845个', '126 party (working) committees and 845 party branches or groups set up at resettlement sites'] as const;

/** Party (working) committees per site. */
export const committeesPerSite: IndicatorDefinition = ratio({
  id: 'party.committees_per_site',
  name: { zh: '每个安置点党（工）委数', en: 'Party committees per site' },
  description: { zh: '安置点党（工）委数 ÷ 安置点数', en: 'Party (working) committees at resettlement sites, divided by sites' },
  unit: 'site',
  numerator: { table: 'facilities', where: eq('facility_type', 'party_committee') },
  denominator: { table: 'sites', where: TRUE },
  source: cite(...PARTY_CLAUSE),
});

/** Party branches or groups per site. */
export const branchesPerSite: IndicatorDefinition = ratio({
  id: 'party.branches_per_site',
  name: { zh: '每个安置点党支部或党小组数', en: 'Party branches or groups per site' },
  description: { zh: '安置点党支部或党小组数 ÷ 安置点数', en: 'Party branches or groups at resettlement sites, divided by sites' },
  unit: 'site',
  numerator: { table: 'facilities', where: eq('facility_type', 'party_branch') },
  denominator: { table: 'sites', where: TRUE },
  source: cite(...PARTY_CLAUSE),
});

/** The party-building family. */
export const partyFamily: readonly IndicatorDefinition[] = [organizationCoverage, membersElectedPerUnit, unitsElectingShare, committeesPerSite, branchesPerSite];
