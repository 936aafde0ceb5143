/**
 * A validated dataset: canonical tables as Apache Arrow tables, with the findings of
 * loading and validation. Every way of making a dataset goes through `buildDataset`,
 * so every computation sees validated data.
 */
import { DataType, Table, Utf8, type Vector } from 'apache-arrow';
import { seedEncoding } from './columns/encode.js';
import { seedLink } from './columns/links.js';
import { buildVector } from './io/build.js';
import { arrowTypeOf, canonicalColumn, rawLength, type RawColumn } from './io/columnar.js';
import { decodeVector } from './columns/decode.js';
import { SCHEMA, TABLE_NAMES, type TableColumns, type TableName } from './schema/tables.js';
import { FindingCollector, type Finding, hasErrors } from './validate/finding.js';
import { validateTables, ValidationContext, type CheckedTable } from './validate/rules.js';
import { checkMapping, relabel, runChecks, valueMapOf } from './validate/checks/index.js';
import { GUIZHOU_DIVISIONS, type Divisions } from './schema/divisions.js';

/**
 * A column mapping, canonical name → the user's header. Either per table
 * (`{ persons: { is_labor: '是否劳动力' } }`) or flat, applying to every table.
 */
export type ColumnMapping = Partial<Record<TableName, Readonly<Record<string, string>>>> | Readonly<Record<string, string>>;

/** Raw columns of one table: header → cell values (text from CSV, or typed values). */
export type RawColumns = Readonly<Record<string, ArrayLike<unknown>>>;

/** A loaded, validated dataset. */
export interface Dataset {
  /** Canonical tables present, as Arrow tables with canonical column types. */
  readonly tables: Readonly<Partial<Record<TableName, Table>>>;
  /** Findings of loading and validation; any error makes the dataset unusable for computing. */
  readonly findings: readonly Finding[];
  /** The file each table came from, when read from files. */
  readonly files: Readonly<Partial<Record<TableName, string>>>;
  /** Sorted distinct periods of the periodic tables (empty when there are none). */
  readonly periods: readonly string[];
}

/** Options of dataset construction. */
export interface DatasetOptions {
  /** Column mapping for data whose headers differ from the canonical names. */
  readonly mapping?: ColumnMapping;
  /** File names per table, for findings. */
  readonly files?: Partial<Record<TableName, string>>;
  /** Findings found before construction (e.g. while decoding files). */
  readonly findings?: readonly Finding[];
  /** The current year, for the birth-year rule. */
  readonly currentYear?: number;
  /** The divisions list area codes are checked against (default: Guizhou's). */
  readonly divisions?: Divisions;
  /** Today as YYYY-MM-DD, for the future-date rule (default: today). */
  readonly today?: string;
  /** Called as loading advances (for a progress line on long loads). */
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * Read and validate only these tables and columns (e.g. `columnsRead(definitions)`: what a
   * computation reads); other tables count as absent, other columns are left out. Default: all.
   */
  readonly columns?: TableColumns;
}

/** How far loading has come: a step, the table it is on, and its tables done out of all. */
export interface LoadProgress {
  /** `read`: files into columns; `coerce`: columns to canonical types; `validate`: the rules. */
  readonly step: 'read' | 'coerce' | 'validate';
  /** The table the step has just finished, or null for the rules across tables. */
  readonly table: TableName | null;
  /** Tables (or rule passes) done in this step. */
  readonly done: number;
  /** Tables (or rule passes) in this step. */
  readonly total: number;
}

function mappingFor(mapping: ColumnMapping | undefined, table: TableName): Record<string, string> {
  if (!mapping) return {};
  const perTable = (mapping as Record<string, unknown>)[table];
  if (perTable && typeof perTable === 'object') return perTable as Record<string, string>;
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(mapping)) if (typeof v === 'string') flat[k] = v;
  return flat;
}

/** Raw input of one table: an Arrow table, or raw columns by header. */
export type RawTable = Table | Readonly<Record<string, RawColumn>>;

function rawColumnsOf(raw: RawTable): Readonly<Record<string, RawColumn>> {
  if (!(raw instanceof Table)) return raw;
  const cols: Record<string, RawColumn> = Object.create(null) as Record<string, RawColumn>;
  for (const f of raw.schema.fields) cols[f.name] = raw.getChild(f.name) ?? [];
  return cols;
}

