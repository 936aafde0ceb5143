/**
 * The command line as a person uses it: help for every command in zh and en, --version, tables that
 * fit 100 columns with formatted numbers, broken pipes, --quiet / --verbose, no stack traces.
 * Through the built CLI (packages/cli/dist/main.js).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const HAND = 'test/fixtures/hand';
const SAMPLE = 'datasets/guizhou-2019-sample';
const COMMANDS = ['list', 'compute', 'households', 'report', 'validate', 'generate', 'compare', 'cube', 'load'];

function houfu(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', ...env, TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Terminal width of a line, counted independently of the CLI: CJK and full-width forms take two cells. */
const cells = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const widest = (text: string): number => Math.max(...text.split('\n').map(cells));
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('help', () => {
  it('houfu --help lists every command; houfu --version prints the package version', () => {
    const h = houfu(['--help']);
    expect(h.code).toBe(0);
    for (const c of COMMANDS) expect(h.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    const v = houfu(['--version']);
    expect(v.code).toBe(0);
    const pkg = JSON.parse(readFileSync('packages/cli/package.json', 'utf8')) as { version: string };
    expect(v.out.trim()).toBe(`houfu ${pkg.version}`);
  });

  for (const c of COMMANDS)
    it(`houfu ${c} --help describes every option, in en and zh, within 100 columns`, () => {
      const en = houfu([c, '--help', '--lang', 'en']);
      const zh = houfu([c, '--help', '--lang', 'zh']);
      expect(en.code).toBe(0);
      expect(zh.code).toBe(0);
      expect(widest(en.out)).toBeLessThanOrEqual(100);
      expect(widest(zh.out)).toBeLessThanOrEqual(100);
      // Every option named in the help has a description after it, and the parser takes it.
      const opts = [...en.out.matchAll(/^ {2}(--[a-z-]+)( \S+)?(?: {2,}(\S.*))?$/gm)];
      expect(opts.length).toBeGreaterThan(3);
      // Each is taken by the parser (given with a value where the help shows one).
      const args = opts.flatMap(([, name, arg]) => (name === '--help' ? [] : arg ? [`${name}=${arg.includes('|') ? arg.trim().split('|')[0] : 'x'}`] : [name!]));
      const r = houfu([c, ...args, '--help']);
      expect(r.err, `${c} ${args.join(' ')}`).not.toMatch(/has no option|takes no value/);
      const zhOpts = [...zh.out.matchAll(/^ {2}(--[a-z-]+)[^\n]*$/gm)];
      expect(zhOpts.map((m) => m[1])).toEqual(opts.map((m) => m[1]));
      // The Chinese help describes each option in Chinese (the line, or the next one, has CJK text).
      for (const m of zhOpts) {
        const at = zh.out.indexOf(m[0]);
        const two = zh.out.slice(at, zh.out.indexOf('\n', at + m[0].length + 1));
        expect(two, m[1]).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(en.out).toMatch(/^Examples:/m);
      expect(zh.out).toMatch(/^示例:/m);
    });

  it('takes the language from LANG when --lang is not given', () => {
    expect(houfu(['list', '--help'], { LANG: 'zh_CN.UTF-8' }).out).toMatch(/^选项:/m);
    expect(houfu(['list', '--help'], { LANG: 'en_US.UTF-8' }).out).toMatch(/^Options:/m);
    // Before the command too.
    expect(houfu(['--lang', 'zh', 'list', '--help'], { LANG: 'en_US.UTF-8' }).out).toMatch(/^选项:/m);
  });
});

describe('the examples in the help', () => {
  // Each runs as written (houfu = the built CLI), except load, which needs a database.
  for (const c of COMMANDS.filter((x) => x !== 'load'))
    it(`houfu ${c} --help: every example runs and prints something`, () => {
      const help = houfu([c, '--help', '--lang', 'en']).out;
      // A command continues over lines that end in a backslash.
      const examples = [...help.slice(help.indexOf('Examples:')).matchAll(/^ {2}(houfu (?:[^\n]*\\\n)*[^\n]*)$/gm)].map((m) => m[1]!.replace(/\\\n\s*/g, ''));
      expect(examples.length).toBeGreaterThan(0);
      for (const e of examples) {
        const r = spawnSync('sh', ['-c', e.replace(/^houfu /, `"${process.execPath}" ${CLI} `)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
        expect(c === 'validate' ? [0, 1] : [0], `${e}\n${r.stderr}`).toContain(r.status);
        expect(r.stdout.length + (/wrote|已写入/.test(r.stderr) ? 1 : 0), e).toBeGreaterThan(0);
      }
    });
});

describe('usage errors, in the chosen language, never with a stack trace', () => {
  it('an unknown option, with the nearest one', () => {
    const r = houfu(['compute', '--data', HAND, '--indicator', 'four_musts']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean --indicators?');
    const zh = houfu(['compute', '--data', HAND, '--indicator', 'four_musts', '--lang', 'zh']);
    expect(zh.err).toContain('是不是 --indicators？');
  });

  it('a value out of its list, fully in Chinese with --lang zh', () => {
    const r = houfu(['compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'village', '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--by 的值 "village" 无效/);
    expect(r.err).not.toMatch(/must be|Run "houfu/);
  });

  it('validate --lang zh prints its findings and summary in Chinese', () => {
    const r = houfu(['validate', '--data', 'test/fixtures/broken', '--lang', 'zh']);
    expect(r.code).toBe(1);
    const last = r.out.trim().split('\n').pop()!;
    expect(last).toMatch(/^\d+ 个错误，\d+ 个警告$/);
    expect(r.out).not.toMatch(/\berror\(s\)|\bat row\b| rows$/m);
    expect(r.out).toMatch(/^错误 /m);
  });

  it('missing files, folders and bad definitions end with a message and exit 3 or 2, no stack', () => {
    for (const args of [
      ['compute', '--data', '/nonexistent', '--indicators', 'four_musts', '--by', 'county'],
      ['compute', '--data', HAND, '--definitions', '/nonexistent.json', '--by', 'county'],
      ['compute', '--data', 'README.md', '--indicators', 'four_musts', '--by', 'county'],
      ['households', '--failing', 'four_musts.employment', '--data', HAND, '--county'],
      ['generate', '--scale', 'big', '--out', '/tmp/x'],
    ]) {
      const r = houfu(args);
      expect([2, 3], args.join(' ')).toContain(r.code);
      expect(r.err, args.join(' ')).toMatch(/^houfu: /);
      expect(r.err, args.join(' ')).not.toMatch(STACK);
    }
  });
});

describe('tables for people', () => {
  it('compute --format table: names, two-decimal percentages, thousands separators, 100 columns', () => {
    const args = ['compute', '--data', SAMPLE, '--indicators', 'four_musts,employment', '--by', 'province,prefecture'];
    const csv = csvParse(houfu([...args, '--format', 'csv']).out);
    for (const lang of ['en', 'zh']) {
      const t = houfu([...args, '--format', 'table', '--lang', lang]);
      expect(t.code).toBe(0);
      expect(widest(t.out)).toBeLessThanOrEqual(100);
      const lines = t.out.split('\n');
      // The province row of the employment must: its value with two decimals and its counts with separators.
      const row = csv.find((r) => r.indicator_id === 'four_musts.employment' && r.level === 'province')!;
      const pct = `${(Number(row.value) * 100).toFixed(2)}%`;
      const sep = (n: string): string => n.replace(/\B(?=(\d{3})+$)/g, ',');
      expect(Number(row.denominator)).toBeGreaterThan(999);
      const line = lines.find((l) => l.includes(pct) && l.includes('贵州省'));
      expect(line, pct).toBeDefined();
      expect(line).toContain(sep(row.numerator!));
      expect(line).toContain(sep(row.denominator!));
      expect(t.out).toContain(lang === 'zh' ? '有劳动力家庭' : 'Labor households');
      expect(t.out).not.toMatch(/\d\.\d{3,}/);
    }
  });

  it('list fits 100 columns in both languages', () => {
    for (const lang of ['en', 'zh']) expect(widest(houfu(['list', '--lang', lang]).out)).toBeLessThanOrEqual(100);
  });

  it('the report scorecard fits 100 columns in both languages', { timeout: 120_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'houfu-rep-'));
    for (const lang of ['en', 'zh']) {
      const r = houfu(['report', '--data', HAND, '--out', out, '--lang', lang]);
      expect(r.code).toBe(0);
      expect(widest(r.out)).toBeLessThanOrEqual(100);
      expect(r.out).toContain('77.78%');
      // The sample (Guizhou at scale 0.01) adds the published figures and a note on the scale.
      const s = houfu(['report', '--data', SAMPLE, '--out', out, '--lang', lang]);
      expect(s.code).toBe(0);
      expect(widest(s.out)).toBeLessThanOrEqual(100);
      expect(s.out).toContain(lang === 'zh' ? '在规模 1 下比较' : 'compared at scale 1');
    }
  });
});

describe('the default format', () => {
  it('is a table on a terminal and CSV in a pipe', async () => {
    const { main } = (await import('../packages/cli/dist/index.js')) as { main: (argv: string[], io: unknown, env: Record<string, string>) => Promise<number> };
    const run = async (tty: boolean): Promise<string> => {
      let out = '';
      const io = { out: (t: string | Uint8Array) => void (out += typeof t === 'string' ? t : Buffer.from(t).toString()), err: () => undefined, tty };
      expect(await main(['compute', '--data', HAND, '--indicators', 'four_musts.employment', '--by', 'province'], io, { LANG: 'en_US.UTF-8' })).toBe(0);
      return out;
    };
    const tty = await run(true);
    expect(tty).toMatch(/^ {2}area +value +numerator/m);
    expect(tty).toMatch(/贵州省 520000 +77\.78% +7 +9 +4 +not met/);
    expect((await run(false)).split('\n')[0]).toBe('indicator_id,level,area_code,area_name,period,numerator,denominator,unknown,value,target,status');
  });
});

describe('pipes, --quiet and --verbose', () => {
  it('ends quietly when the reader stops early (| head)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" ${CLI} compute --data ${SAMPLE} --indicators all --by site --format csv | head -n 2`], { encoding: 'utf8' });
    expect(r.stdout.split('\n')[0]).toMatch(/^indicator_id,level,/);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('--quiet leaves only results; --verbose adds the timings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'houfu-q-'));
    const base = ['compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'county', '--out', join(dir, 'r.csv')];
    expect(houfu(base).err).toMatch(/wrote \d+ rows/);
    expect(houfu([...base, '--quiet']).err).toBe('');
    expect(houfu([...base, '--verbose']).err).toMatch(/loaded test\/fixtures\/hand in \d+\.\d s/);
  });
});
