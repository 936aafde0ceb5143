/**
 * The published figures of the source article (Guizhou, end of 2019) that the catalog
 * can reproduce, and which result cell reproduces each: the province row of an
 * indicator, its value, numerator or denominator.
 */
import { compute, registers, toObjects, type Dataset, type IndicatorDefinition, type LocalText, type Registers, type ResultRow } from '@houfu/core';

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
  fig('medical_facilities_built', '配套建成医疗卫生设施', 'medical and health facilities built', 580, 'facilities', 'services.health_facilities_built', 'numerator'),
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
  fig('party_committees', '安置点党（工）委', 'party (working) committees at sites', 126, 'committees', 'party.committees_per_site', 'numerator'),
  fig('party_branches_or_groups', '党支部或党小组', 'party branches or groups at sites', 845, 'organizations', 'party.branches_per_site', 'numerator'),
  fig('house_comparison_photo_households', '悬挂新旧住房对比照片户数', 'households displaying old/new house photos', 358600, 'households', 'culture.house_photos', 'numerator'),
  fig('civilized_families_awarded', '评选搬迁群众文明家庭', 'families awarded civilized family', 10100, 'households', 'culture.civilized_families', 'numerator'),
];

/** Register figures a published figure can be computed from (see `registers` in `@houfu/core`). */
export type RegisterFigure =
  | 'villages.relocated'
  | 'health.minInstitutionsPerSite'
  | 'minEmployedPerLaborHousehold'
  | 'tasks.departments'
  | 'dispatches.horizontalPerMonth'
  | 'trainings.sessions'
  | 'trainings.cadres'
  | 'inspections.rounds'
  | 'inspections.categories'
  | 'inspections.aspects';

/** Where one of the 45 published figures comes from. */
export type FigureSource =
  | {
      /** The province row of a catalog indicator. */
      readonly kind: 'indicator';
      /** The figure, as in {@link PUBLISHED_2019}. */
      readonly figure: PublishedFigure;
    }
  | {
      /** A register figure. */
      readonly kind: 'register';
      /** Which. */
      readonly register: RegisterFigure;
      /** Decimal places of the comparison (−2: hundreds, for a figure published as "nearly 1,200"). */
      readonly decimals: number;
      /** How the figure is computed, in words. */
      readonly how: LocalText;
    }
  | {
      /** A check on a province row: the published number is a threshold the data meet when the indicator's value is 100%. */
      readonly kind: 'threshold';
      /** The indicator whose universe is the threshold. */
      readonly indicator: string;
      /** How, in words. */
      readonly how: LocalText;
    }
  | {
      /** Not in the data model. */
      readonly kind: 'out_of_reach';
      /** Why, in words. */
      readonly reason: LocalText;
    };

/** One of the 45 published figures of the article and where it comes from. */
export interface PublishedEntry {
  /** Id in the reference table. */
  readonly id: string;
  /** What was published. */
  readonly label: LocalText;
  /** The published value. */
  readonly value: number;
  /** Its unit. */
  readonly unit: string;
  /** Where the computed figure comes from. */
  readonly source: FigureSource;
}

const reg = (register: RegisterFigure, zh: string, en: string, decimals = 0): FigureSource => ({ kind: 'register', register, decimals, how: { zh, en } });
const out = (zh: string, en: string): FigureSource => ({ kind: 'out_of_reach', reason: { zh, en } });
const entry = (id: string, zh: string, en: string, value: number, unit: string, source: FigureSource): PublishedEntry => ({ id, label: { zh, en }, value, unit, source });
const byIndicator = new Map(PUBLISHED_2019.map((f) => [f.id, f]));
const ind = (id: string): PublishedEntry => {
  const f = byIndicator.get(id)!;
  return { id: f.id, label: f.label, value: f.value, unit: f.unit, source: { kind: 'indicator', figure: f } };
};
const NO_RECORD = '数据模型中没有记录此项的表或列';
const NO_RECORD_EN = 'the data model has no table or column recording it';

