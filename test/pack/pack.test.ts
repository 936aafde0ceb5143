// The packages as an outside developer gets them: every public workspace package packed, the
// tarballs installed with plain npm (no overrides, only the npm registry) into fresh projects,
// the READMEs' examples run verbatim, a consumer type-checked under node16 and bundler
// resolution, a Vite page built, and publint and @arethetypeswrong/cli run on the tarballs.
// Uses the built packages (`pnpm build` first, as `pnpm test` does).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { fourMusts } from '@houfu/indicators';
import { codeBlocks, exists, mb, npm, packageCount, read, run, sizeOf, toModule } from './project.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PNPM = ['-y', 'pnpm@10.34.9'];
// Tools checked against the tarballs, fetched from the npm registry at these versions.
const ATTW = '@arethetypeswrong/cli@0.18.5';
const PUBLINT = 'publint@0.3.25';
const LIMIT = { packages: 40, bytes: 15e6 };

/** The public packages of the workspace: folder and name. */
function publicPackages(): { dir: string; name: string }[] {
  const globs = [...read(join(ROOT, 'pnpm-workspace.yaml')).matchAll(/^\s+-\s+['"]?([^'"\n]+)['"]?$/gm)].map((m) => m[1]!);
  const dirs = globs.flatMap((g) => (g.endsWith('/*') ? readdirSync(join(ROOT, g.slice(0, -2))).map((d) => `${g.slice(0, -2)}/${d}`) : [g]));
  return dirs
    .filter((d) => exists(join(ROOT, d, 'package.json')))
    .map((d) => ({ dir: d, pkg: JSON.parse(read(join(ROOT, d, 'package.json'))) as { name: string; private?: boolean } }))
    .filter((p) => !p.pkg.private)
    .map((p) => ({ dir: p.dir, name: p.pkg.name }));
}

const work = mkdtempSync(join(tmpdir(), 'houfu-pack-'));
const tarballs = new Map<string, string>();
const lean = join(work, 'lean'); // @houfu/core + @houfu/indicators only
const full = join(work, 'full'); // every public package
const figures: string[] = [];

/** A fresh npm project (ESM) in a folder. */
function project(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
}

/** Run README TypeScript as an ES module in a project; its stdout. */
function runTs(dir: string, name: string, code: string): string {
  writeFileSync(join(dir, `${name}.mjs`), toModule(code));
  return run(process.execPath, [`${name}.mjs`], dir);
}

const README = read(join(ROOT, 'README.md'));
const tgz = (name: string): string => tarballs.get(name) ?? expect.unreachable(`no tarball for ${name}`);

