/** `houfu load`: a dataset folder into PostgreSQL (in one transaction) or ClickHouse, validated first. */
import { tablesOption } from './compute.js';
import { loadFromArgs, need, oneOf, reportFindings, type Io } from '../common.js';

/** Load a dataset folder into PostgreSQL or, with `--engine clickhouse`, a ClickHouse server or cluster. */
export async function load(values: Record<string, unknown>, io: Io): Promise<number> {
  const db = need(values, 'db');
  const engine = oneOf(values['engine'], ['postgres', 'clickhouse'] as const, 'engine', 'postgres');
  const tables = tablesOption(values['tables']);
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  const t0 = performance.now();
  let loaded: Partial<Record<string, number>>;
  if (engine === 'clickhouse') {
    const { loadIntoClickHouse } = await import('@houfu/core/clickhouse');
    loaded = await loadIntoClickHouse(db, ds, {
      ...(typeof values['cluster'] === 'string' ? { cluster: values['cluster'] } : {}),
      ...(typeof values['database'] === 'string' ? { database: values['database'] } : {}),
      replace: values['replace'] === true,
    });
  } else {
    const { loadIntoPostgres } = await import('@houfu/core/postgres');
    loaded = await loadIntoPostgres(db, ds, {
      ...(typeof values['schema'] === 'string' ? { schema: values['schema'] } : {}),
      ...(tables ? { tables } : {}),
      replace: values['replace'] === true,
    });
  }
  const summary = Object.entries(loaded).map(([t, n]) => `${t} ${n}`).join(', ');
  io.err(`loaded ${summary} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return 0;
}
