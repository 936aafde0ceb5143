/**
 * Every user-facing text of the library, in Chinese and English, in one place.
 */
import type { LocalText } from '../model/indicator.js';
import { CHECK_TEXT, type CheckCode } from './checks.js';
import type { Level, Status } from '../model/vocabulary.js';
import type { ColumnType } from '../schema/tables.js';

/** The rule a finding reports. */
export type FindingCode =
  | 'missing_table'
  | 'missing_column'
  | 'extra_column'
  | 'bad_mapping'
  | 'bad_encoding'
  | 'encoding_gb18030'
  | 'bad_csv'
  | 'unreadable_file'
  | 'bad_type'
  | 'required_null'
  | 'unknown_value'
  | 'below_minimum'
  | 'future_birth_year'
  | 'bad_code'
  | 'obsolete_code'
  | 'county_prefecture_mismatch'
  | 'bad_date'
  | 'bad_period'
  | 'period_mismatch'
  | 'duplicate_id'
  | 'orphan_row'
  | 'employed_not_labor'
  | 'employment_type_mismatch'
  | 'household_without_persons'
  | 'more_findings'
  | CheckCode;

/** Parameters a message may mention. */
export interface MessageArgs {
  readonly table?: string;
  readonly column?: string;
  readonly value?: string;
  readonly detail?: string;
  readonly count?: number;
}

const q = (s: string | undefined): string => JSON.stringify(s ?? '');

/** Message templates per finding code. */
export const FINDING_TEXT: Readonly<Record<FindingCode, (a: MessageArgs) => LocalText>> = {
  missing_table: (a) => ({
    zh: `缺少必需的数据表 ${a.table}`,
    en: `required table ${a.table} is missing (expected ${a.table}.csv, .parquet or .arrow)`,
  }),
  missing_column: (a) => ({
    zh: `数据表 ${a.table} 缺少必需的列 ${a.column}`,
    en: `required column ${a.column} is missing from ${a.table}`,
  }),
  extra_column: (a) => ({
    zh: `列 ${q(a.column)} 不属于规范模式，已原样保留`,
    en: `column ${q(a.column)} is not part of the schema; kept as text`,
  }),
  bad_mapping: (a) => ({ zh: `列映射无效：${a.detail}`, en: `invalid column mapping: ${a.detail}` }),
  bad_encoding: (a) => ({
    zh: `文件编码无法识别（既不是 UTF-8 也不是 GB18030）：${a.detail}`,
    en: `the file is neither valid UTF-8 nor GB18030: ${a.detail}`,
  }),
  encoding_gb18030: () => ({ zh: '文件按 GB18030（GBK）编码读取', en: 'the file was read as GB18030 (GBK)' }),
  bad_csv: (a) => ({ zh: `CSV 格式错误：${a.detail}`, en: `malformed CSV: ${a.detail}` }),
  unreadable_file: (a) => ({ zh: `文件无法读取：${a.detail}`, en: `the file cannot be read: ${a.detail}` }),
  bad_type: (a) => ({
    zh: `值 ${q(a.value)} 不是有效的${zhTypeName(a.detail)}`,
    en: `value ${q(a.value)} is not a valid ${a.detail}`,
  }),
  required_null: (a) => ({ zh: `必填列 ${a.column} 为空`, en: `required column ${a.column} is empty` }),
  unknown_value: (a) => ({
    zh: `值 ${q(a.value)} 不在允许范围内（${a.detail}）`,
    en: `value ${q(a.value)} is not one of ${a.detail}`,
  }),
  below_minimum: (a) => ({
    zh: `值 ${a.value} 小于允许的最小值 ${a.detail}`,
    en: `value ${a.value} is below the minimum ${a.detail}`,
  }),
  future_birth_year: (a) => ({
    zh: `出生年份 ${a.value} 晚于当前年份 ${a.detail}`,
    en: `birth year ${a.value} is after the current year ${a.detail}`,
  }),
  bad_code: (a) => ({
    zh: `区划代码 ${q(a.value)} 不是六位数字`,
    en: `area code ${q(a.value)} is not six digits (GB/T 2260)`,
  }),
  obsolete_code: (a) => ({
    zh: `区划代码 ${a.value} 已停用，已按 ${a.detail} 处理（${a.count ?? 1} 行）`,
    en: `area code ${a.value} is obsolete; read as ${a.detail} (${a.count ?? 1} rows)`,
  }),
  county_prefecture_mismatch: (a) => ({
    zh: `县级代码 ${a.value} 不属于地级代码 ${a.detail}`,
    en: `county code ${a.value} does not belong to prefecture ${a.detail}`,
  }),
  bad_date: (a) => ({ zh: `日期 ${q(a.value)} 无效（应为 YYYY-MM-DD）`, en: `date ${q(a.value)} is not a valid YYYY-MM-DD date` }),
  bad_period: (a) => ({ zh: `期别 ${q(a.value)} 无效（应为 YYYY-MM）`, en: `period ${q(a.value)} is not a valid YYYY-MM month` }),
  period_mismatch: (a) => ({
    zh: `${a.detail} 有 period 列而 ${a.table} 没有：人员与户的月度快照须同时提供`,
    en: `${a.detail} has a period column but ${a.table} does not: monthly snapshots need period on both persons and households`,
  }),
  duplicate_id: (a) => ({
    zh: `编号 ${q(a.value)} 重复（首次出现于第 ${a.detail} 行）`,
    en: `id ${q(a.value)} is duplicated (first seen in row ${a.detail})`,
  }),
  orphan_row: (a) => ({
    zh: `${a.column} = ${q(a.value)} 在 ${a.detail} 中不存在`,
    en: `${a.column} = ${q(a.value)} has no matching row in ${a.detail}`,
  }),
  employed_not_labor: () => ({
    zh: '非劳动力人员标记为已就业（允许，但请核实）',
    en: 'employed = true for a person with is_labor = false (allowed; please check)',
  }),
  employment_type_mismatch: (a) => ({
    zh: `就业类型 ${q(a.value)} 与就业状态 ${a.detail} 不一致`,
    en: `employment_type ${q(a.value)} is inconsistent with employed = ${a.detail}`,
  }),
  household_without_persons: (a) => ({
    zh: `户 ${q(a.value)} 没有任何家庭成员`,
    en: `household ${q(a.value)} has no persons`,
  }),
  more_findings: (a) => ({
    zh: `同类问题另有 ${a.count} 处未逐条列出`,
    en: `${a.count} more findings of this kind not listed`,
  }),
  ...CHECK_TEXT,
};

