/** Structure of the resettlement: urban sites and resettlement across county lines. */
import { col, eq, ne, rate, type IndicatorDefinition } from '@houfu/core';
import { cite } from './source.js';

/** Persons in urban sites / persons. */
export const urbanShare: IndicatorDefinition = rate({
  id: 'structure.urban_share',
  name: { zh: '城镇安置人口比例', en: 'Share of persons in urban sites' },
  description: { zh: '城镇安置点安置人口占搬迁人口的比例', en: 'Persons resettled in urban sites, as a share of relocated persons' },
  unit: 'person',
  outcome: eq(col('site_type', 'sites'), 'urban'),
  source: cite('城镇安置点701个安置179万人', '701 urban sites hold 1.79 million people'),
});

/** Persons whose household's origin county differs from its site's county / persons. */
export const crossCountyShare: IndicatorDefinition = rate({
  id: 'structure.cross_county_share',
  name: { zh: '跨县区安置人口比例', en: 'Share of persons resettled across county lines' },
  description: {
    zh: '迁出县与安置点所在县不同的搬迁人口占搬迁人口的比例（迁出县不详者单列为未知）',
    en: "Persons whose household's origin county differs from its site's county, as a share of relocated persons (unknown origin counted apart)",
  },
  unit: 'person',
  outcome: ne(col('origin_county_code', 'households'), col('county_code', 'sites')),
  source: cite('跨县区安置23万人', '230,000 people resettled across county lines'),
});

/** Urban sites / sites. */
export const urbanSiteShare: IndicatorDefinition = rate({
  id: 'structure.urban_site_share',
  name: { zh: '城镇安置点比例', en: 'Share of sites that are urban' },
  description: { zh: '城镇安置点占集中安置点的比例', en: 'Urban resettlement sites as a share of centralized sites' },
  unit: 'site',
  outcome: eq('site_type', 'urban'),
  source: cite('建设集中安置点946个，其中城镇安置点701个', '946 centralized sites, 701 of them urban'),
});

/** Provincial demonstration sites / sites. */
export const demoSiteShare: IndicatorDefinition = rate({
  id: 'structure.demo_site_share',
  name: { zh: '省级示范安置点比例', en: 'Share of sites that are provincial demonstration sites' },
  description: { zh: '省级后续扶持示范点占集中安置点的比例', en: 'Provincial post-relocation support demonstration sites as a share of sites' },
  unit: 'site',
  outcome: col('is_demo'),
  source: cite('将18个安置点作为省级易地扶贫搬迁后续扶持工作示范点', '18 sites made provincial demonstration sites'),
});

/** Households from an origin village relocated as a whole / households (unknown: counted apart). */
export const wholeVillageShare: IndicatorDefinition = rate({
  id: 'structure.whole_village_share',
  name: { zh: '整体搬迁村寨搬迁户比例', en: 'Households from villages relocated as a whole' },
  description: {
    zh: '迁出村寨（自然村寨）整体搬迁的搬迁家庭占搬迁家庭的比例',
    en: 'Relocated households whose origin (natural) village was relocated as a whole, as a share of households',
  },
  unit: 'household',
  outcome: col('whole_village'),
  source: cite('坚持以贫困自然村寨整体搬迁为主，搬迁村寨10,090个', 'relocating poor natural villages as a whole first: 10,090 villages relocated'),
});

/** The structure family. */
export const structureFamily: readonly IndicatorDefinition[] = [urbanShare, crossCountyShare, urbanSiteShare, demoSiteShare, wholeVillageShare];
