import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const NODE_ONLY = new Set(['packages/core/src/node.ts', 'packages/core/src/engines/duckdb/node.ts', 'packages/core/src/engines/postgres/index.ts']);
const NODE_IMPORT = /(from\s+['"](node:|fs|path|os|child_process|url|util|stream|crypto)['"/])|require\(\s*['"](node:|fs|path)/;

describe('layer boundaries', () => {
  it('core and the catalog import no Node built-ins outside the Node entry', () => {
    const offenders = [...files('packages/core/src'), ...files('packages/indicators/src')]
      .filter((f) => !NODE_ONLY.has(f))
      .filter((f) => NODE_IMPORT.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the catalog depends only on the core', () => {
    const bad = files('packages/indicators/src').filter((f) =>
      [...readFileSync(f, 'utf8').matchAll(/from\s+['"]([^'".][^'"]*)['"]/g)].some((m) => m[1] !== '@houfu/core'),
    );
    expect(bad).toEqual([]);
  });

  it('the core never imports the catalog, the CLI or the generator', () => {
    const bad = files('packages/core/src').filter((f) => /from\s+['"]@houfu\/(indicators|cli|datasets)/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });

  it('the built browser entries of the core reach no Node built-in', () => {
    const dist = 'packages/core/dist';
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/from\s*["']node:/);
      for (const m of text.matchAll(/(?:from\s*|import\(\s*)["']\.\/([^"']+)["']/g)) visit(m[1]!);
    };
    for (const entry of ['index.js', 'charts.js', 'arquero.js', 'duckdb-browser.js']) visit(entry);
    expect(seen.size).toBeGreaterThan(2);
  });
});

/**
 * The core's layers, lowest first. A file may import (statically, `import type`, or with a
 * dynamic `import()`) only from its own layer or a lower one: data flows one way.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['schema'],
  ['model', 'messages'],
  ['errors.ts', 'optional.ts', 'validate', 'io', 'columns', 'dataset.ts'],
  ['plan'],
  ['engines'],
  ['result', 'registers'],
  ['survey', 'publish', 'cube', 'charts'],
  ['compute.ts', 'drilldown.ts'],
  ['dispatch'],
  ['index.ts', 'node.ts', 'survey/index.ts', 'cube/index.ts'],
];
const CORE = 'packages/core/src/';

/** The layer of a core file: its entry (most specific first), else its top folder or file. */
function layerOf(file: string): number {
  const rel = file.slice(CORE.length);
  const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel;
  for (const name of [rel, top]) {
    const i = [...LAYERS].reverse().findIndex((l) => l.includes(name));
    if (i >= 0) return LAYERS.length - 1 - i;
  }
  throw new Error(`${rel} is in no layer`);
}

/** Relative imports of a file, static and dynamic, resolved to core files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...[...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1]!),
    ...[...text.matchAll(/(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1]!),
    ...[...text.matchAll(/import\(\s*(?:\/\*[^*]*\*\/\s*)?['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ];
  return specs.map((s) => join(file, '..', s).replace(/\.js$/, '.ts'));
}

describe('layers of the core', () => {
  it('every import, static or dynamic, goes to the same or a lower layer', () => {
    const bad: string[] = [];
    for (const f of files(CORE.slice(0, -1)))
      for (const target of importsOf(f))
        if (layerOf(target) > layerOf(f)) bad.push(`${f.slice(CORE.length)} → ${target.slice(CORE.length)}`);
    expect(bad).toEqual([]);
  });

  it('sees dynamic imports and type imports', () => {
    const compute = importsOf(`${CORE}compute.ts`).map((t) => t.slice(CORE.length));
    expect(compute).toEqual(expect.arrayContaining(['survey/compute.ts', 'publish/suppress.ts', 'engines/registry.ts']));
    expect(importsOf(`${CORE}engines/registry.ts`).map((t) => t.slice(CORE.length))).toEqual(
      expect.arrayContaining(['engines/kernel/index.ts', 'engines/arquero/index.ts', 'engines/engine.ts']),
    );
    expect(layerOf(`${CORE}survey/compare.ts`)).toBeGreaterThan(layerOf(`${CORE}result/levels.ts`));
  });
});
