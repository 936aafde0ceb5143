/** Progress on stderr for steps that take over a second. */
import { processIo, type Io } from './common.js';

/** Run a step; if it takes over a second, say so on stderr (with a live timer on a terminal). */
export async function step<T>(io: Io, label: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const live = io === processIo && Boolean(process.stderr.isTTY);
  let timer: ReturnType<typeof setInterval> | undefined;
  const show = (): void => void process.stderr.write(`\r${label} … ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const start = setTimeout(() => {
    if (live) timer = setInterval(show, 200);
  }, 1000);
  try {
    return await fn();
  } finally {
    clearTimeout(start);
    if (timer) clearInterval(timer);
    const s = (performance.now() - t0) / 1000;
    if (s >= 1) io.err(`${live ? '\r' : ''}${label} … ${s.toFixed(1)} s\n`);
  }
}
