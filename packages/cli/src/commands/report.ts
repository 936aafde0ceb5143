/** `houfu report`: the provincial scorecard in the terminal and as a self-contained HTML page. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compute, toCSV, toObjects, type ResultRow } from '@houfu/core';
import { catalog } from '@houfu/indicators';
import { loadFromArgs, need, type Io } from '../common.js';
import { step } from '../progress.js';
import { reportHtml } from '../report/html.js';
import { reportModel } from '../report/model.js';
import { reportText } from '../report/text.js';

/** Optional description of a dataset folder (`dataset.json`). */
interface DatasetMeta {
  title?: string;
  synthetic?: boolean;
  generator?: { scale?: number };
}

async function readMeta(dir: string): Promise<DatasetMeta> {
  try {
    return JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as DatasetMeta;
  } catch {
    return {};
  }
}

/** Compute the whole catalog by province, prefecture and county, print the scorecard, write the HTML page. */
export async function report(values: Record<string, unknown>, io: Io): Promise<number> {
  if (values['published'] === true) return (await import('../report/published.js')).reportPublished(values, io);
  const dir = need(values, 'data');
  const outDir = typeof values['out'] === 'string' ? values['out'] : 'houfu-report';
  const meta = await readMeta(dir);
  const ds = await step(io, 'loading and validating', () => loadFromArgs(values, io));
  const result = await step(io, 'computing the catalog', () => compute(ds, catalog, { by: ['province', 'prefecture', 'county'] }));
  const rows = toObjects<ResultRow>(result);
  const scale = meta.generator?.scale ?? 1;
  const model = reportModel(catalog, rows, { scale });
  const title = meta.title ?? '易地扶贫搬迁后续扶持指标报告 Post-relocation support scorecard';
  const synthetic = meta.synthetic === true;
  io.out(reportText(model, title, synthetic));
  const html = await step(io, 'rendering charts', () => reportHtml(model, { title, synthetic, source: dir }));
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.html'), html);
  await writeFile(join(outDir, 'results.csv'), toCSV(result));
  io.err(`wrote ${join(outDir, 'index.html')} and ${join(outDir, 'results.csv')}\n`);
  return 0;
}
