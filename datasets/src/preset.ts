/**
 * The guizhou-2019 preset: the figures published by the Guizhou Provincial Development and
 * Reform Commission (中国改革报, 2020-02-13) and the assumptions used where the article gives
 * no figure. Every number here is at scale 1. The README explains each of them.
 */

/** Published figures (guizhou-2019-published.csv), keyed by the csv's ids. */
export const PUBLISHED = {
  relocated_persons: 1_880_000,
  centralized_sites: 946,
  urban_sites: 701,
  urban_sites_persons: 1_790_000,
  cross_county_resettled_persons: 230_000,
  schools_built: 483,
  medical_facilities_built: 580,
  med_insurance_transferred_persons: 1_071_700,
  labor_households: 403_200,
  employed_persons: 822_500,
  gratitude_education_events: 6_814,
  civic_awareness_events: 6_004,
  street_offices: 59,
  community_committees: 508,
  resident_groups: 2_255,
  governance_centers: 619,
  mediation_rooms: 609,
  party_committees: 126,
  party_branches_or_groups: 845,
  units_electing_party_members: 388,
  party_members_elected: 2_306,
  provincial_demo_sites: 18,
  relocated_villages: 10_090,
  house_comparison_photo_households: 358_600,
  civilized_families_awarded: 10_100,
  provincial_responsible_departments: 23,
  cadre_training_sessions_2019: 3,
  inspection_rounds_2019: 4,
  problem_categories: 10,
  problem_aspects: 25,
} as const;

/**
 * Labor households with at least one employed member: 95.59% of 403,200 is 385,418.88;
 * 385,419 / 403,200 = 95.5896…%, which rounds to the published 95.59%.
 */
export const HOUSEHOLDS_ONE_PLUS_EMPLOYED = 385_419;

/** Assumed counts where the article gives none (scale 1). */
export const ASSUMED = {
  kindergartens: 360,
  workshops: 700,
  civilized_family_events: 946,
  house_comparison_events: 1_200,
  other_events: 3_000,
} as const;

/** Assumed share of relocated persons per prefecture (drives sites per prefecture). */
export const PREFECTURE_SHARES: Readonly<Record<string, number>> = {
  '520100': 0.01,
  '520200': 0.09,
  '520300': 0.09,
  '520400': 0.07,
  '520500': 0.18,
  '520600': 0.16,
  '522300': 0.13,
  '522600': 0.15,
  '522700': 0.12,
};

/** Household sizes 1..8 and their assumed shares (mean 3.98 persons). */
export const HOUSEHOLD_SIZE_SHARES = [0.07, 0.13, 0.19, 0.24, 0.19, 0.11, 0.05, 0.02] as const;

/** Relative weight of a household of size 1..8 to be a household without labor. */
export const NO_LABOR_WEIGHT_BY_SIZE = [6, 3, 0.8, 0.3, 0.15, 0.1, 0.1, 0.1] as const;

/** Ethnic groups used, in Chinese (民族). */
export const ETHNICITIES = [
  '汉族', '苗族', '布依族', '侗族', '土家族', '彝族', '仡佬族', '水族', '回族', '白族', '瑶族',
] as const;

/** Assumed ethnic mix of relocated persons per prefecture, weights over ETHNICITIES. */
export const ETHNIC_MIX: Readonly<Record<string, readonly number[]>> = {
  //          汉  苗  布依 侗  土家 彝  仡佬 水  回  白  瑶
  '520100': [60, 18, 18, 2, 2, 0, 0, 0, 0, 0, 0],
  '520200': [50, 17, 12, 0, 0, 18, 0, 0, 2, 1, 0],
  '520300': [70, 10, 0, 0, 3, 0, 17, 0, 0, 0, 0],
  '520400': [45, 25, 30, 0, 0, 0, 0, 0, 0, 0, 0],
  '520500': [55, 20, 0, 0, 0, 18, 0, 0, 4, 3, 0],
  '520600': [35, 22, 0, 8, 35, 0, 0, 0, 0, 0, 0],
  '522300': [45, 15, 40, 0, 0, 0, 0, 0, 0, 0, 0],
  '522600': [10, 50, 0, 35, 0, 0, 0, 3, 0, 0, 2],
  '522700': [18, 22, 40, 0, 0, 0, 0, 15, 0, 0, 5],
};

/** Employment types (schema order) and their assumed shares among employed persons. */
export const EMPLOYMENT_SHARES = {
  urban: [0.33, 0.1, 0.27, 0.12, 0.09, 0.09],
  rural: [0.25, 0.12, 0.38, 0.08, 0.1, 0.07],
} as const;

/** Assumed median yearly wage (yuan) per employment type, schema order. */
export const WAGE_BY_TYPE = [28_000, 33_000, 42_000, 20_000, 9_600, 30_000] as const;

/**
 * Land (三块地): share of households that hold each kind of land at origin, and the share of
 * holders whose land has a way to be put to use ('revitalized'; otherwise 'pending').
 */
export const LAND = {
  contract: { holds: 0.95, revitalized: 0.7 },
  forest: { holds: 0.75, revitalized: 0.6 },
  homestead: { holds: 0.98, revitalized: 0.85 },
  /** Households with none of the three lands. */
  landless: 0.004,
} as const;

