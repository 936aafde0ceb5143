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
});
