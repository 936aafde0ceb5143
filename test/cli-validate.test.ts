/**
 * `houfu validate` and `houfu compute` on broken data, through the built CLI
 * (packages/cli/dist/main.js; the test script builds before testing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url));
const BROKEN = 'test/fixtures/broken';
const HAND = 'test/fixtures/hand';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function houfu(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A finding as printed by `validate --format json`. */
interface JsonFinding {
  severity: string;
  code: string;
  table: string | null;
  file: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
  messageZh: string;
}

/** A planted fault, as listed in test/fixtures/broken/FAULTS.md. */
interface Fault {
  file: string;
  row: number | null;
  column: string | null;
  code: string;
  severity: string;
}

/** The table of FAULTS.md. */
function plantedFaults(): Fault[] {
  const text = readFileSync(fileURLToPath(new URL('./fixtures/broken/FAULTS.md', import.meta.url)), 'utf8');
  const faults: Fault[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | file | row | column | code | severity | fault |
    if (cells.length < 8 || !cells[1]!.endsWith('.csv')) continue;
    const [, file, row, column, code, severity] = cells as [string, string, string, string, string, string];
    faults.push({ file, row: row === '-' ? null : Number(row), column: column === '-' ? null : column, code, severity });
  }
  return faults;
}

let brokenJson: Run | undefined;
/** `houfu validate --data test/fixtures/broken --format json`, run once. */
const validateBrokenJson = (): Run => (brokenJson ??= houfu('validate', '--data', BROKEN, '--format', 'json'));

const key = (f: Fault | JsonFinding): string => `${f.severity} ${f.code} ${f.file}:${f.row ?? '-'}:${f.column ?? '-'}`;

describe('houfu validate / compute through the built CLI', () => {
  it('has a built CLI', () => {
    expect(existsSync(CLI), `${CLI} is missing: run the build first`).toBe(true);
  });

  it('FAULTS.md lists at least 12 planted faults of different kinds', () => {
    const faults = plantedFaults();
    expect(faults.length).toBeGreaterThanOrEqual(12);
    expect(new Set(faults.map((f) => f.code)).size).toBeGreaterThanOrEqual(12);
    expect(faults.filter((f) => f.severity === 'error').length).toBeGreaterThanOrEqual(12);
  });

  it('validate --format json on the broken folder exits 1 and reports every planted fault', () => {
    const r = validateBrokenJson();
    expect(r.status, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    expect(Array.isArray(findings)).toBe(true);
    const reported = findings.map(key);
    for (const fault of plantedFaults()) expect(reported, `planted fault not reported: ${key(fault)}`).toContain(key(fault));
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(0);
      expect(f.messageZh.length).toBeGreaterThan(0);
      expect(f.table).toBe(f.file?.replace(/\.csv$/, ''));
    }
  });

  it('validate reports nothing beyond the planted faults', () => {
    const findings = JSON.parse(validateBrokenJson().stdout) as JsonFinding[];
    expect(findings.map(key).sort()).toEqual(plantedFaults().map(key).sort());
  });

  it('validate (text) on the broken folder exits 1 and names file, row and column of each error', () => {
    const r = houfu('validate', '--data', BROKEN);
    expect(r.status).toBe(1);
    const errors = plantedFaults().filter((f) => f.severity === 'error');
    expect(r.stdout).toContain(`${errors.length} error(s)`);
    expect(r.stdout).toContain('error bad_date at sites.csv, row 4 (line 5), column opened_on');
    expect(r.stdout).toContain('error orphan_row at persons.csv, row 5 (line 6), column household_id');
    expect(r.stdout).toContain('error missing_column at management_units.csv, column party_members_elected');
    expect(r.stdout).not.toContain('the data can be computed on');
  });

  it('validate on the hand fixture exits 0', () => {
    const r = houfu('validate', '--data', HAND);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('0 error(s)');
    const json = houfu('validate', '--data', HAND, '--format', 'json');
    expect(json.status).toBe(0);
    const findings = JSON.parse(json.stdout) as JsonFinding[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('compute on the broken folder exits 1, prints the first error to stderr and nothing to stdout', () => {
    const first = (JSON.parse(validateBrokenJson().stdout) as JsonFinding[]).find(
      (f) => f.severity === 'error',
    )!;
    expect(first).toMatchObject({ code: 'bad_date', file: 'sites.csv', row: 4, column: 'opened_on' });

    const r = houfu('compute', '--data', BROKEN, '--indicators', 'all', '--by', 'county');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const firstLine = r.stderr.split('\n').find((l) => l.startsWith('houfu: '));
    expect(firstLine, r.stderr).toBeDefined();
    expect(firstLine).toContain('sites.csv');
    expect(firstLine).toContain('row 4');
    expect(firstLine).toContain('column opened_on');
    expect(firstLine).toContain('bad_date');
  });

  it('compute with an output file writes no file for broken data', () => {
    const out = fileURLToPath(new URL('./fixtures/broken/should-not-exist.csv', import.meta.url));
    const r = houfu('compute', '--data', BROKEN, '--indicators', 'four_musts', '--by', 'site', '--out', out);
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
