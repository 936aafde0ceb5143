/**
 * The named suite of bad and unusual inputs (cases.ts), each written as a dataset folder and
 * run through the API (`loadDataset`, `compute`) and the command line (`houfu validate` and
 * `houfu compute`, in process): the finding it must give, with the exit code that goes with
 * it, or the same numbers as the clean data. Never a stack trace, never an internal message.
 * A few run through the built binary too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, HoufuError, toObjects, type Dataset, type Finding } from '@houfu/core';
import { loadDataset, readMapping } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';
import { main } from '../../packages/cli/src/index.js';
import { CASES, type BadInput } from './cases.js';
import type { Files } from './files.js';

const HAND = fileURLToPath(new URL('../fixtures/hand', import.meta.url));
const CLI = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));
const INTERNAL = /Cannot read propert|undefined is not|is not a function|is not iterable|\n\s+at .+:\d+:\d+|unexpected error|TypeError|RangeError/;

let root: string;
let clean: Dataset;
let cleanNumbers: unknown;
let cleanCli: string;

/** Run the CLI in process; its exit code and output. */
async function houfu(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += typeof t === 'string' ? t : new TextDecoder().decode(t)), err: (t) => void (err += t), tty: false });
  return { code, out, err };
}

/** Write a case's folder (and mapping file); their paths. */
function materialize(c: BadInput): { dir: string; mapping: string | undefined } {
  const files: Files = new Map(readdirSync(HAND).filter((n) => n.endsWith('.csv')).map((n) => [n, readFileSync(join(HAND, n), 'utf8')]));
  c.edit(files, { clean });
  const dir = join(root, c.name);
  mkdirSync(dir);
  for (const [name, e] of files) {
    if (typeof e === 'object' && 'dir' in e) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), e);
  }
  let mapping: string | undefined;
  if (c.mapping !== undefined) {
    mapping = join(root, `${c.name}.mapping.json`);
    writeFileSync(mapping, c.mapping instanceof Uint8Array ? c.mapping : JSON.stringify(c.mapping));
  }
  return { dir, mapping };
}

// Site names are shown as area names; the numbers are the rest.
const numbers = async (ds: Dataset): Promise<unknown> =>
  toObjects(await compute(ds, catalog, { by: ['site', 'county'] })).map(({ area_name: _, ...r }) => r);

/** Findings of the clean fixture (a household without persons, by design): not the case's. */
const key = (f: Finding): string => `${f.code}\u0000${f.file}\u0000${f.row}`;
let cleanKeys: Set<string>;

function matches(f: Finding | { code: string; severity: string; file: string | null; row: number | null; column: string | null }, c: BadInput): boolean {
  const e = c.expect;
  return (
    f.code === e.code &&
    f.severity === (e.severity ?? 'error') &&
    (e.file === undefined || f.file === e.file) &&
    (e.row === undefined || f.row === e.row) &&
    (e.column === undefined || f.column === e.column || (f.column ?? '').startsWith(`${e.column} [`))
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'houfu-bad-'));
  clean = await loadDataset(HAND);
  cleanNumbers = await numbers(clean);
  cleanKeys = new Set(clean.findings.map(key));
  cleanCli = (await houfu(['compute', '--data', HAND, '--indicators', 'all', '--by', 'county', '--format', 'json'])).out;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the suite', () => {
  it('has at least 100 cases with unique names, each saying what it must give', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    for (const c of CASES) expect(c.expect.code !== undefined || c.expect.same || c.expect.valid || c.expect.io, c.name).toBeTruthy();
  });
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it(`${c.how}: through the API`, async () => {
    let mapping: unknown;
    let ds: Dataset;
    const { dir, mapping: mappingFile } = materialize(c);
    try {
      if (mappingFile) mapping = await readMapping(mappingFile);
      ds = await loadDataset(dir, mapping ? { mapping: mapping as never } : {});
    } catch (e) {
      expect(c.expect.io, `${c.name} threw ${String(e)}`).toBe(true);
      expect(e).toBeInstanceOf(HoufuError);
      expect((e as HoufuError).code).toBe('io');
      return;
    }
    expect(c.expect.io, 'refused before validation').toBeFalsy();
    const shown = JSON.stringify(ds.findings.map((f) => [f.severity, f.code, f.file, f.row, f.column, f.message]), null, 1);
    for (const f of ds.findings) expect(`${f.message}\n${f.messageZh}`).not.toMatch(INTERNAL);
    if (c.expect.code) expect(ds.findings.some((f) => matches(f, c)), `${c.expect.code} in ${shown}`).toBe(true);
    if (c.expect.alone) expect(ds.findings.filter((f) => f.severity !== 'info' && !cleanKeys.has(key(f))).length, shown).toBe(1);
    const errors = ds.findings.filter((f) => f.severity === 'error');
    if (c.expect.same || c.expect.valid) expect(errors, shown).toEqual([]);
    if (c.expect.same) expect(await numbers(ds)).toEqual(cleanNumbers);
    if (!c.expect.same && !c.expect.valid && (c.expect.severity ?? 'error') === 'error') expect(Object.keys(ds.tables), 'no tables from data with errors').toEqual([]);
  });

  it(`${c.how}: through the command line`, async () => {
    const { dir, mapping } = materialize({ ...c, name: `${c.name}-cli` });
    const m = mapping ? ['--mapping', mapping] : [];
    const r = await houfu(['validate', '--data', dir, '--format', 'json', ...m]);
    expect(r.err).not.toMatch(INTERNAL);
    if (c.expect.io) {
      expect(r.code).toBe(3);
      expect(r.err).toContain('cannot read the column mapping');
      return;
    }
    const findings = JSON.parse(r.out) as Finding[];
    const isError = c.expect.code !== undefined && (c.expect.severity ?? 'error') === 'error' && !c.expect.same && !c.expect.valid;
    expect(r.code, r.err + r.out.slice(0, 2000)).toBe(isError || findings.some((f) => f.severity === 'error') ? 1 : 0);
    if (isError) expect(r.code).toBe(1);
    if (c.expect.code) expect(findings.some((f) => matches(f, c)), r.out.slice(0, 3000)).toBe(true);
    if (c.expect.same) {
      const out = await houfu(['compute', '--data', dir, '--indicators', 'all', '--by', 'county', '--format', 'json', ...m]);
      expect(out.code, out.err).toBe(0);
      expect(out.out).toBe(cleanCli);
    }
  });
});

describe('through the built binary', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  it.each(['folder-named-like-a-table', 'arrow-stream-cut-mid-batch', 'unterminated-quote', 'mapping-not-json', 'parquet-cut'])('%s: a finding or message, no stack trace', (name) => {
    const c = CASES.find((x) => x.name === name)!;
    const { dir, mapping } = materialize({ ...c, name: `${c.name}-bin` });
    const r = run(['compute', '--data', dir, '--indicators', 'four_musts', '--by', 'county', ...(mapping ? ['--mapping', mapping] : [])]);
    expect(r.stderr).not.toMatch(INTERNAL);
    expect(r.status).toBe(c.expect.io ? 3 : 1);
    expect(r.stderr).toContain(c.expect.io ? 'mapping' : c.expect.code!);
  });
});
