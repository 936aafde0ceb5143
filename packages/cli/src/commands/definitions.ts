/** Indicators of `--indicators` (ids and families, with suggestions for a typo) and `--definitions FILE.json`. */
import { readFile } from 'node:fs/promises';
import { normalize, type IndicatorDefinition } from '@houfu/core';
import { catalog, FAMILIES, indicator, resolveIndicators } from '@houfu/indicators';
import { items, UsageError } from '../common.js';
import { CLI_TEXT } from '../messages.js';
import { nearest } from '../suggest.js';

/** The catalog indicators and families named in a list, refusing an unknown name with the nearest ones. */
export function resolveIds(spec: string): IndicatorDefinition[] {
  for (const n of items(spec)) {
    if (n === 'all' || (FAMILIES as readonly string[]).includes(n) || indicator(n)) continue;
    const names = [...FAMILIES, 'all', ...catalog.map((d) => d.id)];
    const near = nearest(n, names, (x) => [x, x.split('.').pop() ?? x]);
    const byName = catalog.filter((d) => d.name.zh === n || d.name.en.toLowerCase() === n.toLowerCase()).map((d) => d.id);
    throw new UsageError(CLI_TEXT.unknownIndicator(n, byName.length ? byName : near));
  }
  return resolveIndicators(spec);
}

/** Read and normalize a definitions file; every finding names the file, the JSON path and the rule. */
export async function readDefinitions(file: string): Promise<readonly IndicatorDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(CLI_TEXT.cannotRead(`--definitions ${file}`, (e as Error).message));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError({ zh: `${file} 不是有效的 JSON：${(e as Error).message}`, en: `${file} is not JSON: ${(e as Error).message}` });
  }
  const r = normalize(json);
  if (!r.ok)
    throw new UsageError({
      zh: `${file}：定义中有 ${r.findings.length} 个问题：\n${r.findings.map((f) => `  ${f.message.zh} [${f.rule}]`).join('\n')}`,
      en: `${file}: ${r.findings.length} problem(s) in the definitions:\n${r.findings.map((f) => `  ${f.message.en} [${f.rule}]`).join('\n')}`,
    });
  return r.definitions;
}

/** The indicators of `--indicators` (catalog ids or families) and `--definitions`; at least one is required. */
export async function chosenDefinitions(values: Record<string, unknown>): Promise<readonly IndicatorDefinition[]> {
  const ids = typeof values['indicators'] === 'string' && values['indicators'] !== '' ? resolveIds(values['indicators']) : [];
  const file = typeof values['definitions'] === 'string' ? await readDefinitions(values['definitions']) : [];
  if (ids.length === 0 && file.length === 0) throw new UsageError(CLI_TEXT.noIndicators);
  const seen = new Set(ids.map((d) => d.id));
  for (const d of file)
    if (seen.has(d.id)) throw new UsageError({ zh: `指标 ${d.id} 同时出现在 --indicators 和 --definitions 中`, en: `indicator ${d.id} is both in --indicators and in --definitions` });
  return [...ids, ...file];
}
