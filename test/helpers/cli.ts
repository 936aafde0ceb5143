/**
 * Running the built CLI (`packages/cli/dist/main.js`, after a build) as a user would: its exit
 * code, standard output and standard error, with `TZ=UTC`.
 */
import { spawn } from 'node:child_process';

const CLI = 'packages/cli/dist/main.js';

/** Run `houfu ARGS…` and wait for it to exit. */
export function houfu(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TZ: 'UTC' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}
