/** Human names of result and drill-down columns, and how values are shown to people. */
import { LEVEL_TEXT, STATUS_TEXT, type IndicatorDefinition, type LocalText } from '@houfu/core';

/** Column headers in zh and en. */
export const COLUMN_TEXT: Readonly<Record<string, LocalText>> = {
  indicator_id: { zh: '指标编号', en: 'indicator id' },
  indicator: { zh: '指标', en: 'indicator' },
  indicator_zh: { zh: '指标名称', en: 'indicator (zh)' },
  indicator_en: { zh: '指标名称（英文）', en: 'indicator' },
  level: { zh: '层级', en: 'level' },
  area_code: { zh: '地区代码', en: 'area code' },
  area_name: { zh: '地区', en: 'area' },
  area: { zh: '地区', en: 'area' },
  period: { zh: '月份', en: 'period' },
  numerator: { zh: '分子', en: 'numerator' },
  denominator: { zh: '分母', en: 'denominator' },
  unknown: { zh: '不详', en: 'unknown' },
  value: { zh: '数值', en: 'value' },
  target: { zh: '目标', en: 'target' },
  status: { zh: '状态', en: 'status' },
  se: { zh: '标准误', en: 'standard error' },
  ci_low: { zh: '置信区间下限', en: 'CI low' },
  ci_high: { zh: '置信区间上限', en: 'CI high' },
  df: { zh: '自由度', en: 'df' },
  deff: { zh: '设计效应', en: 'design effect' },
  n: { zh: '样本量', en: 'sample size' },
  flag: { zh: '标记', en: 'flag' },
  household_id: { zh: '户编号', en: 'household id' },
  site_id: { zh: '安置点编号', en: 'site id' },
  site_name: { zh: '安置点', en: 'site' },
  county_code: { zh: '县代码', en: 'county code' },
  county_name: { zh: '县（市、区）', en: 'county' },
  prefecture_code: { zh: '市州代码', en: 'prefecture code' },
  prefecture_name: { zh: '市（州）', en: 'prefecture' },
  reason: { zh: '原因（英文）', en: 'reason' },
  reason_zh: { zh: '原因', en: 'reason (zh)' },
  details: { zh: '明细', en: 'details' },
  sex: { zh: '性别', en: 'sex' },
  'sites.site_type': { zh: '安置点类型', en: 'site type' },
  figure_zh: { zh: '公布项目', en: 'figure (zh)' },
  figure_en: { zh: '公布项目（英文）', en: 'figure' },
  published: { zh: '公布数', en: 'published' },
  computed: { zh: '计算数', en: 'computed' },
  difference: { zh: '差', en: 'difference' },
  note: { zh: '说明', en: 'note' },
  compared_with: { zh: '对照的计算项', en: 'compared with' },
  site_type: { zh: '安置点类型', en: 'site type' },
};

/** Header of a column in a language (the column's own name when it has none). */
export const header = (col: string, lang: 'zh' | 'en'): string => COLUMN_TEXT[col]?.[lang] ?? col;

/** A level's name. */
export const levelName = (level: string, lang: 'zh' | 'en'): string => (LEVEL_TEXT as Readonly<Record<string, { zh: string; en: string } | undefined>>)[level]?.[lang] ?? level;

/** A status's name. */
export const statusName = (status: string, lang: 'zh' | 'en'): string => (STATUS_TEXT as Readonly<Record<string, { zh: string; en: string } | undefined>>)[status]?.[lang] ?? status;

/** A whole number with thousands separators (two decimals when not whole). */
export function count(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A value by its indicator's format: percent with two decimals, counts with separators, ratios with two decimals. */
export function shown(def: Pick<IndicatorDefinition, 'format'> | undefined, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  switch (def?.format) {
    case 'percent':
      return `${(v * 100).toFixed(2)}%`;
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    default:
      return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/** A target as "≥ 95.00%". */
export function targetText(def: IndicatorDefinition | undefined): string {
  if (!def?.target) return '';
  return `${def.target.direction === 'at_least' ? '≥' : '≤'} ${shown(def, def.target.value)}`;
}

const UNIT_TEXT: Readonly<Record<string, LocalText>> = {
  person: { zh: '人', en: 'person' },
  household: { zh: '户', en: 'household' },
  site: { zh: '安置点', en: 'site' },
  unit: { zh: '管理单元', en: 'management unit' },
  management_unit: { zh: '管理单元', en: 'management unit' },
};

/** The unit of analysis of an indicator. */
export const unitName = (unit: string, lang: 'zh' | 'en'): string => UNIT_TEXT[unit]?.[lang] ?? unit;
