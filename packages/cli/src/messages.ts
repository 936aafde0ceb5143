/** Every text the command line prints besides results, in Chinese and English. */
import type { LocalText } from '@houfu/core';

/** A language of the command line. */
export type Lang = 'zh' | 'en';

/** Pick the text of a language. */
export const say = (lang: Lang, t: LocalText): string => (lang === 'zh' ? t.zh : t.en);

const list = (xs: readonly string[]): string => xs.join(', ');
const zhList = (xs: readonly string[]): string => xs.join('、');

/** The texts. */
export const CLI_TEXT = {
  title: { zh: 'houfu — 易地扶贫搬迁后续扶持指标', en: 'houfu — indicators of post-relocation support (易地扶贫搬迁后续扶持)' },
  usageHeading: { zh: '用法', en: 'Usage' },
  commandsHeading: { zh: '命令', en: 'Commands' },
  optionsHeading: { zh: '选项', en: 'Options' },
  commonHeading: { zh: '通用选项', en: 'Common options' },
  examplesHeading: { zh: '示例', en: 'Examples' },
  oneOf: (xs: readonly string[]): LocalText => ({ zh: `可选：${list(xs)}`, en: `one of: ${list(xs)}` }),
  defaultIs: (v: string): LocalText => ({ zh: `默认 ${v}`, en: `default ${v}` }),
  bareIs: (v: string): LocalText => ({ zh: `不带值时为 ${v}`, en: `${v} when given without a value` }),
  moreHelp: { zh: '每个命令的帮助：houfu 命令 --help', en: 'Help on a command: houfu COMMAND --help' },
  runHelp: (cmd: string | undefined): LocalText => ({
    zh: `用法见 houfu ${cmd ?? ''} --help`.replace('  ', ' '),
    en: `Run "houfu ${cmd ? `${cmd} ` : ''}--help" for usage.`,
  }),
  unknownCommand: (name: string, near: readonly string[]): LocalText => ({
    zh: `没有命令 "${name}"${near.length ? `；是不是 ${zhList(near)}？` : ''}`,
    en: `unknown command "${name}"${near.length ? `; did you mean ${list(near)}?` : ''}`,
  }),
  unknownOption: (opt: string, cmd: string, near: readonly string[]): LocalText => ({
    zh: `houfu ${cmd} 没有选项 ${opt}${near.length ? `；是不是 ${zhList(near)}？` : ''}`,
    en: `houfu ${cmd} has no option ${opt}${near.length ? `; did you mean ${list(near)}?` : ''}`,
  }),
  needsValue: (opt: string, arg: string): LocalText => ({ zh: `--${opt} 后面要跟一个值（${arg}）`, en: `--${opt} needs a value (${arg})` }),
  noValue: (opt: string): LocalText => ({ zh: `--${opt} 不带值`, en: `--${opt} takes no value` }),
  positional: (arg: string): LocalText => ({ zh: `多余的参数 "${arg}"（选项以 -- 开头）`, en: `unexpected argument "${arg}" (options start with --)` }),
  notNumber: (opt: string, v: string): LocalText => ({ zh: `--${opt} 要一个数（现在是 ${v}）`, en: `--${opt} must be a number (got ${v})` }),
  notChoice: (opt: string, v: string, choices: readonly string[], near: readonly string[]): LocalText => ({
    zh: `--${opt} 的值 "${v}" 无效；可选 ${list(choices)}${near.length ? `；是不是 ${zhList(near)}？` : ''}`,
    en: `--${opt} must be one of ${list(choices)} (got ${v})${near.length ? `; did you mean ${list(near)}?` : ''}`,
  }),
  required: (opt: string): LocalText => ({ zh: `缺少 --${opt}`, en: `--${opt} is required` }),
  unknownIndicator: (id: string, near: readonly string[]): LocalText => ({
    zh: `没有指标或指标族 "${id}"${near.length ? `；是不是 ${zhList(near)}？` : ''}（houfu list 列出全部指标）`,
    en: `unknown indicator or family "${id}"${near.length ? `; did you mean ${list(near)}?` : ''} (houfu list shows them all)`,
  }),
  noIndicators: { zh: '缺少 --indicators（或 --definitions FILE.json）', en: '--indicators (or --definitions FILE.json) is required' },
  unknownArea: (opt: string, v: string, level: LocalText, near: readonly string[]): LocalText => ({
    zh: `数据中没有${level.zh} "${v}"（--${opt}）${near.length ? `；是不是 ${zhList(near)}？` : ''}`,
    en: `no ${level.en} "${v}" in the data (--${opt})${near.length ? `; did you mean ${list(near)}?` : ''}`,
  }),
  wrongLevel: (opt: string, v: string, actual: LocalText, actualOpt: string, label: string): LocalText => ({
    zh: `"${v}" 是${actual.zh}（${label}），不是 --${opt} 的值；请用 --${actualOpt} ${v}`,
    en: `"${v}" is a ${actual.en} (${label}), not a value of --${opt}: use --${actualOpt} ${v}`,
  }),
  noneInData: (opt: string, label: string, level: LocalText): LocalText => ({
    zh: `数据中没有位于 ${label} 的安置点（--${opt}）；请检查${level.zh}`,
    en: `no site of the data lies in ${label} (--${opt}); check the ${level.en}`,
  }),
  unknownPeriod: (p: string, near: readonly string[], all: readonly string[]): LocalText => ({
    zh: `数据中没有月份 ${p}${near.length ? `；是不是 ${zhList(near)}？` : ''}（数据的月份：${all[0]} 至 ${all[all.length - 1]}）`,
    en: `no period ${p} in the data${near.length ? `; did you mean ${list(near)}?` : ''} (the data run from ${all[0]} to ${all[all.length - 1]})`,
  }),
  noPeriods: (p: string): LocalText => ({ zh: `数据没有月份（period 列），不能按月份 ${p} 筛选`, en: `the data have no periods (no period column): cannot select ${p}` }),
  noHouseholds: (id: string, where: string): LocalText => ({
    zh: `${where ? `${where}：` : ''}没有未达到或状态不详的家庭（${id}）`,
    en: `no household fails or is unknown on ${id}${where ? ` in ${where}` : ''}`,
  }),
  households: (n: number): LocalText => ({ zh: `${n.toLocaleString('en-US')} 户`, en: `${n.toLocaleString('en-US')} household(s)` }),
  skipped: (ids: readonly string[], where: string): LocalText => ({
    zh: `跳过 ${ids.length} 个在 ${where} 无法计算的指标：${zhList(ids)}（加 --strict 则报错）`,
    en: `skipped ${ids.length} indicator(s) that cannot be computed ${where}: ${list(ids)} (--strict makes this an error)`,
  }),
  atLevels: (levels: readonly string[], breakdown: readonly string[]): LocalText => ({
    zh: `${zhList(levels)}${breakdown.length ? ` 按 ${zhList(breakdown)} 分组` : ''}`,
    en: `by ${list(levels)}${breakdown.length ? ` broken down by ${list(breakdown)}` : ''}`,
  }),
  nothingComputable: (where: string): LocalText => ({
    zh: `所选指标都无法在 ${where} 计算`,
    en: `none of the indicators can be computed ${where}`,
  }),
  dataWarnings: (n: number): LocalText => ({ zh: `数据中有 ${n} 条警告：`, en: `${n} warning(s) in the data:` }),
  moreFindings: (n: number): LocalText => ({ zh: `……另有 ${n} 条`, en: `… and ${n} more findings` }),
  wrote: (n: number, file: string): LocalText => ({ zh: `已写入 ${file}（${n.toLocaleString('en-US')} 行）`, en: `wrote ${n.toLocaleString('en-US')} rows to ${file}` }),
  wroteFiles: (files: readonly string[]): LocalText => ({ zh: `已写入 ${zhList(files)}`, en: `wrote ${files.join(' and ')}` }),
  binaryNeedsOut: (fmt: string): LocalText => ({ zh: `--format ${fmt} 输出二进制文件，请用 --out FILE 指定文件`, en: `--format ${fmt} writes binary data: give --out FILE` }),
  bomOnlyCsv: { zh: '--bom 只用于 --format csv', en: '--bom applies only to --format csv' },
  tableNotFile: { zh: '--format table 只在终端显示；写文件请用 csv、json、xlsx 等', en: '--format table is for the terminal; for a file use csv, json, xlsx, …' },
  loaded: (dir: string, s: number): LocalText => ({ zh: `已读取 ${dir}，用时 ${s.toFixed(1)} 秒`, en: `loaded ${dir} in ${s.toFixed(1)} s` }),
  step: (label: LocalText, s: number): LocalText => ({ zh: `${label.zh} … ${s.toFixed(1)} 秒`, en: `${label.en} … ${s.toFixed(1)} s` }),
  unexpected: (msg: string): LocalText => ({
    zh: `意外错误：${msg}（加 --verbose 可见详情；请把这条消息报告给维护者）`,
    en: `unexpected error: ${msg} (run with --verbose for details, and please report it)`,
  }),
  cannotRead: (what: string, msg: string): LocalText => ({ zh: `无法读取 ${what}：${msg}`, en: `cannot read ${what}: ${msg}` }),
  cannotWrite: (what: string, msg: string): LocalText => ({ zh: `无法写入 ${what}：${msg}`, en: `cannot write ${what}: ${msg}` }),
  validateSummary: (errors: number, warnings: number): LocalText => ({
    zh: `${errors} 个错误，${warnings} 个警告${errors ? '' : ' — 数据可以计算'}`,
    en: `${errors} error(s), ${warnings} warning(s)${errors ? '' : ' — the data can be computed on'}`,
  }),
  tableRows: (name: string, n: number, file: string | undefined): LocalText => ({
    zh: `${name}：${n.toLocaleString('en-US')} 行${file ? `（${file}）` : ''}`,
    en: `${name}: ${n.toLocaleString('en-US')} rows${file ? ` (${file})` : ''}`,
  }),
  severity: { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } } as Record<string, LocalText>,
  findingRow: (row: number, line: number | null): LocalText => ({
    zh: line === null ? `第 ${row} 行` : `第 ${row} 行（文件第 ${line} 行）`,
    en: line === null ? `row ${row}` : `row ${row} (line ${line})`,
  }),
  findingColumn: (c: string): LocalText => ({ zh: `列 ${c}`, en: `column ${c}` }),
  at: { zh: '位于', en: 'at' },
  provinceAndPrefectures: (name: string, n: number): LocalText => ({ zh: `${name} — ${n} 个市（州）`, en: `${name} — ${n} prefectures` }),
} as const;

/** The language from `--lang`, else from LANG / LC_ALL (zh… → Chinese), else English. */
export function langOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice(7) : argv[i + 1];
  if (v === 'zh' || v === 'en') return v;
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