function coerceTable(name: TableName, source: RawTable, options: DatasetOptions, out: FindingCollector, cx: ValidationContext): CheckedTable {
  const file = options.files?.[name] ?? null;
  const ctx = { table: name, file };
  const spec = SCHEMA[name];
  const map = mappingFor(options.mapping, name);
  const raw = rawColumnsOf(source);
  const headers = Object.keys(raw);
  const rowCount = headers.length ? rawLength(raw[headers[0] as string]!) : 0;
  for (const h of headers)
    if (rawLength(raw[h]!) !== rowCount)
      out.add('error', 'bad_csv', ctx, { column: h }, { detail: `column ${h} has ${rawLength(raw[h]!)} values, expected ${rowCount}` });
  const used = new Set<string>();
  const only = options.columns?.[name];
  // No prototype: a column named __proto__ or constructor is a column like any other.
  const columns: Record<string, Vector> = Object.create(null) as Record<string, Vector>;
  const headerOf: Record<string, string> = {};
  for (const c of spec.columns) {
    if (only && !only.includes(c.name)) continue;
    const mapped = map[c.name];
    const header = mapped !== undefined && raw[mapped] !== undefined ? mapped : raw[c.name] !== undefined ? c.name : undefined;
    if (mapped !== undefined && raw[mapped] === undefined && header !== undefined)
      out.add('warning', 'bad_mapping', ctx, { column: c.name }, { detail: `the mapping names header "${mapped}" for ${c.name}, which ${name} does not have; column ${c.name} was used` });
    if (header === undefined) {
      if (c.absentIsUnknown) columns[c.name] = canonicalColumn(c, new Array<null>(rowCount).fill(null), c.name, ctx, out).vector;
      else if (!c.optional) {
        const detail = mapped !== undefined ? `${c.name} (mapped to header "${mapped}", which the file does not have)` : c.name;
        out.add('error', 'missing_column', ctx, { column: detail }, { table: name, column: detail });
      }
      continue;
    }
    used.add(header);
    headerOf[c.name] = header;
    const cells = relabel(name, c, raw[header]!, valueMapOf(options.mapping, name, c.name), ctx, header === c.name ? c.name : `${c.name} [${header}]`, out);
    const col = canonicalColumn(c, cells, header, ctx, out);
    columns[c.name] = col.vector;
    if (col.encoding) cx.seed(name, c.name, col.encoding);
  }
  for (const h of headers) {
    if (used.has(h) || only) continue;
    out.add('info', 'extra_column', ctx, { column: h }, { column: h });
    const col = canonicalColumn(null, raw[h]!, h, ctx, out);
    columns[h] = col.vector;
    if (col.encoding) cx.seed(name, h, col.encoding);
  }
  return { name, file, rowCount, columns, headers: headerOf, ...(source instanceof Table ? { source } : {}) };
}

function emptyTable(name: TableName): CheckedTable {
  const columns: Record<string, Vector> = {};
  for (const c of SCHEMA[name].columns) if (!c.optional || c.absentIsUnknown) columns[c.name] = buildVector([], arrowTypeOf(c.type));
  return { name, file: null, rowCount: 0, columns, headers: {} };
}

const sameData = (a: Vector, b: Vector | null): boolean => b !== null && a.data.length === b.data.length && a.data.every((d, i) => d === b.data[i]);

/** The Arrow table of checked columns: the source table itself when every column is its own (no copy either way). */
function toArrow(t: CheckedTable): Table {
  const names = Object.keys(t.columns);
  const src = t.source;
  if (src && src.schema.fields.length === names.length && names.every((n) => sameData(t.columns[n]!, src.getChild(n))))
    return src.schema.fields.every((f, i) => f.name === names[i]) ? src : src.select(names);
  return new Table(t.columns);
}

/**
 * An Arrow table of a canonical table from columns already holding canonical JS values
 * (no coercion, no validation: for producers such as the generator). Schema columns get
 * their canonical Arrow types, in schema order; other columns are text.
 */
export function arrowTable(name: TableName, columns: Readonly<Record<string, ArrayLike<unknown>>>): Table {
  const vectors: Record<string, Vector> = Object.create(null) as Record<string, Vector>;
  const specs = SCHEMA[name].columns;
  const order = [...specs.map((c) => c.name).filter((c) => c in columns), ...Object.keys(columns).filter((c) => !specs.some((s) => s.name === c))];
  for (const col of order) {
    const spec = specs.find((c) => c.name === col);
    const type = spec ? arrowTypeOf(spec.type) : new Utf8();
    vectors[col] = buildVector(columns[col] as ArrayLike<unknown>, type);
  }
  return new Table(vectors);
}

/**
 * Build a validated dataset from raw columns per table (CSV text cells or typed values).
 * Errors do not throw: they are in `findings`, and `compute` refuses such a dataset.
 * @example datasetFromColumns({ sites: { site_id: ['S1'], ... }, households: {...}, persons: {...} })
 */
export function datasetFromColumns(tables: Partial<Record<TableName, RawColumns>>, options: DatasetOptions = {}): Dataset {
  return buildDataset(tables, options);
}

