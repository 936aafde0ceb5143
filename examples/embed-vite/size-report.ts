/**
 * Vite plugin: print the minified+gzip size of what a page loads first (the entry chunk
 * and its static imports), apart from the chunks it loads on demand (engines, charts).
 * Writes the figures to dist/size.json too. Fails the build over the budget.
 */
import { gzipSync } from 'node:zlib';

export interface Chunk { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[]; dynamicImports: string[]; modules: Record<string, { renderedLength: number }> }

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const packageOf = (id: string) => {
  const m = /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  if (m) return m[1]!.replace('\\', '/');
  const w = /[\\/]packages[\\/]([^\\/]+)[\\/]/.exec(id);
  return w ? `@houfu/${w[1]}` : 'page';
};

export function sizeReport({ budget }: { budget: number }) {
  return {
    name: 'houfu-size-report',
    apply: 'build' as const,
    generateBundle(this: { emitFile(f: unknown): void; error(m: string): never }, _: unknown, bundle: Record<string, Chunk | { type: 'asset' }>) {
      const chunks = Object.values(bundle).filter((c): c is Chunk => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const i of byName.get(name)?.imports ?? []) visit(i);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      const gz = (c: Chunk) => gzipSync(c.code, { level: 9 }).length;
      const rows = chunks.map((c) => ({ file: c.fileName, initial: initial.has(c.fileName), min: c.code.length, gzip: gz(c) }));
      const total = rows.filter((r) => r.initial).reduce((s, r) => s + r.gzip, 0);
      // Share of each package in the initial chunks (rendered, before minification).
      const shares: Record<string, number> = {};
      for (const c of chunks) if (initial.has(c.fileName)) for (const [id, m] of Object.entries(c.modules)) shares[packageOf(id)] = (shares[packageOf(id)] ?? 0) + m.renderedLength;
      const lines = [
        '',
        'houfu bundle size (minified + gzip -9):',
        ...rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip).map((r) => `  ${r.initial ? 'initial  ' : 'on demand'}  ${kB(r.gzip).padStart(9)}  (${kB(r.min)} min)  ${r.file}`),
        `  initial JS (page + @houfu/core + @houfu/indicators, no engine, no charts): ${kB(total)} — budget ${kB(budget)}`,
        `  initial JS by package (rendered bytes before minification): ${Object.entries(shares).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${kB(n)}`).join(', ')}`,
        '',
      ];
      // HOUFU_SIZE_MODULES=1 lists the largest modules of the initial chunks.
      if (process.env.HOUFU_SIZE_MODULES) for (const c of chunks) if (initial.has(c.fileName)) for (const [id, m] of Object.entries(c.modules).sort((a, b) => b[1].renderedLength - a[1].renderedLength).slice(0, 60)) console.log(m.renderedLength, id.replace(/.*node_modules\//, ""));
      console.log(lines.join('\n'));
      this.emitFile({ type: 'asset', fileName: 'size.json', source: JSON.stringify({ initialGzip: total, budget, chunks: rows, initialByPackage: shares }, null, 2) });
      if (total > budget) this.error(`initial JS is ${kB(total)}, over the budget of ${kB(budget)}`);
    },
  };
}
