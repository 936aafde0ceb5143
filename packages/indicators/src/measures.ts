/**
 * The six measures (六项措施): project lists and "缺什么补什么" gaps, demonstration sites,
 * and supervision. Responsibility tasks, dispatches and cadre training have no site: their
 * figures (by department, by level) are registers, `@houfu/core`'s `registers`.
 */
import { and, any, eq, ge, isIn, isNull, not, rate, ratio, TRUE, type Expr, type IndicatorDefinition, type LocalText } from '@houfu/core';
import { cite } from './source.js';

const PROJECTS_CLAUSE = ['以安置点为单元，全面梳理后扶“五个体系”项目清单', 'the project list of the five systems, drawn up site by site'] as const;
const GAP_CLAUSE = [
  '按照“缺什么补什么”原则和项目轻重缓急……全力推动项目落地实施',
  'following the principle of "supplying what is lacking" and the priority of projects, projects are pushed to completion',
] as const;

/** Projects completed / projects (status known). */
export const projectCompletion: IndicatorDefinition = rate({
  id: 'measures.project_completion',
  name: { zh: '后扶项目完工率', en: 'Projects completed' },
  description: { zh: '已完工的后扶项目占项目清单的比例', en: 'Post-relocation projects completed, as a share of the projects listed' },
  unit: 'project',
  outcome: eq('status', 'completed'),
  source: cite(...PROJECTS_CLAUSE),
});

/** Share of project funds from one funding channel. */
const fundsShare = (channel: string, zh: string, en: string, clause: string, clauseEn: string): IndicatorDefinition =>
  ratio({
    id: `measures.funds_${channel}_share`,
    name: { zh: `${zh}占后扶项目资金比例`, en: `Project funds from ${en}` },
    description: {
      zh: `${zh}渠道的项目金额 ÷ 项目清单总金额（金额不详的项目不计入，单列为未知）`,
      en: `Amounts of projects funded by ${en}, as a share of the amounts of all projects (projects with an unknown amount are counted apart)`,
    },
    unit: 'project',
    numerator: { table: 'projects', where: and(eq('channel', channel), not(isNull('amount'))), sum: 'amount' },
    denominator: { table: 'projects', where: and(not(isNull('channel')), not(isNull('amount'))), sum: 'amount' },
    unknown: { table: 'projects', where: isNull('amount') },
    format: 'percent',
    source: cite(clause, clauseEn),
  });

/** Funds from east–west cooperation (东西部扶贫协作帮扶资金). */
export const fundsEastWest = fundsShare('east_west', '东西部扶贫协作帮扶资金', 'east–west cooperation', '从东西部扶贫协作帮扶资金、财政专项资金、社会帮扶资金等渠道挤出资金', 'funds from east–west poverty-alleviation cooperation, fiscal special funds, social assistance and other channels');
/** Funds from fiscal special funds (财政专项资金). */
export const fundsFiscal = fundsShare('fiscal', '财政专项资金', 'fiscal special funds', '从东西部扶贫协作帮扶资金、财政专项资金、社会帮扶资金等渠道挤出资金', 'funds from east–west poverty-alleviation cooperation, fiscal special funds, social assistance and other channels');
/** Funds from social assistance (社会帮扶资金). */
export const fundsSocial = fundsShare('social', '社会帮扶资金', 'social assistance', '从东西部扶贫协作帮扶资金、财政专项资金、社会帮扶资金等渠道挤出资金', 'funds from east–west poverty-alleviation cooperation, fiscal special funds, social assistance and other channels');

/** A "缺什么补什么" gap: sites lacking what a standard requires, and whether a project supplying it is listed. */
const gap = (name: string, lacking: Expr, supplies: readonly string[], text: { zh: string; en: string }, reasons: { zh: string; en: string }): IndicatorDefinition =>
  rate({
    id: `measures.gap_${name}_planned`,
    name: { zh: `缺${text.zh}的安置点已列项目比例`, en: `Sites lacking ${text.en} with a project listed` },
    description: {
      zh: `缺少${text.zh}的安置点中，项目清单已列有补齐项目的安置点比例（分母即缺口安置点数，分母减分子为尚无项目的缺口）`,
      en: `Of the sites lacking ${text.en}, the share with a project listed to supply it (the denominator counts the sites with the gap; denominator minus numerator, those with no project yet)`,
    },
    unit: 'site',
    universe: lacking,
    outcome: any('projects', isIn('supplies', supplies)),
    target: { value: 1, direction: 'at_least' },
    source: cite(...GAP_CLAUSE),
    reasons: { failed: reasons, unknown: { zh: '不详', en: 'unknown' } },
  });