/** Type names used in bad_type messages. */
export const TYPE_TEXT: Readonly<Record<ColumnType, LocalText>> = {
  string: { zh: '文本', en: 'text' },
  code: { zh: '区划代码', en: 'area code' },
  boolean: { zh: '布尔值（true/false、1/0、是/否）', en: 'boolean (true/false, 1/0, yes/no, 是/否)' },
  integer: { zh: '整数（绝对值不超过 2147483647）', en: 'integer (at most 2,147,483,647 in absolute value)' },
  number: { zh: '数值', en: 'number' },
  date: { zh: '日期', en: 'date' },
  period: { zh: '期别', en: 'period' },
};

/** The Chinese name of a column type given by its English text (findings carry the English one in `detail`). */
function zhTypeName(en: string | undefined): string {
  return Object.values(TYPE_TEXT).find((t) => t.en === en)?.zh ?? en ?? '';
}

/** Texts of result statuses. */
export const STATUS_TEXT: Readonly<Record<Status, LocalText>> = {
  met: { zh: '达标', en: 'met' },
  not_met: { zh: '未达标', en: 'not met' },
  no_data: { zh: '无数据', en: 'no data' },
  no_target: { zh: '无目标', en: 'no target' },
  suppressed: { zh: '已抑制（安全发布）', en: 'suppressed (safe publication)' },
};

