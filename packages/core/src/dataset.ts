/**
 * A validated dataset: canonical tables as Apache Arrow tables, with the findings of
 * loading and validation. Every way of making a dataset goes through `buildDataset`,
 * so every computation sees validated data.
 */
import { Bool, DataType, Float64, Int32, Table, Utf8, type Vector } from 'apache-arrow';
import { buildVector } from './io/build.js';
import { decodeVector } from './io/decode-columns.js';
import { coerceColumn, textColumn, type CellValue } from './io/coerce.js';
import { SCHEMA, TABLE_NAMES, type ColumnType, type TableName } from './schema/tables.js';
import { FindingCollector, type Finding, hasErrors } from './validate/finding.js';
import { validateTables, type CoercedTable } from './validate/rules.js';

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
}

const ARROW_TYPE: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  code: () => new Utf8(),
  date: () => new Utf8(),
  period: () => new Utf8(),
  boolean: () => new Bool(),
  integer: () => new Int32(),
  number: () => new Float64(),
};

function mappingFor(mapping: ColumnMapping | undefined, table: TableName): Record<string, string> {
  if (!mapping) return {};
  const perTable = (mapping as Record<string, unknown>)[table];
  if (perTable && typeof perTable === 'object') return perTable as Record<string, string>;
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(mapping)) if (typeof v === 'string') flat[k] = v;
  return flat;
}

function coerceTable(name: TableName, raw: RawColumns, options: DatasetOptions, out: FindingCollector): CoercedTable {
  const file = options.files?.[name] ?? null;
  const ctx = { table: name, file };
  const spec = SCHEMA[name];
  const map = mappingFor(options.mapping, name);
  const headers = Object.keys(raw);
  const rowCount = headers.length ? (raw[headers[0] as string]?.length ?? 0) : 0;
  for (const h of headers)
    if ((raw[h]?.length ?? 0) !== rowCount)
      out.add('error', 'bad_csv', ctx, { column: h }, { detail: `column ${h} has ${raw[h]?.length} values, expected ${rowCount}` });
  const used = new Set<string>();
  const columns: Record<string, CellValue[]> = {};
  const headerOf: Record<string, string> = {};
  for (const c of spec.columns) {
    const mapped = map[c.name];
    const header = mapped !== undefined && raw[mapped] !== undefined ? mapped : raw[c.name] !== undefined ? c.name : undefined;
    if (mapped !== undefined && raw[mapped] === undefined && header !== undefined)
      out.add('warning', 'bad_mapping', ctx, { column: c.name }, { detail: `the mapping names header "${mapped}" for ${c.name}, which ${name} does not have; column ${c.name} was used` });
    if (header === undefined) {
      if (c.absentIsUnknown) columns[c.name] = new Array<CellValue>(rowCount).fill(null);
      else if (!c.optional) {
        const detail = mapped !== undefined ? `${c.name} (mapped to header "${mapped}", which the file does not have)` : c.name;
        out.add('error', 'missing_column', ctx, { column: detail }, { table: name, column: detail });
      }
      continue;
    }
    used.add(header);
    headerOf[c.name] = header;
    columns[c.name] = coerceColumn(c, raw[header] as ArrayLike<unknown>, header, ctx, out);
  }
  for (const h of headers) {
    if (used.has(h)) continue;
    out.add('info', 'extra_column', ctx, { column: h }, { column: h });
    columns[h] = textColumn(raw[h] as ArrayLike<unknown>);
  }
  return { name, file, rowCount, columns, headers: headerOf };
}

function emptyTable(name: TableName): CoercedTable {
  const columns: Record<string, CellValue[]> = {};
  for (const c of SCHEMA[name].columns) if (!c.optional || c.absentIsUnknown) columns[c.name] = [];
  return { name, file: null, rowCount: 0, columns, headers: {}, absent: true };
}

function toArrow(t: CoercedTable): Table {
  return arrowTable(t.name, t.columns);
}

/**
 * An Arrow table of a canonical table from columns already holding canonical JS values
 * (no coercion, no validation: for producers such as the generator). Schema columns get
 * their canonical Arrow types, in schema order; other columns are text.
 */
