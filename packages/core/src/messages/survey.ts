/**
 * User-facing texts of survey estimation, comparisons and safe publication, in Chinese and English.
 */
import type { LocalText } from '../model/indicator.js';

/** Error texts of designs, comparisons and suppression. */
export const SURVEY_TEXT = {
  badDesignSpec: (spec: string, detail: string): LocalText => ({
    zh: `抽样设计说明无效：${spec}（${detail}）。格式：weight=列,strata=列,psu=列[,fpc=列]`,
    en: `invalid survey design "${spec}" (${detail}); expected weight=COL,strata=COL,psu=COL[,fpc=COL]`,
  }),
  missingDesignColumn: (file: string, column: string, role: string): LocalText => ({
    zh: `${file}：缺少抽样设计列 ${column}（${role}）`,
    en: `${file}: the design's ${role} column ${column} is missing`,
  }),
  badDesignValue: (file: string, row: number, column: string, value: string, rule: string): LocalText => ({
    zh: `${file} 第 ${row} 行，列 ${column}：值 ${JSON.stringify(value)} 无效（${rule}）`,
    en: `${file} row ${row}, column ${column}: value ${JSON.stringify(value)} is not valid (${rule})`,
  }),
  psuNotNested: (file: string, psu: string, a: string, b: string): LocalText => ({
    zh: `${file}：初级抽样单元 ${psu} 同时出现在层 ${a} 和层 ${b}；初级抽样单元须嵌套在层内`,
    en: `${file}: primary sampling unit ${psu} appears in strata ${a} and ${b}; PSUs must be nested in strata`,
  }),
  fpcNotConstant: (file: string, stratum: string): LocalText => ({
    zh: `${file}：层 ${stratum} 的有限总体校正值不一致`,
    en: `${file}: the finite population correction differs within stratum ${stratum}`,
  }),
  fpcTooSmall: (file: string, stratum: string, n: number, N: number): LocalText => ({
    zh: `${file}：层 ${stratum} 抽取了 ${n} 个初级抽样单元，多于总体的 ${N} 个`,
    en: `${file}: stratum ${stratum} has ${n} sampled PSUs, more than its population of ${N}`,
  }),
  lonelyPsu: (file: string, stratum: string, period: string | null): LocalText => ({
    zh: `${file}：层 ${stratum}${period ? `（${period}）` : ''} 只有一个初级抽样单元，无法估计方差`,
    en: `${file}: stratum ${stratum}${period ? ` (${period})` : ''} has only one primary sampling unit; its variance cannot be estimated`,
  }),
  notSurveyable: (id: string, table: string): LocalText => ({
    zh: `指标 ${id} 统计 ${table} 的行，抽样设计只覆盖住户和人口；请不带抽样设计计算`,
    en: `indicator ${id} counts rows of ${table}; a survey design covers households and persons only, so compute it without one`,
  }),
  designAtUnit: (): LocalText => ({
    zh: '抽样设计下不能按管理单元计算',
    en: 'estimates from a survey design cannot be computed by management unit',
  }),
  engineNoDesign: (engine: string): LocalText => ({
    zh: `引擎 ${engine} 尚不支持抽样权数；请使用 arquero 引擎`,
    en: `engine ${engine} does not support survey weights yet; use the arquero engine`,
  }),
  badLevel: (level: number): LocalText => ({
    zh: `置信水平须在 0 与 1 之间（得到 ${level}）`,
    en: `the confidence level must lie between 0 and 1 (got ${level})`,
  }),
  compareNotFound: (what: string): LocalText => ({
    zh: `比较对象不存在：${what}`,
    en: `nothing to compare: ${what} is not in the result`,
  }),
  compareSpec: (detail: string): LocalText => ({
    zh: `比较说明无效：${detail}`,
    en: `invalid comparison: ${detail}`,
  }),
  badThreshold: (value: string): LocalText => ({
    zh: `抑制阈值须为正整数（得到 ${value}）`,
    en: `the suppression threshold must be a positive integer (got ${value})`,
  }),
} as const;
