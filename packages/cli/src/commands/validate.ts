/** `houfu validate`: the data-quality report; exit 1 on errors. */
import { countFindings } from '@houfu/core';
import { ctxOf, findingLine, loadFromArgs, oneOf, type Io } from '../common.js';
import { CLI_TEXT, say } from '../messages.js';
import { DATA, ENCODING, MAPPING, type CommandSpec } from '../spec.js';

/** Validate a dataset folder and print its findings. */
export async function validate(values: Record<string, unknown>, io: Io): Promise<number> {
  const ctx = ctxOf(io);
  const format = oneOf(values['format'], ['text', 'json'] as const, 'format', 'text');
  const lang = ctx.lang;
  const ds = await loadFromArgs(values, io);
  const errors = countFindings(ds.findings, 'error');
  const warnings = countFindings(ds.findings, 'warning');
  if (format === 'json') io.out(`${JSON.stringify(ds.findings, null, 1)}\n`);
  else {
    const order = { error: 0, warning: 1, info: 2 } as const;
    for (const f of [...ds.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
      if (ctx.quiet && f.severity !== 'error') continue;
      io.out(`${findingLine(f, lang)}\n`);
    }
    const rows = Object.entries(ds.tables).map(([n, t]) => say(lang, CLI_TEXT.tableRows(n, t?.numRows ?? 0, ds.files[n as keyof typeof ds.files] ?? undefined)));
    if (rows.length && !ctx.quiet) io.out(`${rows.join('\n')}\n`);
    io.out(`${say(lang, CLI_TEXT.validateSummary(errors, warnings))}\n`);
  }
  return errors ? 1 : 0;
}

/** The declaration of `houfu validate`. */
export const spec: CommandSpec = {
  name: 'validate',
  summary: { zh: '数据质量报告：每个问题写明文件、行、列和规则；有错误时退出码为 1', en: 'the data-quality report: each finding names file, row, column and rule; exit 1 on errors' },
  usage: ['--data DIR [--mapping FILE.json] [--format text|json] [--lang zh|en]'],
  options: [
    DATA,
    MAPPING,
    ENCODING,
    { name: 'format', type: 'string', arg: 'FMT', choices: ['text', 'json'], default: 'text', description: { zh: 'text 每条一行，json 机器可读', en: 'text (one finding a line) or json' } },
  ],
  examples: [
    { cmd: 'houfu validate --data datasets/guizhou-2019-sample --lang zh', text: { zh: '检查样例数据，中文输出', en: 'check the sample, in Chinese' } },
    { cmd: 'houfu validate --data test/fixtures/broken --format json', text: { zh: '有问题的数据，JSON 输出（退出码 1）', en: 'broken data, as JSON (exit 1)' } },
  ],
  run: validate,
};