/**
 * Build a validated dataset from raw tables: Arrow tables (columns of canonical types are used
 * as they are) or raw columns (Arrow vectors, dictionary-coded text, JS values). The encodings
 * and row links validation builds are kept for the engines.
 */
export function buildDataset(tables: Partial<Record<TableName, RawTable>>, options: DatasetOptions = {}): Dataset {
  const out = new FindingCollector();
  checkMapping(options.mapping, out);
  const checked: Partial<Record<TableName, CheckedTable>> = {};
  const cx = new ValidationContext(checked, out, options.currentYear ?? new Date().getFullYear());
  for (const name of TABLE_NAMES) {
    const skipped = options.columns !== undefined && !options.columns[name];
    const raw = skipped ? undefined : tables[name];
    if (!raw) {
      // A table whose file could not be read is reported by the reader, not again as missing.
      if (SCHEMA[name].required && !skipped) {
        if (!options.files?.[name]) out.add('error', 'missing_table', { table: name, file: null }, {}, { table: name });
      }
      // An absent optional table is an empty one: its counts are 0, its rates no_data.
      else {
        checked[name] = emptyTable(name);
        cx.absent.add(name);
      }
      continue;
    }
    checked[name] = coerceTable(name, raw, options, out, cx);
    options.onProgress?.({ step: 'coerce', table: name, done: Object.keys(checked).length, total: TABLE_NAMES.length });
  }
  validateTables(checked, out, {}, cx);
  runChecks(
    {
      tables: Object.fromEntries(Object.values(checked).map((t) => [t.name, new Table(t.columns)])),
      files: options.files ?? {},
      headers: Object.fromEntries(Object.values(checked).map((t) => [t.name, t.headers])),
      absent: cx.absent,
      divisions: options.divisions ?? GUIZHOU_DIVISIONS,
      today: options.today ?? new Date().toISOString().slice(0, 10),
      codes: (table, column) => {
        const e = cx.encodings.get(`${table}\u0000${column}`);
        return e?.kind === 'code' ? e : undefined;
      },
    },
    out,
  );
  options.onProgress?.({ step: 'validate', table: null, done: 1, total: 1 });
  const findings = [...(options.findings ?? []), ...out.result()];
  const arrow: Partial<Record<TableName, Table>> = {};
  const periods = new Set<string>();
  const ds: Dataset = { tables: arrow, findings, files: options.files ?? {}, periods: [] };
  if (hasErrors(findings)) return ds;
  for (const [name, t] of Object.entries(checked) as [TableName, CheckedTable][]) {
    arrow[name] = toArrow(t);
    if (t.columns['period']) for (const p of cx.codes(t, 'period')!.dict) periods.add(p);
  }
  // Keep what validation built for the engines: encodings (not of large id columns, which only
  // links need) and row links.
  for (const [key, e] of cx.encodings) {
    const [table, column] = key.split('\u0000') as [TableName, string];
    const spec = SCHEMA[table].columns.find((c) => c.name === column);
    if (table !== 'sites' && (spec?.references || column === SCHEMA[table].key)) continue;
    seedEncoding(ds, table, column, e);
  }
  for (const [key, rows] of cx.links) {
    const m = /^(\w+)>(\w+):(\w+)$/.exec(key);
    if (m) seedLink(ds, m[1] as TableName, m[2] as TableName, m[3]!, rows);
  }
  return { ...ds, periods: [...periods].sort() };
}

/** Build a validated dataset from Arrow tables (browser entry: tables made by the caller). */
export function datasetFromArrow(tables: Partial<Record<TableName, Table>>, options: DatasetOptions = {}): Dataset {
  return buildDataset(tables, options);
}

/** The columns of an Arrow table as JS arrays (nulls kept; dates and timestamps as Date). */
export function arrowColumns(t: Table): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name);
    if (!v) {
      cols[f.name] = [];
      continue;
    }
    const values = decodeVector(v);
    // Arrow dates and timestamps come out as epoch milliseconds: make them dates again.
    if (DataType.isDate(f.type) || DataType.isTimestamp(f.type))
      for (let i = 0; i < values.length; i++) if (typeof values[i] === 'number') values[i] = new Date(values[i] as number);
    cols[f.name] = values;
  }
  return cols;
}

/** Whether a dataset's table has a column. */
export function hasColumn(ds: Dataset, table: TableName, column: string): boolean {
  return ds.tables[table]?.schema.fields.some((f) => f.name === column) ?? false;
}

/** Whether a dataset can be computed on (no error finding). */
export function isUsable(d: Dataset): boolean {
  return !hasErrors(d.findings);
}
