/** Shared pieces of the commands: the context, argument errors, dataset loading, output. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HoufuError, type Dataset, type Finding, type LocalText, type OutputFormat, type TableColumns, formatTable } from '@houfu/core';
import { loadDataset, readMapping } from '@houfu/core/node';
import type { Table } from 'apache-arrow';
import { CLI_TEXT, say, type Lang } from './messages.js';

/** A usage error: exit code 2 with the message (in zh and en). */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The message in both languages. */
  readonly text: LocalText;
  constructor(text: string | LocalText) {
    const t = typeof text === 'string' ? { zh: text, en: text } : text;
    super(t.en);
    this.text = t;
  }
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

/** What a command runs with: the streams, the language and how much to say. */
export interface Ctx extends Io {
  /** Language of messages and tables. */
  readonly lang: Lang;
  /** Only results and errors. */
  readonly quiet: boolean;
  /** Timings and details too. */
  readonly verbose: boolean;
  /** A note on stderr (left out with --quiet). */
  note(text: LocalText): void;
  /** A warning on stderr (left out with --quiet). */
  warn(text: LocalText): void;
  /** A detail on stderr (only with --verbose). */
  detail(text: LocalText): void;
  /** The streams this context writes to. */
  readonly base?: Io;
}

/** The process's streams. */
export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  tty: Boolean(process.stdout.isTTY),
};

/** A context over streams. */
export function context(io: Io, lang: Lang, quiet = false, verbose = false): Ctx {
  const line = (t: LocalText): void => io.err(`${say(lang, t).replace(/\n?$/, '\n')}`);
  return {
    out: (t) => io.out(t),
    err: (t) => io.err(t),
    tty: io.tty,
    base: io,
    lang,
    quiet,
    verbose,
    note: (t) => void (quiet ? undefined : line(t)),
    warn: (t) => void (quiet ? undefined : line({ zh: `警告：${t.zh}`, en: `warning: ${t.en}` })),
    detail: (t) => void (verbose && !quiet ? line(t) : undefined),
  };
}

/** The context of an `Io` that may already be one. */
export const ctxOf = (io: Io): Ctx => ('lang' in io ? (io as Ctx) : context(io, 'en'));

/** A required string option. */
export function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(CLI_TEXT.required(name));
  return v;
}

/** An option restricted to a list of values (checked again here for callers outside the parser). */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new UsageError(CLI_TEXT.notChoice(name, String(value), allowed, []));
  return value as T;
}