/** Labels of charts (`@houfu/core/charts`). */
export const CHART_TEXT: Readonly<Record<'status' | 'statusTitle' | 'month' | 'unknown' | 'per10k' | 'per1k', LocalText>> = {
  status: { zh: '状态', en: 'status' },
  statusTitle: { zh: '达标情况', en: 'Status against targets' },
  month: { zh: '月份', en: 'month' },
  unknown: { zh: '不详', en: 'unknown' },
  per10k: { zh: '每万人', en: 'per 10,000' },
  per1k: { zh: '每千人', en: 'per 1,000' },
};

/** Texts of hierarchy levels. */
export const LEVEL_TEXT: Readonly<Record<Level, LocalText>> = {
  province: { zh: '省', en: 'province' },
  prefecture: { zh: '市（州）', en: 'prefecture' },
  county: { zh: '县（市、区）', en: 'county' },
  site: { zh: '安置点', en: 'site' },
  unit: { zh: '管理单元', en: 'management unit' },
};

/** Error texts thrown by the library. */
export const ERROR_TEXT = {
  invalidDataset: (n: number, first: string): LocalText => ({
    zh: `数据有 ${n} 处错误，无法计算指标。第一处：${first}`,
    en: `the dataset has ${n} error(s); no indicator was computed. First: ${first}`,
  }),
  unknownIndicator: (id: string): LocalText => ({ zh: `未知指标或指标族：${id}`, en: `unknown indicator or family: ${id}` }),
  unknownLevel: (level: string): LocalText => ({
    zh: `未知层级：${level}（可选 province、prefecture、county、site、unit）`,
    en: `unknown level: ${level} (one of province, prefecture, county, site, unit)`,
  }),
  badDefinition: (id: string, detail: string): LocalText => ({
    zh: `指标 ${id} 定义无效：${detail}`,
    en: `indicator ${id} is not valid: ${detail}`,
  }),
  notAtUnitLevel: (id: string, table: string): LocalText => ({
    zh: `指标 ${id} 不能按管理单元计算：${table} 的行不归属于管理单元`,
    en: `indicator ${id} cannot be computed by unit: rows of ${table} do not belong to management units`,
  }),
  breakdownUnreachable: (id: string, column: string, table: string): LocalText => ({
    zh: `指标 ${id} 不能按 ${column} 分组：${table} 的行与该列无关联`,
    en: `indicator ${id} cannot be broken down by ${column}: rows of ${table} do not link to it`,
  }),
  notHouseholdMust: (id: string): LocalText => ({
    zh: `指标 ${id} 不是户级必须项，无法列出户清单`,
    en: `indicator ${id} is not a household rate; no household list can be made`,
  }),
  notACube: (detail: string): LocalText => ({
    zh: `不是可读的 houfu 汇总立方体文件：${detail}`,
    en: `not a readable houfu cube: ${detail}`,
  }),
  cubeVersion: (found: string, supported: number): LocalText => ({
    zh: `汇总立方体的格式版本为 ${found}，本程序只能读取版本 ${supported}；请用当前版本重新生成`,
    en: `the cube has format version ${found}; this version of houfu reads version ${supported} only: build the cube again`,
  }),
  cubeBadCell: (row: number, column: string, detail: string): LocalText => ({
    zh: `汇总立方体第 ${row} 行 ${column} 列无效：${detail}`,
    en: `cube row ${row}, column ${column}: ${detail}`,
  }),
  cubeLevel: (level: string, grain: string): LocalText => ({
    zh:
      grain === 'unit'
        ? `按管理单元汇总的立方体只能计算 unit 层级，不能计算 ${level}；请按 site 重新生成立方体`
        : `按安置点汇总的立方体不能计算 ${level} 层级；请用 --by unit 生成立方体`,
    en:
      grain === 'unit'
        ? `a cube summed by management unit gives level unit only, not ${level}: build a cube by site for it`
        : `a cube summed by site cannot give level ${level}: build a cube by unit for it`,
  }),
  cubeBreakdownMissing: (name: string, available: readonly string[]): LocalText => ({
    zh: `汇总立方体没有分组列 ${name}（现有：${available.join('、') || '无'}）；请带上该分组重新生成立方体`,
    en: `the cube has no breakdown ${name} (it has: ${available.join(', ') || 'none'}): build the cube with that breakdown`,
  }),
  cubeBreakdownTwice: (name: string): LocalText => ({ zh: `分组列 ${name} 重复`, en: `breakdown ${name} is given twice` }),
  cubeBreakdownClash: (name: string): LocalText => ({
    zh: `分组列名与汇总立方体或结果的列冲突：${name}`,
    en: `breakdown name clashes with a cube or result column: ${name}`,
  }),
  cubeIndicatorMissing: (id: string, available: readonly string[]): LocalText => ({
    zh: `汇总立方体不含指标 ${id}（含 ${available.length} 个指标：${available.slice(0, 8).join('、')}${available.length > 8 ? '……' : ''}）`,
    en: `the cube does not hold indicator ${id} (it holds ${available.length}: ${available.slice(0, 8).join(', ')}${available.length > 8 ? ', …' : ''})`,
  }),
  cubeIndicatorChanged: (id: string): LocalText => ({
    zh: `指标 ${id} 的分子、分母或未知项定义与生成汇总立方体时不同，立方体中的数字不适用；请重新生成立方体`,
    en: `the numerator, denominator or unknown of indicator ${id} differ from those the cube was built with, so its sums do not apply: build the cube again`,
  }),
  cubeIndicatorTwice: (id: string): LocalText => ({ zh: `指标 ${id} 重复`, en: `indicator ${id} is given twice` }),
  cubeUnreadable: (path: string, detail: string): LocalText => ({
    zh: `无法读取汇总立方体文件 ${path}：${detail}`,
    en: `cannot read the cube file ${path}: ${detail}`,
  }),
  cubeFileName: (path: string): LocalText => ({
    zh: `汇总立方体文件名须以 .parquet 或 .arrow 结尾：${path}`,
    en: `a cube file name must end in .parquet or .arrow (or .feather, .ipc): ${path}`,
  }),
  badSqlName: (name: string, why: 'empty' | 'nul' | 'long', max = 0): LocalText => {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    return {
      empty: { zh: 'SQL 名称不能为空', en: 'an SQL name cannot be empty' },
      nul: { zh: `SQL 名称含有 NUL 字符：${JSON.stringify(shown)}`, en: `an SQL name contains a NUL character: ${JSON.stringify(shown)}` },
      long: {
        zh: `SQL 名称超过 ${max} 字节，数据库会截断它：${JSON.stringify(shown)}`,
        en: `an SQL name is longer than ${max} bytes, which the database would truncate: ${JSON.stringify(shown)}`,
      },
    }[why];
  },
  sqlUnsupported: (detail: string): LocalText => ({ zh: `SQL 引擎不支持：${detail}`, en: `not supported by the SQL engines: ${detail}` }),
  dbTableMissing: (table: string, name: string): LocalText => ({
    zh: `数据库中没有表 ${name}（${table}）`,
    en: `the database has no table ${name} (for ${table})`,
  }),
  dbColumnMissing: (table: string, column: string, name: string): LocalText => ({
    zh: `数据库表 ${table} 缺少列 ${name}（${column}）`,
    en: `database table ${table} has no column ${name} (for ${column})`,
  }),
  dbTablesExist: (names: string): LocalText => ({
    zh: `数据库中已有表：${names}；如需覆盖请加 --replace`,
    en: `the database already has tables: ${names}; pass --replace to overwrite them`,
  }),
  datasetBound: (want: string, got: string): LocalText => ({
    zh: `该数据集的数据在数据库中，只能用 ${want} 引擎计算（而不是 ${got}）`,
    en: `this dataset's rows are in a database: only the ${want} engine can compute on it (not ${got})`,
  }),
  notFromPostgres: (): LocalText => ({
    zh: '该数据集不来自 PostgreSQL；请先用 houfu load 载入，再用 postgresDataset() 打开',
    en: 'this dataset does not come from PostgreSQL: load it with `houfu load`, then open it with postgresDataset()',
  }),
  engineUnavailable: (name: string, detail: string): LocalText => ({
    zh: `引擎 ${name} 不可用：${detail}`,
    en: `engine ${name} is not available: ${detail}`,
  }),
} as const;
