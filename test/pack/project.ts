// Helpers of the packaging test: run commands, read README code blocks, measure an install.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The environment of an outside developer: without the variables the test runner and the
 * workspace's package manager set (NODE_PATH would let Node find the workspace's packages).
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_PATH|NODE_ENV|NODE_OPTIONS|VITEST.*|npm_.*|PNPM_.*|pnpm_.*)$/.test(k)));
  // Nor the workspace's node_modules/.bin folders on the PATH.
  env['PATH'] = (env['PATH'] ?? '').split(':').filter((d) => !d.includes('node_modules')).join(':');
  return env;
}

/** Run a program; its stdout, or an error carrying its stderr. Bounded by `timeout` ms. */
export function run(file: string, args: readonly string[], cwd: string, timeout = 180_000, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(file, args, {
      cwd,
      timeout,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...cleanEnv(), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} (in ${cwd}) failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** `npm …` with plain npm, quiet. */
export const npm = (args: readonly string[], cwd: string, timeout = 300_000): string =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd, timeout);

/**
 * The code blocks of one language in a markdown section (the text under a heading, up to the
 * next heading of the same or a higher level).
 */
export function codeBlocks(markdown: string, heading: string, lang: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const depth = heading.indexOf(' ');
  let end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= depth);
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end).join('\n');
  return [...body.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** TypeScript to an ES module, types stripped (the code itself is unchanged). */
export function toModule(code: string): string {
  return ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
}

/** Installed packages under a node_modules folder (nested ones included). */
export function packageCount(nodeModules: string): number {
  let n = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((s) => join(nodeModules, name, s)) : [join(nodeModules, name)];
    for (const d of dirs) {
      n++;
      const nested = join(d, 'node_modules');
      if (exists(nested)) n += packageCount(nested);
    }
  }
  return n;
}

/** Bytes of every file under a folder, and its size on disk (4 KiB blocks, as `du` counts). */
export function sizeOf(dir: string): { bytes: number; disk: number } {
  let bytes = 0;
  let disk = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    disk += st.blocks * 512;
    if (st.isDirectory()) {
      const s = sizeOf(p);
      bytes += s.bytes;
      disk += s.disk;
    } else bytes += st.size;
  }
  return { bytes, disk };
}

/** Whether a path exists. */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A file's text. */
export const read = (path: string): string => readFileSync(path, 'utf8');

/** Megabytes (10^6 bytes) with one decimal. */
export const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