/** All 45 figures of `reference/guizhou-2019-published.csv`, in its order, each with its source or the reason it is out of reach. */
export const PUBLISHED_FIGURES: readonly PublishedEntry[] = [
  ind('relocated_persons'),
  entry('provincial_financing_yuan', '省级统贷统还筹资', 'funds raised through provincial unified borrowing', 112_800_000_000, 'yuan', out(`${NO_RECORD}：省级融资是搬迁（前半篇文章）的资金来源，不是安置点或项目的记录`, `${NO_RECORD_EN}: provincial borrowing financed the relocation itself (the first half of the work), not a site or project record`)),
  entry('relocated_villages', '搬迁村寨', '(natural) villages relocated', 10_090, 'villages', reg('villages.relocated', '搬迁户迁出村寨（households.origin_village）的不同个数', 'distinct origin villages of the households (households.origin_village)')),
  ind('centralized_sites'),
  ind('urban_sites'),
  ind('urban_sites_persons'),
  ind('cross_county_resettled_persons'),
  entry('urbanization_rate_increase_approx', '全省城镇化率提高（约）', 'urbanization rate increase', 5, 'percentage_points', out('需要全省常住人口与城镇人口统计，不在搬迁人口数据中', 'needs the province\'s resident and urban population statistics, which are not in the relocation data')),
  entry('investment_driven_yuan_more_than', '直接拉动投资（1000多亿元）', 'investment directly driven (more than)', 100_000_000_000, 'yuan', out(`${NO_RECORD}：搬迁工程投资不在后扶项目清单中`, `${NO_RECORD_EN}: investment in the relocation works is not in the post-relocation project list`)),
  entry('completed_ahead_years_more_than', '提前（一年多）全面完成搬迁任务', 'relocation completed ahead of schedule by more than', 1, 'years', out('需要搬迁任务的计划完成期限，数据中只有入住日期', 'needs the planned deadline of the relocation task; the data hold only move-in dates')),
  entry('national_guidance_ministries', '国家发展改革委等部委指导意见', 'ministries issuing the national guiding opinion', 11, 'ministries', out('政策文件的发文单位，不是安置点数据', 'the issuers of a policy document, not site data')),
  entry('provincial_supporting_documents', '省级意见配套文件', 'supporting documents to the provincial opinion', 7, 'documents', out('政策文件的数目，不是安置点数据', 'a count of policy documents, not site data')),
  ind('schools_built'),
  ind('medical_facilities_built'),
  ind('med_insurance_transferred_persons'),
  entry('health_institutions_per_site_target', '每个安置点卫生服务机构（确保）', 'health service institutions per site (at least)', 1, 'institutions_per_site', reg('health.minInstitutionsPerSite', '服务一个安置点的卫生服务机构数的最小值（health_services；机构可服务多个安置点）', 'the fewest health institutions serving one site (health_services; an institution may serve several sites)')),
  ind('labor_households'),
  ind('employed_persons'),
  ind('households_one_plus_employed_rate'),
  entry('employed_per_labor_household_target', '有劳动力家庭必须实现一人以上稳定就业', 'persons in stable employment per household with labor (target)', 1, 'persons_per_household', reg('minEmployedPerLaborHousehold', '有劳动力家庭中就业人数的最小值（目标为每户至少1人；95.59%的比例说明尚未全部达到）', 'the fewest employed persons in a household with labor (the target is at least 1; the published 95.59% says not every household is there yet)')),
  ind('house_comparison_photo_households'),
  ind('gratitude_education_events'),
  ind('civic_awareness_events'),
  ind('civilized_families_awarded'),
  ind('street_offices'),
  ind('community_committees'),
  ind('resident_groups'),
  ind('governance_centers'),
  ind('mediation_rooms'),
  entry('police_room_unit_population_threshold', '3000人以上管理单元均设立警务室', 'unit population from which every unit has a police room', 3000, 'persons', { kind: 'threshold', indicator: 'services.police_room_coverage', how: { zh: '3000人以上管理单元警务室覆盖率为100%时即为3000', en: '3,000 when the police-room coverage of units of 3,000+ people is 100%' } }),
  ind('party_committees'),
  ind('party_branches_or_groups'),
  ind('units_electing_party_members'),
  ind('party_members_elected'),
  entry('cross_county_group_leaders_per_side', '跨区县联席领导小组组长（各1名）', 'group leaders per side in cross-county joint groups', 1, 'persons', out(`${NO_RECORD}：跨区县联席领导小组的组成`, `${NO_RECORD_EN}: the membership of cross-county joint leading groups`)),
  entry('township_cadre_secondment_min_years', '迁出地乡镇委派干部（下限）', 'secondment of origin-township cadres (minimum)', 1, 'years', out(`${NO_RECORD}：干部委派的期限`, `${NO_RECORD_EN}: the terms of cadre secondments`)),
  entry('township_cadre_secondment_max_years', '迁出地乡镇委派干部（上限）', 'secondment of origin-township cadres (maximum)', 2, 'years', out(`${NO_RECORD}：干部委派的期限`, `${NO_RECORD_EN}: the terms of cadre secondments`)),
  ind('provincial_demo_sites'),
  entry('provincial_responsible_departments', '省级有关部门和单位', 'provincial departments with responsibility lists', 23, 'departments', reg('tasks.departments', '任务清单（tasks）中不同责任部门的个数', 'distinct departments in the responsibility lists (tasks)')),
  entry('scheduling_frequency_per_month', '每月一次横向调度', 'horizontal dispatches per month', 1, 'times_per_month', reg('dispatches.horizontalPerMonth', '横向调度次数 ÷ 首次至末次调度所跨月数（dispatches）', 'horizontal dispatches divided by the months from the first to the last (dispatches)', 2)),
  entry('cadre_training_sessions_2019', '2019年全省专题培训班', 'provincial training sessions in 2019', 3, 'sessions', reg('trainings.sessions', '培训班（trainings）期数', 'training sessions (trainings)')),
  entry('cadres_trained_2019_nearly', '培训省市县乡（社区）干部（近1200人）', 'cadres trained in 2019 (nearly)', 1200, 'persons', reg('trainings.cadres', '各期各级参训干部之和，按公布口径取整到百位（“近1200人”）', 'cadres of every level over the sessions, rounded to hundreds as published ("nearly 1,200")', -2)),
  entry('inspection_rounds_2019', '全省大调研和专项大督查', 'inspection rounds in the year', 4, 'rounds', reg('inspections.rounds', '督查轮次（inspections）数', 'inspection rounds (inspections)')),
  entry('problem_categories', '梳理问题（大类）', 'categories of problems identified', 10, 'categories', reg('inspections.categories', '督查问题（problems.category）的不同大类数', 'distinct categories of the problems found (problems.category)')),
  entry('problem_aspects', '梳理问题（方面）', 'aspects of problems identified', 25, 'aspects', reg('inspections.aspects', '督查问题（problems.aspect）的不同方面数', 'distinct aspects of the problems found (problems.aspect)')),
];

