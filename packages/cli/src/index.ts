/**
 * @houfu/cli — the `houfu` command line, also callable in-process (for tests and scripts).
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { context, failure, processIo, type Io } from './common.js';
import { commandHelp, mainHelp } from './help.js';
import { CLI_TEXT, langOf, say } from './messages.js';
import { parseCommand } from './parse.js';
import { COMMANDS, commandSpec } from './registry.js';
import { nearest } from './suggest.js';

export type { Ctx, Io } from './common.js';
export type { CommandSpec, OptionSpec, OptionType, Example, Values } from './spec.js';
export { registerCommand, type LegacyCommand } from './registry.js';
export { commandHelp, mainHelp } from './help.js';

/** The version of @houfu/cli. */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Usage text (English). */
export const USAGE = mainHelp(COMMANDS, 'en');

/** Run the CLI with arguments (without `node houfu`); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const lang = langOf(argv, env);
  // Common options may come before the command: `houfu --lang zh list`.
  const lead: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quiet' || a === '--verbose' || a.startsWith('--lang=')) lead.push(a);
    else if (a === '--lang' && argv[i + 1] !== undefined) lead.push(a, argv[++i]!);
    else break;
  }
  const [name, ...after] = argv.slice(i);
  const rest = [...after, ...lead];
  const quiet = argv.includes('--quiet');
  const verbose = argv.includes('--verbose');
  const ctx = context(io, lang, quiet, verbose);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const sub = name === 'help' ? rest[0] : undefined;
    const spec = sub ? commandSpec(sub) : undefined;
    io.out(spec ? commandHelp(spec, lang) : mainHelp(COMMANDS, lang));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`houfu ${version()}\n`);
    return 0;
  }
  const cmd = commandSpec(name);
  if (!cmd) {
    const near = nearest(name, COMMANDS.map((c) => c.name), (c) => [c]);
    io.err(`houfu: ${say(lang, CLI_TEXT.unknownCommand(name, near))}\n${say(lang, CLI_TEXT.moreHelp)}\n`);
    return 2;
  }
  try {
    const values = parseCommand(cmd, rest);
    if (values['help'] === true) {
      io.out(commandHelp(cmd, lang));
      return 0;
    }
    return await cmd.run(values, ctx);
  } catch (e) {
    return failure(e, ctx, name);
  }
}
