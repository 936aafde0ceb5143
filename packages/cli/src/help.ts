/** `--help` texts, derived from the commands' declarations, wrapped to 100 columns. */
import { displayWidth } from './common.js';
import { CLI_TEXT, say, type Lang } from './messages.js';
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec } from './spec.js';

/** Width of help and tables. */
export const WIDTH = 100;

/** Wrap text to a width, indenting continuation lines (CJK text may break between any characters). */
export function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let cur = '';
  const tokens = text.match(/[\u2e80-\ua4cf\uff00-\uffef]|[^\s\u2e80-\ua4cf\uff00-\uffef]+|\s+/g) ?? [];
  for (const t of tokens) {
    if (/^\s+$/.test(t)) {
      if (cur !== '') cur += ' ';
      continue;
    }
    if (displayWidth(cur + t) > width - indent && cur.trim() !== '') {
      lines.push(cur.trimEnd());
      cur = '';
    }
    cur += t;
  }
  if (cur.trim() !== '') lines.push(cur.trimEnd());
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}

const optionHead = (o: OptionSpec): string => `--${o.name}${o.type === 'boolean' ? '' : o.bare !== undefined ? ` [${o.arg ?? 'VALUE'}]` : ` ${o.arg ?? 'VALUE'}`}`;

function optionLines(options: readonly OptionSpec[], lang: Lang): string[] {
  const col = Math.min(30, Math.max(...options.map((o) => optionHead(o).length)) + 4);
  return options.flatMap((o) => {
    const extra: string[] = [];
    if (o.choices && !o.choices.every((c) => say(lang, o.description).includes(c)) && o.choices.length <= 8) extra.push(say(lang, CLI_TEXT.oneOf(o.choices)));
    if (o.default !== undefined) extra.push(say(lang, CLI_TEXT.defaultIs(o.default)));
    if (o.bare !== undefined) extra.push(say(lang, CLI_TEXT.bareIs(o.bare)));
    const text = say(lang, o.description) + (extra.length ? (lang === 'zh' ? `（${extra.join('；')}）` : ` (${extra.join('; ')})`) : '');
    const head = `  ${optionHead(o)}`;
    const body = wrap(text, WIDTH, col);
    if (head.length + 2 > col) return [head, ' '.repeat(col) + body[0]!, ...body.slice(1)];
    return [head + ' '.repeat(col - head.length) + body[0]!, ...body.slice(1)];
  });
}

/** The help of one command. */
export function commandHelp(spec: CommandSpec, lang: Lang): string {
  const out: string[] = [...wrap(`houfu ${spec.name} — ${say(lang, spec.summary)}`, WIDTH, 2), '', `${say(lang, CLI_TEXT.usageHeading)}:`];
  for (const u of spec.usage) out.push(...wrap(`houfu ${spec.name} ${u}`, WIDTH - 2, 4).map((l) => `  ${l}`));
  if (spec.options.length) out.push('', `${say(lang, CLI_TEXT.optionsHeading)}:`, ...optionLines(spec.options, lang));
  out.push('', `${say(lang, CLI_TEXT.commonHeading)}:`, ...optionLines(COMMON_OPTIONS, lang));
  if (spec.notes) out.push('', ...wrap(say(lang, spec.notes), WIDTH, 0));
  if (spec.examples?.length) {
    out.push('', `${say(lang, CLI_TEXT.examplesHeading)}:`);
    // A long command continues on the next line after a backslash, so that it can be pasted as it is.
    for (const e of spec.examples) out.push(...wrap(e.cmd, WIDTH - 4, 4).map((l, i, all) => `  ${l}${i < all.length - 1 ? ' \\' : ''}`), ...wrap(say(lang, e.text), WIDTH, 6).map((l, i) => (i === 0 ? `      ${l}` : l)));
  }
  return `${out.join('\n')}\n`;
}

/** The help of `houfu` itself: the commands and their summaries. */
export function mainHelp(specs: readonly CommandSpec[], lang: Lang): string {
  const col = Math.max(...specs.map((s) => s.name.length)) + 4;
  const out = [
    say(lang, CLI_TEXT.title),
    '',
    `${say(lang, CLI_TEXT.usageHeading)}: houfu COMMAND [OPTIONS]   houfu --version   houfu COMMAND --help`,
    '',
    `${say(lang, CLI_TEXT.commandsHeading)}:`,
    ...specs.flatMap((s) => wrap(say(lang, s.summary), WIDTH, col + 2).map((l, i) => (i === 0 ? `  ${s.name.padEnd(col)}${l}` : l))),
    '',
    `${say(lang, CLI_TEXT.commonHeading)}:`,
    ...optionLines(COMMON_OPTIONS, lang),
    '',
    say(lang, CLI_TEXT.moreHelp),
  ];
  return `${out.join('\n')}\n`;
}
