/**
 * Typed findings of loading and validation, and a collector that keeps them readable
 * on large data (a few per rule and column, then one summary).
 */
import { FINDING_TEXT, type FindingCode, type MessageArgs } from '../messages/index.js';

/** How serious a finding is: errors stop every computation. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in the data. */
export interface Finding {
  /** error, warning or info. */
  readonly severity: Severity;
  /** The rule broken. */
  readonly code: FindingCode;
  /** The canonical table, or null for dataset-level findings. */
  readonly table: string | null;
  /** The file the table was read from, or null. */
  readonly file: string | null;
  /** 1-based data row (the header is not counted; CSV line = row + 1), or null. */
  readonly row: number | null;
  /** The canonical column (and the user's header in brackets when mapped), or null. */
  readonly column: string | null;
  /** The offending value as text, or null. */
  readonly value: string | null;
  /** English message. */
  readonly message: string;
  /** Chinese message. */
  readonly messageZh: string;
  /** For a summary of findings not listed one by one: how many it stands for. */
  readonly count?: number;
}

/** Where findings of one table come from. */
export interface FindingContext {
  /** Canonical table. */
  readonly table: string | null;
  /** Source file. */
  readonly file: string | null;
}

/** Findings listed per (code, table, column) before the rest are summarized. */
export const FINDINGS_PER_RULE = 20;

/** Collects findings, listing at most {@link FINDINGS_PER_RULE} per rule, table and column. */
export class FindingCollector {
  /** Findings kept, in the order found. */
  readonly findings: Finding[] = [];
  private readonly seen = new Map<string, number>();
  private readonly summaries = new Map<string, { f: Finding; extra: number }>();

  /** Record a finding. */
  add(
    severity: Severity,
    code: FindingCode,
    ctx: FindingContext,
    where: { row?: number | null; column?: string | null; value?: unknown },
    args: MessageArgs = {},
  ): void {
    const key = `${code}\u0000${ctx.table}\u0000${where.column ?? ''}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    const value = where.value === undefined || where.value === null ? null : String(where.value);
    if (n > FINDINGS_PER_RULE) {
      const s = this.summaries.get(key);
      if (s) s.extra++;
      else {
        const text = FINDING_TEXT.more_findings({ count: 1 });
        const f: Finding = {
          severity,
          code,
          table: ctx.table,
          file: ctx.file,
          row: null,
          column: where.column ?? null,
          value: null,
          message: text.en,
          messageZh: text.zh,
        };
        this.summaries.set(key, { f, extra: 1 });
      }
      return;
    }
    const text = FINDING_TEXT[code]({ ...args, ...(value !== null && args.value === undefined ? { value } : {}) });
    this.findings.push({
      severity,
      code,
      table: ctx.table,
      file: ctx.file,
      row: where.row ?? null,
      column: where.column ?? null,
      value,
      message: text.en,
      messageZh: text.zh,
    });
  }

  /** All findings, with one summary per rule whose findings were not all listed. */
  result(): Finding[] {
    const out = [...this.findings];
    for (const { f, extra } of this.summaries.values()) {
      const text = FINDING_TEXT.more_findings({ count: extra });
      out.push({ ...f, message: text.en, messageZh: text.zh, count: extra });
    }
    return out;
  }
}

/** How many problems of a severity the findings report (summaries count for all they stand for). */
export function countFindings(findings: readonly Finding[], severity: Severity): number {
  return findings.reduce((n, f) => n + (f.severity === severity ? (f.count ?? 1) : 0), 0);
}

/** Whether any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** One line naming file, row, column and rule: `persons.csv row 12 (line 13), column trained: bad_type — …`. */
export function formatFinding(f: Finding, lang: 'en' | 'zh' = 'en'): string {
  const where: string[] = [];
  if (f.file ?? f.table) where.push(f.file ?? f.table ?? '');
  if (f.row !== null) where.push(f.file?.endsWith('.csv') ? `row ${f.row} (line ${f.row + 1})` : `row ${f.row}`);
  if (f.column !== null) where.push(`column ${f.column}`);
  const msg = lang === 'zh' ? f.messageZh : f.message;
  return `${f.severity} ${f.code}${where.length ? ` at ${where.join(', ')}` : ''}: ${msg}`;
}
