/** `houfu load`: a dataset folder into PostgreSQL (in one transaction) or ClickHouse, validated first. */
import { tablesOption } from './compute.js';
import { ctxOf, dataWarnings, loadFromArgs, need, oneOf, type Io } from '../common.js';
import { ENCODING, MAPPING, type CommandSpec } from '../spec.js';

/** Load a dataset folder into PostgreSQL or, with `--engine clickhouse`, a ClickHouse server or cluster. */
export async function load(values: Record<string, unknown>, io: Io): Promise<number> {
  const db = need(values, 'db');
  const engine = oneOf(values['engine'], ['postgres', 'clickhouse'] as const, 'engine', 'postgres');
  const tables = tablesOption(values['tables']);
  const ds = await loadFromArgs(values, io);
  dataWarnings(ds, io);
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
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  ctxOf(io).note({ zh: `已载入 ${summary}，用时 ${s} 秒`, en: `loaded ${summary} in ${s} s` });
  return 0;
}

/** The declaration of `houfu load`. */
export const spec: CommandSpec = {
  name: 'load',
  summary: { zh: '把检查过的数据集载入 PostgreSQL（一个事务）或 ClickHouse', en: 'copy a validated dataset folder into PostgreSQL (one transaction) or ClickHouse' },
  usage: [
    '--db postgres://… --data DIR [--schema S] [--tables TABLE=NAME,…] [--replace] [--mapping FILE.json]',
    '--engine clickhouse --db http://HOST:PORT [--cluster NAME] [--database DB] --data DIR [--replace]',
  ],
  options: [
    { name: 'db', type: 'string', arg: 'URL', description: { zh: '数据库地址', en: 'the database' } },
    { name: 'engine', type: 'string', arg: 'ENGINE', choices: ['postgres', 'clickhouse'], default: 'postgres', description: { zh: '数据库种类', en: 'the kind of database' } },
    { name: 'cluster', type: 'string', arg: 'NAME', description: { zh: 'ClickHouse 集群名', en: 'ClickHouse cluster name' } },
    { name: 'database', type: 'string', arg: 'DB', description: { zh: 'ClickHouse 数据库名', en: 'ClickHouse database' } },
    { name: 'data', type: 'string', arg: 'DIR', description: { zh: '数据集文件夹', en: 'the dataset folder' } },
    { name: 'schema', type: 'string', arg: 'S', description: { zh: 'PostgreSQL 模式名', en: 'PostgreSQL schema' } },
    { name: 'tables', type: 'string', arg: 'TABLE=NAME,…', description: { zh: '数据库中的表名', en: 'names of the database tables' } },
    { name: 'replace', type: 'boolean', description: { zh: '覆盖已有的表', en: 'replace existing tables' } },
    MAPPING,
    ENCODING,
  ],
  examples: [
    { cmd: 'houfu load --db postgres://localhost/houfu --data datasets/guizhou-2019-sample --schema gz', text: { zh: '载入 PostgreSQL 的 gz 模式', en: 'into schema gz of PostgreSQL' } },
  ],
  run: load,
};
