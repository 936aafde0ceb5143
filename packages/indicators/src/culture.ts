/** Cultural services (文化服务体系): activities held per 1,000 relocated persons. */
import { col, eq, rate, ratio, TRUE, type Expr, type IndicatorDefinition, type LocalText } from '@houfu/core';
import { cite } from './source.js';

/** Activities matching `where`, per 1,000 relocated persons. */
const per1k = (id: string, name: LocalText, description: LocalText, where: Expr, clause: string, clauseEn: string): IndicatorDefinition =>
  ratio({
    id,
    name,
    description,
    unit: 'person',
    numerator: { table: 'activities', where },
    denominator: { table: 'persons', where: TRUE },
    factor: 1000,
    source: cite(clause, clauseEn),
  });

/** Cultural activities (gratitude education, civic awareness, …) per 1,000 relocated persons. */
export const activitiesPer1k: IndicatorDefinition = per1k(
  'culture.activities_per_1k',
  { zh: '每千搬迁人口文化活动场次', en: 'Cultural activities per 1,000 relocated persons' },
  { zh: '感恩教育、市民意识教育等活动场次 ÷ 搬迁人口 × 1000', en: 'Gratitude, civic-awareness and other activities held, per 1,000 relocated persons' },
  TRUE,
  '开展感恩教育活动6814场次、市民意识教育活动6004场次',
  '6,814 gratitude education and 6,004 civic awareness events held',
);

/** Gratitude-education events per 1,000 relocated persons. */
export const gratitudeEventsPer1k: IndicatorDefinition = per1k(
  'culture.gratitude_events_per_1k',
  { zh: '每千搬迁人口感恩教育活动场次', en: 'Gratitude-education events per 1,000 relocated persons' },
  { zh: '感恩教育活动场次 ÷ 搬迁人口 × 1000', en: 'Gratitude-education events held, per 1,000 relocated persons' },
  eq('activity_type', 'gratitude_education'),
  '开展感恩教育活动6814场次',
  '6,814 gratitude education events held',
);

/** Civic-awareness events per 1,000 relocated persons. */
export const civicEventsPer1k: IndicatorDefinition = per1k(
  'culture.civic_events_per_1k',
  { zh: '每千搬迁人口市民意识教育活动场次', en: 'Civic-awareness events per 1,000 relocated persons' },
  { zh: '市民意识教育活动场次 ÷ 搬迁人口 × 1000', en: 'Civic-awareness education events held, per 1,000 relocated persons' },
  eq('activity_type', 'civic_awareness'),
  '市民意识教育活动6004场次',
  '6,004 civic awareness education events held',
);

/** Households displaying photos of their old and new homes / households (unknown: counted apart). */
export const housePhotos: IndicatorDefinition = rate({
  id: 'culture.house_photos',
  name: { zh: '悬挂新旧住房对比照片户比例', en: 'Households displaying old/new house photos' },
  description: { zh: '悬挂新旧住房对比照片的搬迁家庭占搬迁家庭的比例', en: 'Relocated households displaying photos comparing their old and new homes, as a share of households' },
  unit: 'household',
  outcome: col('house_photos'),
  source: cite('目前已悬挂新旧住房对比照片35.86万户', 'old/new house comparison photos displayed by 358,600 households'),
});

/** Households awarded "civilized family" / households (unknown: counted apart). */
export const civilizedFamilies: IndicatorDefinition = rate({
  id: 'culture.civilized_families',
  name: { zh: '搬迁群众文明家庭比例', en: 'Households awarded civilized family' },
  description: { zh: '评为文明家庭的搬迁家庭占搬迁家庭的比例', en: 'Relocated households awarded "civilized family", as a share of households' },
  unit: 'household',
  outcome: col('civilized_family'),
  source: cite('评选搬迁群众文明家庭10,100户', '10,100 relocated families awarded civilized family'),
});

/** The culture family. */
export const cultureFamily: readonly IndicatorDefinition[] = [activitiesPer1k, gratitudeEventsPer1k, civicEventsPer1k, housePhotos, civilizedFamilies];
