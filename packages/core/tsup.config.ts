import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    arquero: 'src/engines/arquero/index.ts',
    kernel: 'src/engines/kernel/index.ts',
    survey: 'src/survey/index.ts',
    charts: 'src/charts/index.ts',
    duckdb: 'src/engines/duckdb/node.ts',
    'duckdb-browser': 'src/engines/duckdb/browser.ts',
    postgres: 'src/engines/postgres/index.ts',
    clickhouse: 'src/engines/clickhouse/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/, /^@duckdb\//, 'pg'],
  shims: true,
  tsconfig: 'tsconfig.json',
});
