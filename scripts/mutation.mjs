// Mutation checks of publish/ and result/: each mutant deletes or negates one chosen branch in a
// temporary copy of the sources, runs the tests that should see it, and must make them fail.
// The last check removes a coverage test and expects the coverage gate to fail.
// Usage: node scripts/mutation.mjs [name…]   (a few minutes; the working tree is never touched)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SRC = 'packages/core/src/';
const pub = ['test/coverage/publish.test.ts', 'test/suppress.test.ts'];
const res = ['test/coverage/result.test.ts'];

/** name, file, text to find (exactly once), its replacement, the tests that must fail. */
const MUTANTS = [
  ['hide the total', 'publish/cells.ts', 'if (pick < 0 && reason[eq.parent] === null && hasData(eq.parent)) pick = eq.parent;', '', ['test/suppress.test.ts']],
  ['threshold inclusive', 'publish/cells.ts', 'c.denominator < threshold', 'c.denominator <= threshold', pub],
  ['hide the largest part', 'publish/cells.ts', 'a.denominator !== b.denominator ? a.denominator < b.denominator', 'a.denominator !== b.denominator ? a.denominator > b.denominator', pub],
  ['ties to the higher index', 'publish/cells.ts', 'a.count < b.count : i < j', 'a.count < b.count : i > j', pub],
  ['survey cells by numerator', 'publish/suppress.ts', "col(survey ? 'n' : 'numerator')", "col('numerator')", pub],
  ['no breakdown totals', 'publish/suppress.ts', '...(totals ? totalEquations(rows) : [])', '', pub],
  ['value of a zero denominator', 'result/assemble.ts', '  if (!(denominator > 0)) return null;\n', '', res],
  ['target met strictly', 'result/assemble.ts', 'value >= def.target.value', 'value > def.target.value', res],
  ['short sums accepted', 'result/assemble.ts', 'if (values.length !== fs.group.length) throw', 'if (false) throw', res],
  ['groups outside every area', 'result/rollup.ts', '      if (area < 0) continue;\n', '', res],
  ['site filter', 'result/drilldown.ts', '    if (options.site !== undefined && site !== options.site) continue;\n', '', res],
  ['every province Guizhou', 'result/areas.ts', 'prov === GUIZHOU.code ? GUIZHOU.name : null', 'GUIZHOU.name', res],
  ['CSV null as text', 'result/format.ts', "String(c.data[i] ?? '')", 'String(c.data[i])', res],
];

const only = process.argv.slice(2);
const root = mkdtempSync(join(tmpdir(), 'houfu-mutation-'));
// The sources and tests, copied; the installed packages, linked.
for (const p of ['packages/core/src', 'packages/indicators/src', 'datasets/src', 'test', 'docs', 'vitest.config.ts', 'vitest.coverage.config.ts', 'package.json'])
  cpSync(p, join(root, p), { recursive: true });
for (const p of ['node_modules', 'packages/core/node_modules', 'packages/indicators/node_modules', 'datasets/node_modules'])
  if (existsSync(p)) symlinkSync(join(process.cwd(), p), join(root, p));

const vitest = (args) =>
  spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args, '--maxWorkers=1', '--bail=1'], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });

const lines = ['| mutant | file | tests | result |', '| --- | --- | --- | --- |'];
let survived = 0;
try {
  // Control: the unmutated copy passes every test the mutants use.
  const control = vitest([...new Set(MUTANTS.flatMap((m) => m[4]))]);
  if (control.status !== 0) throw new Error(`the unmutated copy fails its tests:\n${control.stdout.slice(-3000)}${control.stderr.slice(-2000)}`);
  lines.push('| (none: control) | | every test below | passes |');
  for (const [name, file, find, replace, tests] of MUTANTS) {
    if (only.length && !only.includes(name)) continue;
    const path = join(root, SRC, file);
    const text = readFileSync(path, 'utf8');
    if (text.split(find).length !== 2) throw new Error(`${file}: the text of mutant "${name}" is not there exactly once`);
    writeFileSync(path, text.replace(find, replace));
    const r = vitest(tests);
    writeFileSync(path, text);
    const killed = r.status !== 0;
    if (!killed) survived++;
    lines.push(`| ${name} | ${file} | ${tests.join(', ')} | ${killed ? 'killed' : '**survived**'} |`);
  }
  if (!only.length || only.includes('gate')) {
    rmSync(join(root, 'test/coverage/publish.test.ts'));
    const r = vitest(['--config', 'vitest.coverage.config.ts']);
    const failed = r.status !== 0 && /does not meet/.test(r.stdout + r.stderr);
    if (!failed) survived++;
    lines.push(`| coverage gate without test/coverage/publish.test.ts | publish/ | pnpm test:coverage | ${failed ? 'fails below 100 %' : '**passed**'} |`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(lines.join('\n'));
process.exitCode = survived ? 1 : 0;
