import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', sample: 'src/sample.ts' },
  shims: true,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.json',
});
