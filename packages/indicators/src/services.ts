/** Basic public services (基本公共服务体系): medical insurance, health facilities, schools, police rooms. */
import { and, any, col, eq, ge, isNull, rate, ratio, TRUE, type IndicatorDefinition } from '@houfu/core';
import { cite } from './source.js';

const facilities = (type: string) => ({ table: 'facilities' as const, where: eq('facility_type', type) });
const persons = { table: 'persons' as const, where: TRUE };

/** Persons whose medical insurance was transferred / persons. */
export const medInsuranceTransfer: IndicatorDefinition = rate({
  id: 'services.med_insurance_transfer',
  name: { zh: '医保关系转移接续率', en: 'Medical insurance transferred' },
  description: { zh: '已转移医保关系的搬迁人口占搬迁人口的比例', en: 'Relocated persons whose medical insurance was transferred, as a share of relocated persons' },
  unit: 'person',
  outcome: col('med_insurance_transferred'),
  source: cite('转移医保107.17万人', 'medical insurance transferred for 1,071,700 people'),
});

/** Sites with at least one health facility / sites. */
export const healthFacilityCoverage: IndicatorDefinition = rate({
  id: 'services.health_facility_coverage',
  name: { zh: '安置点卫生服务机构覆盖率', en: 'Sites with a health facility' },
  description: {
    zh: '安置点内至少有一个卫生服务机构的安置点占安置点的比例（facilities 表记录安置点内的设施；依托附近机构的安置点不计为覆盖）',
    en: 'Sites with at least one health facility on site, as a share of sites (the facilities table records on-site facilities; a site served by a nearby institution does not count)',
  },
  unit: 'site',
  outcome: any('facilities', eq('facility_type', 'health_facility')),
  target: { value: 1, direction: 'at_least' },
  source: cite('确保每个安置点有一个卫生服务机构', 'every resettlement site is guaranteed a health service institution'),
  reasons: {
    failed: { zh: '安置点没有卫生服务机构', en: 'the site has no health facility' },
    unknown: { zh: '不详', en: 'unknown' },
  },
});

/** Schools per 10,000 relocated persons. */
export const schoolsPer10k: IndicatorDefinition = ratio({
  id: 'services.schools_per_10k',
  name: { zh: '每万搬迁人口配套学校数', en: 'Schools per 10,000 relocated persons' },
  description: { zh: '安置点配套学校数 ÷ 搬迁人口 × 10000', en: 'Schools built for resettlement sites per 10,000 relocated persons' },
  unit: 'person',
  numerator: facilities('school'),
  denominator: persons,
  factor: 10000,
  source: cite('配套建成学校483所', '483 schools built'),
});

/** Medical and health facilities per 10,000 relocated persons. */
export const medicalFacilitiesPer10k: IndicatorDefinition = ratio({
  id: 'services.medical_facilities_per_10k',
  name: { zh: '每万搬迁人口医疗卫生设施数', en: 'Medical facilities per 10,000 relocated persons' },
  description: { zh: '安置点医疗卫生设施数 ÷ 搬迁人口 × 10000', en: 'Medical and health facilities per 10,000 relocated persons' },
  unit: 'person',
  numerator: facilities('health_facility'),
  denominator: persons,
  factor: 10000,
  source: cite('配套建成医疗卫生设施580个', '580 medical and health facilities built'),
});

/** Management units of 3,000+ people with a police room / such units. */
export const policeRoomCoverage: IndicatorDefinition = rate({
  id: 'services.police_room_coverage',
  name: { zh: '3000人以上管理单元警务室覆盖率', en: 'Police rooms in units of 3,000+ people' },
  description: {
    zh: '设有警务室的 3000 人以上管理单元占 3000 人以上管理单元的比例',
    en: 'Management units of 3,000 or more people with a police room, as a share of such units',
  },
  unit: 'unit',
  universe: ge('population', 3000),
  outcome: col('has_police_room'),
  target: { value: 1, direction: 'at_least' },
  source: cite('3000人以上管理单元均设立了警务室', 'every management unit of 3,000+ people has a police room'),
  reasons: {
    failed: { zh: '3000人以上管理单元未设警务室', en: 'the unit has 3,000+ people and no police room' },
    unknown: { zh: '人口或警务室情况不详', en: 'population or police room is unknown' },
  },
});

/** Sites served by at least one health service institution (on site or nearby) / sites. */
export const healthServiceCoverage: IndicatorDefinition = rate({
  id: 'services.health_service_coverage',
  name: { zh: '安置点卫生服务机构保障率', en: 'Sites served by a health institution' },
  description: {
    zh: '有卫生服务机构服务的安置点占安置点的比例（health_services 表：一个机构可服务多个安置点，机构可在安置点外）',
    en: 'Sites served by at least one health service institution, as a share of sites (the health_services table: one institution may serve several sites, and may stand outside them)',
  },
  unit: 'site',
  outcome: any('health_services', TRUE),
  target: { value: 1, direction: 'at_least' },
  source: cite('确保每个安置点有1个卫生服务机构', 'every resettlement site is guaranteed a health service institution'),
  reasons: {
    failed: { zh: '没有卫生服务机构服务该安置点', en: 'no health service institution serves the site' },
    unknown: { zh: '不详', en: 'unknown' },
  },
});

/** Health facilities built for the sites, per site. */
export const healthFacilitiesBuilt: IndicatorDefinition = ratio({
  id: 'services.health_facilities_built',
  name: { zh: '每个安置点配套建成医疗卫生设施数', en: 'Health facilities built for the sites, per site' },
  description: {
    zh: '为安置点配套建成的医疗卫生设施数（built_for_sites 为是）÷ 安置点数；依托原有机构的不计入',
    en: 'Health facilities built for the sites (built_for_sites true), divided by sites; existing institutions that serve sites do not count; health facilities not known to be built for the sites are counted apart',
  },
  unit: 'site',
  numerator: { table: 'facilities', where: and(eq('facility_type', 'health_facility'), eq('built_for_sites', true)) },
  denominator: { table: 'sites', where: TRUE },
  unknown: { table: 'facilities', where: and(eq('facility_type', 'health_facility'), isNull('built_for_sites')) },
  source: cite('已配套建成学校483所、医疗卫生设施580个', '483 schools and 580 medical and health facilities built for the sites'),
});

/** The public-services family. */
export const servicesFamily: readonly IndicatorDefinition[] = [
  medInsuranceTransfer,
  healthFacilityCoverage,
  healthServiceCoverage,
  healthFacilitiesBuilt,
  schoolsPer10k,
  medicalFacilitiesPer10k,
  policeRoomCoverage,
];
