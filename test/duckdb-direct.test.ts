/**
 * Native DuckDB reads the user's own files (`read_parquet`, `read_csv`) when they are already
 * canonical, and falls back to the validated columns when validation read them differently
 * (GB18030 text, a column mapping, value spellings DuckDB would not read the same way); every
 * way gives the kernel's numbers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, toObjects, type Dataset } from '@houfu/core';
import { loadDataset, writeDataset, type ReadOptions } from '@houfu/core/node';
import { duckdbNativeEngine, nativeDuckDBAvailable, type DuckDBEngine } from '@houfu/core/duckdb';
import { catalog } from '@houfu/indicators';

const HAND = 'test/fixtures/hand';
const available = await nativeDuckDBAvailable();
let root: string;
let engine: DuckDBEngine;

/** A copy of the hand fixture, with some files rewritten. */
function folder(name: string, rewrite: Record<string, (text: string) => string | Uint8Array> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(HAND).filter((n) => n.endsWith('.csv'))) {
    const edit = rewrite[f];
    if (edit) writeFileSync(join(dir, f), edit(readFileSync(join(HAND, f), 'utf8')));
    else copyFileSync(join(HAND, f), join(dir, f));
  }
  return dir;
}

// GB18030 bytes of the non-ASCII characters of persons.csv (checked below with the platform decoder).
const GB: Record<string, number[]> = {
  仡: [0xd8, 0xee], 佬: [0xc0, 0xd0], 侗: [0xb6, 0xb1], 依: [0xd2, 0xc0], 布: [0xb2, 0xbc],
  彝: [0xd2, 0xcd], 族: [0xd7, 0xe5], 水: [0xcb, 0xae], 汉: [0xba, 0xba], 苗: [0xc3, 0xe7],
};
const gb18030 = (text: string): Uint8Array => new Uint8Array([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : GB[c]!)));

async function run(dir: string, options: ReadOptions = {}): Promise<{ ds: Dataset; paths: Record<string, { path: string; reason?: string }> }> {
  const ds = await loadDataset(dir, options);
  expect(ds.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const paths = await engine.loadPaths(ds);
  const kernel = toObjects(await compute(ds, catalog, { by: 'county' }));
  const duck = toObjects(await compute(ds, catalog, { by: 'county', engine }));
  expect(duck).toEqual(kernel);
  expect(kernel.length).toBeGreaterThan(100);
  return { ds, paths: paths as Record<string, { path: string; reason?: string }> };
}

describe.skipIf(!available)('native DuckDB and the files on disk', () => {
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'houfu-duckdb-direct-'));
    engine = duckdbNativeEngine({ threads: 1 });
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reads canonical CSV files with read_csv, and gives the kernel’s numbers', async () => {
    const { paths } = await run(folder('csv'));
    expect(Object.keys(paths).length).toBeGreaterThan(10);
    for (const [t, p] of Object.entries(paths)) expect(p, t).toEqual({ path: 'read_csv' });
  });

  it('reads canonical Parquet files with read_parquet, and gives the kernel’s numbers', async () => {
    const dir = join(root, 'parquet');
    await writeDataset(dir, await loadDataset(HAND), 'parquet');
    const { paths } = await run(dir);
    for (const [t, p] of Object.entries(paths)) expect(p, t).toEqual({ path: 'read_parquet' });
  });

  it('falls back to the validated columns for a GB18030 file, and gives the kernel’s numbers', async () => {
    const text = readFileSync(join(HAND, 'persons.csv'), 'utf8');
    expect(new TextDecoder('gb18030', { fatal: true }).decode(gb18030(text))).toBe(text);
    const { paths } = await run(folder('gb', { 'persons.csv': gb18030 }));
    expect(paths['persons']).toEqual({ path: 'columns', reason: 'the CSV file is GB18030 text' });
    expect(paths['households']).toEqual({ path: 'read_csv' });
  });

  it('falls back for a table read through a mapping file, and gives the kernel’s numbers', async () => {
    const dir = folder('mapped', { 'persons.csv': (t) => t.replace('is_labor', '是否劳动力') });
    const { paths } = await run(dir, { mapping: { persons: { is_labor: '是否劳动力' } } });
    expect(paths['persons']).toEqual({ path: 'columns', reason: 'a column mapping was applied' });
  });

  it('falls back when cells are spelled as houfu reads them but DuckDB would not, and gives the kernel’s numbers', async () => {
    // 是/否 are booleans to houfu; a padded area code is trimmed by houfu.
    const dir = folder('spelled', {
      'persons.csv': (t) => t.replace(/,true,/g, ',是,'),
      'sites.csv': (t) => t.replace(/,520102,/, ', 520102 ,'),
    });
    const { paths } = await run(dir);
    expect(paths['persons']?.path).toBe('columns');
    expect(paths['persons']?.reason).toMatch(/^persons\.csv: cells of .*is_labor.* are not in canonical form$/);
    expect(paths['sites']).toEqual({ path: 'columns', reason: 'sites.csv: cells of county_code are not in canonical form' });
    expect(paths['households']).toEqual({ path: 'read_csv' });
  });
});