/** Share of labor persons trained, by employment. */
export const TRAINED_SHARE = { employed: 0.96, notEmployed: 0.82 } as const;

/** Share of households with a stable income, by their labor and employment. */
export const STABLE_INCOME_SHARE = { employed: 0.995, laborNotEmployed: 0.55, noLabor: 0.93 } as const;

/** Site openings per year 2016–2019 (2019: first half only). */
export const OPENING_YEAR_SHARES = [0.2, 0.35, 0.35, 0.1] as const;

/**
 * When a household or person reached a fact that holds in 2019-12 (employed, trained, …):
 * a share had it from the month they moved in; the others reached it after an
 * exponentially distributed wait (mean in months), by 2019-12 at the latest.
 */
export const REACHED = {
  trained: { atMoveIn: 0.3, meanWait: 3 },
  employed: { atMoveIn: 0.5, meanWait: 4 },
  med: { atMoveIn: 0.3, meanWait: 5 },
  land: { atMoveIn: 0.3, meanWait: 6 },
  stableIncome: { atMoveIn: 0.5, meanWait: 3 },
  housePhotos: { atMoveIn: 0.2, meanWait: 6 },
  civilizedFamily: { atMoveIn: 0, meanWait: 8 },
} as const;

/**
 * Monthly share of those who had reached a fact that lose it for that month only (before
 * 2019-12): a job lost and found again, an income that failed once. The dispatch sees them as
 * households newly failing a must, cleared the month after.
 */
export const LAPSE = {
  employed: 0.004,
  stableIncome: 0.003,
} as const;

/** The 23 provincial departments and units with responsibility lists (assumed names). */
export const DEPARTMENTS = [
  '省发展改革委', '省教育厅', '省公安厅', '省民政厅', '省财政厅', '省人力资源社会保障厅', '省自然资源厅', '省生态环境厅',
  '省住房城乡建设厅', '省交通运输厅', '省水利厅', '省农业农村厅', '省商务厅', '省文化和旅游厅', '省卫生健康委', '省应急管理厅',
  '省市场监管局', '省医保局', '省林业局', '省扶贫办', '省生态移民局', '省总工会', '团省委',
] as const;

/** The 10 categories and 25 aspects of the problems found by inspection (assumed wording), as [category, aspect]. */
export const PROBLEM_ASPECTS: readonly (readonly [string, string])[] = [
  ['就业帮扶', '就业不稳定'], ['就业帮扶', '培训不精准'], ['就业帮扶', '扶贫车间吸纳不足'],
  ['配套设施', '学校学位不足'], ['配套设施', '医疗服务不足'], ['配套设施', '配套设施未完工'],
  ['社区治理', '管理单元未健全'], ['社区治理', '警务室未设立'], ['社区治理', '物业管理不到位'],
  ['基层党建', '党组织未覆盖'], ['基层党建', '党员管理不规范'],
  ['权益保障', '医保转移接续滞后'], ['权益保障', '低保衔接不到位'], ['权益保障', '户籍迁移不及时'],
  ['三块地盘活', '承包地未流转'], ['三块地盘活', '宅基地未复垦'],
  ['稳定收入', '收入来源单一'], ['稳定收入', '返贫风险监测不到位'],
  ['文化服务', '文化活动偏少'], ['文化服务', '感恩教育不深入'],
  ['资金项目', '项目推进缓慢'], ['资金项目', '资金拨付滞后'],
  ['工作作风', '责任落实不到位'], ['工作作风', '数据不准确'], ['工作作风', '调度不及时'],
];

/** Projects per site (1–4) by kind, their funding channels, amounts and status in 2019-12 (assumed). */
export const PROJECTS = {
  kinds: [
    { system: 'public_services', supplies: 'school', weight: 2 },
    { system: 'public_services', supplies: 'kindergarten', weight: 1.5 },
    { system: 'public_services', supplies: 'health_facility', weight: 1 },
    { system: 'employment', supplies: 'workshop', weight: 3 },
    { system: 'culture', supplies: 'other', weight: 1 },
    { system: 'governance', supplies: 'governance_center', weight: 1 },
    { system: 'governance', supplies: 'police_room', weight: 0.6 },
    { system: 'party_building', supplies: 'party_branch', weight: 0.6 },
  ],
  channels: ['east_west', 'fiscal', 'social', 'other'],
  channelWeights: [0.3, 0.45, 0.15, 0.1],
  medianAmount: 1_200_000,
  completed: 0.64,
  inProgress: 0.26,
} as const;

/** The three provincial training sessions of 2019: cadres by level (province, prefecture, county, township/community), 1,186 in all (“近1200人”). */
export const TRAININGS = [
  { title: '第一期全省易地扶贫搬迁后续扶持工作专题培训班', held_on: '2019-04-18', cadres: [28, 76, 168, 131] },
  { title: '第二期全省易地扶贫搬迁后续扶持工作专题培训班', held_on: '2019-07-11', cadres: [16, 62, 150, 162] },
  { title: '第三期全省易地扶贫搬迁后续扶持工作专题培训班', held_on: '2019-10-24', cadres: [12, 55, 141, 185] },
] as const;

/** Assumed problems found by the four rounds of inspection (scale 1; scale with sites). */
export const ASSUMED_PROBLEMS = 2_400;
