/**
 * The named suite of bad and unusual inputs. Each case says how it is made from the clean
 * hand fixture (test/fixtures/hand) and what it must give: a finding (code, and where), or
 * the same numbers as the clean data for inputs that are unusual but valid.
 */
import { tableToIPC } from 'apache-arrow';
import type { FindingCode, Severity } from '@houfu/core';
import { tableBytes } from '@houfu/core/node';
import { addColumn, all, as, bytes, cell, column, dropColumn, gbk, header, raw, remove, rows, setRows, twoBatches, type Edit } from './files.js';

/** What a case must give. */
export interface Expectation {
  /** A finding of this code must be among the findings… */
  readonly code?: FindingCode;
  /** …with this severity (default: error)… */
  readonly severity?: Severity;
  /** …in this file, data row and column (when given). */
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  /** No other error or warning: one cause, one finding. */
  readonly alone?: boolean;
  /** The numbers (every catalog indicator by site) equal the clean data's. */
  readonly same?: boolean;
  /** No error (the numbers legitimately differ from the clean data's). */
  readonly valid?: boolean;
  /** Refused before validation: an `io` error (exit 3). */
  readonly io?: boolean;
}

/** One bad or unusual input. */
export interface BadInput {
  /** Unique name. */
  readonly name: string;
  /** How it is made from the clean fixture. */
  readonly how: string;
  /** The edit that makes it. */
  readonly edit: Edit;
  /** A column mapping to use: JSON, or the mapping file's bytes. */
  readonly mapping?: unknown;
  /** What it must give. */
  readonly expect: Expectation;
}

const none: Edit = () => undefined;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const zhHeaders: Record<string, string> = { person_id: '人员编号', household_id: '户编号', sex: '性别', is_labor: '是否劳动力', trained: '是否培训', employed: '是否就业' };
const renameAll = (m: Record<string, string>): Edit => all(...Object.entries(m).map(([from, to]) => header('persons', from, to)));