export function arrowTable(name: TableName, columns: Readonly<Record<string, ArrayLike<unknown>>>): Table {
  const vectors: Record<string, Vector> = {};
  const specs = SCHEMA[name].columns;
  const order = [...specs.map((c) => c.name).filter((c) => c in columns), ...Object.keys(columns).filter((c) => !specs.some((s) => s.name === c))];
  for (const col of order) {
    const spec = specs.find((c) => c.name === col);
    const type = spec ? ARROW_TYPE[spec.type]() : new Utf8();
    vectors[col] = buildVector(columns[col] as ArrayLike<unknown>, type);
  }
  return new Table(vectors);
}

function checkMapping(mapping: ColumnMapping | undefined, out: FindingCollector): void {
  if (!mapping) return;
  const known = new Set(TABLE_NAMES.flatMap((t) => SCHEMA[t].columns.map((c) => c.name)));
  for (const [k, v] of Object.entries(mapping)) {
    if (typeof v === 'string') {
      if (!known.has(k)) out.add('error', 'bad_mapping', { table: null, file: null }, { column: k }, { detail: `"${k}" is not a canonical column` });
    } else if (v && typeof v === 'object') {
      if (!(TABLE_NAMES as readonly string[]).includes(k)) {
        out.add('error', 'bad_mapping', { table: null, file: null }, {}, { detail: `"${k}" is not a canonical table` });
        continue;
      }
      for (const c of Object.keys(v))
        if (!SCHEMA[k as TableName].columns.some((s) => s.name === c))
          out.add('error', 'bad_mapping', { table: k, file: null }, { column: c }, { detail: `"${c}" is not a column of ${k}` });
    } else out.add('error', 'bad_mapping', { table: null, file: null }, {}, { detail: `the value of "${k}" must be a header name or an object` });
  }
}

/**
 * Build a validated dataset from raw columns per table (CSV text cells or typed values).
 * Errors do not throw: they are in `findings`, and `compute` refuses such a dataset.
 * @example datasetFromColumns({ sites: { site_id: ['S1'], ... }, households: {...}, persons: {...} })
 */
export function datasetFromColumns(tables: Partial<Record<TableName, RawColumns>>, options: DatasetOptions = {}): Dataset {
  const out = new FindingCollector();
  checkMapping(options.mapping, out);
  const coerced: Partial<Record<TableName, CoercedTable>> = {};
  for (const name of TABLE_NAMES) {
    const raw = tables[name];
    if (!raw) {
      if (SCHEMA[name].required) out.add('error', 'missing_table', { table: name, file: null }, {}, { table: name });
      // An absent optional table is an empty one: its counts are 0, its rates no_data.
      else coerced[name] = emptyTable(name);
      continue;
    }
    coerced[name] = coerceTable(name, raw, options, out);
  }
  validateTables(coerced, out, options.currentYear === undefined ? {} : { currentYear: options.currentYear });
  const findings = [...(options.findings ?? []), ...out.result()];
  const arrow: Partial<Record<TableName, Table>> = {};
  const periods = new Set<string>();
  if (!hasErrors(findings))
    for (const [name, t] of Object.entries(coerced) as [TableName, CoercedTable][]) {
      arrow[name] = toArrow(t);
      const p = t.columns['period'];
      if (p) for (const v of p) if (typeof v === 'string') periods.add(v);
    }
  return { tables: arrow, findings, files: options.files ?? {}, periods: [...periods].sort() };
}

/** Build a validated dataset from Arrow tables (browser entry: tables made by the caller). */
export function datasetFromArrow(tables: Partial<Record<TableName, Table>>, options: DatasetOptions = {}): Dataset {
  const raw: Partial<Record<TableName, RawColumns>> = {};
  for (const [name, t] of Object.entries(tables) as [TableName, Table][]) raw[name] = arrowColumns(t);
  return datasetFromColumns(raw, options);
}

/** The columns of an Arrow table as JS arrays (nulls kept; dates and timestamps as Date). */
export function arrowColumns(t: Table): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = {};
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