/** Sites served by no health service institution: is a health facility project listed? */
export const gapHealth = gap(
  'health',
  not(any('health_services', TRUE)),
  ['health_facility'],
  { zh: '卫生服务机构', en: 'a health service institution' },
  { zh: '安置点无卫生服务机构且无补齐项目', en: 'no health service institution and no project to supply one' },
);

/** Sites with a management unit of 3,000+ people and no police room: is a police-room project listed? */
export const gapPolice = gap(
  'police',
  any('management_units', and(ge('population', 3000), eq('has_police_room', false))),
  ['police_room'],
  { zh: '警务室（3000人以上管理单元）', en: 'a police room for a unit of 3,000+ people' },
  { zh: '3000人以上管理单元无警务室且无补齐项目', en: 'a unit of 3,000+ people has no police room and no project to supply one' },
);

/** Sites with no party committee or branch: is a party-organization project listed? */
export const gapParty = gap(
  'party',
  not(any('facilities', isIn('facility_type', ['party_committee', 'party_branch']))),
  ['party_committee', 'party_branch'],
  { zh: '基层党组织', en: 'a party organization' },
  { zh: '安置点无党组织且无补齐项目', en: 'no party organization and no project to supply one' },
);

/** Sites in the register of provincial demonstration sites / sites. */
export const demoRegistered: IndicatorDefinition = rate({
  id: 'measures.demo_registered',
  name: { zh: '省级示范点占安置点比例（示范点名单）', en: 'Sites designated demonstration sites (register)' },
  description: {
    zh: '列入省级易地扶贫搬迁后续扶持工作示范点名单的安置点占安置点的比例',
    en: 'Sites in the register of provincial post-relocation demonstration sites, as a share of sites',
  },
  unit: 'site',
  outcome: any('demonstration_sites', TRUE),
  source: cite('将18个安置点作为省级易地扶贫搬迁后续扶持工作示范点', '18 sites were made provincial demonstration sites of post-relocation support'),
});

const SUPERVISION_CLAUSE = ['梳理易地扶贫搬迁10大类25个方面问题，督促各地全面对照整改落实', 'problems in 10 categories and 25 aspects were identified, and every locality was urged to rectify them'] as const;

/** Problems rectified / problems found. */
export const rectificationRate: IndicatorDefinition = rate({
  id: 'measures.rectification_rate',
  name: { zh: '督查问题整改率', en: 'Problems rectified' },
  description: { zh: '已整改（有整改日期）的督查问题占发现问题的比例', en: 'Problems found by inspection that were rectified (have a rectification date), as a share of problems found' },
  unit: 'problem',
  outcome: not(isNull('rectified_on')),
  target: { value: 1, direction: 'at_least' },
  source: cite(...SUPERVISION_CLAUSE),
});

/** Problems found per site. */
export const problemsPerSite: IndicatorDefinition = ratio({
  id: 'measures.problems_per_site',
  name: { zh: '每个安置点督查发现问题数', en: 'Problems found per site' },
  description: { zh: '督查发现问题数 ÷ 安置点数', en: 'Problems found by inspection, divided by sites' },
  unit: 'site',
  numerator: { table: 'problems', where: TRUE },
  denominator: { table: 'sites', where: TRUE },
  source: cite('全年组织开展4次全省推进易地扶贫搬迁工作大调研和专项大督查', 'four province-wide research and special inspection rounds in the year'),
});

/** The six-measures family. */
export const measuresFamily: readonly IndicatorDefinition[] = [
  projectCompletion,
  fundsEastWest,
  fundsFiscal,
  fundsSocial,
  gapHealth,
  gapPolice,
  gapParty,
  demoRegistered,
  rectificationRate,
  problemsPerSite,
];

/** Names of the gap indicators, with what each standard requires (for dispatch texts). */
export const GAP_INDICATORS: readonly { readonly id: string; readonly requires: LocalText }[] = [
  { id: gapHealth.id, requires: { zh: '卫生服务机构', en: 'a health service institution' } },
  { id: gapPolice.id, requires: { zh: '3000人以上管理单元的警务室', en: 'a police room in every unit of 3,000+ people' } },
  { id: gapParty.id, requires: { zh: '基层党组织', en: 'a party organization' } },
];