describe('the packages from npm', () => {
  beforeAll(() => {
    for (const p of ['packages/core', 'packages/indicators', 'packages/cli', 'datasets'])
      if (!exists(join(ROOT, p, 'dist'))) throw new Error(`${p}/dist is missing: run "npx -y pnpm@10.34.9 build" first`);
    const packs = join(work, 'tarballs');
    mkdirSync(packs);
    for (const p of publicPackages()) {
      const out = run('npx', [...PNPM, 'pack', '--pack-destination', packs], join(ROOT, p.dir));
      const file = out.trim().split('\n').pop()!.trim();
      tarballs.set(p.name, file);
    }
    project(lean);
    npm(['install', tgz('@houfu/core'), tgz('@houfu/indicators')], lean);
    project(full);
    npm(['install', ...tarballs.values()], full);
  }, 900_000);

  afterAll(() => {
    if (figures.length) console.log(`packaging figures:\n  ${figures.join('\n  ')}`);
    if (!process.env['HOUFU_PACK_KEEP']) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }, 300_000);

  it('packs every public package with a README, the LICENSE and complete metadata', () => {
    expect([...tarballs.keys()].sort()).toEqual(['@houfu/cli', '@houfu/core', '@houfu/datasets', '@houfu/indicators']);
    for (const name of tarballs.keys()) {
      const dir = join(full, 'node_modules', name);
      const pkg = JSON.parse(read(join(dir, 'package.json'))) as Record<string, unknown>;
      const readme = read(join(dir, 'README.md'));
      expect(readme, name).toMatch(/\n## Install\n\n```sh\nnpm install /);
      expect(readme.match(/```(ts|sh)\n/g)?.length ?? 0, `${name}: an example beside the install`).toBeGreaterThanOrEqual(2);
      expect(read(join(dir, 'LICENSE')), name).toMatch(/^MIT License/);
      expect(pkg['license'], name).toBe('MIT');
      for (const field of ['repository', 'homepage', 'keywords', 'engines', 'sideEffects', 'exports']) expect(pkg[field], `${name} ${field}`).toBeDefined();
      expect(JSON.stringify(pkg), name).not.toContain('workspace:');
      const maps = readdirSync(join(dir, 'dist', 'types'), { recursive: true }).filter((f) => String(f).endsWith('.d.ts.map'));
      expect(maps.length, `${name} declaration maps`).toBeGreaterThan(0);
    }
  }, 300_000);

  it(`installs @houfu/core and @houfu/indicators in under ${LIMIT.packages} packages and ${mb(LIMIT.bytes)}, optional parts left out`, () => {
    const nm = join(lean, 'node_modules');
    const count = packageCount(nm);
    const size = sizeOf(nm);
    figures.push(`npm install @houfu/core @houfu/indicators: ${count} packages, ${mb(size.bytes)} of files, ${mb(size.disk)} on disk`);
    expect(count).toBeLessThan(LIMIT.packages);
    expect(size.bytes).toBeLessThan(LIMIT.bytes);
    for (const optional of ['arquero', 'pg', '@duckdb/duckdb-wasm', '@duckdb/node-api', '@stdlib/stats-base-dists-t-quantile'])
      expect(exists(join(nm, optional)), optional).toBe(false);
    // The peer is installed at the newest version of its range.
    expect(JSON.parse(read(join(nm, 'apache-arrow', 'package.json'))).version).toMatch(/^21\./);
  }, 300_000);

  it("runs the core and catalog READMEs' examples in the lean project, and names the package an absent engine needs", () => {
    const core = runTs(lean, 'core-readme', codeBlocks(read(join(lean, 'node_modules/@houfu/core/README.md')), '## Example', 'ts')[0]!);
    // One household, one worker, trained and employed, land revitalized, stable income: every must met.
    expect(core.trim().split('\n')).toEqual(
      ['training', 'employment', 'land', 'income', 'all'].map((m) => `four_musts.${m} 南明区 1 met`),
    );
    const catalog = runTs(lean, 'indicators-readme', codeBlocks(read(join(lean, 'node_modules/@houfu/indicators/README.md')), '## Example', 'ts')[0]!);
    expect(catalog.split('\n')[0]).toMatch(/^45 \[/);
    // The README's dataset, computed with engines whose packages are absent.
    const example = codeBlocks(read(join(lean, 'node_modules/@houfu/core/README.md')), '## Example', 'ts')[0]!;
    const setup = example.slice(0, example.indexOf('const result'));
    const missing = runTs(
      lean,
      'missing',
      `${setup}
       for (const engine of ['arquero', 'duckdb'] as const) {
         try { await compute(ds, fourMusts, { by: 'county', engine }); }
         catch (e) { console.log((e as { code: string }).code + ': ' + (e as Error).message); }
       }
       console.log(toObjects.name);`,
    );
    expect(missing.trim().split('\n')).toEqual([
      'missing_dependency: the arquero reference engine needs optional packages that are not installed: npm install arquero@8.0.1',
      'missing_dependency: the DuckDB engine (duckdb-wasm) needs optional packages that are not installed: npm install @duckdb/duckdb-wasm@1',
      'toObjects',
    ]);
    // require() works too (the CommonJS build).
    expect(run(process.execPath, ['-e', "const c = require('@houfu/core'); const i = require('@houfu/indicators'); console.log(typeof c.compute, i.catalog.length)"], lean).trim()).toBe('function 45');
  }, 300_000);

  it("runs the README's embedding example verbatim on apache-arrow 21 and 17, equal to the workspace's own numbers", async () => {
    const [install, code] = [codeBlocks(README, '## Embedding', 'sh')[0]!, codeBlocks(README, '## Embedding', 'ts')[0]!];
    expect(install).toMatch(/^npm install @houfu\/core @houfu\/indicators @houfu\/datasets/);
    const ds = await loadDataset(join(ROOT, 'datasets/guizhou-2019-sample'));
    const result = await compute(ds, fourMusts, { by: 'county' });
    const expected = [...result].map((r) => format(r.area_name, r.indicator_id, r.value, r.status));
    expect(expected.length).toBeGreaterThan(50);
    const versions: string[] = [];
    for (const arrow of [null, '17.0.0']) {
      if (arrow) npm(['install', `apache-arrow@${arrow}`], full);
      versions.push(JSON.parse(read(join(full, 'node_modules/apache-arrow/package.json'))).version);
      const out = runTs(full, 'embedding', code);
      expect(out.trim().split('\n'), `apache-arrow ${versions.at(-1)}`).toEqual(expected);
    }
    expect(versions[0]).toMatch(/^21\./);
    expect(versions[1]).toBe('17.0.0');
    npm(['install', 'apache-arrow@21'], full);
  }, 300_000);

  it("runs the README's and the CLI README's command lines verbatim, with the workspace CLI's bytes", () => {
    const lines = [...codeBlocks(README, '## From npm', 'sh'), ...codeBlocks(read(join(full, 'node_modules/@houfu/cli/README.md')), '## Example', 'sh')]
      .join('\n')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('npm install'));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const outputs = new Map<string, string>();
    for (const line of lines) outputs.set(line, run('bash', ['-c', line], full, 300_000));
    expect(outputs.get('npx houfu --version')!.trim()).toBe(`houfu ${JSON.parse(read(join(ROOT, 'packages/cli/package.json'))).version}`);
    const csv = outputs.get('npx houfu compute --data sample --indicators four_musts --by prefecture --format csv')!;
    // The generated sample is the bundled one; the workspace CLI on it gives the same bytes.
    const ours = run(process.execPath, ['packages/cli/dist/main.js', 'compute', '--data', 'datasets/guizhou-2019-sample', '--indicators', 'four_musts', '--by', 'prefecture', '--format', 'csv'], ROOT);
    expect(csv).toBe(ours);
    expect(csv.split('\n')[0]).toBe('indicator_id,level,area_code,area_name,period,numerator,denominator,unknown,value,target,status');
    expect(exists(join(full, 'sample-report', 'index.html'))).toBe(true);
  }, 300_000);

  it('type-checks a consumer under moduleResolution node16 and bundler, rows typed', () => {
    const consumer = `import { compute, failingHouseholds, toObjects, type ResultRow, type DrillDownRow } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { fourMusts } from '@houfu/indicators';
import { sampleDir } from '@houfu/datasets/sample';
import { barsByArea } from '@houfu/core/charts';

const ds = await loadDataset(sampleDir);
const result = await compute(ds, fourMusts, { by: 'county' });
for (const row of result) {
  const name: string = row.area_name;
  const value: number = row.value;
  // @ts-expect-error no such column
  console.log(name, value, row.no_such_column);
}
const rows: ResultRow[] = toObjects(result);
// @ts-expect-error a result row is not a drill-down row
const wrong: DrillDownRow[] = toObjects(result);
const list: DrillDownRow[] = toObjects(await failingHouseholds(ds, fourMusts[1]!, { county: '520402' }));
// @ts-expect-error "village" is not a level
await compute(ds, fourMusts, { by: 'village' });
console.log(rows.length, wrong.length, list.length, barsByArea);
`;
    const cjs = `import { compute, toObjects, type ResultRow } from '@houfu/core';
import { fourMusts } from '@houfu/indicators';
import type { Dataset } from '@houfu/core';
export async function rates(ds: Dataset): Promise<ResultRow[]> {
  return toObjects(await compute(ds, fourMusts, { by: 'county' }));
}
`;
    const dir = join(full, 'typed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'consumer.ts'), consumer);
    writeFileSync(join(dir, 'consumer-cjs.cts'), cjs);
    const base = { target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], lib: ['es2022', 'dom'] };
    const configs = {
      node16: { ...base, module: 'node16', moduleResolution: 'node16' },
      bundler: { ...base, module: 'esnext', moduleResolution: 'bundler' },
    };
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    for (const [name, compilerOptions] of Object.entries(configs)) {
      const files = name === 'node16' ? ['consumer.ts', 'consumer-cjs.cts'] : ['consumer.ts'];
      writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files }, null, 2));
      run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], dir);
    }
    // The check can fail: a wrong type is refused.
    writeFileSync(join(dir, 'wrong.ts'), `import { toObjects, compute } from '@houfu/core';\nexport const f = async (d: never) => { const s: string = toObjects(await compute(d, [], { by: 'county' }))[0]!.value; return s; };\n`);
    writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify({ compilerOptions: configs.node16, files: ['wrong.ts'] }));
    expect(() => run(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], dir)).toThrow(/TS2322/);
  }, 300_000);

  it('builds a Vite page from the lean install (optional engines absent) and reports its size', () => {
    const page = join(lean, 'page');
    mkdirSync(page, { recursive: true });
    writeFileSync(join(page, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.ts"></script></body></html>\n');
    writeFileSync(join(page, 'main.ts'), codeBlocks(read(join(lean, 'node_modules/@houfu/core/README.md')), '## Example', 'ts')[0]!);
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    run(process.execPath, [vite, 'build', '--logLevel', 'error'], page);
    const assets = join(page, 'dist', 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const bytes = js.reduce((s, f) => s + readFileSync(join(assets, f)).length, 0);
    const gzip = js.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0);
    figures.push(`Vite page (core README example): ${js.length} scripts, ${(bytes / 1024).toFixed(1)} kB minified, ${(gzip / 1024).toFixed(1)} kB gzip`);
    expect(js.length).toBeGreaterThan(0);
    // The absent optional engines are stubs that throw when loaded, not bundled code.
    const all = js.map((f) => read(join(assets, f))).join('\n');
    expect(all).not.toContain('pg-protocol');
  }, 300_000);

  it('passes publint and @arethetypeswrong/cli on every tarball', () => {
    const tools = join(work, 'tools');
    project(tools);
    npm(['install', ATTW, PUBLINT], tools);
    const bin = (name: string) => join(tools, 'node_modules', '.bin', name);
    for (const [name, file] of tarballs) {
      const lint = run(bin('publint'), ['run', join(full, 'node_modules', name), '--strict', '--pack', 'false'], tools);
      expect(lint, name).not.toMatch(/warning|error|suggestion/i);
      // node10 cannot see subpath exports; every other resolution (node16 ESM and CJS, bundler) must
      // be clean: attw exits non-zero on any problem it does not ignore.
      const attw = run(bin('attw'), [file, '--profile', 'node16', '--format', 'ascii'], tools);
      expect(attw, name).toMatch(/node16 \(from ESM\): 🟢/);
      expect(attw, name).not.toMatch(/^(node16|bundler)[^\n]*(💀|❌|🥴|🐛|⚠️|🎭|❗)/m);
    }
  }, 300_000);
});
