/**
 * What every check over canonical tables receives, and a helper that reports one finding
 * per cause (rule, column, value) with the number of rows and the first one.
 */
import type { Table } from 'apache-arrow';
import { decodeVector } from '../../columns/decode.js';
import { encodeVector, type CodeColumn } from '../../columns/encode.js';
import { codesOf } from '../../columns/links.js';
import type { FindingCode, MessageArgs } from '../../messages/index.js';
import type { Divisions } from '../../schema/divisions.js';
import type { TableName } from '../../schema/tables.js';
import { FINDING_TEXT } from '../../messages/index.js';
import type { FindingCollector, Severity } from '../finding.js';

/** The input of the checks: canonical Arrow tables and what is known about their sources. */
export interface CheckInput {
  /** Canonical tables present (absent optional tables are empty). */
  readonly tables: Readonly<Partial<Record<TableName, Table>>>;
  /** The file each table came from, when read from files. */
  readonly files: Readonly<Partial<Record<TableName, string>>>;
  /** Per table, the user's header of each canonical column, when mapped. */
  readonly headers: Readonly<Partial<Record<TableName, Readonly<Record<string, string>>>>>;
  /** Optional tables the dataset does not have. */
  readonly absent: ReadonlySet<TableName>;
  /** The divisions list area codes are checked against. */
  readonly divisions: Divisions;
  /** Today, as an ISO date (YYYY-MM-DD). */
  readonly today: string;
  /** A column as dictionary codes, when the caller has them already (validation's encodings). */
  readonly codes?: (table: TableName, column: string) => CodeColumn | undefined;
}

/**
 * A column as dictionary codes (each distinct text decoded once): the caller's encoding when it
 * has one, else encoded here. Checks decide a rule once per distinct value through these.
 */
export function coded(input: CheckInput, table: TableName, column: string): CodeColumn | undefined {
  const known = input.codes?.(table, column);
  if (known) return known;
  const v = input.tables[table]?.getChild(column);
  return v ? codesOf(encodeVector(v)) : undefined;
}

/** A column of a table as JS values (strings, booleans, numbers, null), or undefined. */
export function values(t: Table | undefined, column: string): unknown[] | undefined {
  const v = t?.getChild(column);
  return v ? decodeVector(v) : undefined;
}

/** The column as findings name it: `canonical [user header]` when mapped. */
export function columnLabel(input: CheckInput, table: TableName, column: string): string {
  const h = input.headers[table]?.[column];
  return h && h !== column ? `${column} [${h}]` : column;
}

/** Findings grouped by cause: one per (rule, table, column, value), with a row count. */
export class Causes {
  private readonly groups = new Map<
    string,
    { severity: Severity; code: FindingCode; table: TableName | null; column: string | null; value: string | null; first: number | null; count: number; args: MessageArgs }
  >();

  constructor(
    private readonly input: CheckInput,
    private readonly out: FindingCollector,
  ) {}

  /** Count one row for a cause (row is 1-based; null for a table-level cause). */
  add(severity: Severity, code: FindingCode, table: TableName | null, column: string | null, value: string | null, row: number | null, args: MessageArgs = {}): void {
    const key = `${code}\u0000${table}\u0000${column}\u0000${value}`;
    const g = this.groups.get(key);
    if (g) g.count++;
    else this.groups.set(key, { severity, code, table, column, value, first: row, count: 1, args });
  }

  /** Write one finding per cause into the collector. */
  flush(): void {
    for (const g of this.groups.values()) {
      const args = { ...g.args, ...(g.value !== null && g.args.value === undefined ? { value: g.value } : {}), count: g.count };
      const text = FINDING_TEXT[g.code](args);
      this.out.findings.push({
        severity: g.severity,
        code: g.code,
        table: g.table,
        file: g.table ? (this.input.files[g.table] ?? null) : null,
        row: g.first,
        column: g.table && g.column ? columnLabel(this.input, g.table, g.column) : g.column,
        value: g.value,
        message: text.en,
        messageZh: text.zh,
        ...(g.count > 1 ? { count: g.count } : {}),
      });
    }
    this.groups.clear();
  }
}
