/**
 * `houfu cube` and `houfu compute --cube` end to end: a cube of the bundled sample gives the
 * very CSV that computing on the data gives, at every level, with breakdowns and by unit;
 * mistakes are refused with exit codes; the file holds no id of persons or households.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = 'packages/cli/dist/main.js';
const SAMPLE = 'datasets/guizhou-2019-sample';
const HAND = 'test/fixtures/hand';

function houfu(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('houfu cube on the bundled sample', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houfu-cube-'));
  const file = join(dir, 'sample.parquet');
  let made: ReturnType<typeof houfu>;
  beforeAll(() => {
    made = houfu('cube', '--data', SAMPLE, '--by', 'site,period', '--out', file);
  });

  it('writes the whole catalog', () => {
    expect(made.code, made.err).toBe(0);
    expect(made.err).toMatch(/45 indicators × \d+ sites/);
  });

  // Prefecture too is checked in-process (test/cube.test.ts); each run here loads the sample.
  for (const level of ['province', 'county', 'site'])
    it(`compute --cube --by ${level} writes the CSV of compute --data, byte for byte`, () => {
      const fromCube = houfu('compute', '--cube', file, '--by', level);
      const fromData = houfu('compute', '--data', SAMPLE, '--indicators', 'all', '--by', level);
      expect(fromCube.code, fromCube.err).toBe(0);
      expect(fromData.code, fromData.err).toBe(0);
      expect(csvParse(fromCube.out).length).toBeGreaterThan(20);
      expect(fromCube.out).toBe(fromData.out);
    });

  it('holds no column or value naming persons, households, facilities or activities', async () => {
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const meta = parquetMetadata(buffer);
    expect(meta.schema.slice(1).map((s) => s.name)).toEqual(['indicator_id', 'site_id', 'period', 'numerator', 'denominator', 'unknown']);
    const texts = new Set<string>();
    for (const row of await parquetReadObjects({ file: buffer })) for (const v of Object.values(row)) if (typeof v === 'string') texts.add(v);
    const metaText = (meta.key_value_metadata ?? []).map((kv) => kv.value ?? '').join('\n');
    const ids = (table: string, column: string) => csvParse(readFileSync(join(SAMPLE, `${table}.csv`), 'utf8')).map((r) => r[column]!);
    const secret = [...ids('persons', 'person_id'), ...ids('households', 'household_id'), ...ids('facilities', 'facility_id'), ...ids('activities', 'activity_id')];
    expect(secret.length).toBeGreaterThan(1000);
    expect(secret.filter((s) => texts.has(s) || metaText.includes(`"${s}"`))).toEqual([]);
  });

  it('keeps breakdowns: by county and site type from the cube equals compute --breakdown', () => {
    const f = join(dir, 'types.arrow');
    const m = houfu('cube', '--data', SAMPLE, '--by', 'site,period,sites.site_type,sites.is_demo', '--indicators', 'four_musts,employment', '--out', f);
    expect(m.code, m.err).toBe(0);
    const fromCube = houfu('compute', '--cube', f, '--by', 'county', '--indicators', 'four_musts', '--breakdown', 'sites.site_type');
    const fromData = houfu('compute', '--data', SAMPLE, '--by', 'county', '--indicators', 'four_musts', '--breakdown', 'sites.site_type');
    expect(fromCube.code, fromCube.err).toBe(0);
    expect(fromCube.out).toBe(fromData.out);
  });
});

describe('houfu cube by unit and its refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'houfu-cube-'));

  it('by unit: leaves out, saying so, what units cannot hold; gives compute --by unit', () => {
    const f = join(dir, 'units.parquet');
    const m = houfu('cube', '--data', HAND, '--by', 'unit', '--out', f);
    expect(m.code, m.err).toBe(0);
    expect(m.err).toMatch(/left out \d+ indicator\(s\) that cannot be summed by unit: .*services\.health_facility_coverage/);
    const kept = 'four_musts,employment,services.med_insurance_transfer,services.police_room_coverage,party.members_elected_per_unit,party.units_electing_share,structure.urban_share,structure.cross_county_share';
    const fromCube = houfu('compute', '--cube', f, '--by', 'unit', '--indicators', kept);
    const fromData = houfu('compute', '--data', HAND, '--by', 'unit', '--indicators', kept);
    expect(fromCube.code, fromCube.err).toBe(0);
    expect(fromCube.out).toBe(fromData.out);
    const county = houfu('compute', '--cube', f, '--by', 'county');
    expect([county.code, county.err]).toEqual([2, expect.stringMatching(/gives level unit only, not county/)]);
  });

  it('refuses mistakes with the usual exit codes', () => {
    const f = join(dir, 'site.parquet');
    expect(houfu('cube', '--data', HAND, '--indicators', 'four_musts', '--out', f).code).toBe(0);
    const cases: [string[], number, RegExp][] = [
      [['cube', '--data', HAND, '--by', 'county', '--out', f], 2, /--by must start with site or unit/],
      [['cube', '--data', HAND, '--out', join(dir, 'c.csv')], 2, /--out must end in \.parquet or \.arrow/],
      [['cube', '--data', HAND, '--by', 'site,sex', '--indicators', 'four_musts', '--out', f], 2, /cannot be broken down by sex/],
      [['compute', '--cube', f, '--by', 'unit'], 2, /summed by site cannot give level unit/],
      [['compute', '--cube', f, '--by', 'county', '--breakdown', 'sex'], 2, /no breakdown sex/],
      [['compute', '--cube', f, '--by', 'county', '--indicators', 'employment'], 2, /does not hold indicator employment\.rate/],
      [['compute', '--cube', f, '--data', HAND, '--by', 'county'], 2, /--data does not apply with --cube/],
      [['compute', '--cube', join(dir, 'missing.parquet'), '--by', 'county'], 3, /cannot read the cube file/],
      [['compute', '--cube', join(HAND, 'sites.csv'), '--by', 'county'], 3, /not a readable houfu cube/],
    ];
    for (const [args, code, message] of cases) {
      const r = houfu(...args);
      expect([r.code, r.err], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    }
  });
});
