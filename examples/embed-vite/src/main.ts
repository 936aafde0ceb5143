import { compute, countFindings, datasetFromFiles, formatFinding, isUsable, toObjects, type InputFile, type ResultRow } from '@houfu/core';
import { fourMusts } from '@houfu/indicators';
import { sampleFiles } from './sample.js';

const $ = (id: string) => document.getElementById(id)!;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

async function run(files: InputFile[]): Promise<void> {
  $('status').textContent = `读取 ${files.length} 个文件 · reading ${files.length} files…`;
  $('findings').innerHTML = $('table').innerHTML = $('chart').innerHTML = '';
  const dataset = await datasetFromFiles(files);
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${countFindings(dataset.findings, s)} ${s}`).join(', ');
  $('findings').innerHTML =
    `<p id="finding-counts">${counts}</p><ul>` +
    dataset.findings.slice(0, 50).map((f) => `<li class="${f.severity}" data-code="${esc(f.code)}">${esc(formatFinding(f, 'zh'))}<br><small>${esc(formatFinding(f, 'en'))}</small></li>`).join('') +
    '</ul>';
  if (!isUsable(dataset)) {
    $('status').textContent = '数据有错误，未计算 · the data has errors: nothing was computed';
    return;
  }
  const by = ['province', 'county'] as const;
  const rows = toObjects<ResultRow>(await compute(dataset, fourMusts, { by }));
  renderTable(rows, { indicators: fourMusts.map((d) => d.id), by, breakdown: [] });
  $('status').textContent = `${rows.length} 行结果 · result rows`;
  // Charts load on demand: the page's first load carries only houfu.
  const [{ statusHeatmap }, { default: embed }] = await Promise.all([import('@houfu/core/charts'), import('vega-embed')]);
  await embed($('chart'), statusHeatmap(rows.filter((r) => r.level === 'county'), fourMusts, { lang: 'zh' }) as never, { renderer: 'svg', actions: false });
}

function renderTable(rows: readonly ResultRow[], query: object): void {
  const areas = [...new Map(rows.map((r) => [r.area_code, r])).values()];
  const head = `<tr><th>地区 · area</th>${fourMusts.map((d) => `<th title="${esc(d.name.en)}">${esc(d.name.zh)}</th>`).join('')}</tr>`;
  const body = areas
    .map((a) => {
      const cells = fourMusts.map((d) => {
        const r = rows.find((x) => x.area_code === a.area_code && x.indicator_id === d.id);
        if (!r) return '<td></td>';
        return `<td class="${r.status}" data-indicator="${esc(d.id)}" data-level="${esc(r.level)}" data-area="${esc(a.area_code)}" data-period="${esc(r.period ?? '')}" data-breakdown="{}" data-numerator="${r.numerator}" data-denominator="${r.denominator}" title="${r.numerator} / ${r.denominator}">${pct(r.value)}</td>`;
      });
      return `<tr data-level="${esc(a.level)}"><td>${esc(a.area_name ?? a.area_code)}</td>${cells.join('')}</tr>`;
    })
    .join('');
  $('table').innerHTML = `<table id="results" class="houfu-results" data-query="${esc(JSON.stringify(query))}">${head}${body}</table>`;
}

async function filesFrom(list: Iterable<File>): Promise<InputFile[]> {
  return Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

async function guarded(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (e) {
    $('status').textContent = `出错 · error: ${(e as Error).message}`;
    $('status').className = 'error';
  }
}

const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void guarded(async () => run(await filesFrom(e.dataTransfer?.files ?? [])));
});
($('files') as HTMLInputElement).addEventListener('change', (e) => {
  void guarded(async () => run(await filesFrom((e.target as HTMLInputElement).files ?? [])));
});
$('sample').addEventListener('click', () => void guarded(async () => run(await sampleFiles())));
void guarded(async () => run(await sampleFiles()));
