/**
 * Areas and indicator ids as people type them: codes or names, typos refused with the nearest ones,
 * `--by` lists, indicators that cannot be computed skipped with one warning; and the README's own
 * command-line examples, run verbatim.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const HAND = 'test/fixtures/hand';

function houfu(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
const ids = (out: string): string[] => (JSON.parse(out) as { household_id: string }[]).map((x) => x.household_id).sort();
const fails = (...more: string[]) => houfu('households', '--failing', 'four_musts.employment', '--data', HAND, '--format', 'json', ...more);

describe('households: areas by code or name', () => {
  // test/fixtures/hand/README.md: failing or unknown on the employment must in 西秀区 (520402, sites S4 and S5): H11, H12, H13;
  // the prefecture 安顺市 (520400) holds only 西秀区.
  it('takes a county name as its code', () => {
    const byCode = fails('--county', '520402');
    const byName = fails('--county', '西秀区');
    expect(byCode.code).toBe(0);
    expect(ids(byCode.out)).toEqual(['H11', 'H12', 'H13']);
    expect(ids(byName.out)).toEqual(['H11', 'H12', 'H13']);
    expect(ids(fails('--prefecture', '安顺市').out)).toEqual(['H11', 'H12', 'H13']);
    expect(ids(fails('--site', '西秀区彩虹安置点').out)).toEqual(ids(fails('--site', 'S4').out));
  });

  it('refuses an unknown county code with the nearest counties of the data (exit 2)', () => {
    const r = fails('--county', '520409');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('no county "520409" in the data');
    expect(r.err).toContain('did you mean 西秀区 520402');
  });

  it('refuses a misspelt name, in Chinese with --lang zh', () => {
    const r = fails('--county', '西秀', '--lang', 'zh');
    expect(r.code).toBe(2);
    expect(r.err).toContain('数据中没有县（市、区） "西秀"');
    expect(r.err).toContain('是不是 西秀区 520402？');
  });

  it('says so when a prefecture is given as a county, naming the right option', () => {
    const r = fails('--county', '安顺市');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a prefecture (安顺市 520400)');
    expect(r.err).toContain('--prefecture 安顺市');
  });

  it('refuses a county of Guizhou that has no site in the data, and an unknown site', () => {
    const r = fails('--county', '520103'); // 云岩区: a real county, not in the hand fixture
    expect(r.code).toBe(2);
    expect(r.err).toContain('云岩区 520103');
    expect(fails('--site', 'nosuch').code).toBe(2);
  });

  it('tells an empty list from a typo', () => {
    // 花溪区 (520111, site S3): no household fails or is unknown on the employment must.
    const r = fails('--county', '花溪区');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.err).toContain('no household fails or is unknown on four_musts.employment in 花溪区 520111');
  });

  it('refuses a period that the data do not have', () => {
    expect(fails('--period', '2019-13').err).toContain('the data have no periods');
    // test/fixtures/hand-periods: two months, 2019-11 and 2019-12.
    const r = houfu('households', '--failing', 'four_musts.employment', '--data', 'test/fixtures/hand-periods', '--period', '2019-10');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no period 2019-10 in the data');
    expect(r.err).toContain('2019-11');
    expect(houfu('households', '--failing', 'four_musts.employment', '--data', 'test/fixtures/hand-periods', '--period', '2019-12', '--format', 'json').code).toBe(0);
  });

  it('suggests the nearest indicator for a misspelt id', () => {
    const r = houfu('households', '--failing', 'four_musts.employmnt', '--data', HAND);
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean');
    expect(r.err).toContain('four_musts.employment');
    const c = houfu('compute', '--data', HAND, '--indicators', 'employment.rat', '--by', 'county');
    expect(c.code).toBe(2);
    expect(c.err).toContain('employment.rate');
  });
});

interface Expected {
  indicator_id: string;
  level: string;
  area_code: string;
  numerator: number;
  denominator: number;
}
const expected = (JSON.parse(readFileSync(`${HAND}/expected.json`, 'utf8')) as { rows: Expected[] }).rows;

describe('compute: --by lists and indicators that cannot be computed', () => {
  it('--by province,prefecture gives the hand-calculated rows of both levels', () => {
    const r = houfu('compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'province,prefecture', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = csvParse(r.out);
    const want = expected.filter((e) => e.indicator_id.startsWith('four_musts.') && (e.level === 'province' || e.level === 'prefecture'));
    expect(rows).toHaveLength(want.length);
    for (const w of want) {
      const got = rows.find((x) => x.indicator_id === w.indicator_id && x.level === w.level && x.area_code === w.area_code);
      expect([Number(got?.numerator), Number(got?.denominator)], `${w.indicator_id} ${w.area_code}`).toEqual([w.numerator, w.denominator]);
    }
  });

  it('skips the household musts when broken down by sex (a person column), with one warning; --strict refuses', () => {
    const r = houfu('compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'county', '--breakdown', 'sex', '--format', 'csv');
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    // Sex is a column of persons: only the training must (over persons) can be broken down by it.
    for (const id of ['four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all']) expect(warnings[0]).toContain(id);
    expect(warnings[0]).not.toContain('four_musts.training');
    expect([...new Set(csvParse(r.out).map((x) => x.indicator_id))]).toEqual(['four_musts.training']);
    const strict = houfu('compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'county', '--breakdown', 'sex', '--strict');
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(/four_musts\.(employment|land|income|all)/);
  });

  it('computes the whole catalog by unit, skipping what cannot be computed per management unit', () => {
    const r = houfu('compute', '--data', HAND, '--indicators', 'all', '--by', 'unit', '--format', 'csv');
    expect(r.code).toBe(0);
    const list = JSON.parse(houfu('list', '--format', 'json').out) as { id: string; unit: string }[];
    const warning = r.err.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warning).toHaveLength(1);
    const skipped = list.filter((d) => warning[0]!.includes(`${d.id},`) || warning[0]!.includes(`${d.id} (`)).map((d) => d.id);
    const computed = new Set(csvParse(r.out).map((x) => x.indicator_id));
    expect(computed.size).toBeGreaterThan(0);
    // Every indicator is either computed or named in the warning, never both.
    for (const d of list) expect(computed.has(d.id) !== skipped.includes(d.id), d.id).toBe(true);
    // Site indicators (counted per site) cannot be split into management units.
    for (const d of list.filter((x) => x.unit === 'site')) expect(skipped, d.id).toContain(d.id);
  });
});

describe("the README's command-line section", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('### Data'));
  const lines = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')).filter((l) => l.trim() !== '');

  it('has examples, each runnable with Node alone', () => {
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^node packages\/cli\/dist\/main\.js /);
  });

  for (const line of lines)
    it(`runs verbatim and prints something: ${line.slice(31, 110)}`, () => {
      const r = spawnSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n').length + (/wrote/.test(r.stderr) ? 2 : 0), line).toBeGreaterThan(2);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
});
