/**
 * `houfu report --published`: the 45 figures of the source article against the data — the
 * computed value and the difference, or why a figure is out of reach — as a terminal table,
 * JSON, or an HTML section (`publishedSectionHtml`) for the report page.
 */
import { catalog, publishedComparisons, type PublishedComparison } from '@houfu/indicators';
import { loadFromArgs, type Io } from '../common.js';
import { step } from '../progress.js';

/** Print the comparison of every published figure (`--format json` for JSON). */
export async function reportPublished(values: Record<string, unknown>, io: Io): Promise<number> {
  const format = typeof values['format'] === 'string' ? values['format'] : 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`houfu: --format must be text or json for --published (got ${format})\n`);
    return 2;
  }
  const ds = await step(io, { zh: '读取并检查数据', en: 'loading and validating' }, () => loadFromArgs(values, io));
  const figures = await step(io, { zh: '计算公布数据', en: 'computing the published figures' }, () => publishedComparisons(ds, { catalog }));
  const reproduced = figures.filter((f) => f.difference === 0).length;
  if (format === 'json') io.out(`${JSON.stringify({ reproduced, total: figures.length, figures }, null, 2)}\n`);
  else io.out(publishedText(figures, reproduced));
  return 0;
}

const num = (x: number | null): string => (x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/** The comparison as a plain-text table. */
export function publishedText(figures: readonly PublishedComparison[], reproduced: number): string {
  const lines = figures.map((f) => {
    const diff = f.difference === null ? '' : f.difference === 0 ? '= 0' : `${f.difference > 0 ? '+' : ''}${num(f.difference)}`;
    const tail = f.kind === 'out_of_reach' ? `out of reach: ${f.note?.en ?? ''}` : f.kind === 'indicator' ? (f.from ?? '') : `${f.from ?? ''} — ${f.note?.en ?? ''}`;
    return `${f.id.padEnd(40)} ${num(f.published).padStart(16)} ${num(f.computed).padStart(16)} ${diff.padStart(14)}  ${tail}`;
  });
  const head = `${'figure'.padEnd(40)} ${'published'.padStart(16)} ${'computed'.padStart(16)} ${'difference'.padStart(14)}  from`;
  return `${head}\n${lines.join('\n')}\n\n${reproduced} of ${figures.length} published figures reproduced with difference 0\n`;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The comparison as an HTML section (a table), for the report page to place. */
export function publishedSectionHtml(figures: readonly PublishedComparison[]): string {
  const reproduced = figures.filter((f) => f.difference === 0).length;
  const rows = figures
    .map((f) => {
      const cls = f.difference === 0 ? 'met' : f.kind === 'out_of_reach' ? 'na' : 'not-met';
      const note = f.note ? `${esc(f.note.zh)}<br>${esc(f.note.en)}` : esc(f.from ?? '');
      return `<tr class="${cls}"><td>${esc(f.label.zh)}<br><small>${esc(f.label.en)}</small></td><td class="n">${esc(num(f.published))}</td><td class="n">${esc(num(f.computed))}</td><td class="n">${esc(f.difference === null ? '—' : num(f.difference))}</td><td><small>${note}</small></td></tr>`;
    })
    .join('\n');
  return `<section id="published"><h2>公布数据对照 Published figures</h2>
<p>${reproduced} / ${figures.length} 项与公布数据一致（差值为 0） · ${reproduced} of ${figures.length} reproduced with difference 0</p>
<table><thead><tr><th>指标 Figure</th><th>公布 Published</th><th>计算 Computed</th><th>差值 Difference</th><th>来源或原因 Source or reason</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}
