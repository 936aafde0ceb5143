/**
 * Opening data held in a database as a dataset the SQL engines compute on: every required table
 * and column checked, the small tables (sites, management units) read into memory, the periods
 * listed; the person-level tables stay in the database. Shared by the PostgreSQL and ClickHouse
 * connectors, which only say how their database lists columns and reads a typed column.
 */
import { arrowTable, type Dataset } from '../../dataset.js';
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';
import { SCHEMA, TABLE_NAMES, type ColumnType, type TableName } from '../../schema/tables.js';
import { bindDataset } from '../bound.js';
import type { Engine } from '../engine.js';
import type { LocalText } from '../../model/indicator.js';
import { quoteIdent } from './dialect.js';
import { columnName, tableName, type SqlNaming } from './naming.js';
import { sqlEngine, type SqlSession, type SqlSource } from './run.js';
import type { Table } from 'apache-arrow';

/** What opening a database needs from its connector. */
export interface SqlCatalog {
  /** The session the engine will run its queries on. */
  readonly session: SqlSession;
  /** The names of the tables and columns in the database (`schema` qualifies every table). */
  readonly naming: SqlNaming;
  /** The database column names of a table, or undefined when there is no such table. */
  columnsOf(table: string): Promise<ReadonlySet<string> | undefined>;
  /** SQL reading a (quoted) column as a schema type; values are converted after reading too. */
  read(column: string, type: ColumnType): string;
}

/** A value read from a database as the schema type says (booleans may come as 0/1, integers as text). */
function typed(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : Number(v) !== 0;
  if (type === 'integer' || type === 'number') return Number(v);
  return String(v);
}

/** The canonical columns of a table the database has (undefined when it lacks the table), refusing a missing required one. */
async function presentColumns(catalog: SqlCatalog, t: TableName): Promise<Set<string> | undefined> {
  const { naming } = catalog;
  const names = await catalog.columnsOf(tableName(naming, t));
  if (!names) {
    if (SCHEMA[t].required) throw new HoufuError('invalid_request', ERROR_TEXT.dbTableMissing(t, tableName(naming, t)));
    return undefined;
  }
  const present = new Set(SCHEMA[t].columns.filter((c) => names.has(columnName(naming, t, c.name))).map((c) => c.name));
  for (const c of SCHEMA[t].columns)
    if (!c.optional && !present.has(c.name))
      throw new HoufuError('invalid_request', ERROR_TEXT.dbColumnMissing(tableName(naming, t), c.name, columnName(naming, t, c.name)));
  return present;
}

/**
 * Open a database's tables as a dataset bound to `engine` (see `bindDataset`): its small tables in
 * memory, its other tables empty here (their columns described), its periods listed.
 */
export async function openSqlDataset(catalog: SqlCatalog, engine: string): Promise<{ dataset: Dataset; source: SqlSource }> {
  const { naming, session } = catalog;
  const ident = (name: string): string => quoteIdent(session.dialect, name);
  const tbl = (t: TableName): string => (naming.schema !== undefined ? `${ident(naming.schema)}.` : '') + ident(tableName(naming, t));
  const run = async (text: string) => session.query({ text, params: [] });
  const tables: Partial<Record<TableName, Table>> = {};
  const absent = new Set<TableName>();
  for (const t of TABLE_NAMES) {
    const present = await presentColumns(catalog, t);
    if (!present) absent.add(t);
    const cols = SCHEMA[t].columns.filter((c) => (present ? present.has(c.name) : !c.optional));
    const values: Record<string, unknown[]> = Object.fromEntries(cols.map((c) => [c.name, []]));
    if (present && (t === 'sites' || t === 'management_units')) {
      const select = cols.map((c) => `${catalog.read(ident(columnName(naming, t, c.name)), c.type)} AS ${ident(c.name)}`);
      for (const row of await run(`SELECT ${select.join(', ')} FROM ${tbl(t)}`)) for (const c of cols) values[c.name]!.push(typed(row[c.name], c.type));
    }
    tables[t] = arrowTable(t, values);
  }
  let periods: string[] = [];
  if (tables.persons?.schema.fields.some((f) => f.name === 'period') && tables.households?.schema.fields.some((f) => f.name === 'period')) {
    const p = (t: TableName) => `SELECT ${catalog.read(ident(columnName(naming, t, 'period')), 'period')} AS p FROM ${tbl(t)}`;
    const rows = await run(`SELECT DISTINCT p FROM (${p('households')} UNION ALL ${p('persons')}) AS x WHERE p IS NOT NULL ORDER BY p`);
    periods = rows.map((r) => String(r['p']));
  }
  const dataset: Dataset = { tables, findings: [], files: {}, periods };
  const source: SqlSource = { session, naming, absent };
  bindDataset(dataset, engine);
  return { dataset, source };
}

/**
 * An engine over the datasets a connector opened: `sources` holds each one's source; any other
 * dataset is refused with `notFrom`.
 */
export function openedEngine(name: string, sources: WeakMap<Dataset, SqlSource>, notFrom: () => LocalText): Engine {
  return sqlEngine(name, async (dataset) => {
    const source = sources.get(dataset);
    if (!source) throw new HoufuError('invalid_request', notFrom());
    return source;
  });
}
