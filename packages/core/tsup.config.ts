import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', arquero: 'src/engines/arquero/index.ts', kernel: 'src/engines/kernel/index.ts', charts: 'src/charts/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
  tsconfig: 'tsconfig.json',
});
