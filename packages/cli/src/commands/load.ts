/** `houfu load`: a dataset folder into PostgreSQL, validated first, in one transaction. */
import { tablesOption } from './compute.js';
import { loadFromArgs, need, reportFindings, type Io } from '../common.js';

/** Load a dataset folder into PostgreSQL. */
export async function load(values: Record<string, unknown>, io: Io): Promise<number> {
  const db = need(values, 'db');
  const tables = tablesOption(values['tables']);
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  const { loadIntoPostgres } = await import('@houfu/core/postgres');
  const t0 = performance.now();
  const loaded = await loadIntoPostgres(db, ds, {
    ...(typeof values['schema'] === 'string' ? { schema: values['schema'] } : {}),
    ...(tables ? { tables } : {}),
    replace: values['replace'] === true,
  });
  const summary = Object.entries(loaded).map(([t, n]) => `${t} ${n}`).join(', ');
  io.err(`loaded ${summary} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}
