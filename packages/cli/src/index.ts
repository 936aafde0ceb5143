/**
 * @houfu/cli — the `houfu` command line, also callable in-process (for tests and scripts).
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { compute, computeDefaults, computeOptions } from './commands/compute.js';
import { compare, compareOptions } from './commands/compare.js';
import { households, householdsOptions } from './commands/households.js';
import { list, listOptions } from './commands/list.js';
import { cubeOptions, generateOptions, loadOptions, reportOptions } from './commands/options.js';
import { validate, validateOptions } from './commands/validate.js';
import { DISPATCH_USAGE, dispatchOptions } from './commands/dispatch.js';
import { failure, processIo, UsageError, type Io } from './common.js';

export type { Io } from './common.js';

type Command = {
  options: Record<string, { type: 'string' | 'boolean' }>;
  run: (v: Record<string, unknown>, io: Io) => Promise<number>;
  usage: string;
  /** Options whose value may be left out, with the value they then take. */
  defaults?: Readonly<Record<string, string>>;
};

const COMMANDS: Record<string, Command> = {
  list: { options: listOptions, run: list, usage: 'houfu list [--format table|json]' },
  compute: {
    options: computeOptions,
    run: compute,
    usage:
      'houfu compute --data DIR --indicators ID[,ID|FAMILY…] --by province|prefecture|county|site|unit\n' +
      '              [--engine kernel|arquero|duckdb|duckdb-wasm|duckdb-native] [--format csv|json|arrow|parquet] [--out FILE]\n' +
      '              [--breakdown COL[,COL…]] [--mapping FILE.json] [--encoding auto|utf-8|gb18030]\n' +
      '              [--design weight=COL[,strata=COL][,psu=COL][,fpc=COL]] [--interval logit|wilson|beta]\n' +
      '              [--confidence 0.95] [--suppress [THRESHOLD]]\n' +
      'houfu compute --engine postgres --db postgres://… [--schema S] [--tables TABLE=NAME,…] [--mapping FILE.json]\n' +
      '              --indicators … --by … (data already in PostgreSQL; --mapping names its columns)\n' +
      'houfu compute --engine clickhouse --db http://HOST:PORT [--database DB] --indicators … --by … (data already in ClickHouse)\n' +
      'houfu compute --cube FILE.parquet --by LEVEL [--indicators …] [--breakdown COL,…] [--format …] [--out FILE]',
    defaults: computeDefaults,
  },
  load: {
    options: loadOptions,
    run: async (v, io) => (await import('./commands/load.js')).load(v, io),
    usage:
      'houfu load --db postgres://… --data DIR [--schema S] [--tables TABLE=NAME,…] [--replace] [--mapping FILE.json]\n' +
      'houfu load --engine clickhouse --db http://HOST:PORT [--cluster NAME] [--database DB] --data DIR [--replace]',
  },
  cube: {
    options: cubeOptions,
    run: async (v, io) => (await import('./commands/cube.js')).cube(v, io),
    usage:
      'houfu cube --data DIR --by site|unit[,period][,COL…] --out FILE.parquet|FILE.arrow\n' +
      '           [--indicators ID[,ID|FAMILY…]] [--engine kernel|arquero] [--mapping FILE.json] [--encoding auto|utf-8|gb18030]',
  },
  compare: {
    options: compareOptions,
    run: compare,
    usage:
      'houfu compare --data DIR --indicators ID[,ID…] --by LEVEL (--breakdown COL --groups A,B | --periods A,B)\n' +
      '              [--design weight=COL,…] [--confidence 0.95] [--format csv|json|arrow|parquet] [--out FILE]',
  },
  validate: { options: validateOptions, run: validate, usage: 'houfu validate --data DIR [--mapping FILE.json] [--format text|json] [--lang en|zh]' },
  report: {
    options: reportOptions,
    // Loaded on use: the chart renderer is large.
    run: async (v, io) => (await import('./commands/report.js')).report(v, io),
    usage: 'houfu report --data DIR [--out DIR] [--mapping FILE.json]\nhoufu report --data DIR --published [--format text|json]',
  },
  generate: {
    options: generateOptions,
    run: async (v, io) => (await import('./commands/generate.js')).generate(v, io),
    usage: 'houfu generate --preset guizhou-2019 --scale S --seed N --out DIR [--format parquet|csv|arrow] [--months N] [--dirty]',
  },
  dispatch: { options: dispatchOptions, run: async (v, io) => (await import('./commands/dispatch.js')).dispatchCommand(v, io), usage: DISPATCH_USAGE },
  households: {
    options: householdsOptions,
    run: households,
    usage:
      'houfu households --failing ID --data DIR [--site S] [--county CODE] [--prefecture CODE] [--period YYYY-MM]\n' +
      '                 [--status failed|unknown|both] [--format csv|json|arrow|parquet] [--out FILE]',
  },
};

/** Usage text. */
export const USAGE = `houfu — indicators of post-relocation support (易地扶贫搬迁后续扶持)

${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n')}

Families for --indicators: four_musts, employment, services, governance, culture, party, structure, measures (or all).
`;

/** Register an extra command (used by optional packages). */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

/** Give a value to options that may be left without one (`--suppress` → `--suppress 10`). */
function withDefaults(args: readonly string[], defaults: Readonly<Record<string, string>> | undefined): string[] {
  if (!defaults) return [...args];
  const out: string[] = [];
  args.forEach((a, i) => {
    out.push(a);
    const name = a.startsWith('--') ? a.slice(2) : '';
    const fallback = defaults[name];
    const next = args[i + 1];
    if (fallback !== undefined && (next === undefined || next.startsWith('--'))) out.push(fallback);
  });
  return out;
}

/** Run the CLI with arguments (without `node houfu`); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`houfu: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    let values: Record<string, unknown>;
    try {
      values = parseArgs({ args: withDefaults(rest, cmd.defaults), options: cmd.options, allowPositionals: false, strict: true }).values;
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\nusage: ${cmd.usage}`);
    }
    return await cmd.run(values, io);
  } catch (e) {
    return failure(e, io);
  }
}
