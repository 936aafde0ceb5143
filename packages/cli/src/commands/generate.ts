/** `houfu generate`: deterministic synthetic data in schema v1. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { arrowTable, type TableName } from '@houfu/core';
import { writeTables, type TableFormat } from '@houfu/core/node';
import { generate as run } from '@houfu/datasets';
import { ctxOf, need, oneOf, UsageError, type Io } from '../common.js';
import type { CommandSpec } from '../spec.js';
import { step } from '../progress.js';

const number = (v: unknown, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError({ zh: `--${name} 要一个数（现在是 ${String(v)}）`, en: `--${name} must be a number (got ${String(v)})` });
  return n;
};

/** Generate a synthetic dataset folder (with a dataset.json that says it is synthetic). */
export async function generate(values: Record<string, unknown>, io: Io): Promise<number> {
  const preset = oneOf(values['preset'], ['guizhou-2019'] as const, 'preset', 'guizhou-2019');
  const scale = number(values['scale'], 'scale', 1);
  const seed = number(values['seed'], 'seed', 1);
  const months = number(values['months'], 'months', 0);
  if (!(scale > 0)) throw new UsageError({ zh: '--scale 要大于 0', en: '--scale must be positive' });
  if (!Number.isInteger(seed)) throw new UsageError({ zh: '--seed 要一个整数', en: '--seed must be an integer' });
  if (!Number.isInteger(months) || months < 0) throw new UsageError({ zh: '--months 要一个非负整数', en: '--months must be a whole number' });
  const format = oneOf(values['format'], ['arrow', 'parquet', 'csv'] as const, 'format', 'arrow') as TableFormat;
  const out = need(values, 'out');
  const dirty = values['dirty'] === true;
  const data = await step(io, { zh: `生成 ${preset}，规模 ${scale}`, en: `generating ${preset} at scale ${scale}` }, () =>
    run({ preset, scale, seed, dirty, ...(months ? { months } : {}) }),
  );
  const tables = await step(io, { zh: '建表', en: 'building tables' }, () =>
    Object.fromEntries(Object.entries(data.tables).map(([name, cols]) => [name, arrowTable(name as TableName, cols)])),
  );
  await step(io, { zh: `写 ${format} 文件`, en: `writing ${format} files` }, () => writeTables(out, tables, format));
  const meta = {
    title: '贵州省易地扶贫搬迁后续扶持（合成数据）Guizhou post-relocation support (synthetic data)',
    synthetic: true,
    description: 'Synthetic data from houfu generate, calibrated to the figures published by the Guizhou Provincial Development and Reform Commission for 2019. Not records of real people.',
    generator: { preset, scale, seed, months, dirty },
  };
  await writeFile(join(out, 'dataset.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const counts = Object.entries(tables).map(([n, t]) => `${n} ${t.numRows.toLocaleString('en-US')}`).join(', ');
  ctxOf(io).note({ zh: `已写入 ${out}：${counts}`, en: `wrote ${out}: ${counts}` });
  return 0;
}

/** The declaration of `houfu generate`. */
export const spec: CommandSpec = {
  name: 'generate',
  summary: { zh: '生成按 2019 年公布数校准的合成数据（可复现）', en: 'synthetic data calibrated to the published 2019 figures (deterministic)' },
  usage: ['--preset guizhou-2019 --scale S --seed N --out DIR [--format arrow|parquet|csv] [--months N] [--dirty]'],
  options: [
    { name: 'preset', type: 'string', arg: 'NAME', choices: ['guizhou-2019'], default: 'guizhou-2019', description: { zh: '预设', en: 'the preset' } },
    { name: 'scale', type: 'number', arg: 'S', default: '1', description: { zh: '规模：1 为全省实际规模（约 188 万人），0.01 为百分之一', en: 'size: 1 is the real province (about 1.88 million people), 0.01 a hundredth' } },
    { name: 'seed', type: 'number', arg: 'N', default: '1', description: { zh: '随机种子（整数）；同一种子生成同样的数据', en: 'random seed (an integer); the same seed gives the same data' } },
    { name: 'out', type: 'string', arg: 'DIR', description: { zh: '输出文件夹', en: 'output folder' } },
    { name: 'format', type: 'string', arg: 'FMT', choices: ['arrow', 'parquet', 'csv'], default: 'arrow', description: { zh: '文件格式', en: 'file format' } },
    { name: 'months', type: 'number', arg: 'N', description: { zh: '生成 N 个月的月度快照（period 列）', en: 'N monthly snapshots (a period column)' } },
    { name: 'dirty', type: 'boolean', description: { zh: '加入典型的数据问题（用于测试检查规则）', en: 'plant typical data faults (to try the checks)' } },
  ],
  examples: [
    { cmd: 'houfu generate --preset guizhou-2019 --scale 0.01 --seed 1 --out /tmp/gz', text: { zh: '百分之一规模的合成数据', en: 'synthetic data at a hundredth of the real size' } },
  ],
  run: generate,
};
