/**
 * `houfu compute --definitions FILE.json`: an indicator that is not in the catalog, written as
 * a JSON shorthand, computed on the hand fixture (expected counts read off
 * test/fixtures/hand/persons.csv by hand: 22 labor-force persons, 9 of them women, 3 persons
 * whose labor status is unknown); a bad file is refused with its path and rule.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const houfu = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};

const womenInLabor = {
  kind: 'rate',
  id: 'research.women_in_labor_force',
  name: { zh: '劳动力中女性比例', en: 'Women in the labor force' },
  description: { zh: '劳动力中女性的比例', en: 'Share of women among labor-force members' },
  unit: 'person',
  universe: { kind: 'column', name: 'is_labor' },
  outcome: { kind: 'compare', op: 'eq', left: { kind: 'column', name: 'sex' }, right: { kind: 'literal', value: 'female' } },
  source: { clause: '研究', clauseEn: 'research', document: 'none' },
};

describe('houfu compute --definitions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houfu-defs-'));
  it('computes an indicator from a JSON file, beside catalog indicators', () => {
    const file = join(dir, 'defs.json');
    writeFileSync(file, JSON.stringify([womenInLabor]));
    const r = houfu('compute', '--data', 'test/fixtures/hand', '--definitions', file, '--indicators', 'four_musts.training', '--by', 'province', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as { indicator_id: string; numerator: number; denominator: number; unknown: number; value: number }[];
    expect(rows.map((x) => x.indicator_id)).toEqual(['four_musts.training', 'research.women_in_labor_force']);
    expect(rows[1]).toMatchObject({ numerator: 9, denominator: 22, unknown: 3 });
    expect(rows[1]!.value).toBeCloseTo(9 / 22, 12);
  });

  it('refuses a bad file naming the file, the JSON path and the rule', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...womenInLabor, unit: 'village' }));
    const r = houfu('compute', '--data', 'test/fixtures/hand', '--definitions', file, '--by', 'province');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(file);
    expect(r.err).toContain('/unit: must be one of person, household, site, unit, project, problem [enum]');
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
    writeFileSync(file, '{ not json');
    expect(houfu('compute', '--data', 'test/fixtures/hand', '--definitions', file, '--by', 'province').err).toContain('is not JSON');
  });
});
