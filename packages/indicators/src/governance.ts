/** Community governance (社区治理体系): mediation rooms, governance centers, community committees per site. */
import { eq, ratio, TRUE, type IndicatorDefinition } from '@houfu/core';
import { cite } from './source.js';

interface PerSite {
  readonly id: string;
  readonly type: string;
  readonly zh: string;
  readonly en: string;
  readonly clause: string;
  readonly clauseEn: string;
}

const perSite = (s: PerSite): IndicatorDefinition =>
  ratio({
    id: s.id,
    name: { zh: `每个安置点${s.zh}数`, en: `${s.en} per site` },
    description: { zh: `${s.zh}数 ÷ 安置点数`, en: `${s.en} divided by resettlement sites` },
    unit: 'site',
    numerator: { table: 'facilities', where: eq('facility_type', s.type) },
    denominator: { table: 'sites', where: TRUE },
    source: cite(s.clause, s.clauseEn),
  });

/** Mediation rooms per site. */
export const mediationRoomsPerSite: IndicatorDefinition = perSite({
  id: 'governance.mediation_rooms_per_site',
  type: 'mediation_room',
  zh: '调解室',
  en: 'Mediation rooms',
  clause: '设立综治中心619个、调解室609个',
  clauseEn: '609 mediation rooms set up',
});

/** Comprehensive governance centers per site. */
export const governanceCentersPerSite: IndicatorDefinition = perSite({
  id: 'governance.governance_centers_per_site',
  type: 'governance_center',
  zh: '综治中心',
  en: 'Governance centers',
  clause: '设立综治中心619个、调解室609个',
  clauseEn: '619 comprehensive governance centers set up',
});

/** Community residents' committees per site. */
export const communityCommitteesPerSite: IndicatorDefinition = perSite({
  id: 'governance.community_committees_per_site',
  type: 'community_committee',
  zh: '社区居委会',
  en: 'Community committees',
  clause: '已建立街道办事处59个、社区居委会508个',
  clauseEn: "508 community residents' committees established",
});

/** Street offices per site. */
export const streetOfficesPerSite: IndicatorDefinition = perSite({
  id: 'governance.street_offices_per_site',
  type: 'street_office',
  zh: '街道办事处',
  en: 'Street offices',
  clause: '已建立街道办事处59个',
  clauseEn: '59 street offices established',
});

/** The governance family. */
export const governanceFamily: readonly IndicatorDefinition[] = [
  mediationRoomsPerSite,
  governanceCentersPerSite,
  communityCommitteesPerSite,
  streetOfficesPerSite,
];
