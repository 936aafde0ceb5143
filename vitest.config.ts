import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run against the TypeScript sources, not the built packages.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@houfu\/core\/node$/, replacement: src('./packages/core/src/node.ts') },
      { find: /^@houfu\/core\/charts$/, replacement: src('./packages/core/src/charts/index.ts') },
      { find: /^@houfu\/core\/duckdb$/, replacement: src('./packages/core/src/engines/duckdb/node.ts') },
      { find: /^@houfu\/core\/postgres$/, replacement: src('./packages/core/src/engines/postgres/index.ts') },
      { find: /^@houfu\/core\/clickhouse$/, replacement: src('./packages/core/src/engines/clickhouse/index.ts') },
      { find: /^@houfu\/core\/arquero$/, replacement: src('./packages/core/src/engines/arquero/index.ts') },
      { find: /^@houfu\/core\/kernel$/, replacement: src('./packages/core/src/engines/kernel/index.ts') },
      { find: /^@houfu\/core\/survey$/, replacement: src('./packages/core/src/survey/index.ts') },
      { find: /^@houfu\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@houfu\/indicators$/, replacement: src('./packages/indicators/src/index.ts') },
      { find: /^@houfu\/datasets$/, replacement: src('./datasets/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'datasets/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
