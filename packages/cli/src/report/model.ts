/** The provincial scorecard as data: what both the terminal and the HTML report show. */
import type { IndicatorDefinition, LocalText, ResultRow } from '@houfu/core';
import { FAMILIES, PUBLISHED_2019, type FamilyName, type PublishedFigure } from '@houfu/indicators';

/** A published figure next to the computed one. */
export interface Comparison {
  /** The published figure. */
  readonly figure: PublishedFigure;
  /** The computed figure on the same scale, or null if the data cannot express it. */
  readonly computed: number | null;
  /** computed − published, rounded to the published precision; null when not computed. */
  readonly difference: number | null;
  /** Why nothing was computed: counts are compared at scale 1 only, or the data do not express the figure. */
  readonly reason: 'scale' | 'missing' | null;
}

/** What a published figure is compared with, in plain words. */
export const FIELD_TEXT: Readonly<Record<PublishedFigure['field'], LocalText>> = {
  value: { zh: '指标值', en: 'the value' },
  numerator: { zh: '达到的人数或户数（分子）', en: 'the number meeting it (numerator)' },
  denominator: { zh: '计入的人数或户数（分母）', en: 'the number counted (denominator)' },
  denominator_plus_unknown: { zh: '全部人数或户数（分母加不详）', en: 'everyone concerned, status known or not' },
};

/** Why a figure is not compared, in plain words. */
export const NOT_COMPARED_TEXT: Readonly<Record<'scale' | 'missing', LocalText>> = {
  scale: { zh: '在规模 1 下比较', en: 'compared at scale 1' },
  missing: { zh: '数据中无此项', en: 'not in the data' },
};

/** Everything a report shows. */
export interface ReportModel {
  /** Catalog in family order. */
  readonly definitions: readonly IndicatorDefinition[];
  /** Result rows by province, prefecture and county. */
  readonly rows: readonly ResultRow[];
  /** Province rows by indicator id (the first province). */
  readonly province: ReadonlyMap<string, ResultRow>;
  /** Prefecture rows by indicator id. */
  readonly prefectures: ReadonlyMap<string, readonly ResultRow[]>;
  /** Published vs computed (empty unless the province is Guizhou, 520000). */
  readonly comparisons: readonly Comparison[];
  /** Families present. */
  readonly families: readonly FamilyName[];
  /** Scale of generated data (1 = full scale); counts are only compared at full scale. */
  readonly scale: number;
}

/** Format a value for display by the indicator's format. */
export function formatValue(def: IndicatorDefinition, v: number | null): string {
  if (v === null) return '—';
  switch (def.format) {
    case 'percent':
      return `${(v * 100).toFixed(2)}%`;
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    default:
      return v.toFixed(2);
  }
}

/** Format a target. */
export function formatTarget(def: IndicatorDefinition): string {
  if (!def.target) return '';
  return `${def.target.direction === 'at_least' ? '≥' : '≤'} ${formatValue(def, def.target.value)}`;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Compare the published figures with a province's rows. Counts are compared only at full
 * scale (`scale` 1); percentages at any scale.
 */
export function compare(province: ReadonlyMap<string, ResultRow>, scale = 1, figures: readonly PublishedFigure[] = PUBLISHED_2019): Comparison[] {
  return figures.map((figure) => {
    const r = province.get(figure.indicator);
    if (scale !== 1 && figure.unit !== 'percent') return { figure, computed: null, difference: null, reason: 'scale' };
    if (!r) return { figure, computed: null, difference: null, reason: 'missing' };
    const cell =
      figure.field === 'value' ? r.value : figure.field === 'numerator' ? r.numerator : figure.field === 'denominator' ? r.denominator : r.denominator + r.unknown;
    if (cell === null) return { figure, computed: null, difference: null, reason: 'missing' };
    const computed = round(cell * figure.scale, figure.decimals);
    return { figure, computed, difference: round(computed - figure.value, figure.decimals), reason: null };
  });
}

/** Build the report model from results. */
export function reportModel(definitions: readonly IndicatorDefinition[], rows: readonly ResultRow[], options: { scale?: number } = {}): ReportModel {
  const scale = options.scale ?? 1;
  const provinces = rows.filter((r) => r.level === 'province');
  const firstProvince = provinces[0]?.area_code;
  // Monthly data: the scorecard shows the latest month (rows without a period hold for every month).
  const last = lastPeriod(rows);
  const current = (r: ResultRow): boolean => r.period === null || r.period === last;
  const province = new Map(provinces.filter((r) => r.area_code === firstProvince && current(r)).map((r) => [r.indicator_id, r]));
  const prefectures = new Map<string, ResultRow[]>();
  for (const r of rows)
    if (r.level === 'prefecture' && current(r)) prefectures.set(r.indicator_id, [...(prefectures.get(r.indicator_id) ?? []), r]);
  const families = FAMILIES.filter((f) => definitions.some((d) => d.family === f));
  return {
    definitions,
    rows,
    province,
    prefectures,
    comparisons: firstProvince === '520000' ? compare(province, scale) : [],
    families,
    scale,
  };
}

/** The latest period among rows (null when none is monthly). */
export function lastPeriod(rows: readonly ResultRow[]): string | null {
  let p: string | null = null;
  for (const r of rows) if (r.period !== null && (p === null || r.period > p)) p = r.period;
  return p;
}
