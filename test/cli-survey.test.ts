/** The command line with a survey design, suppression, and `houfu compare`. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const DIR = 'test/fixtures/survey/stratified-clustered-fpc';
const DESIGN = 'weight=weight,strata=stratum,psu=cluster,fpc=fpc_n';

function houfu(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('houfu compute --design', () => {
  it('writes R survey’s estimate, SE, df and interval with the survey columns', () => {
    const r = houfu('compute', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'county', '--design', DESIGN);
    expect(r.code, r.err).toBe(0);
    const rows = csvParse(r.out);
    expect(rows.columns.slice(-7)).toEqual(['se', 'ci_low', 'ci_high', 'df', 'deff', 'n', 'flag']);
    const expected = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as {
      results: { indicator: string; level: string; breakdown: string | null; rows: { area_code: string; estimate: number; se: number; df: number; logit_conv_low: number; logit_conv_high: number }[] }[];
    };
    const rr = expected.results.find((x) => x.indicator === 'four_musts.income' && x.level === 'county' && x.breakdown === null)!.rows;
    expect(rr.length).toBe(4);
    for (const e of rr) {
      const o = rows.find((x) => x['area_code'] === e.area_code)!;
      // CSV carries shortest round-trip decimals: the numbers are exact.
      expect(Math.abs(Number(o['value']) - e.estimate)).toBeLessThan(1e-9);
      expect(Math.abs(Number(o['se']) - e.se)).toBeLessThan(1e-9);
      expect(Number(o['df'])).toBe(e.df);
      expect(Math.abs(Number(o['ci_low']) - e.logit_conv_low)).toBeLessThan(1e-9);
      expect(Math.abs(Number(o['ci_high']) - e.logit_conv_high)).toBeLessThan(1e-9);
    }
  });

  it('names the problem of a bad design and exits non-zero', () => {
    const r = houfu('compute', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'county', '--design', 'weight=nope');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/households\.csv: the design's weight column nope is missing/);
    const bad = houfu('compute', '--data', DIR, '--indicators', 'four_musts.income', '--design', DESIGN, '--interval', 'wald');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--interval must be one of logit, wilson, beta/);
  });
});

describe('houfu compute --suppress', () => {
  it('takes 10 by default, marks each cell and hides the suppressed numbers', () => {
    const d = houfu('compute', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'site', '--suppress');
    const t = houfu('compute', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'site', '--suppress', '60');
    expect(d.code, d.err).toBe(0);
    expect(t.code, t.err).toBe(0);
    const rows = csvParse(d.out);
    expect(rows.columns.at(-1)).toBe('suppressed');
    // Every site has more than 10 households: nothing is hidden at 10; all sites are below 60.
    expect(rows.every((r) => r['suppressed'] === '')).toBe(true);
    const hidden = csvParse(t.out);
    expect(hidden.every((r) => r['suppressed'] === 'denominator' && r['value'] === '' && r['status'] === 'suppressed')).toBe(true);
    expect(d.out).not.toMatch(/H\d{4}|P\d{5}/);
  });
});

describe('houfu compare', () => {
  it('writes urban − rural differences with their SE, and exact differences without a design', () => {
    const s = houfu('compare', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'province', '--breakdown', 'sites.site_type', '--groups', 'urban,rural', '--design', DESIGN);
    expect(s.code, s.err).toBe(0);
    const [row] = csvParse(s.out);
    const expected = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as { comparisons: { indicator: string; level: string; rows: { area_code: string; difference: number; se: number }[] }[] };
    const e = expected.comparisons.find((c) => c.indicator === 'four_musts.income' && c.level === 'province')!.rows[0]!;
    expect(Math.abs(Number(row!['difference']) - e.difference)).toBeLessThan(1e-9);
    expect(Math.abs(Number(row!['se']) - e.se)).toBeLessThan(1e-9);
    const plain = houfu('compare', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'province', '--breakdown', 'sites.site_type', '--groups', 'urban,rural');
    expect(plain.code, plain.err).toBe(0);
    expect(csvParse(plain.out)[0]!['se']).toBe('');
  });

  it('needs either groups or periods', () => {
    const r = houfu('compare', '--data', DIR, '--indicators', 'four_musts.income', '--by', 'county');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/either --breakdown COL --groups A,B or --periods A,B/);
  });
});
