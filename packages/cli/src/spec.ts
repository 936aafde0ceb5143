/**
 * A command is declared once, as data: its options (name, type, allowed values, description in zh
 * and en) and examples. Parsing, `--help` and usage errors are all derived from that declaration.
 */
import type { LocalText } from '@houfu/core';
import type { Ctx } from './common.js';

/** How an option's value is read. */
export type OptionType =
  /** A flag without a value. */
  | 'boolean'
  /** One value. */
  | 'string'
  /** A number (checked, passed on as written). */
  | 'number'
  /** Values separated by commas (a repeated option adds to the list); passed on joined by commas. */
  | 'list';

/** One option of a command. */
export interface OptionSpec {
  /** Name without the leading `--`. */
  readonly name: string;
  /** How its value is read. */
  readonly type: OptionType;
  /** Placeholder of the value in help (`DIR`, `FILE`, `ID`). */
  readonly arg?: string;
  /** The values allowed (for `list`, each item). */
  readonly choices?: readonly string[];
  /** The value taken when the option is not given (shown in help). */
  readonly default?: string;
  /** The value taken when the option is given without a value (`--suppress` → 10). */
  readonly bare?: string;
  /** What the option does. */
  readonly description: LocalText;
}

/** An example in a command's help. */
export interface Example {
  /** The command line. */
  readonly cmd: string;
  /** What it does. */
  readonly text: LocalText;
}

/** Parsed option values: strings (lists joined by commas), `true` for flags. */
export type Values = Record<string, unknown>;

/** One command of `houfu`. */
export interface CommandSpec {
  /** The command's name (`compute`). */
  readonly name: string;
  /** One line on what it does. */
  readonly summary: LocalText;
  /** Usage lines after `houfu NAME` (placeholders in capitals). */
  readonly usage: readonly string[];
  /** Its options (the common ones — --lang, --quiet, --verbose, --help — are added to every command). */
  readonly options: readonly OptionSpec[];
  /** Examples shown in help. */
  readonly examples?: readonly Example[];
  /** Further notes shown in help. */
  readonly notes?: LocalText;
  /** Run it; resolves to the exit code. */
  readonly run: (values: Values, ctx: Ctx) => Promise<number>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'lang',
    type: 'string',
    arg: 'LANG',
    choices: ['zh', 'en'],
    description: { zh: '输出语言：zh 中文，en 英文（默认取环境变量 LANG）', en: 'language of messages and tables: zh or en (default from the LANG environment variable)' },
  },
  { name: 'quiet', type: 'boolean', description: { zh: '只输出结果和错误，不输出提示和警告', en: 'print only results and errors: no notes or warnings' } },
  { name: 'verbose', type: 'boolean', description: { zh: '输出每一步的耗时和更多细节', en: 'print the time of each step and more detail' } },
  { name: 'help', type: 'boolean', description: { zh: '显示本命令的帮助', en: 'show this help' } },
];

/** Shared option: the dataset folder. */
export const DATA: OptionSpec = {
  name: 'data',
  type: 'string',
  arg: 'DIR',
  description: {
    zh: '数据集文件夹：sites、households、persons 等表的 CSV、Parquet 或 Arrow 文件（schema v1）',
    en: 'the dataset folder: CSV, Parquet or Arrow files of the tables of schema v1 (sites, households, persons, …)',
  },
};
/** Shared option: a column mapping. */
export const MAPPING: OptionSpec = {
  name: 'mapping',
  type: 'string',
  arg: 'FILE.json',
  description: { zh: '列名映射（JSON）：把自己的表头对应到 schema v1 的列名', en: 'a column mapping (JSON) from your headers to the column names of schema v1' },
};
/** Shared option: CSV encoding. */
export const ENCODING: OptionSpec = {
  name: 'encoding',
  type: 'string',
  arg: 'ENC',
  choices: ['auto', 'utf-8', 'gb18030'],
  default: 'auto',
  description: { zh: 'CSV 文件的编码；auto 自动识别 UTF-8 或 GB18030/GBK', en: 'encoding of CSV files; auto detects UTF-8 or GB18030/GBK' },
};
/** Shared option: output file. */
export const OUT: OptionSpec = {
  name: 'out',
  type: 'string',
  arg: 'FILE',
  description: { zh: '写入文件而不是标准输出', en: 'write to this file instead of standard output' },
};
/** Shared option: indicators. */
export const INDICATORS: OptionSpec = {
  name: 'indicators',
  type: 'list',
  arg: 'ID[,ID…]',
  description: {
    zh: '指标编号或指标族，逗号分隔：four_musts、employment、services、governance、culture、party、structure，或 all（全部）；houfu list 列出编号',
    en: 'indicator ids or families, separated by commas: four_musts, employment, services, governance, culture, party, structure, or all; houfu list shows the ids',
  },
};
/** Area levels. */
export const LEVEL_CHOICES = ['province', 'prefecture', 'county', 'site', 'unit'] as const;
/** Table output formats. */
export const TABLE_FORMATS = ['table', 'csv', 'json', 'arrow', 'parquet', 'xlsx'] as const;
/** Shared option: output format of a result table. */
export const FORMAT: OptionSpec = {
  name: 'format',
  type: 'string',
  arg: 'FMT',
  choices: TABLE_FORMATS,
  description: {
    zh: '输出格式：table 对齐的表格（终端默认）、csv（管道默认）、json、arrow、parquet、xlsx（Excel，需 --out）',
    en: 'output format: table (aligned, the default on a terminal), csv (the default in a pipe), json, arrow, parquet, xlsx (Excel; needs --out)',
  },
};
/** Shared option: CSV with a byte-order mark. */
export const BOM: OptionSpec = {
  name: 'bom',
  type: 'boolean',
  description: { zh: 'CSV 前加字节顺序标记（BOM），中文 Excel 可直接打开不乱码', en: 'start CSV with a byte-order mark, so that Chinese Excel opens it without mojibake' },
};
/** Shared option: refuse rather than skip. */
export const STRICT: OptionSpec = {
  name: 'strict',
  type: 'boolean',
  description: {
    zh: '有指标在该层级或分组下无法计算时报错退出，而不是跳过并警告',
    en: 'stop with an error when an indicator cannot be computed at the level or breakdown, instead of skipping it with a warning',
  },
};
