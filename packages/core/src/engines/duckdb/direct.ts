/**
 * SQL for native DuckDB to read a user's own Parquet or CSV file into a table with the
 * canonical column types, after houfu has validated the same file. A cell is read directly
 * only in the spelling for which houfu's coercion and DuckDB's cast agree (`true`/`false`,
 * plain decimal numbers, ISO dates, text without surrounding whitespace…); each row carries a
 * bit per column whose cell is not in that spelling, and any such bit (or a different row
 * count) sends the table back to the columnar path.
 */
import { DataType, type Table } from 'apache-arrow';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import { duckdbDialect, quoteIdent } from '../sql/dialect.js';
import type { TableFileSource } from './files.js';

const ident = (name: string): string => quoteIdent(duckdbDialect, name);
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Whitespace as JavaScript's `trim` and houfu's blank test see it: code points, and an RE2 class. */
const WS_CODES = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const WS = '[\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
/** Whether a text starts (or ends) with whitespace: one code point compared, no regular expression. */
const startsWS = (c: string): string => `unicode(${c}) IN (${WS_CODES.join(', ')})`;
const endsWS = (c: string): string => `unicode(right(${c}, 1)) IN (${WS_CODES.join(', ')})`;

/** The DuckDB type of an Arrow column, as both load paths create it. */
export function duckdbTypeOf(t: DataType): 'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' {
  if (DataType.isBool(t)) return 'BOOLEAN';
  if (DataType.isInt(t)) return t.bitWidth <= 32 ? 'INTEGER' : 'BIGINT';
  if (DataType.isFloat(t)) return 'DOUBLE';
  return 'VARCHAR';
}

/** The table function reading a file: Parquet as it is, CSV as text in houfu's dialect (RFC 4180, comma, header row). */
export function readerSql(source: TableFileSource): string {
  if (source.format === 'parquet') return `read_parquet(${literal(source.path)})`;
  return (
    `read_csv(${literal(source.path)}, header = true, delim = ',', quote = '"', escape = '"', skip = 0, all_varchar = true, ` +
    `nullstr = '', allow_quoted_nulls = true, strict_mode = true, encoding = 'utf-8')`
  );
}

type Kind = 'string' | 'code' | 'date' | 'period' | 'boolean' | 'integer' | 'number' | 'extra';
const INTEGERS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT']);

/** How one file column becomes a canonical column: the expression, and when a cell is not in a directly readable spelling. */
function columnSql(kind: Kind, fileType: string, c: string): { expr: string; bad: string } | undefined {
  const text = `${c} IS NOT NULL AND`;
  if (fileType === 'VARCHAR') {
    switch (kind) {
      case 'string':
      case 'extra':
        return { expr: c, bad: `${text} (${c} = '' OR (${startsWS(c)} AND regexp_full_match(${c}, '${WS}*')))` };
      case 'code':
      case 'period':
        return { expr: c, bad: `${text} (${c} = '' OR ${startsWS(c)} OR ${endsWS(c)})` };
      case 'date':
        return { expr: c, bad: `${text} NOT regexp_full_match(${c}, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}')` };
      case 'boolean':
        return { expr: `${c} IN ('true', '1')`, bad: `${text} ${c} NOT IN ('true', 'false', '1', '0')` };
      case 'integer':
        return { expr: `TRY_CAST(${c} AS INTEGER)`, bad: `${text} NOT regexp_full_match(${c}, '-?[0-9]{1,10}')` };
      case 'number':
        return { expr: `TRY_CAST(${c} AS DOUBLE)`, bad: `${text} NOT regexp_full_match(${c}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?')` };
    }
  }
  if (fileType === 'BOOLEAN') return kind === 'boolean' ? { expr: c, bad: 'false' } : undefined;
  if (INTEGERS.has(fileType)) {
    if (kind === 'integer') return { expr: `TRY_CAST(${c} AS INTEGER)`, bad: `${text} TRY_CAST(${c} AS INTEGER) IS NULL` };
    if (kind === 'number') return { expr: `CAST(${c} AS DOUBLE)`, bad: 'false' };
    if (kind === 'boolean') return { expr: `${c} = 1`, bad: `${text} ${c} NOT IN (0, 1)` };
    if (kind === 'string' || kind === 'code' || kind === 'extra') return { expr: `CAST(${c} AS VARCHAR)`, bad: 'false' };
    return undefined;
  }
  if (fileType === 'DOUBLE' || fileType === 'FLOAT') {
    if (kind === 'number') return { expr: `CAST(${c} AS DOUBLE)`, bad: `${text} NOT isfinite(${c})` };
    if (kind === 'integer') return { expr: `TRY_CAST(${c} AS INTEGER)`, bad: `${text} (NOT isfinite(${c}) OR ${c} <> round(${c}) OR TRY_CAST(${c} AS INTEGER) IS NULL)` };
    return undefined;
  }
  if (fileType === 'DATE' && kind === 'date') return { expr: `strftime(${c}, '%Y-%m-%d')`, bad: `${text} (year(${c}) < 1000 OR year(${c}) > 9999)` };
  return undefined;
}

/** The statement creating a table from a file, with the marker column of non-canonical cells; or why it cannot be read directly. */
export function directReadSql(
  target: string,
  table: TableName,
  arrow: Table,
  source: TableFileSource,
  fileColumns: readonly { name: string; type: string }[],
): { sql: string; marker: string; columns: readonly string[] } | { reason: string } {
  const spec = SCHEMA[table].columns;
  const fields = arrow.schema.fields;
  const inFile = new Map(fileColumns.map((f) => [f.name, f.type]));
  const names = new Set(fields.map((f) => f.name));
  const foreign = fileColumns.find((f) => !names.has(f.name));
  if (foreign) return { reason: `the file's column ${foreign.name} is not a column of the validated table` };
  if (fields.length > 52) return { reason: 'more than 52 columns' };
  const select: string[] = [];
  const bits: string[] = [];
  for (const [k, f] of fields.entries()) {
    const out = `${ident(f.name)}`;
    const type = duckdbTypeOf(f.type);
    const fileType = inFile.get(f.name);
    if (fileType === undefined) {
      // A column the file does not have is all unknown in the validated table (absent-is-unknown columns).
      if (arrow.getChild(f.name)!.nullCount !== arrow.numRows) return { reason: `column ${f.name} is not in the file` };
      select.push(`CAST(NULL AS ${type}) AS ${out}`);
      continue;
    }
    const kind = (spec.find((c) => c.name === f.name)?.type ?? 'extra') as Kind;
    const col = columnSql(kind, fileType, ident(f.name));
    if (!col) return { reason: `column ${f.name} is ${fileType} in the file` };
    select.push(`CAST(${col.expr} AS ${type}) AS ${out}`);
    if (col.bad !== 'false') bits.push(`(CASE WHEN ${col.bad} THEN ${2 ** k} ELSE 0 END)`);
  }
  let marker = '__houfu_noncanonical';
  while (names.has(marker)) marker += '_';
  select.push(`CAST(${bits.length ? bits.join(' + ') : '0'} AS BIGINT) AS ${ident(marker)}`);
  return { sql: `CREATE TABLE ${target} AS SELECT ${select.join(', ')} FROM ${readerSql(source)}`, marker, columns: fields.map((f) => f.name) };
}
