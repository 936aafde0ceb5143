/**
 * SQL dialects: how a dialect quotes names, writes bound parameters and orders text.
 * The base emitter (`emit.ts`) writes everything else; a dialect overrides only these.
 */
import { HoufuError } from '../../errors.js';
import { ERROR_TEXT } from '../../messages/index.js';

/** Type of a bound parameter, made explicit with a cast. */
export type ParamType = 'text' | 'double' | 'boolean';

/** What a dialect provides to the base emitter. */
export interface Dialect {
  /** Dialect name. */
  readonly name: 'duckdb' | 'postgres';
  /** SQL type names of bound parameters and of the sums. */
  readonly types: Readonly<Record<ParamType, string>>;
  /** Placeholder of the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  /** Suffix that makes text ordering compare code points (JavaScript's order), or ''. */
  readonly textOrder: string;
  /** Longest identifier in UTF-8 bytes the database keeps without truncating it. */
  readonly maxIdentifierBytes: number;
  /** Whether text values may contain NUL characters. */
  readonly textHoldsNul: boolean;
}

/**
 * Quote an identifier for `dialect`: always double-quoted, inner quotes doubled. Names the
 * database would truncate or cannot hold are refused, never altered.
 */
export function quoteIdent(dialect: Dialect, name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(String(name), 'empty'));
  if (name.includes('\u0000')) throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(name, 'nul'));
  if (new TextEncoder().encode(name).length > dialect.maxIdentifierBytes)
    throw new HoufuError('invalid_request', ERROR_TEXT.badSqlName(name, 'long', dialect.maxIdentifierBytes));
  return `"${name.replace(/"/g, '""')}"`;
}

/** DuckDB (native and duckdb-wasm). */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  types: { text: 'VARCHAR', double: 'DOUBLE', boolean: 'BOOLEAN' },
  placeholder: (n) => `$${n}`,
  // DuckDB compares text byte-wise (UTF-8), which is code-point order.
  textOrder: '',
  maxIdentifierBytes: 4096,
  textHoldsNul: true,
};

/** PostgreSQL. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  types: { text: 'TEXT', double: 'DOUBLE PRECISION', boolean: 'BOOLEAN' },
  placeholder: (n) => `$${n}`,
  // The database's default collation may be linguistic; "C" compares code points.
  textOrder: ' COLLATE "C"',
  // NAMEDATALEN − 1: longer names are silently truncated by the server.
  maxIdentifierBytes: 63,
  textHoldsNul: false,
};
