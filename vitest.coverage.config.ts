/**
 * The coverage gate of publish/ and result/: the tests that exercise those folders, run with
 * V8 coverage limited to them, failing below 100 % of branches (and of lines, statements and
 * functions). `pnpm test` runs it after the whole suite; alone: `pnpm test:coverage`.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Spread, not mergeConfig: mergeConfig would add these tests to the base's list, not replace it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/coverage/**/*.test.ts', 'test/suppress.test.ts', 'test/hand-fixture.test.ts', 'test/drilldown.test.ts', 'test/breakdown.test.ts'],
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['packages/core/src/publish/**/*.ts', 'packages/core/src/result/**/*.ts'],
      reporter: ['text'],
      reportsDirectory: '.cache/coverage',
      thresholds: { branches: 100, lines: 100, statements: 100, functions: 100 },
    },
  },
});
