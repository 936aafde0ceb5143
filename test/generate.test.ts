import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SAMPLE = 'datasets/guizhou-2019-sample';
/** SHA-256 of a file's bytes. */
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const houfu = (...args: string[]) => spawnSync(process.execPath, ['packages/cli/dist/main.js', ...args], { encoding: 'utf8' });

describe('houfu generate', () => {
  it('regenerates the bundled sample byte for byte (same seed and scale, same bytes)', () => {
    const out = mkdtempSync(join(tmpdir(), 'houfu-gen-'));
    const r = houfu('generate', '--preset', 'guizhou-2019', '--scale', '0.01', '--seed', '2019', '--format', 'csv', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(SAMPLE).sort();
    expect(readdirSync(out).sort()).toEqual(files);
    for (const f of files) expect(sha(join(out, f)), f).toBe(sha(join(SAMPLE, f)));
  });

  it('writes identical Arrow and Parquet files for the same seed, different ones for another seed', () => {
    for (const format of ['arrow', 'parquet']) {
      const [a, b, c] = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), 'houfu-gen-')));
      expect(houfu('generate', '--scale', '0.02', '--seed', '7', '--format', format, '--out', a!).status).toBe(0);
      expect(houfu('generate', '--scale', '0.02', '--seed', '7', '--format', format, '--out', b!).status).toBe(0);
      expect(houfu('generate', '--scale', '0.02', '--seed', '8', '--format', format, '--out', c!).status).toBe(0);
      const persons = `persons.${format}`;
      expect(sha(join(a!, persons))).toBe(sha(join(b!, persons)));
      expect(sha(join(a!, persons))).not.toBe(sha(join(c!, persons)));
    }
  });

  it('labels the data synthetic and validates cleanly', () => {
    const meta = JSON.parse(readFileSync(join(SAMPLE, 'dataset.json'), 'utf8')) as { synthetic: boolean; title: string };
    expect(meta.synthetic).toBe(true);
    expect(meta.title).toMatch(/synthetic/);
    const v = houfu('validate', '--data', SAMPLE);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/0 error\(s\), 0 warning\(s\)/);
  });

  it('refuses bad options', () => {
    expect(houfu('generate', '--scale', 'abc', '--out', '/tmp/x').status).toBe(2);
    expect(houfu('generate', '--preset', 'yunnan', '--out', '/tmp/x').status).toBe(2);
    expect(houfu('generate', '--scale', '1').stderr).toMatch(/--out is required/);
  });

  it('with --dirty, obsolete county codes are recognized and read as today\'s codes', () => {
    const out = mkdtempSync(join(tmpdir(), 'houfu-gen-'));
    expect(houfu('generate', '--scale', '0.05', '--seed', '3', '--dirty', '--out', out).status).toBe(0);
    const v = houfu('validate', '--data', out, '--format', 'json');
    expect(v.status).toBe(0);
    const findings = JSON.parse(v.stdout) as { severity: string; code: string; value: string | null }[];
    const obsolete = findings.filter((f) => f.code === 'obsolete_code').map((f) => f.value);
    expect(obsolete.length).toBeGreaterThan(0);
    expect(obsolete.every((c) => ['520221', '520522', '520222', '522322'].includes(c!))).toBe(true);
    const c = houfu('compute', '--data', out, '--indicators', 'structure.cross_county_share', '--by', 'county', '--format', 'json');
    const codes = (JSON.parse(c.stdout) as { area_code: string }[]).map((r) => r.area_code);
    expect(codes.some((x) => ['520221', '520522', '520222', '522322'].includes(x))).toBe(false);
  });

  it('with --months, the last month computes exactly like the data without periods', () => {
    const [plain, monthly] = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'houfu-gen-')));
    expect(houfu('generate', '--scale', '0.02', '--seed', '5', '--out', plain!).status).toBe(0);
    expect(houfu('generate', '--scale', '0.02', '--seed', '5', '--months', '3', '--out', monthly!).status).toBe(0);
    const rows = (dir: string) =>
      JSON.parse(houfu('compute', '--data', dir, '--indicators', 'four_musts,employment.rate', '--by', 'prefecture', '--format', 'json').stdout) as Record<string, unknown>[];
    const byMonth = rows(monthly!);
    expect([...new Set(byMonth.map((r) => r.period))].sort()).toEqual(['2019-10', '2019-11', '2019-12']);
    const last = byMonth.filter((r) => r.period === '2019-12').map((r) => ({ ...r, period: null }));
    expect(last).toEqual(rows(plain!));
  });
});
