/** Progress on stderr for steps that take over a second. */
import type { LocalText } from '@houfu/core';
import { ctxOf, processIo, type Io } from './common.js';
import { CLI_TEXT, say } from './messages.js';

/** Run a step; if it takes over a second (or with --verbose), say so on stderr (with a live timer on a terminal). */
export async function step<T>(io: Io, label: LocalText | string, fn: () => Promise<T> | T): Promise<T> {
  const ctx = ctxOf(io);
  const text: LocalText = typeof label === 'string' ? { zh: label, en: label } : label;
  const t0 = performance.now();
  const live = !ctx.quiet && (io === processIo || (ctx as { base?: Io }).base === processIo) && Boolean(process.stderr.isTTY);
  let timer: ReturnType<typeof setInterval> | undefined;
  const show = (): void => void process.stderr.write(`\r${say(ctx.lang, CLI_TEXT.step(text, (performance.now() - t0) / 1000))}`);
  const start = setTimeout(() => {
    if (live) timer = setInterval(show, 200);
  }, 1000);
  try {
    return await fn();
  } finally {
    clearTimeout(start);
    if (timer) clearInterval(timer);
    const s = (performance.now() - t0) / 1000;
    if ((s >= 1 && !ctx.quiet) || ctx.verbose) io.err(`${live ? '\r' : ''}${say(ctx.lang, CLI_TEXT.step(text, s))}\n`);
  }
}