/** The items of a list option. */
export const items = (v: unknown): string[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/**
 * Load and validate the dataset named by --data (with --mapping and --encoding); with `columns`,
 * only those tables and columns (what a computation reads).
 */
export async function loadFromArgs(values: Record<string, unknown>, io: Io, columns?: TableColumns): Promise<Dataset> {
  const ctx = ctxOf(io);
  const dir = need(values, 'data');
  const mapping = typeof values['mapping'] === 'string' ? await readMapping(values['mapping']) : undefined;
  const encoding = oneOf(values['encoding'], ['auto', 'utf-8', 'gb18030'] as const, 'encoding', 'auto');
  const t0 = performance.now();
  // A progress line on a terminal (not with --quiet): loading at scale takes a while.
  const live = io === processIo && !ctx.quiet && Boolean(process.stderr.isTTY);
  const onProgress = (p: { step: string; table: string | null; done: number; total: number }): void =>
    void process.stderr.write(`\r\x1b[K${p.step} ${p.table ?? ''} ${p.done}/${p.total}`);
  const ds = await loadDataset(dir, { encoding, ...(mapping ? { mapping } : {}), ...(live ? { onProgress } : {}), ...(columns ? { columns } : {}) });
  if (live) process.stderr.write('\r\x1b[K');
  // Timings only when asked for (--verbose): the same run says the same things.
  ctx.detail(CLI_TEXT.loaded(dir, (performance.now() - t0) / 1000));
  return ds;
}

/** A finding as one line in a language. */
export function findingLine(f: Finding, lang: Lang): string {
  const where: string[] = [];
  if (f.file ?? f.table) where.push(f.file ?? f.table ?? '');
  if (f.row !== null) where.push(say(lang, CLI_TEXT.findingRow(f.row, f.file?.endsWith('.csv') ? f.row + 1 : null)));
  if (f.column !== null) where.push(say(lang, CLI_TEXT.findingColumn(f.column)));
  const sev = say(lang, CLI_TEXT.severity[f.severity] ?? { zh: f.severity, en: f.severity });
  const msg = lang === 'zh' ? f.messageZh : f.message;
  return lang === 'zh'
    ? `${sev} ${f.code}${where.length ? ` ${CLI_TEXT.at.zh} ${where.join('，')}` : ''}：${msg}`
    : `${sev} ${f.code}${where.length ? ` at ${where.join(', ')}` : ''}: ${msg}`;
}

/** Print findings (errors first) to stderr; returns the number of errors. */
export function reportFindings(findings: readonly Finding[], io: Io, lang: Lang, limit = 50): number {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  for (const f of sorted.slice(0, limit)) io.err(`${findingLine(f, lang)}\n`);
  if (sorted.length > limit) io.err(`${say(lang, CLI_TEXT.moreFindings(sorted.length - limit))}\n`);
  return findings.filter((f) => f.severity === 'error').length;
}

/** Print the data's warnings (unless --quiet). */
export function dataWarnings(ds: Dataset, io: Io): void {
  const ctx = ctxOf(io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (!warnings.length || ctx.quiet) return;
  ctx.note(CLI_TEXT.dataWarnings(warnings.length));
  reportFindings(warnings, io, ctx.lang, ctx.verbose ? 1000 : 10);
}

/** Write bytes or text to a file, creating its folder; a failure is an I/O error with the path. */
export async function writeOut(path: string, body: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  } catch (e) {
    throw new HoufuError('io', CLI_TEXT.cannotWrite(path, (e as Error).message));
  }
}

/** Output formats of result tables: the library's, plus the terminal table and Excel. */
export type CliFormat = OutputFormat | 'table' | 'xlsx';

/** The format asked for, else a table on a terminal and CSV in a pipe or file. */
export function outputFormat(v: unknown, io: Io, outPath?: unknown): CliFormat {
  if (typeof v === 'string') return oneOf(v, ['table', 'csv', 'json', 'arrow', 'parquet', 'xlsx'] as const, 'format', 'csv');
  if (typeof outPath === 'string' && outPath.endsWith('.xlsx')) return 'xlsx';
  return io.tty && !(typeof outPath === 'string' && outPath !== '') ? 'table' : 'csv';
}

/** How a table is written: a terminal table, or an Excel workbook. */
export interface EmitHooks {
  /** The terminal table. */
  readonly table?: (t: Table) => string;
  /** The Excel workbook. */
  readonly xlsx?: (t: Table) => Promise<Uint8Array>;
}

/** Write a table in a format to --out or stdout. */
export async function emit(table: Table, format: CliFormat, outPath: unknown, io: Io, hooks: EmitHooks = {}, values: Record<string, unknown> = {}): Promise<void> {
  const ctx = ctxOf(io);
  const out = typeof outPath === 'string' && outPath !== '' ? outPath : undefined;
  const bom = values['bom'] === true;
  if (bom && format !== 'csv') throw new UsageError(CLI_TEXT.bomOnlyCsv);
  let body: string | Uint8Array;
  if (format === 'table') {
    if (out) throw new UsageError(CLI_TEXT.tableNotFile);
    body = hooks.table ? hooks.table(table) : formatTable(table, 'csv');
  } else if (format === 'xlsx') {
    if (!out && io.tty) throw new UsageError(CLI_TEXT.binaryNeedsOut(format));
    if (!hooks.xlsx) throw new UsageError(CLI_TEXT.notChoice('format', 'xlsx', ['table', 'csv', 'json', 'arrow', 'parquet'], []));
    body = await hooks.xlsx(table);
  } else {
    body = formatTable(table, format);
    if (bom && typeof body === 'string') body = `\ufeff${body}`;
  }
  if (out) {
    await writeOut(out, body);
    ctx.note(CLI_TEXT.wrote(table.numRows, out));
    return;
  }
  if (typeof body !== 'string' && io.tty) throw new UsageError(CLI_TEXT.binaryNeedsOut(format));
  io.out(body);
}

/** Turn an error into a message and exit code; nothing here prints a stack trace. */
export function failure(e: unknown, io: Io, cmd?: string): number {
  const ctx = ctxOf(io);
  const lang = ctx.lang;
  if (e instanceof UsageError) {
    io.err(`houfu: ${say(lang, e.text)}\n${say(lang, CLI_TEXT.runHelp(cmd))}\n`);
    return EXIT.usage;
  }
  if (e instanceof HoufuError) {
    io.err(`houfu: ${lang === 'zh' ? e.messageZh : e.message}\n`);
    if (e.code === 'invalid_dataset') {
      reportFindings(e.findings, io, lang);
      return EXIT.dataError;
    }
    return e.code === 'io' ? EXIT.io : EXIT.usage;
  }
  if (e instanceof RangeError && /unknown (indicator|family)/.test(e.message)) {
    io.err(`houfu: ${e.message}\n`);
    return EXIT.usage;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code) && typeof err.path === 'string') {
    io.err(`houfu: ${say(lang, CLI_TEXT.cannotRead(err.path, err.message))}\n`);
    return EXIT.io;
  }
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`houfu: ${say(lang, CLI_TEXT.unexpected(msg))}\n`);
  if (ctx.verbose && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 70;
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

/** Cut text to a display width, ending in "…" when cut. */
export function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Options of {@link textTable}. */
export interface TextTableOptions {
  /** Right-aligned columns (numbers). */
  readonly right?: ReadonlySet<number>;
  /** Total width to fit (default: no limit). */
  readonly width?: number;
  /** Columns that may be cut to fit, most expendable first. */
  readonly shrink?: readonly number[];
  /** The narrowest a column may be cut to (default 10 or its header). */
  readonly floor?: Readonly<Record<number, number>>;
}

/** A plain text table with aligned columns (numbers right-aligned), cut to fit a width. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> | TextTableOptions = new Set()): string {
  const o: TextTableOptions = right instanceof Set ? { right } : (right as TextTableOptions);
  const r = o.right ?? new Set<number>();
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i] ?? ''))));
  if (o.width !== undefined) {
    // Take a cell at a time from the widest column that may shrink, so that names shrink evenly.
    const floors = new Map((o.shrink ?? []).map((i) => [i, Math.min(widths[i] ?? 0, o.floor?.[i] ?? Math.max(10, displayWidth(header[i] ?? '')))]));
    let over = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) - o.width;
    while (over > 0) {
      let best = -1;
      for (const [i, floor] of floors) if (widths[i]! > floor && (best < 0 || widths[i]! > widths[best]!)) best = i;
      if (best < 0) break;
      widths[best]!--;
      over--;
    }
  }
  const pad = (s0: string, i: number): string => {
    const s = clip(s0, widths[i] ?? 0);
    const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(s)));
    return r.has(i) ? gap + s : s + gap;
  };
  const line = (row: readonly string[]): string => row.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
