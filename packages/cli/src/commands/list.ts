/** `houfu list`: the catalog. */
import { catalog } from '@houfu/indicators';
import { oneOf, textTable, type Io } from '../common.js';

/** Options of list. */
export const listOptions = { format: { type: 'string' } } as const;

/** Print the catalog: id, names, unit, target, policy source. */
export async function list(values: Record<string, unknown>, io: Io): Promise<number> {
  const format = oneOf(values['format'], ['table', 'json'] as const, 'format', 'table');
  if (format === 'json') {
    io.out(`${JSON.stringify(catalog, null, 1)}\n`);
    return 0;
  }
  const rows = catalog.map((d) => [
    d.id,
    d.name.zh,
    d.name.en,
    d.unit,
    d.target ? `${d.target.direction === 'at_least' ? '≥' : '≤'} ${d.format === 'percent' ? `${d.target.value * 100}%` : d.target.value}` : '',
    d.source.clause,
  ]);
  io.out(textTable(['id', '名称', 'name', 'unit', 'target', 'policy source'], rows));
  return 0;
}
