/** Arguments → option values, by a command's declaration; every refusal says what was expected. */
import { UsageError } from './common.js';
import { CLI_TEXT } from './messages.js';
import { COMMON_OPTIONS, type CommandSpec, type OptionSpec, type Values } from './spec.js';
import { nearest } from './suggest.js';

const check = (o: OptionSpec, v: string): string => {
  if (o.type === 'number' && (v.trim() === '' || !Number.isFinite(Number(v)))) throw new UsageError(CLI_TEXT.notNumber(o.name, v));
  if (o.choices) {
    const parts = o.type === 'list' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [v];
    for (const p of parts)
      if (!o.choices.includes(p)) throw new UsageError(CLI_TEXT.notChoice(o.name, p, o.choices, nearest(p, o.choices, (c) => [c])));
  }
  return v;
};

/** Parse `argv` (after the command name) by the command's options and the common ones. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): Values {
  const options = [...spec.options, ...COMMON_OPTIONS];
  const byName = new Map(options.map((o) => [o.name, o]));
  const values: Values = {};
  if (argv.includes('--help') || argv.includes('-h')) {
    // Help wins over everything else; only the option names are checked.
    for (const a of argv) {
      if (!a.startsWith('--')) continue;
      const name = a.slice(2).split('=')[0]!;
      if (!byName.has(name)) throw new UsageError(CLI_TEXT.unknownOption(`--${name}`, spec.name, nearest(name, options.map((x) => x.name), (x) => [x]).map((x) => `--${x}`)));
    }
    return { help: true };
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') {
      values['help'] = true;
      continue;
    }
    if (!a.startsWith('--') || a === '--') throw new UsageError(CLI_TEXT.positional(a));
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const o = byName.get(name);
    if (!o) throw new UsageError(CLI_TEXT.unknownOption(`--${name}`, spec.name, nearest(name, options.map((x) => x.name), (x) => [x]).map((x) => `--${x}`)));
    if (o.type === 'boolean') {
      if (eq >= 0) throw new UsageError(CLI_TEXT.noValue(name));
      values[name] = true;
      continue;
    }
    let v: string | undefined = eq >= 0 ? a.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (v === undefined || (v.startsWith('--') && v.length > 2)) v = undefined;
      else i++;
    }
    if (v === undefined) {
      if (o.bare === undefined) throw new UsageError(CLI_TEXT.needsValue(name, o.arg ?? 'VALUE'));
      v = o.bare;
    }
    check(o, v);
    values[name] = o.type === 'list' && typeof values[name] === 'string' ? `${values[name] as string},${v}` : v;
  }
  return values;
}
