/** The commands of `houfu`, one declaration each; others can be added with {@link registerCommand}. */
import { spec as compare } from './commands/compare.js';
import { spec as compute } from './commands/compute.js';
import { spec as cube } from './commands/cube.js';
import { spec as generate } from './commands/generate.js';
import { spec as households } from './commands/households.js';
import { spec as list } from './commands/list.js';
import { spec as load } from './commands/load.js';
import { spec as report } from './commands/report.js';
import { spec as validate } from './commands/validate.js';
import type { Io } from './common.js';
import type { CommandSpec, OptionSpec } from './spec.js';

/** The commands, in the order help lists them. */
export const COMMANDS: CommandSpec[] = [list, compute, households, report, validate, generate, compare, cube, load];

/** A command declared the older way: parseArgs options and a usage text. */
export interface LegacyCommand {
  /** Options as for node:util parseArgs. */
  readonly options: Record<string, { type: 'string' | 'boolean' }>;
  /** Run it. */
  readonly run: (v: Record<string, unknown>, io: Io) => Promise<number>;
  /** Usage text. */
  readonly usage: string;
  /** Options whose value may be left out, with the value they then take. */
  readonly defaults?: Readonly<Record<string, string>>;
}

const isSpec = (c: CommandSpec | LegacyCommand): c is CommandSpec => Array.isArray((c as CommandSpec).options);

/** Register a command (a full declaration, or the older options-and-usage form). */
export function registerCommand(name: string, command: CommandSpec | LegacyCommand): void {
  const spec: CommandSpec = isSpec(command)
    ? { ...command, name }
    : {
        name,
        summary: { zh: command.usage.split('\n')[0] ?? name, en: command.usage.split('\n')[0] ?? name },
        usage: command.usage.split('\n').map((l) => l.replace(new RegExp(`^\\s*houfu ${name}\\s*`), '')),
        options: Object.entries(command.options).map(
          ([n, o]): OptionSpec => ({ name: n, type: o.type, ...(command.defaults?.[n] !== undefined ? { bare: command.defaults[n] } : {}), description: { zh: n, en: n } }),
        ),
        run: command.run,
      };
  const i = COMMANDS.findIndex((c) => c.name === name);
  if (i >= 0) COMMANDS[i] = spec;
  else COMMANDS.push(spec);
}

/** The declaration of a command by name. */
export const commandSpec = (name: string): CommandSpec | undefined => COMMANDS.find((c) => c.name === name);
