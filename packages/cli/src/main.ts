#!/usr/bin/env node
import { main } from './index.js';

// A reader that stops early (`houfu … | head`) closes the pipe: end quietly.
const quietOnPipe = (e: NodeJS.ErrnoException): void => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
};
process.stdout.on('error', quietOnPipe);
process.stderr.on('error', quietOnPipe);

const verbose = process.argv.includes('--verbose');
const crash = (e: unknown): void => {
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') process.exit(0);
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`houfu: unexpected error: ${msg}\n`);
  if (verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exit(70);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, crash);
