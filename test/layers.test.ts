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