/** One published figure against the data. */
export interface PublishedComparison {
  /** Id in the reference table. */
  readonly id: string;
  /** What was published. */
  readonly label: LocalText;
  /** The published value. */
  readonly published: number;
  /** Its unit. */
  readonly unit: string;
  /** indicator, register, threshold or out_of_reach. */
  readonly kind: FigureSource['kind'];
  /** The indicator or register it comes from, or null. */
  readonly from: string | null;
  /** The computed value on the published scale and precision, or null. */
  readonly computed: number | null;
  /** computed − published (at the published precision), or null. */
  readonly difference: number | null;
  /** How it is computed, or why it cannot be (null for a plain indicator cell). */
  readonly note: LocalText | null;
}

const roundTo = (x: number, d: number): number => (d >= 0 ? Math.round(x * 10 ** d) / 10 ** d : Math.round(x / 10 ** -d) * 10 ** -d);

function registerValue(r: Registers, f: RegisterFigure): number | null {
  switch (f) {
    case 'villages.relocated':
      return r.villages.relocated;
    case 'health.minInstitutionsPerSite':
      return r.health.minInstitutionsPerSite;
    case 'minEmployedPerLaborHousehold':
      return r.minEmployedPerLaborHousehold;
    case 'tasks.departments':
      return r.tasks.departments;
    case 'dispatches.horizontalPerMonth':
      return r.dispatches.horizontalPerMonth;
    case 'trainings.sessions':
      return r.trainings.sessions;
    case 'trainings.cadres':
      return r.trainings.cadres;
    case 'inspections.rounds':
      return r.inspections.rounds;
    case 'inspections.categories':
      return r.inspections.categories;
    case 'inspections.aspects':
      return r.inspections.aspects;
  }
}

