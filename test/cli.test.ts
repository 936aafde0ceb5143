import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { csvParse } from 'd3-dsv';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const HAND = 'test/fixtures/hand';

function houfu(...args: string[]): { code: number; out: string; err: string; bytes: Buffer } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'buffer', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8'), bytes: r.stdout };
}

interface Expected {
  indicator_id: string;
  level: string;
  area_code: string;
  numerator: number;
  denominator: number;
  unknown: number;
  value: string | number | null;
  status: string;
}
const expected = (JSON.parse(readFileSync(join(HAND, 'expected.json'), 'utf8')) as { rows: Expected[] }).rows;
/** "16/19" → 16/19; numbers as they are. */
const frac = (v: string | number | null): number | null => {
  if (v === null || typeof v === 'number') return v;
  const [a, b] = v.split('/').map(Number);
  return b === undefined ? Number(a) : (a as number) / b;
};

const FAMILIES = ['four_musts', 'employment', 'services'];
const COLUMNS = ['indicator_id', 'level', 'area_code', 'area_name', 'period', 'numerator', 'denominator', 'unknown', 'value', 'target', 'status'];

describe('houfu compute', () => {
  const json = houfu('compute', '--data', HAND, '--indicators', FAMILIES.join(','), '--by', 'county', '--format', 'json');
  const rows = JSON.parse(json.out) as Record<string, unknown>[];

  it('gives the hand-calculated numbers by county for four_musts, employment and services', () => {
    expect(json.code).toBe(0);
    const want = expected.filter((e) => e.level === 'county' && FAMILIES.some((f) => e.indicator_id.startsWith(`${f}.`)));
    expect(want.length).toBeGreaterThan(40);
    expect(rows).toHaveLength(want.length);
    for (const w of want) {
      const r = rows.find((x) => x.indicator_id === w.indicator_id && x.area_code === w.area_code);
      expect(r, `${w.indicator_id} ${w.area_code}`).toBeDefined();
      expect([r!.numerator, r!.denominator, r!.unknown, r!.status], `${w.indicator_id} ${w.area_code}`).toEqual([w.numerator, w.denominator, w.unknown, w.status]);
      const v = frac(w.value);
      if (v === null) expect(r!.value).toBeNull();
      else expect(r!.value as number).toBeCloseTo(v, 12);
    }
  });

  it('writes exactly the contract columns, with area names', () => {
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS);
    expect(rows.find((r) => r.area_code === '520402')?.area_name).toBe('西秀区');
  });

  it('gives the same rows as csv, arrow and parquet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'houfu-cli-'));
    const base = ['compute', '--data', HAND, '--indicators', FAMILIES.join(','), '--by', 'county'];
    const csv = houfu(...base, '--format', 'csv');
    const fromCsv = csvParse(csv.out).map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c] === '' ? null : ['numerator', 'denominator', 'unknown', 'value', 'target'].includes(c) ? Number(r[c]) : r[c]])));
    expect(fromCsv).toEqual(rows);
    expect(houfu(...base, '--format', 'arrow', '--out', join(dir, 'r.arrow')).code).toBe(0);
    const arrow = tableFromIPC(readFileSync(join(dir, 'r.arrow')));
    expect(arrow.toArray().map((r) => r.toJSON())).toEqual(rows);
    expect(houfu(...base, '--format', 'parquet', '--out', join(dir, 'r.parquet')).code).toBe(0);
    const buf = readFileSync(join(dir, 'r.parquet'));
    const pq = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
    expect(pq).toEqual(rows);
  });

  it('refuses unknown indicators, levels and formats with exit code 2', () => {
    expect(houfu('compute', '--data', HAND, '--indicators', 'four_musts.nope', '--by', 'county').code).toBe(2);
    const lvl = houfu('compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'village');
    expect(lvl.code).toBe(2);
    expect(lvl.err).toMatch(/--by must be one of/);
    expect(houfu('compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'county', '--format', 'docx').code).toBe(2);
    expect(houfu('compute', '--indicators', 'four_musts', '--by', 'county').err).toMatch(/--data is required/);
    expect(houfu('compute', '--data', '/nonexistent/dir', '--indicators', 'four_musts', '--by', 'county').code).toBe(3);
  });
});

describe('houfu households', () => {
  // From test/fixtures/hand/README.md (four_musts.employment): failing H02 (S1), H12 (S4);
  // unknown H05 (S1), H07 (S2), H11 and H13 (S4).
  it('lists the households failing or unknown on the employment must', () => {
    const r = houfu('households', '--failing', 'four_musts.employment', '--data', HAND, '--format', 'json');
    expect(r.code).toBe(0);
    const list = (JSON.parse(r.out) as { household_id: string; status: string; site_id: string; county_code: string; reason: string }[]).map((x) => [x.household_id, x.status]);
    expect(list.sort()).toEqual([
      ['H02', 'failed'],
      ['H05', 'unknown'],
      ['H07', 'unknown'],
      ['H11', 'unknown'],
      ['H12', 'failed'],
      ['H13', 'unknown'],
    ]);
  });

  it('filters by county and status', () => {
    const r = houfu('households', '--failing', 'four_musts.employment', '--data', HAND, '--county', '520402', '--status', 'failed', '--format', 'json');
    const list = JSON.parse(r.out) as { household_id: string; county_name: string; reason_zh: string }[];
    expect(list.map((x) => x.household_id)).toEqual(['H12']);
    expect(list[0]!.county_name).toBe('西秀区');
    expect(list[0]!.reason_zh).toContain('无人就业');
  });

  it('refuses a person-level indicator', () => {
    const r = houfu('households', '--failing', 'four_musts.training', '--data', HAND);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a household rate/);
  });
});

describe('houfu list', () => {
  it('lists every catalog indicator once, with its policy source', () => {
    const r = houfu('list', '--format', 'json');
    const defs = JSON.parse(r.out) as { id: string; source: { clause: string } }[];
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    expect(defs.map((d) => d.id)).toContain('four_musts.all');
    expect(defs.every((d) => d.source.clause.length > 0)).toBe(true);
    expect(houfu('list', '--lang', 'zh').out).toContain('有劳动力家庭一人以上就业率');
    expect(houfu('list', '--lang', 'en').out).toContain('Training of the labor force');
  });
});
