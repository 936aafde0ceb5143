/** `houfu list`: the catalog. */
import { catalog } from '@houfu/indicators';
import { clip, ctxOf, oneOf, textTable, type Io } from '../common.js';
import { targetText } from '../format/labels.js';
import { WIDTH } from '../help.js';
import { unitName } from '../format/labels.js';
import type { CommandSpec } from '../spec.js';

/** Print the catalog: id, names, unit, target, policy source. */
export async function list(values: Record<string, unknown>, io: Io): Promise<number> {
  const ctx = ctxOf(io);
  const format = oneOf(values['format'], ['table', 'json'] as const, 'format', 'table');
  if (format === 'json') {
    io.out(`${JSON.stringify(catalog, null, 1)}\n`);
    return 0;
  }
  const zh = ctx.lang === 'zh';
  const rows = catalog.map((d) => [d.id, zh ? d.name.zh : d.name.en, unitName(d.unit, ctx.lang), targetText(d)]);
  const head = zh ? ['编号', '名称', '单位', '目标'] : ['id', 'name', 'unit', 'target'];
  const lines = textTable(head, rows, { width: WIDTH, shrink: [1] }).trimEnd().split('\n');
  // The policy source on a line of its own under each indicator.
  const src = catalog.map((d) => `    ${clip(`${zh ? '依据：' : 'source: '}${zh ? d.source.clause : d.source.clauseEn}`, WIDTH - 4)}`);
  io.out(`${[lines[0], lines[1], ...lines.slice(2).flatMap((l, i) => [l, src[i]!])].join('\n')}\n`);
  return 0;
}

/** The declaration of `houfu list`. */
export const spec: CommandSpec = {
  name: 'list',
  summary: { zh: '指标目录：编号、名称、单位、目标、政策依据', en: 'the catalog: id, name, unit, target, policy source' },
  usage: ['[--format table|json] [--lang zh|en]'],
  options: [
    {
      name: 'format',
      type: 'string',
      arg: 'FMT',
      choices: ['table', 'json'],
      default: 'table',
      description: { zh: 'table 表格（名称按 --lang），json 完整定义（含中英文名称和政策原文）', en: 'table (names in the --lang language) or json (full definitions with both names and the policy text)' },
    },
  ],
  examples: [
    { cmd: 'houfu list --lang zh', text: { zh: '中文指标目录', en: 'the catalog in Chinese' } },
    { cmd: 'houfu list --format json', text: { zh: '全部定义（JSON）', en: 'every definition as JSON' } },
  ],
  run: list,
};