export const CASES: readonly BadInput[] = [
  // Area codes against the divisions.
  { name: 'county-code-nonexistent', how: 'sites row 1 county_code 520102 → 520199', edit: cell('sites', 1, 'county_code', '520199'), expect: { code: 'unknown_area_code', file: 'sites.csv', row: 1, column: 'county_code' } },
  { name: 'county-code-other-province', how: 'sites row 3 county_code → 530102 (Yunnan)', edit: cell('sites', 3, 'county_code', '530102'), expect: { code: 'unknown_area_code', row: 3, column: 'county_code' } },
  { name: 'prefecture-code-is-a-county', how: 'sites row 1 prefecture_code → 520102', edit: cell('sites', 1, 'prefecture_code', '520102'), expect: { code: 'area_level_mismatch', row: 1, column: 'prefecture_code' } },
  { name: 'prefecture-code-nonexistent', how: 'sites row 4 prefecture_code → 520900', edit: cell('sites', 4, 'prefecture_code', '520900'), expect: { code: 'unknown_area_code', row: 4, column: 'prefecture_code' } },
  { name: 'prefecture-code-is-the-province', how: 'sites row 2 prefecture_code → 520000', edit: cell('sites', 2, 'prefecture_code', '520000'), expect: { code: 'area_level_mismatch', row: 2, column: 'prefecture_code' } },
  { name: 'county-not-in-prefecture', how: 'sites row 1 county_code → 520201 (六盘水) under 520100', edit: cell('sites', 1, 'county_code', '520201'), expect: { code: 'county_prefecture_mismatch', row: 1, column: 'county_code' } },
  { name: 'site-outside-province', how: 'sites row 5 prefecture/county → 530100/530102', edit: all(cell('sites', 5, 'prefecture_code', '530100'), cell('sites', 5, 'county_code', '530102')), expect: { code: 'unknown_area_code', row: 5 } },
  { name: 'origin-county-nonexistent', how: 'households row 2 origin_county_code → 520999', edit: cell('households', 2, 'origin_county_code', '520999'), expect: { code: 'unknown_area_code', file: 'households.csv', row: 2, column: 'origin_county_code' } },
  { name: 'origin-county-is-a-prefecture', how: 'households row 3 origin_county_code → 520100', edit: cell('households', 3, 'origin_county_code', '520100'), expect: { code: 'area_level_mismatch', row: 3, column: 'origin_county_code', alone: true } },
  { name: 'origin-county-is-the-province', how: 'households row 1 origin_county_code → 520000', edit: cell('households', 1, 'origin_county_code', '520000'), expect: { code: 'area_level_mismatch', row: 1 } },
  { name: 'origin-county-other-province', how: 'households row 6 origin_county_code → 510104', edit: cell('households', 6, 'origin_county_code', '510104'), expect: { code: 'unknown_area_code', row: 6 } },
  { name: 'origin-county-many-rows-one-finding', how: 'every origin_county_code → 520999', edit: column('households', 'origin_county_code', (v) => (v ? '520999' : v)), expect: { code: 'unknown_area_code', row: 1, alone: true } },
  { name: 'code-five-digits', how: 'sites row 1 county_code → 52010', edit: cell('sites', 1, 'county_code', '52010'), expect: { code: 'bad_code', row: 1, column: 'county_code' } },
  { name: 'code-with-letter-o', how: 'sites row 2 county_code → 52O102', edit: cell('sites', 2, 'county_code', '52O102'), expect: { code: 'bad_code', row: 2 } },
  { name: 'code-as-float-text', how: 'households row 1 origin_county_code → 520102.0 (a spreadsheet number)', edit: cell('households', 1, 'origin_county_code', '520102.0'), expect: { code: 'bad_code', row: 1 } },
  { name: 'obsolete-code-shuicheng', how: 'households row 1 origin_county_code → 520221 (水城县, now 520204)', edit: cell('households', 1, 'origin_county_code', '520221'), expect: { code: 'obsolete_code', severity: 'warning', row: 1, valid: true } },
  { name: 'obsolete-code-pan-county', how: 'households row 2 origin_county_code → 520222 (盘县, now 520281)', edit: cell('households', 2, 'origin_county_code', '520222'), expect: { code: 'obsolete_code', severity: 'warning', valid: true } },
  { name: 'divisions-of-another-province', how: 'a divisions.csv of Yunnan beside Guizhou data', edit: bytes('divisions.csv', enc('code,name,prefecture_code,prefecture_name\n530102,五华区,530100,昆明市\n')), expect: { code: 'unknown_area_code' } },
  { name: 'divisions-file-broken', how: 'a divisions.csv without prefecture_code', edit: bytes('divisions.csv', enc('code,name\n520102,南明区\n')), expect: { code: 'bad_divisions', alone: true } },
  { name: 'divisions-file-own-guizhou-list', how: 'divisions.csv = ../shared/reference/guizhou-divisions.csv (its first rows and the fixture counties)', edit: bytes('divisions.csv', enc('code,name,prefecture_code,prefecture_name\n520102,南明区,520100,贵阳市\n520111,花溪区,520100,贵阳市\n520121,开阳县,520100,贵阳市\n520402,西秀区,520400,安顺市\n520424,关岭布依族苗族自治县,520400,安顺市\n')), expect: { same: true } },

  // Enumerations.
  { name: 'activity-type-typo', how: 'activities row 3 activity_type civic_awareness → civic_awarness', edit: cell('activities', 3, 'activity_type', 'civic_awarness'), expect: { code: 'unknown_value', file: 'activities.csv', row: 3, column: 'activity_type' } },
  { name: 'activity-type-capitalized', how: 'activities row 1 activity_type → Gratitude_Education', edit: cell('activities', 1, 'activity_type', 'Gratitude_Education'), expect: { code: 'unknown_value', row: 1 } },
  { name: 'sex-letter', how: 'persons row 1 sex → M', edit: cell('persons', 1, 'sex', 'M'), expect: { code: 'unknown_value', row: 1, column: 'sex' } },
  { name: 'sex-padded', how: 'persons row 2 sex → " female"', edit: cell('persons', 2, 'sex', ' female'), expect: { code: 'unknown_value', row: 2 } },
  { name: 'site-type-english-word', how: 'sites row 1 site_type → city', edit: cell('sites', 1, 'site_type', 'city'), expect: { code: 'unknown_value', row: 1, column: 'site_type' } },
  { name: 'employment-type-typo', how: 'persons row 1 employment_type → locl', edit: cell('persons', 1, 'employment_type', 'locl'), expect: { code: 'unknown_value', row: 1, column: 'employment_type' } },
  { name: 'land-status-yes', how: 'households row 1 land_contract → yes', edit: cell('households', 1, 'land_contract', 'yes'), expect: { code: 'unknown_value', row: 1, column: 'land_contract' } },
  { name: 'facility-type-hospital', how: 'facilities row 2 facility_type → hospital', edit: cell('facilities', 2, 'facility_type', 'hospital'), expect: { code: 'unknown_value', row: 2, column: 'facility_type' } },
  { name: 'chinese-sex', how: 'persons sex male/female → 男/女', edit: column('persons', 'sex', (v) => ({ male: '男', female: '女' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-sex-long', how: 'persons sex → 男性/女性', edit: column('persons', 'sex', (v) => ({ male: '男性', female: '女性' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-site-type', how: 'sites site_type → 城镇/农村', edit: column('sites', 'site_type', (v) => ({ urban: '城镇', rural: '农村' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', column: 'site_type', same: true } },
  { name: 'chinese-employment-type', how: 'persons employment_type → 本地就业, 就业帮扶车间, 公益性岗位 …', edit: column('persons', 'employment_type', (v) => ({ local: '本地就业', workshop: '就业帮扶车间', public_welfare: '公益性岗位', outside_county: '县外省内就业', outside_province: '省外就业', self_employed: '自主创业' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-land-status', how: 'households land_* → 已盘活/待盘活/无', edit: all(...['land_contract', 'land_forest', 'land_homestead'].map((c) => column('households', c, (v) => ({ revitalized: '已盘活', pending: '待盘活', none: '无' })[v] ?? v))), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-facility-type', how: 'facilities facility_type → 学校, 警务室 …', edit: column('facilities', 'facility_type', (v) => ({ school: '学校', police_room: '警务室', health_facility: '医疗卫生机构', party_branch: '党支部' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-activity-type', how: 'activities activity_type → 感恩教育, 其他 …', edit: column('activities', 'activity_type', (v) => ({ gratitude_education: '感恩教育', other: '其他', house_comparison: '新旧房对比' })[v] ?? v), expect: { code: 'value_synonym', severity: 'info', same: true } },
  { name: 'chinese-label-unknown', how: 'persons row 3 sex → 男的', edit: cell('persons', 3, 'sex', '男的'), expect: { code: 'unknown_value', row: 3 } },

  // The column mapping.
  { name: 'mapping-two-columns-one-header', how: 'mapping trained and employed → 是否', edit: none, mapping: { persons: { trained: '是否', employed: '是否' } }, expect: { code: 'mapping_same_header' } },
  { name: 'mapping-onto-another-canonical-header', how: 'mapping employed → trained', edit: none, mapping: { persons: { employed: 'trained' } }, expect: { code: 'mapping_same_header' } },
  { name: 'mapping-unknown-column', how: 'mapping persons.sexx → 性别', edit: none, mapping: { persons: { sexx: '性别' } }, expect: { code: 'bad_mapping' } },
  { name: 'mapping-unknown-table', how: 'mapping person.sex → 性别 (table misspelt)', edit: none, mapping: { person: { sex: '性别' } }, expect: { code: 'bad_mapping' } },
  { name: 'mapping-unknown-flat-key', how: 'flat mapping employd → 是否就业', edit: none, mapping: { employd: '是否就业' }, expect: { code: 'bad_mapping' } },
  { name: 'mapping-is-an-array', how: 'mapping file holds [ ]', edit: none, mapping: [], expect: { code: 'bad_mapping' } },
  { name: 'mapping-header-not-in-file', how: 'mapping persons.sex → 性别, the file keeps sex', edit: none, mapping: { persons: { sex: '性别' } }, expect: { code: 'bad_mapping', severity: 'warning', same: true } },
  { name: 'mapping-header-missing-entirely', how: 'header sex → gender, mapping sex → 性别', edit: header('persons', 'sex', 'gender'), mapping: { persons: { sex: '性别' } }, expect: { code: 'missing_column' } },
  { name: 'mapping-chinese-headers', how: 'persons headers → Chinese, mapping names them', edit: renameAll(zhHeaders), mapping: { persons: zhHeaders }, expect: { same: true } },
  { name: 'mapping-gbk-file', how: 'persons headers → Chinese, the mapping file saved as GBK', edit: renameAll(zhHeaders), mapping: gbk(JSON.stringify({ persons: zhHeaders })), expect: { same: true } },
  { name: 'mapping-utf8-bom', how: 'persons headers → Chinese, the mapping file with a UTF-8 BOM', edit: renameAll(zhHeaders), mapping: new Uint8Array([0xef, 0xbb, 0xbf, ...enc(JSON.stringify({ persons: zhHeaders }))]), expect: { same: true } },
  { name: 'mapping-values', how: 'persons sex → M/F, the mapping maps M/F to male/female', edit: column('persons', 'sex', (v) => ({ male: 'M', female: 'F' })[v] ?? v), mapping: { values: { sex: { M: 'male', F: 'female' } } }, expect: { code: 'mapped_value', severity: 'info', same: true } },
  { name: 'mapping-values-boolean', how: 'persons trained → 有/无, the mapping maps them per table', edit: column('persons', 'trained', (v) => ({ true: '有', false: '无' })[v] ?? v), mapping: { values: { persons: { trained: { 有: 'true', 无: 'false' } } } }, expect: { code: 'mapped_value', severity: 'info', same: true } },
  { name: 'mapping-value-target-invalid', how: 'mapping values sex M → man', edit: none, mapping: { values: { sex: { M: 'man' } } }, expect: { code: 'bad_mapping' } },
  { name: 'mapping-not-json', how: 'the mapping file holds "{persons:"', edit: none, mapping: enc('{persons:'), expect: { io: true } },
  { name: 'mapping-invalid-bytes', how: 'the mapping file is neither UTF-8 nor GBK', edit: none, mapping: new Uint8Array([0x7b, 0xff, 0xff, 0x7d]), expect: { io: true } },

  // CSV structure.
  { name: 'unterminated-quote', how: 'persons line 11 second field opens a quote that never closes', edit: raw('persons.csv', (t) => t.replace('\nP10,H05,', '\nP10,"H05,')), expect: { code: 'unterminated_quote', file: 'persons.csv', row: 10, alone: true } },
  { name: 'quote-swallows-rows', how: 'persons line 11 opens a quote, line 15 closes it', edit: raw('persons.csv', (t) => t.replace('\nP10,H05,', '\nP10,"H05,').replace('\nP14,H07,', '\nP14",H07,')), expect: { code: 'unterminated_quote', row: 10, alone: true } },
  { name: 'title-row', how: 'a title line above the persons header', edit: raw('persons.csv', (t) => `贵州省易地扶贫搬迁人员信息表,,,,,,,,,\n${t}`), expect: { code: 'title_row', file: 'persons.csv', alone: true } },
  { name: 'title-row-two-cells', how: 'a title line with a date cell above the sites header', edit: raw('sites.csv', (t) => `安置点统计,2019年12月\n${t}`), expect: { code: 'title_row', alone: true } },
  { name: 'blank-line-above-header', how: 'an empty first line in households', edit: raw('households.csv', (t) => `\n${t}`), expect: { code: 'title_row', alone: true } },
  { name: 'semicolon-delimited', how: 'households with ; instead of ,', edit: raw('households.csv', (t) => t.replace(/,/g, ';')), expect: { code: 'wrong_delimiter', file: 'households.csv', alone: true } },
  { name: 'tab-delimited', how: 'persons with tabs instead of commas', edit: raw('persons.csv', (t) => t.replace(/,/g, '\t')), expect: { code: 'wrong_delimiter', alone: true } },
  { name: 'row-with-extra-field', how: 'persons row 5 gets one more field', edit: raw('persons.csv', (t) => t.replace('\nP05,H02,female,1982,苗族,true,true,false,,true', '\nP05,H02,female,1982,苗族,true,true,false,,true,x')), expect: { code: 'bad_csv', row: 5 } },
  { name: 'row-with-missing-field', how: 'persons row 4 loses its last field', edit: raw('persons.csv', (t) => t.replace('\nP04,H02,male,1979,苗族,true,false,false,,false', '\nP04,H02,male,1979,苗族,true,false,false,')), expect: { code: 'bad_csv', row: 4 } },
  { name: 'duplicate-header', how: 'sites header site_name → site_id (twice)', edit: header('sites', 'site_name', 'site_id'), expect: { code: 'bad_csv' } },
  { name: 'empty-file', how: 'households.csv has no bytes', edit: bytes('households.csv', new Uint8Array(0)), expect: { code: 'bad_csv', alone: true } },
  { name: 'header-only-persons', how: 'persons.csv keeps only its header', edit: raw('persons.csv', (t) => `${t.split('\n')[0]}\n`), expect: { code: 'household_without_persons', severity: 'warning' } },
  { name: 'crlf-line-endings', how: 'every CSV with CRLF', edit: all(...['sites', 'households', 'persons'].map((t) => raw(`${t}.csv`, (x) => x.replace(/\n/g, '\r\n')))), expect: { same: true } },
  { name: 'utf8-bom', how: 'persons.csv with a UTF-8 BOM', edit: (f) => void f.set('persons.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...enc(f.get('persons.csv') as string)])), expect: { same: true } },
  { name: 'gbk-csv', how: 'sites.csv saved as GBK (Chinese site names)', edit: (f) => void f.set('sites.csv', gbk(f.get('sites.csv') as string)), expect: { code: 'encoding_gb18030', severity: 'info', same: true } },
  { name: 'invalid-bytes', how: 'persons.csv row 3 holds bytes valid in neither UTF-8 nor GB18030', edit: (f) => void f.set('persons.csv', new Uint8Array([...enc((f.get('persons.csv') as string).slice(0, 200)), 0xff, 0xff, 0x0a])), expect: { code: 'bad_encoding', alone: true } },
  { name: 'trailing-blank-lines', how: 'persons.csv ends with three empty lines', edit: raw('persons.csv', (t) => `${t}\n\n\n`), expect: { same: true } },
  { name: 'no-final-newline', how: 'persons.csv without its last line feed', edit: raw('persons.csv', (t) => t.replace(/\n$/, '')), expect: { same: true } },
  { name: 'every-field-quoted', how: 'persons.csv with every field in quotes', edit: raw('persons.csv', (t) => t.split('\n').map((l) => (l ? l.split(',').map((x) => `"${x}"`).join(',') : l)).join('\n')), expect: { same: true } },
  { name: 'quoted-comma-in-name', how: 'sites row 1 site_name "花果园, 一期" quoted', edit: raw('sites.csv', (t) => t.replace('南明区花果园安置点', '"南明区花果园安置点, 一期"')), expect: { same: true } },
  { name: 'quoted-newline-in-name', how: 'sites row 2 site_name with a line break inside quotes', edit: raw('sites.csv', (t) => t.replace('南明区云关乡安置点', '"南明区云关乡\n安置点"')), expect: { same: true } },
  { name: 'columns-reordered', how: 'persons columns in reverse order', edit: (f) => setRows(f, 'persons', rows(f, 'persons').map((r) => [...r].reverse())), expect: { same: true } },
  { name: 'rows-shuffled', how: 'persons rows in reverse order', edit: (f) => { const r = rows(f, 'persons'); setRows(f, 'persons', [r[0]!, ...r.slice(1).reverse()]); }, expect: { same: true } },
  { name: 'extra-column', how: 'persons gets a column 备注', edit: addColumn('persons', '备注', () => '无'), expect: { code: 'extra_column', severity: 'info', same: true } },
  { name: 'header-padded', how: 'persons header " sex " with spaces', edit: header('persons', 'sex', ' sex '), expect: { same: true } },
  { name: 'header-uppercase', how: 'persons header PERSON_ID', edit: header('persons', 'person_id', 'PERSON_ID'), expect: { code: 'missing_column' } },
  { name: 'required-column-missing', how: 'households without site_id', edit: dropColumn('households', 'site_id'), expect: { code: 'missing_column', file: 'households.csv' } },
  { name: 'optional-table-missing', how: 'activities.csv removed', edit: remove('activities.csv'), expect: { valid: true } },
  { name: 'required-table-missing', how: 'persons.csv removed', edit: remove('persons.csv'), expect: { code: 'missing_table', alone: true } },
  { name: 'folder-named-like-a-table', how: 'persons.csv is a folder', edit: (f) => void f.set('persons.csv', { dir: true }), expect: { code: 'unreadable_file', file: 'persons.csv', alone: true } },
  { name: 'two-files-for-one-table', how: 'persons.csv and persons.parquet', edit: bytes('persons.parquet', ({ clean }) => tableBytes(clean.tables.persons!, 'parquet')), expect: { code: 'unreadable_file' } },

  // Arrow IPC and Parquet.
  { name: 'arrow-stream', how: 'persons as an Arrow IPC stream', edit: as('persons', 'stream'), expect: { same: true } },
  { name: 'arrow-file', how: 'persons as an Arrow IPC file', edit: as('persons', 'file'), expect: { same: true } },
  { name: 'parquet', how: 'households as Parquet', edit: as('households', 'parquet'), expect: { same: true } },
  { name: 'arrow-stream-cut-mid-batch', how: 'persons Arrow stream cut in the middle', edit: as('persons', 'stream', (b) => b.subarray(0, Math.floor(b.length / 2))), expect: { code: 'truncated_file', file: 'persons.arrow', alone: true } },
  { name: 'arrow-stream-cut-at-batch', how: 'persons Arrow stream in two batches, cut after the first', edit: (f, { clean }) => { const one = tableToIPC(clean.tables.persons!.slice(0, 20), 'stream'); f.delete('persons.csv'); f.set('persons.arrow', twoBatches(clean.tables.persons!, 20).subarray(0, one.length - 8)); }, expect: { code: 'unterminated_stream', severity: 'warning' } },
  { name: 'arrow-stream-no-eos', how: 'persons Arrow stream without its end-of-stream marker', edit: as('persons', 'stream', (b) => b.subarray(0, b.length - 8)), expect: { code: 'unterminated_stream', severity: 'warning', same: true } },
  { name: 'arrow-file-cut', how: 'persons Arrow file without its last 100 bytes', edit: as('persons', 'file', (b) => b.subarray(0, b.length - 100)), expect: { code: 'truncated_file', alone: true } },
  { name: 'arrow-file-cut-one-byte', how: 'persons Arrow file without its last byte', edit: as('persons', 'file', (b) => b.subarray(0, b.length - 1)), expect: { code: 'truncated_file', alone: true } },
  { name: 'arrow-empty', how: 'persons.arrow with no bytes', edit: (f) => { f.delete('persons.csv'); f.set('persons.arrow', new Uint8Array(0)); }, expect: { code: 'unreadable_file', alone: true } },
  { name: 'arrow-garbage', how: 'persons.arrow holds CSV text', edit: (f) => { f.set('persons.arrow', enc(f.get('persons.csv') as string)); f.delete('persons.csv'); }, expect: { code: 'unreadable_file', alone: true } },
  { name: 'parquet-cut', how: 'households Parquet without its last 50 bytes', edit: as('households', 'parquet', (b) => b.subarray(0, b.length - 50)), expect: { code: 'truncated_file', alone: true } },
  { name: 'parquet-head-only', how: 'households Parquet: its first 20 bytes', edit: as('households', 'parquet', (b) => b.subarray(0, 20)), expect: { code: 'truncated_file', alone: true } },
  { name: 'parquet-empty', how: 'households.parquet with no bytes', edit: (f) => { f.delete('households.csv'); f.set('households.parquet', new Uint8Array(0)); }, expect: { code: 'unreadable_file', alone: true } },
  { name: 'parquet-of-another-table', how: 'persons.parquet holds the households table', edit: all(remove('persons.csv'), bytes('persons.parquet', ({ clean }) => tableBytes(clean.tables.households!, 'parquet'))), expect: { code: 'missing_column', file: 'persons.parquet' } },

  // Cross-table consistency.
  { name: 'household-in-unit-of-another-site', how: 'households row 1 (site S1) unit_id U1 → U3 (site S2)', edit: cell('households', 1, 'unit_id', 'U3'), expect: { code: 'inconsistent_reference', file: 'households.csv', row: 1, column: 'unit_id', alone: true } },
  { name: 'unit-nonexistent', how: 'households row 2 unit_id → U99', edit: cell('households', 2, 'unit_id', 'U99'), expect: { code: 'orphan_row', row: 2, column: 'unit_id' } },
  { name: 'units-table-absent', how: 'management_units.csv removed, households keep unit_id', edit: remove('management_units.csv'), expect: { code: 'missing_parent_table', severity: 'warning', alone: true } },
  { name: 'person-household-nonexistent', how: 'persons row 1 household_id → H99', edit: cell('persons', 1, 'household_id', 'H99'), expect: { code: 'orphan_row', file: 'persons.csv', row: 1, column: 'household_id' } },
  { name: 'household-site-nonexistent', how: 'households row 4 site_id → S9', edit: cell('households', 4, 'site_id', 'S9'), expect: { code: 'orphan_row', row: 4, column: 'site_id' } },
  { name: 'facility-site-nonexistent', how: 'facilities row 1 site_id → S9', edit: cell('facilities', 1, 'site_id', 'S9'), expect: { code: 'orphan_row', row: 1 } },
  { name: 'duplicate-person-id', how: 'persons row 2 person_id → P01', edit: cell('persons', 2, 'person_id', 'P01'), expect: { code: 'duplicate_id', row: 2 } },
  { name: 'duplicate-site-id', how: 'sites row 2 site_id → S1', edit: cell('sites', 2, 'site_id', 'S1'), expect: { code: 'duplicate_id', row: 2 } },
  { name: 'period-on-persons-only', how: 'persons get period 2019-12, households none', edit: addColumn('persons', 'period', () => '2019-12'), expect: { code: 'period_mismatch' } },
  { name: 'person-in-another-period', how: 'both get period 2019-12; persons row 3 → 2019-11', edit: all(addColumn('persons', 'period', () => '2019-12'), addColumn('households', 'period', () => '2019-12'), cell('persons', 3, 'period', '2019-11')), expect: { code: 'orphan_row', row: 3 } },
  { name: 'moved-in-after-own-period', how: 'both get period 2019-05; households row 14 moved in 2019-06-01', edit: all(addColumn('persons', 'period', () => '2019-05'), addColumn('households', 'period', () => '2019-05')), expect: { code: 'date_after_period', severity: 'warning', row: 14, column: 'moved_in_on', valid: true } },

  // Values.
  { name: 'number-overflow', how: 'households row 1 income_per_capita → 1e999', edit: cell('households', 1, 'income_per_capita', '1e999'), expect: { code: 'not_finite', row: 1, column: 'income_per_capita' } },
  { name: 'number-negative-overflow', how: 'households row 2 income_per_capita → -1e999', edit: cell('households', 2, 'income_per_capita', '-1e999'), expect: { code: 'not_finite', row: 2 } },
  { name: 'number-nan-text', how: 'households row 1 income_per_capita → NaN', edit: cell('households', 1, 'income_per_capita', 'NaN'), expect: { code: 'bad_type', row: 1 } },
  { name: 'number-infinity-text', how: 'households row 1 income_per_capita → Infinity', edit: cell('households', 1, 'income_per_capita', 'Infinity'), expect: { code: 'bad_type', row: 1 } },
  { name: 'number-thousands-separator', how: 'households row 1 income_per_capita → "9,800" (quoted)', edit: raw('households.csv', (t) => t.replace(',true,9800,', ',true,"9,800",')), expect: { code: 'bad_type', row: 1 } },
  { name: 'number-currency', how: 'households row 1 income_per_capita → ¥9800', edit: cell('households', 1, 'income_per_capita', '¥9800'), expect: { code: 'bad_type', row: 1 } },
  { name: 'number-negative', how: 'households row 1 income_per_capita → -5', edit: cell('households', 1, 'income_per_capita', '-5'), expect: { code: 'below_minimum', row: 1 } },
  { name: 'number-exponent-valid', how: 'households row 1 income_per_capita 9800 → 9.8e3', edit: cell('households', 1, 'income_per_capita', '9.8e3'), expect: { same: true } },
  { name: 'birth-year-future', how: 'persons row 1 birth_year → 2999', edit: cell('persons', 1, 'birth_year', '2999'), expect: { code: 'future_birth_year', row: 1 } },
  { name: 'birth-year-ancient', how: 'persons row 1 birth_year → 1850', edit: cell('persons', 1, 'birth_year', '1850'), expect: { code: 'below_minimum', row: 1 } },
  { name: 'birth-year-fraction', how: 'persons row 1 birth_year → 1985.5', edit: cell('persons', 1, 'birth_year', '1985.5'), expect: { code: 'bad_type', row: 1 } },
  { name: 'birth-year-huge', how: 'persons row 1 birth_year → 99999999999', edit: cell('persons', 1, 'birth_year', '99999999999'), expect: { code: 'bad_type', row: 1 } },
  { name: 'date-impossible', how: 'households row 1 moved_in_on → 2019-02-30', edit: cell('households', 1, 'moved_in_on', '2019-02-30'), expect: { code: 'bad_date', row: 1 } },
  { name: 'date-future', how: 'households row 1 moved_in_on → 2099-01-01', edit: cell('households', 1, 'moved_in_on', '2099-01-01'), expect: { code: 'future_date', row: 1, column: 'moved_in_on' } },
  { name: 'activity-date-future', how: 'activities row 1 held_on → 2098-10-12', edit: cell('activities', 1, 'held_on', '2098-10-12'), expect: { code: 'future_date', row: 1, column: 'held_on' } },

  // Dates of the registers out of order (schema v2).
  { name: 'project-completed-before-started', how: 'projects row 3 (started 2019-03-01) completed_on → 2019-02-15', edit: cell('projects', 3, 'completed_on', '2019-02-15'), expect: { code: 'date_order', file: 'projects.csv', row: 3, column: 'completed_on', alone: true } },
  { name: 'project-due-before-started', how: 'projects row 1 (started 2019-09-01) due_on → 2019-08-01', edit: cell('projects', 1, 'due_on', '2019-08-01'), expect: { code: 'date_order', file: 'projects.csv', row: 1, column: 'due_on', alone: true } },
  { name: 'inspection-ended-before-started', how: 'inspections row 2 (started 2019-07-01) ended_on → 2019-06-30', edit: cell('inspections', 2, 'ended_on', '2019-06-30'), expect: { code: 'date_order', file: 'inspections.csv', row: 2, column: 'ended_on', alone: true } },
  { name: 'problem-rectified-before-found', how: 'problems row 3 (found 2019-04-12) rectified_on → 2019-04-11', edit: cell('problems', 3, 'rectified_on', '2019-04-11'), expect: { code: 'date_order', file: 'problems.csv', row: 3, column: 'rectified_on', alone: true } },
  { name: 'problem-due-before-found', how: 'problems row 4 (found 2019-09-20) due_on → 2019-09-01', edit: cell('problems', 4, 'due_on', '2019-09-01'), expect: { code: 'date_order', row: 4, column: 'due_on', alone: true } },
  { name: 'problem-due-before-found-every-row', how: 'every problems due_on → 2019-01-01: one finding, first row', edit: column('problems', 'due_on', () => '2019-01-01'), expect: { code: 'date_order', row: 1, column: 'due_on', alone: true } },
  { name: 'problem-found-before-its-round', how: 'problems row 5 (round R4 from 2019-11-10) found_on → 2019-11-01', edit: cell('problems', 5, 'found_on', '2019-11-01'), expect: { code: 'date_order', severity: 'warning', row: 5, column: 'found_on', valid: true } },
  { name: 'problem-rectified-the-day-found', how: 'problems row 1 rectified_on → its found_on 2019-04-10', edit: cell('problems', 1, 'rectified_on', '2019-04-10'), expect: { valid: true } },
  { name: 'project-completed-before-started-mapped', how: 'projects header completed_on → 完成日期 (mapped); row 6 (started 2019-02-01) → 2019-01-31', edit: all(header('projects', 'completed_on', '完成日期'), cell('projects', 6, '完成日期', '2019-01-31')), mapping: { projects: { completed_on: '完成日期' } }, expect: { code: 'date_order', row: 6, column: 'completed_on [完成日期]', alone: true } },
  { name: 'date-day-first', how: 'sites row 1 opened_on → 30/06/2018', edit: cell('sites', 1, 'opened_on', '30/06/2018'), expect: { code: 'bad_date', row: 1 } },
  { name: 'date-slashes', how: 'sites row 1 opened_on → 2018/06/30', edit: cell('sites', 1, 'opened_on', '2018/06/30'), expect: { same: true } },
  { name: 'nul-in-text', how: 'persons row 1 ethnicity → 汉\\0族', edit: cell('persons', 1, 'ethnicity', '汉\u0000族'), expect: { code: 'control_character', severity: 'warning', row: 1, column: 'ethnicity' } },
  { name: 'escape-in-name', how: 'sites row 2 site_name with an ESC byte', edit: cell('sites', 2, 'site_name', '云关\u001b安置点'), expect: { code: 'control_character', severity: 'warning', row: 2 } },
  { name: 'nul-in-id', how: 'persons row 4 person_id → P04\\0', edit: cell('persons', 4, 'person_id', 'P04\u0000'), expect: { code: 'control_character', severity: 'warning', row: 4, column: 'person_id' } },
  { name: 'boolean-maybe', how: 'persons row 1 is_labor → maybe', edit: cell('persons', 1, 'is_labor', 'maybe'), expect: { code: 'bad_type', row: 1, column: 'is_labor' } },
  { name: 'boolean-chinese', how: 'persons booleans true/false → 是/否', edit: all(...['is_labor', 'trained', 'employed', 'med_insurance_transferred'].map((c) => column('persons', c, (v) => ({ true: '是', false: '否' })[v] ?? v))), expect: { same: true } },
  { name: 'boolean-digits', how: 'persons booleans → 1/0', edit: all(...['is_labor', 'trained', 'employed'].map((c) => column('persons', c, (v) => ({ true: '1', false: '0' })[v] ?? v))), expect: { same: true } },
  { name: 'boolean-uppercase', how: 'households stable_income → TRUE/FALSE', edit: column('households', 'stable_income', (v) => v.toUpperCase()), expect: { same: true } },
  { name: 'required-null-site', how: 'households row 3 site_id empty', edit: cell('households', 3, 'site_id', ''), expect: { code: 'required_null', row: 3, column: 'site_id' } },
  { name: 'required-null-person-id', how: 'persons row 6 person_id empty', edit: cell('persons', 6, 'person_id', ''), expect: { code: 'required_null', row: 6 } },
  { name: 'period-month-13', how: 'both get period; persons row 1 → 2019-13', edit: all(addColumn('persons', 'period', () => '2019-12'), addColumn('households', 'period', () => '2019-12'), cell('persons', 1, 'period', '2019-13')), expect: { code: 'bad_period', row: 1 } },
  { name: 'employed-not-labor', how: 'persons row 3 (a child) employed → true', edit: cell('persons', 3, 'employed', 'true'), expect: { code: 'employed_not_labor', severity: 'warning', valid: true } },
  { name: 'employment-type-not-employed', how: 'persons row 2 (not employed) employment_type → local', edit: cell('persons', 2, 'employment_type', 'local'), expect: { code: 'employment_type_mismatch', severity: 'warning', valid: true } },

  // Hostile values and names: they change nothing.
  { name: 'hostile-sql-in-name', how: "sites row 1 site_name → '; DROP TABLE sites; --", edit: cell('sites', 1, 'site_name', "'; DROP TABLE sites; --"), expect: { same: true } },
  { name: 'hostile-formula-in-name', how: 'sites row 2 site_name → =HYPERLINK("x")', edit: raw('sites.csv', (t) => t.replace('南明区云关乡安置点', '"=HYPERLINK(""x"")"')), expect: { same: true } },
  { name: 'hostile-proto-column', how: 'persons get a column __proto__', edit: addColumn('persons', '__proto__', () => 'x'), expect: { code: 'extra_column', severity: 'info', same: true } },
  { name: 'hostile-constructor-column', how: 'households get a column constructor', edit: addColumn('households', 'constructor', () => '1'), expect: { code: 'extra_column', severity: 'info', same: true } },
  { name: 'hostile-long-name', how: 'sites row 3 site_name of 100,000 characters', edit: cell('sites', 3, 'site_name', '安'.repeat(100_000)), expect: { same: true } },
  { name: 'hostile-emoji-rtl-name', how: 'sites row 4 site_name with emoji and a right-to-left mark', edit: cell('sites', 4, 'site_name', '彩虹🏠\u202e安置点'), expect: { same: true } },
  { name: 'hostile-arquero-expression-id', how: 'persons row 1 person_id → d => process.exit(1)', edit: cell('persons', 1, 'person_id', 'd => process.exit(1)'), expect: { same: true } },
  { name: 'hostile-proto-value', how: 'households row 1 household_id → __proto__ (and its persons)', edit: all(cell('households', 1, 'household_id', '__proto__'), column('persons', 'household_id', (v) => (v === 'H01' ? '__proto__' : v))), expect: { same: true } },
];
