/** Shared pieces of the commands: argument errors, dataset loading, output, terminal tables. */
import { writeFile } from 'node:fs/promises';
import { formatFinding, HoufuError, type Dataset, type Finding, type OutputFormat, OUTPUT_FORMATS, formatTable } from '@houfu/core';
import { loadDataset, readMapping } from '@houfu/core/node';
import type { Table } from 'apache-arrow';

/** A usage error: exit code 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes. */
export const EXIT = { ok: 0, dataError: 1, usage: 2, io: 3 } as const;

/** Output streams, replaceable in tests. */
export interface Io {
  out(text: string | Uint8Array): void;
  err(text: string): void;
  /** Whether stdout is a terminal. */
  readonly tty: boolean;
}

/** The process's streams. */
export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  tty: Boolean(process.stdout.isTTY),
};

/** A required string option. */
export function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** An option restricted to a list of values. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got ${String(value)})`);
  return value as T;
}

/** Load and validate the dataset named by --data (with --mapping and --encoding). */
export async function loadFromArgs(values: Record<string, unknown>, io: Io): Promise<Dataset> {
  const dir = need(values, 'data');
  const mapping = typeof values['mapping'] === 'string' ? await readMapping(values['mapping']) : undefined;
  const encoding = oneOf(values['encoding'], ['auto', 'utf-8', 'gb18030'] as const, 'encoding', 'auto');
  const t0 = performance.now();
  const ds = await loadDataset(dir, { encoding, ...(mapping ? { mapping } : {}) });
  const ms = performance.now() - t0;
  if (ms > 1000) io.err(`loaded ${dir} in ${(ms / 1000).toFixed(1)} s\n`);
  return ds;
}

/** Print findings (errors first) to stderr; returns the number of errors. */
export function reportFindings(findings: readonly Finding[], io: Io, lang: 'en' | 'zh', limit = 50): number {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  for (const f of sorted.slice(0, limit)) io.err(`${formatFinding(f, lang)}\n`);
  if (sorted.length > limit) io.err(`… and ${sorted.length - limit} more findings\n`);
  return findings.filter((f) => f.severity === 'error').length;
}

/** Write a table in a format to --out or stdout. */
export async function emit(table: Table, format: OutputFormat, outPath: unknown, io: Io): Promise<void> {
  const body = formatTable(table, format);
  if (typeof outPath === 'string' && outPath !== '') {
    await writeFile(outPath, body);
    io.err(`wrote ${table.numRows} rows to ${outPath}\n`);
    return;
  }
  if (typeof body !== 'string' && io.tty) throw new UsageError(`--format ${format} writes binary data: give --out FILE`);
  io.out(body);
}

/** Parse --format for table outputs. */
export const outputFormat = (v: unknown): OutputFormat => oneOf(v, OUTPUT_FORMATS, 'format', 'csv');

/** Turn an error into a message and exit code. */
export function failure(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`houfu: ${e.message}\nRun "houfu help" for usage.\n`);
    return EXIT.usage;
  }
  if (e instanceof HoufuError) {
    if (e.code === 'invalid_dataset') {
      io.err(`houfu: ${e.message}\n`);
      reportFindings(e.findings, io, 'en');
      return EXIT.dataError;
    }
    io.err(`houfu: ${e.message}\n`);
    return e.code === 'io' ? EXIT.io : EXIT.usage;
  }
  if (e instanceof RangeError && /unknown (indicator|family)/.test(e.message)) {
    io.err(`houfu: ${e.message}\n`);
    return EXIT.usage;
  }
  throw e;
}

/** Display width in a terminal: wide (CJK) characters take two cells. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/** A plain text table with aligned columns (numbers right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (s: string, i: number): string => {
    const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(s)));
    return right.has(i) ? gap + s : s + gap;
  };
  const line = (r: readonly string[]): string => r.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
