// Times generate() and reports peak memory, against the built package (run `pnpm build` first).
// Usage: node --expose-gc datasets/bench/measure.mjs [scale=1] [months] [dirty]
import { generate } from '../dist/index.js';

const scale = Number(process.argv[2] ?? 1);
const months = process.argv[3] ? Number(process.argv[3]) : undefined;
const dirty = process.argv[4] === 'dirty';
globalThis.gc?.();
const start = performance.now();
let last = start;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const { tables } = generate({
  preset: 'guizhou-2019',
  scale,
  seed: 1,
  months,
  dirty,
  onProgress(step, done, total) {
    const now = performance.now();
    console.log(`${done}/${total} ${step.padEnd(12)} ${(now - last).toFixed(0).padStart(6)} ms  rss ${mib(process.memoryUsage().rss)}`);
    last = now;
  },
});
const seconds = (performance.now() - start) / 1000;
const rows = Object.entries(tables).map(([name, cols]) => `${name} ${Object.values(cols)[0].length}`);
console.log(`scale ${scale}: ${seconds.toFixed(2)} s; ${rows.join(', ')}`);
console.log(`peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}`);
