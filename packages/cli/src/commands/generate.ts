/** `houfu generate`: deterministic synthetic data in schema v1. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { arrowTable, type TableName } from '@houfu/core';
import { writeTables, type TableFormat } from '@houfu/core/node';
import { generate as run } from '@houfu/datasets';
import { need, oneOf, UsageError, type Io } from '../common.js';
import { step } from '../progress.js';

const number = (v: unknown, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got ${String(v)})`);
  return n;
};

/** Generate a synthetic dataset folder (with a dataset.json that says it is synthetic). */
export async function generate(values: Record<string, unknown>, io: Io): Promise<number> {
  const preset = oneOf(values['preset'], ['guizhou-2019'] as const, 'preset', 'guizhou-2019');
  const scale = number(values['scale'], 'scale', 1);
  const seed = number(values['seed'], 'seed', 1);
  const months = number(values['months'], 'months', 0);
  if (!(scale > 0)) throw new UsageError('--scale must be positive');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  if (!Number.isInteger(months) || months < 0) throw new UsageError('--months must be a whole number');
  const format = oneOf(values['format'], ['arrow', 'parquet', 'csv'] as const, 'format', 'arrow') as TableFormat;
  const out = need(values, 'out');
  const dirty = values['dirty'] === true;
  const data = await step(io, `generating ${preset} at scale ${scale}`, () =>
    run({ preset, scale, seed, dirty, ...(months ? { months } : {}) }),
  );
  const tables = await step(io, 'building tables', () =>
    Object.fromEntries(Object.entries(data.tables).map(([name, cols]) => [name, arrowTable(name as TableName, cols)])),
  );
  await step(io, `writing ${format} files`, () => writeTables(out, tables, format));
  const meta = {
    title: '贵州省易地扶贫搬迁后续扶持（合成数据）Guizhou post-relocation support (synthetic data)',
    synthetic: true,
    description: 'Synthetic data from houfu generate, calibrated to the figures published by the Guizhou Provincial Development and Reform Commission for 2019. Not records of real people.',
    generator: { preset, scale, seed, months, dirty },
  };
  await writeFile(join(out, 'dataset.json'), `${JSON.stringify(meta, null, 2)}\n`);
  const counts = Object.entries(tables).map(([n, t]) => `${n} ${t.numRows}`).join(', ');
  io.err(`wrote ${out}: ${counts}\n`);
  return 0;
}
