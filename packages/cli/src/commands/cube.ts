/** `houfu cube`: the additive sums per indicator × site (or unit) × period × breakdown, as a file; and `compute --cube`. */
import { buildCube, computeFromCube, cubeFormatOf, plan, PlanError, type IndicatorDefinition, type Level } from '@houfu/core';
import { loadCube, saveCube } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';
import { ctxOf, dataWarnings, emit, items, loadFromArgs, need, oneOf, outputFormat, UsageError, type Io } from '../common.js';
import { resultHooks } from './compute.js';
import { resolveIds } from './definitions.js';
import { ENCODING, INDICATORS, MAPPING, type CommandSpec } from '../spec.js';

/** Parse `--by site|unit[,period][,COL…]`: the grain and the breakdown columns. */
export function parseCubeBy(value: unknown): { grain: 'site' | 'unit'; breakdown: string[] } {
  const items = (typeof value === 'string' ? value : 'site,period').split(',').map((s) => s.trim()).filter(Boolean);
  const [grain, ...rest] = items;
  if (grain !== 'site' && grain !== 'unit')
    throw new UsageError({
      zh: `--by 要以 site 或 unit 开头（现在是 ${String(grain)}）：立方体按安置点（或管理单元）汇总；其他层级用 houfu compute --cube FILE --by LEVEL 计算`,
      en: `--by must start with site or unit (got ${String(grain)}): a cube is summed by site (or management unit); ` +
        'compute any level from it with houfu compute --cube FILE --by LEVEL',
    });
  // Periods are always kept when the data has them: `period` only says so.
  return { grain, breakdown: rest.filter((c) => c !== 'period') };
}

/** Build a cube from a dataset and write it. */
export async function cube(values: Record<string, unknown>, io: Io): Promise<number> {
  const out = need(values, 'out');
  if (!cubeFormatOf(out)) throw new UsageError({ zh: `--out 要以 .parquet 或 .arrow 结尾（现在是 ${out}）`, en: `--out must end in .parquet or .arrow (got ${out})` });
  const { grain, breakdown } = parseCubeBy(values['by']);
  const engine = oneOf(values['engine'], ['kernel', 'arquero'] as const, 'engine', 'kernel');
  const explicit = typeof values['indicators'] === 'string';
  let defs: IndicatorDefinition[] = explicit ? resolveIds(values['indicators'] as string) : [...catalog];
  const ds = await loadFromArgs(values, io);
  dataWarnings(ds, io);
  if (!explicit && ds.findings.every((f) => f.severity !== 'error')) {
    // The whole catalog by default: leave out, saying so, what cannot be summed this way.
    const left: string[] = [];
    defs = defs.filter((d) => {
      try {
        plan(ds, [d], { by: grain, breakdown });
        return true;
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
        left.push(d.id);
        return false;
      }
    });
    if (left.length)
      ctxOf(io).warn({
        zh: `略去 ${left.length} 个无法按 ${[grain, ...breakdown].join('、')} 汇总的指标：${left.join('、')}`,
        en: `left out ${left.length} indicator(s) that cannot be summed by ${[grain, ...breakdown].join(', ')}: ${left.join(', ')}`,
      });
  }
  const t0 = performance.now();
  const c = await buildCube(ds, defs, { grain, breakdown, engine });
  const ms = performance.now() - t0;
  const size = await saveCube(out, c);
  const sites = grain === 'unit' ? (c.meta.areas.units?.unit_id.length ?? 0) : c.meta.areas.sites.site_id.length;
  const dims = `${c.meta.periods.length ? ` × ${c.meta.periods.length}` : ''}${breakdown.length ? ` × ${breakdown.join(' × ')}` : ''}`;
  ctxOf(io).note({
    zh: `已写入 ${out}：${c.table.numRows} 行，${c.meta.indicators.length} 个指标 × ${sites} 个${grain === 'unit' ? '管理单元' : '安置点'}${c.meta.periods.length ? ` × ${c.meta.periods.length} 个月` : ''}${breakdown.length ? ` × ${breakdown.join(' × ')}` : ''}，${(size / 1024).toFixed(1)} KiB，用时 ${(ms / 1000).toFixed(2)} 秒`,
    en:
      `wrote ${out}: ${c.table.numRows} rows, ${c.meta.indicators.length} indicators × ${sites} ${grain}s` +
      `${c.meta.periods.length ? ` × ${c.meta.periods.length} periods` : ''}${breakdown.length ? ` × ${breakdown.join(' × ')}` : ''}, ` +
      `${(size / 1024).toFixed(1)} KiB, summed in ${(ms / 1000).toFixed(2)} s`,
  });
  void dims;
  return 0;
}

/** `houfu compute --cube FILE`: indicators by area from a cube instead of the data. */
export async function computeFromCubeFile(values: Record<string, unknown>, io: Io): Promise<number> {
  for (const other of ['data', 'mapping', 'encoding', 'engine'])
    if (values[other] !== undefined) throw new UsageError({ zh: `--${other} 不能与 --cube 同用：立方体已包含汇总数`, en: `--${other} does not apply with --cube: the cube holds the sums already` });
  const c = await loadCube(need(values, 'cube'));
  const defs = typeof values['indicators'] === 'string' ? resolveIds(values['indicators']) : undefined;
  const levels = items(values['by']);
  const by = (levels.length > 1 ? levels : (levels[0] ?? 'county')) as Level | Level[];
  const format = outputFormat(values['format'], io, values['out']);
  const breakdown = items(values['breakdown']);
  const table = computeFromCube(c, defs, { by, breakdown });
  const used = defs ?? catalog.filter((d) => c.meta.indicators.some((i) => i.id === d.id));
  await emit(table, format, values['out'], io, resultHooks(used, io), values);
  return 0;
}

/** The declaration of `houfu cube`. */
export const spec: CommandSpec = {
  name: 'cube',
  summary: {
    zh: '按安置点（或管理单元）× 月份 × 分组汇总的可加总数，写成不含个人和家庭数据的小文件',
    en: 'the additive sums per indicator × site (or unit) × period × breakdown: a small file without person or household data',
  },
  usage: ['--data DIR --by site|unit[,period][,COL…] --out FILE.parquet|FILE.arrow [--indicators …] [--engine kernel|arquero]'],
  options: [
    { name: 'data', type: 'string', arg: 'DIR', description: { zh: '数据集文件夹', en: 'the dataset folder' } },
    { name: 'by', type: 'list', arg: 'site|unit[,period][,COL…]', default: 'site,period', description: { zh: '汇总粒度（site 或 unit），再加分组列', en: 'the grain (site or unit), then breakdown columns' } },
    { name: 'out', type: 'string', arg: 'FILE', description: { zh: '输出文件（.parquet 或 .arrow）', en: 'the output file (.parquet or .arrow)' } },
    { ...INDICATORS, description: { zh: '指标（默认全部能汇总的指标）', en: 'indicators (default: every one that can be summed so)' } },
    { name: 'engine', type: 'string', arg: 'ENGINE', choices: ['kernel', 'arquero'], default: 'kernel', description: { zh: '计算引擎', en: 'the engine' } },
    MAPPING,
    ENCODING,
  ],
  examples: [
    { cmd: 'houfu cube --data datasets/guizhou-2019-sample --by site,sites.site_type --out /tmp/cube.parquet', text: { zh: '按安置点和安置点类型汇总', en: 'sums by site and site type' } },
    { cmd: 'houfu compute --cube /tmp/cube.parquet --by county', text: { zh: '从立方体计算各县', en: 'the counties, from the cube' } },
  ],
  run: cube,
};