/** The cell of a province row a figure reads (null when the row or value is missing). */
export function figureCell(row: ResultRow | undefined, f: PublishedFigure): number | null {
  if (!row) return null;
  const cell = f.field === 'value' ? row.value : f.field === 'numerator' ? row.numerator : f.field === 'denominator' ? row.denominator : row.denominator + row.unknown;
  return cell === null ? null : roundTo(cell * f.scale, f.decimals);
}

/**
 * Every one of the 45 published figures against a dataset's province rows (by indicator id,
 * the latest period) and its registers.
 * @example comparePublished(provinceRows, registers(ds)).filter((c) => c.difference === 0).length
 */
export function comparePublished(province: ReadonlyMap<string, ResultRow>, regs: Registers, entries: readonly PublishedEntry[] = PUBLISHED_FIGURES): PublishedComparison[] {
  return entries.map((e) => {
    const base = { id: e.id, label: e.label, published: e.value, unit: e.unit, kind: e.source.kind };
    const result = (from: string | null, computed: number | null, note: LocalText | null, decimals: number): PublishedComparison => ({
      ...base,
      from,
      computed,
      difference: computed === null ? null : roundTo(computed - e.value, Math.max(decimals, 0)),
      note,
    });
    const s = e.source;
    switch (s.kind) {
      case 'indicator':
        return result(s.figure.indicator, figureCell(province.get(s.figure.indicator), s.figure), null, s.figure.decimals);
      case 'register': {
        const v = registerValue(regs, s.register);
        return result(s.register, v === null ? null : roundTo(v, s.decimals), s.how, s.decimals);
      }
      case 'threshold': {
        const row = province.get(s.indicator);
        // Below 100% the data do not show the threshold: no computed value, the note says the coverage.
        if (row?.value === 1) return result(s.indicator, e.value, s.how, 0);
        const coverage = row && row.value !== null ? `${roundTo(row.value * 100, 2)}%` : '—';
        return result(s.indicator, null, { zh: `${s.how.zh}（当前覆盖率 ${coverage}）`, en: `${s.how.en} (coverage now ${coverage})` }, 0);
      }
      case 'out_of_reach':
        return { ...base, from: null, computed: null, difference: null, note: s.reason };
    }
  });
}

/**
 * Compute the 45 published figures on a dataset: the province rows of the indicators they
 * need (latest period) and the registers.
 * @example (await publishedComparisons(ds)).filter((c) => c.difference === 0).length
 */
export async function publishedComparisons(ds: Dataset, options: { readonly catalog: readonly IndicatorDefinition[]; readonly asOf?: string }): Promise<PublishedComparison[]> {
  const needed = new Set(PUBLISHED_FIGURES.flatMap((e) => (e.source.kind === 'indicator' ? [e.source.figure.indicator] : e.source.kind === 'threshold' ? [e.source.indicator] : [])));
  const defs = options.catalog.filter((d) => needed.has(d.id));
  const rows = toObjects<ResultRow>(await compute(ds, defs, { by: 'province' }));
  const last = ds.periods[ds.periods.length - 1] ?? null;
  const province = new Map(rows.filter((r) => r.period === null || r.period === last).map((r) => [r.indicator_id, r]));
  return comparePublished(province, registers(ds, options.asOf === undefined ? {} : { asOf: options.asOf }));
}
