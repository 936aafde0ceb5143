/**
 * What validation checks read: canonical Arrow columns per table, with their encodings and
 * row links built once (the same ones the engines then use; see `columns/`). A check is a
 * function over a table or over the whole set; the runner (`rules.ts`) calls them in order.
 */
import type { Table, Vector } from 'apache-arrow';
import { encodeVector, type CodeColumn, type Encoded } from '../columns/encode.js';
import { encodeKeys, type KeyCodes } from '../columns/keys.js';
import { codesOf, linkRows } from '../columns/links.js';
import type { CanonicalColumn } from '../io/columnar.js';
import { SCHEMA, type TableName } from '../schema/tables.js';
import type { FindingCollector, FindingContext } from './finding.js';

/** A table after coercion: canonical columns as Arrow vectors. */
export interface CheckedTable {
  /** Canonical table. */
  readonly name: TableName;
  /** Source file name, or null. */
  readonly file: string | null;
  /** Number of rows. */
  readonly rowCount: number;
  /** Columns by canonical name (schema columns present, then extra columns). */
  readonly columns: Record<string, Vector>;
  /** The user's header for each canonical column, when mapped. */
  readonly headers: Record<string, string>;
  /** The Arrow table the columns came from, if any (kept as it is when no column changes). */
  readonly source?: Table;
}

/** Options of validation. */
export interface RuleOptions {
  /** The current year, for the birth-year rule (default: this year). */
  readonly currentYear?: number;
}

/** A check of one table. */
export type TableCheck = (t: CheckedTable, cx: ValidationContext) => void;
/** A check across tables. */
export type DatasetCheck = (cx: ValidationContext) => void;

/** The tables being validated, their encodings and links (each built on first use, once). */
export class ValidationContext {
  /** Encodings built so far, by `table\0column`. */
  readonly encodings = new Map<string, Encoded>();
  /** Row links built so far, by `child>parent:via` (the engines' keys). */
  readonly links = new Map<string, Int32Array>();
  /** Optional tables the dataset does not have (references to them are one warning, not orphans). */
  readonly absent = new Set<TableName>();
  private readonly keyCodes = new Map<string, KeyCodes>();

  constructor(
    /** Tables by name (absent optional tables are empty). */
    readonly tables: Partial<Record<TableName, CheckedTable>>,
    /** Where findings go. */
    readonly out: FindingCollector,
    /** The current year. */
    readonly year: number,
  ) {}

  /** Where a table's findings come from. */
  ctx(t: CheckedTable): FindingContext {
    return { table: t.name, file: t.file };
  }

  /** A column's label in findings: the canonical name, and the user's header when mapped. */
  label(t: CheckedTable, c: string): string {
    return t.headers[c] && t.headers[c] !== c ? `${c} [${t.headers[c]}]` : c;
  }

  /** Record an encoding built while coercing. */
  seed(t: TableName, column: string, e: Encoded): void {
    this.encodings.set(`${t}\u0000${column}`, e);
  }

  /** The encoding of a column (undefined when the table lacks it). */
  encoding(t: CheckedTable, column: string): Encoded | undefined {
    const v = t.columns[column];
    if (!v) return undefined;
    const key = `${t.name}\u0000${column}`;
    let e = this.encodings.get(key);
    if (!e) this.encodings.set(key, (e = encodeVector(v)));
    return e;
  }

  /** A column as dictionary codes. */
  codes(t: CheckedTable, column: string): CodeColumn | undefined {
    const e = this.encoding(t, column);
    return e && codesOf(e);
  }

  /** An id column as hashed codes (for keys and references; not kept after validation). */
  keys(t: CheckedTable, column: string): KeyCodes | undefined {
    const v = t.columns[column];
    if (!v) return undefined;
    const key = `${t.name}\u0000${column}`;
    let k = this.keyCodes.get(key);
    if (!k) this.keyCodes.set(key, (k = encodeKeys(v)));
    return k;
  }

  /** Replace a column (e.g. after mapping obsolete codes), with its encoding. */
  replace(t: CheckedTable, column: string, c: CanonicalColumn): void {
    t.columns[column] = c.vector;
    const key = `${t.name}\u0000${column}`;
    if (c.encoding) this.encodings.set(key, c.encoding);
    else this.encodings.delete(key);
  }

  /**
   * For each row of `child`, the row of `parent` whose key its `via` holds (in the same period
   * when both tables are monthly), −1 for none; undefined when a column is missing.
   */
  link(child: CheckedTable, parent: CheckedTable, via: string): Int32Array | undefined {
    const key = `${child.name}>${parent.name}:${via}`;
    let rows = this.links.get(key);
    if (rows) return rows;
    const ck = this.keys(child, via);
    const pk = this.keys(parent, SCHEMA[parent.name].key);
    if (!ck || !pk) return undefined;
    const byPeriod = child.columns['period'] !== undefined && parent.columns['period'] !== undefined;
    rows = byPeriod ? linkRows(pk, ck, this.codes(parent, 'period'), this.codes(child, 'period')) : linkRows(pk, ck);
    this.links.set(key, rows);
    return rows;
  }
}
