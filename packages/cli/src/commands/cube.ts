/** `houfu cube`: the additive sums per indicator × site (or unit) × period × breakdown, as a file; and `compute --cube`. */
import { buildCube, computeFromCube, cubeFormatOf, LEVELS, plan, PlanError, type IndicatorDefinition, type Level } from '@houfu/core';
import { loadCube, saveCube } from '@houfu/core/node';
import { catalog, resolveIndicators } from '@houfu/indicators';
import { emit, loadFromArgs, need, oneOf, outputFormat, reportFindings, UsageError, type Io } from '../common.js';

/** Parse `--by site|unit[,period][,COL…]`: the grain and the breakdown columns. */
export function parseCubeBy(value: unknown): { grain: 'site' | 'unit'; breakdown: string[] } {
  const items = (typeof value === 'string' ? value : 'site,period').split(',').map((s) => s.trim()).filter(Boolean);
  const [grain, ...rest] = items;
  if (grain !== 'site' && grain !== 'unit')
    throw new UsageError(
      `--by must start with site or unit (got ${String(grain)}): a cube is summed by site (or management unit); ` +
        'compute any level from it with houfu compute --cube FILE --by LEVEL',
    );
  // Periods are always kept when the data has them: `period` only says so.
  return { grain, breakdown: rest.filter((c) => c !== 'period') };
}

/** Build a cube from a dataset and write it. */
export async function cube(values: Record<string, unknown>, io: Io): Promise<number> {
  const out = need(values, 'out');
  if (!cubeFormatOf(out)) throw new UsageError(`--out must end in .parquet or .arrow (got ${out})`);
  const { grain, breakdown } = parseCubeBy(values['by']);
  const engine = oneOf(values['engine'], ['kernel', 'arquero'] as const, 'engine', 'kernel');
  const explicit = typeof values['indicators'] === 'string';
  let defs: IndicatorDefinition[] = explicit ? resolveIndicators(values['indicators'] as string) : [...catalog];
  const ds = await loadFromArgs(values, io);
  const warnings = ds.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    io.err(`${warnings.length} warning(s) in the data:\n`);
    reportFindings(warnings, io, 'en', 10);
  }
  if (!explicit && ds.findings.every((f) => f.severity !== 'error')) {
    // The whole catalog by default: leave out, saying so, what cannot be summed this way.
    const left: string[] = [];
    defs = defs.filter((d) => {
      try {
        plan(ds, [d], { by: grain, breakdown });
        return true;
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
        left.push(d.id);
        return false;
      }
    });
    if (left.length) io.err(`left out ${left.length} indicator(s) that cannot be summed by ${[grain, ...breakdown].join(', ')}: ${left.join(', ')}\n`);
  }
  const t0 = performance.now();
  const c = await buildCube(ds, defs, { grain, breakdown, engine });
  const ms = performance.now() - t0;
  const size = await saveCube(out, c);
  const sites = grain === 'unit' ? (c.meta.areas.units?.unit_id.length ?? 0) : c.meta.areas.sites.site_id.length;
  io.err(
    `wrote ${out}: ${c.table.numRows} rows, ${c.meta.indicators.length} indicators × ${sites} ${grain}s` +
      `${c.meta.periods.length ? ` × ${c.meta.periods.length} periods` : ''}${breakdown.length ? ` × ${breakdown.join(' × ')}` : ''}, ` +
      `${(size / 1024).toFixed(1)} KiB, summed in ${(ms / 1000).toFixed(2)} s\n`,
  );
  return 0;
}

/** `houfu compute --cube FILE`: indicators by area from a cube instead of the data. */
export async function computeFromCubeFile(values: Record<string, unknown>, io: Io): Promise<number> {
  for (const other of ['data', 'mapping', 'encoding', 'engine'])
    if (values[other] !== undefined) throw new UsageError(`--${other} does not apply with --cube: the cube holds the sums already`);
  const c = await loadCube(need(values, 'cube'));
  const defs = typeof values['indicators'] === 'string' ? resolveIndicators(values['indicators']) : undefined;
  const by = oneOf(values['by'], LEVELS, 'by', 'county') as Level;
  const format = outputFormat(values['format']);
  const breakdown = typeof values['breakdown'] === 'string' ? values['breakdown'].split(',').map((s) => s.trim()).filter(Boolean) : [];
  await emit(computeFromCube(c, defs, { by, breakdown }), format, values['out'], io);
  return 0;
}
