/**
 * Texts of the validation checks in `validate/checks/` (area codes, enumerations and their
 * Chinese labels, mappings, cross-table consistency, values, file structure), zh and en.
 */
import type { LocalText } from '../model/indicator.js';
import type { MessageArgs } from './index.js';

/** The rules of `validate/checks/`. */
export type CheckCode =
  | 'unknown_area_code'
  | 'area_level_mismatch'
  | 'value_synonym'
  | 'mapped_value'
  | 'mapping_same_header'
  | 'bad_divisions'
  | 'inconsistent_reference'
  | 'missing_parent_table'
  | 'not_finite'
  | 'future_date'
  | 'date_after_period'
  | 'date_order'
  | 'control_character'
  | 'unterminated_quote'
  | 'title_row'
  | 'wrong_delimiter'
  | 'truncated_file'
  | 'unterminated_stream';

const q = (s: string | undefined): string => JSON.stringify(s ?? '');
const LEVEL_ZH: Readonly<Record<string, string>> = { province: '省级区划', prefecture: '地级区划', county: '县级区划' };
const levelZh = (l: string | undefined): string => LEVEL_ZH[l ?? ''] ?? '区划';
const rows = (a: MessageArgs): { zh: string; en: string } =>
  a.count !== undefined && a.count > 1 ? { zh: `（共 ${a.count} 行）`, en: ` (${a.count} rows)` } : { zh: '', en: '' };

/** Message templates of the checks. */
export const CHECK_TEXT: Readonly<Record<CheckCode, (a: MessageArgs) => LocalText>> = {
  unknown_area_code: (a) => ({
    zh: `区划代码 ${a.value} 不是${a.table ?? ''}的${levelZh(a.detail)}（GB/T 2260）${rows(a).zh}`,
    en: `area code ${a.value} is not a ${a.detail ?? 'division'} of ${a.table ?? ''} (GB/T 2260)${rows(a).en}`,
  }),
  area_level_mismatch: (a) => ({
    zh: `区划代码 ${a.value} 是${levelZh(a.detail)}（${a.table ?? ''}），不是${levelZh(a.column)}代码${rows(a).zh}`,
    en: `area code ${a.value} is a ${a.detail ?? ''} (${a.table ?? ''}), not a ${a.column ?? ''} code${rows(a).en}`,
  }),
  value_synonym: (a) => ({
    zh: `值 ${q(a.value)} 按标准中文名称读作 ${a.detail}${rows(a).zh}`,
    en: `value ${q(a.value)} is the standard Chinese label of ${a.detail}; read as ${a.detail}${rows(a).en}`,
  }),
  mapped_value: (a) => ({
    zh: `值 ${q(a.value)} 按列映射读作 ${a.detail}${rows(a).zh}`,
    en: `value ${q(a.value)} read as ${a.detail}, as the mapping says${rows(a).en}`,
  }),
  mapping_same_header: (a) => ({
    zh: `列映射把 ${a.detail} 都映射到同一表头 ${q(a.value)}：一列数据不能当作两个事实`,
    en: `the mapping maps ${a.detail} to the same header ${q(a.value)}: one column cannot be read as two facts`,
  }),
  bad_divisions: (a) => ({ zh: `区划代码表无效：${a.detail}`, en: `the divisions list is not valid: ${a.detail}` }),
  inconsistent_reference: (a) => ({
    zh: `${a.column} = ${q(a.value)} 与 ${a.detail} 不一致${rows(a).zh}`,
    en: `${a.column} = ${q(a.value)} disagrees with ${a.detail}${rows(a).en}`,
  }),
  missing_parent_table: (a) => ({
    zh: `${a.column} 有填写，但没有数据表 ${a.table}：这些引用未核对，不能按 ${a.table} 计算${rows(a).zh}`,
    en: `${a.column} is filled in but there is no ${a.table} table: the references are not checked and nothing can be computed by ${a.table}${rows(a).en}`,
  }),
  not_finite: (a) => ({
    zh: `数值 ${q(a.value)} 超出可表示范围（会变成无穷大）${rows(a).zh}`,
    en: `number ${q(a.value)} is out of range (it would read as infinity)${rows(a).en}`,
  }),
  future_date: (a) => ({
    zh: `日期 ${a.value} 晚于今天 ${a.detail}${rows(a).zh}`,
    en: `date ${a.value} is after today (${a.detail})${rows(a).en}`,
  }),
  date_after_period: (a) => ({
    zh: `日期 ${a.value} 晚于本行的期别 ${a.detail}${rows(a).zh}`,
    en: `date ${a.value} is after the row's own period ${a.detail}${rows(a).en}`,
  }),
  date_order: (a) => ({
    zh: `日期先后不对：${a.column} ${a.value} 早于 ${a.detail}${rows(a).zh}`,
    en: `dates out of order: ${a.column} ${a.value} is earlier than ${a.detail}${rows(a).en}`,
  }),
  control_character: (a) => ({
    zh: `文本含控制字符 ${a.detail}（如 NUL），可能是文件损坏${rows(a).zh}`,
    en: `text holds the control character ${a.detail} (such as NUL); the file may be damaged${rows(a).en}`,
  }),
  unterminated_quote: (a) => ({
    zh: `引号未闭合：第 ${a.detail} 行开始的引号${a.value ? `直到第 ${a.value} 行才结束，吞掉了其间的行` : '直到文件末尾都没有结束'}`,
    en: `unterminated quote: the quote opened on line ${a.detail} ${a.value ? `closes only on line ${a.value}, swallowing the lines between` : 'never closes'}`,
  }),
  title_row: (a) => ({
    zh: `第 1 行是标题而不是表头（表头在第 ${a.detail} 行）：请删除表头上方的行`,
    en: `line 1 is a title, not the header (the header is on line ${a.detail}): remove the lines above the header`,
  }),
  wrong_delimiter: (a) => ({
    zh: `文件用 ${a.detail} 分隔字段；CSV 须用逗号分隔`,
    en: `the file separates fields with ${a.detail}; CSV must use commas`,
  }),
  truncated_file: (a) => ({ zh: `文件被截断：${a.detail}`, en: `the file is truncated: ${a.detail}` }),
  unterminated_stream: (a) => ({
    zh: `Arrow 流没有结束标记：文件可能在两个批次之间被截断（已读 ${a.count ?? 0} 行）`,
    en: `the Arrow stream has no end-of-stream marker: it may have been cut between two batches (${a.count ?? 0} rows read)`,
  }),
};
