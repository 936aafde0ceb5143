/** `houfu validate`: the data-quality report; exit 1 on errors. */
import { countFindings, formatFinding } from '@houfu/core';
import { loadFromArgs, oneOf, type Io } from '../common.js';

/** Options of validate. */
export const validateOptions = {
  data: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
} as const;

/** Validate a dataset folder and print its findings. */
export async function validate(values: Record<string, unknown>, io: Io): Promise<number> {
  const format = oneOf(values['format'], ['text', 'json'] as const, 'format', 'text');
  const lang = oneOf(values['lang'], ['en', 'zh'] as const, 'lang', 'en');
  const ds = await loadFromArgs(values, io);
  const errors = countFindings(ds.findings, 'error');
  const warnings = countFindings(ds.findings, 'warning');
  if (format === 'json') io.out(`${JSON.stringify(ds.findings, null, 1)}\n`);
  else {
    const order = { error: 0, warning: 1, info: 2 } as const;
    for (const f of [...ds.findings].sort((a, b) => order[a.severity] - order[b.severity])) io.out(`${formatFinding(f, lang)}\n`);
    const rows = Object.entries(ds.tables).map(([n, t]) => `${n}: ${t?.numRows ?? 0} rows${ds.files[n as keyof typeof ds.files] ? ` (${ds.files[n as keyof typeof ds.files]})` : ''}`);
    if (rows.length) io.out(`${rows.join('\n')}\n`);
    io.out(`${errors} error(s), ${warnings} warning(s)${errors ? '' : ' — the data can be computed on'}\n`);
  }
  return errors ? 1 : 0;
}
