/** `--definitions FILE.json`: indicators written as JSON shorthands, beside (or instead of) catalog ids. */
import { readFile } from 'node:fs/promises';
import { normalize, type IndicatorDefinition } from '@houfu/core';
import { resolveIndicators } from '@houfu/indicators';
import { UsageError } from '../common.js';

/** Read and normalize a definitions file; every finding names the file, the JSON path and the rule. */
export async function readDefinitions(file: string): Promise<readonly IndicatorDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --definitions ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const r = normalize(json);
  if (!r.ok) throw new UsageError(`${file}: ${r.findings.length} problem(s) in the definitions:\n${r.findings.map((f) => `  ${f.message.en} [${f.rule}]`).join('\n')}`);
  return r.definitions;
}

/** The indicators of `--indicators` (catalog ids or families) and `--definitions`; at least one is required. */
export async function chosenDefinitions(values: Record<string, unknown>): Promise<readonly IndicatorDefinition[]> {
  const ids = typeof values['indicators'] === 'string' && values['indicators'] !== '' ? resolveIndicators(values['indicators']) : [];
  const file = typeof values['definitions'] === 'string' ? await readDefinitions(values['definitions']) : [];
  if (ids.length === 0 && file.length === 0) throw new UsageError('--indicators (or --definitions FILE.json) is required');
  const seen = new Set(ids.map((d) => d.id));
  for (const d of file) if (seen.has(d.id)) throw new UsageError(`indicator ${d.id} is both in --indicators and in --definitions`);
  return [...ids, ...file];
}
