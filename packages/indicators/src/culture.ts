/** Cultural services (文化服务体系): activities held per 1,000 relocated persons. */
import { eq, ratio, TRUE, type Expr, type IndicatorDefinition, type LocalText } from '@houfu/core';
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

/** The culture family. */
export const cultureFamily: readonly IndicatorDefinition[] = [activitiesPer1k, gratitudeEventsPer1k, civicEventsPer1k];
