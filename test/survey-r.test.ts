/**
 * Design-based estimates against R's survey package (4.1.1). The datasets and R's numbers
 * were made by test/fixtures/survey/make-fixtures.R and are stored, so no R is needed here:
 * estimates, standard errors, degrees of freedom (degf of the domain's subset), design
 * effects (deff = TRUE), svyciprop logit and beta intervals, and urban − rural contrasts
 * (svyby covmat = TRUE + svycontrast) must agree to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compute, isNull, not, ratio, toObjects, type IndicatorDefinition, type ResultRow, type SurveyDesign } from '@houfu/core';
import { compare } from '@houfu/core/survey';
import { loadDataset } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';

interface RRow {
  area_code: string;
  breakdown: string | null;
  estimate: number;
  se: number;
  df: number;
  deff: number | null;
  n: number;
  logit_low?: number | null;
  logit_high?: number | null;
  logit_conv_low?: number | null;
  logit_conv_high?: number | null;
  beta_low?: number | null;
  beta_high?: number | null;
  beta_inaccurate?: boolean;
  wald_low?: number | null;
  wald_high?: number | null;
}
interface Expected {
  design: SurveyDesign;
  results: { indicator: string; level: 'province' | 'county'; breakdown: string | null; degf_design: number; error: string | null; rows: RRow[] }[];
  comparisons: { indicator: string; level: 'province' | 'county'; a: string; b: string; rows: { area_code: string; difference: number; se: number }[] }[];
}

/** Mean income per capita of households whose income is known: a ratio of a sum to a count. */
const meanIncome: IndicatorDefinition = ratio({
  id: 'survey.mean_income',
  name: { zh: '人均收入均值', en: 'Mean income per capita' },
  description: { zh: '收入已知家庭的人均收入均值', en: 'Mean income per capita of households whose income is known' },
  unit: 'household',
  numerator: { table: 'households', where: not(isNull('income_per_capita')), sum: 'income_per_capita' },
  denominator: { table: 'households', where: not(isNull('income_per_capita')) },
  source: { clause: '—', clauseEn: '—', document: 'test' },
});
const defOf = (id: string): IndicatorDefinition => (id === meanIncome.id ? meanIncome : catalog.find((d) => d.id === id)!);

const DESIGNS = ['stratified', 'clustered', 'stratified-clustered-fpc', 'empty-strata'] as const;
const TOL = 1e-9;

/** The largest absolute differences per quantity, over every design (printed as the comparison table). */
const maxDiff: Record<string, { n: number; max: number }> = {};
function close(ours: number | null | undefined, r: number | null | undefined, what: string, label: string): void {
  if (r === null || r === undefined) {
    expect(ours ?? null, `${label} ${what}`).toBeNull();
    return;
  }
  expect(ours, `${label} ${what}`).not.toBeNull();
  const d = Math.abs((ours as number) - r);
  const m = (maxDiff[what] ??= { n: 0, max: 0 });
  m.n++;
  m.max = Math.max(m.max, d);
  expect(d, `${label} ${what}: ours ${ours}, R ${r}`).toBeLessThanOrEqual(TOL);
}

describe.each(DESIGNS)('design %s against R survey', (name) => {
  const dir = `test/fixtures/survey/${name}`;
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Expected;

  it('gives R survey’s estimates, SEs, df, design effects and intervals', async () => {
    const ds = await loadDataset(dir);
    let compared = 0;
    for (const item of expected.results) {
      expect(item.error).toBeNull();
      const def = defOf(item.indicator);
      const breakdown = item.breakdown ? [item.breakdown] : [];
      const logit = toObjects<ResultRow>(await compute(ds, [def], { by: item.level, breakdown, design: expected.design }));
      const beta = def.kind === 'rate' ? toObjects<ResultRow>(await compute(ds, [def], { by: item.level, breakdown, design: expected.design, interval: 'beta' })) : [];
      for (const r of item.rows) {
        const label = `${name} ${item.indicator} ${item.level} ${r.area_code} ${r.breakdown ?? ''}`;
        const pick = (rows: ResultRow[]) => rows.find((x) => x.area_code === r.area_code && (item.breakdown ? x[item.breakdown] === r.breakdown : true));
        const ours = pick(logit);
        expect(ours, label).toBeDefined();
        close(ours!.value, r.estimate, 'estimate', label);
        close(ours!['se'] as number, r.se, 'se', label);
        expect(ours!['df'], `${label} df`).toBe(r.df);
        expect(ours!['n'], `${label} n`).toBe(r.n);
        // A proportion of 0 or 1 (R's floating sums may leave it 1e-16 away): no variance, no design effect.
        const degenerate = def.kind === 'rate' && (r.estimate < 1e-12 || r.estimate > 1 - 1e-12);
        if (degenerate) expect(ours!['deff'], label).toBeNull();
        else close(ours!['deff'] as number | null, r.deff, 'deff', label);
        if (def.kind === 'rate') {
          const lo = ours!['ci_low'] as number | null;
          const hi = ours!['ci_high'] as number | null;
          const b = pick(beta)!;
          if (degenerate) {
            // R's logit fit diverges and its beta interval is 0/0 here; ours: no logit interval,
            // a Clopper–Pearson interval on the domain's rows.
            expect([lo, hi], label).toEqual([null, null]);
            expect(b['ci_low'] as number).toBeLessThanOrEqual(r.estimate);
            expect(b['ci_high'] as number).toBeGreaterThanOrEqual(r.estimate);
            continue;
          }
          if (r.df === 1) {
            // R turns the t level into a normal one (1 − 2·pnorm(qt(0.025, 1))), which rounds to 1 at
            // df = 1 and gives [0, NaN]; ours is the t interval itself.
            expect(r.logit_high ?? null).toBeNull();
            expect(lo! > 0 && lo! < r.estimate && hi! > r.estimate && hi! < 1, label).toBe(true);
          } else {
            close(lo, r.logit_conv_low, 'logit ci', label);
            close(hi, r.logit_conv_high, 'logit ci', label);
            // svyciprop itself stops its fit at glm's epsilon 1e-8: within 5e-9 of the converged interval.
            expect(Math.abs(lo! - r.logit_low!), label).toBeLessThan(5e-9);
            expect(Math.abs(hi! - r.logit_high!), label).toBeLessThan(5e-9);
          }
          if (!r.beta_inaccurate) {
            close(b['ci_low'] as number | null, r.beta_low, 'beta ci', label);
            close(b['ci_high'] as number | null, r.beta_high, 'beta ci', label);
          }
        } else {
          close(ours!['ci_low'] as number | null, r.wald_low, 'wald ci', label);
          close(ours!['ci_high'] as number | null, r.wald_high, 'wald ci', label);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('gives R’s SE of urban − rural differences (covariance included)', async () => {
    const ds = await loadDataset(dir);
    let compared = 0;
    for (const item of expected.comparisons) {
      const rows = toObjects<Record<string, number | string | null>>(
        await compare(ds, [defOf(item.indicator)], { by: item.level, design: expected.design, compare: { breakdown: 'sites.site_type', values: [item.a, item.b] } }),
      );
      for (const r of item.rows) {
        const label = `${name} ${item.indicator} ${item.level} ${r.area_code}`;
        const ours = rows.find((x) => x['area_code'] === r.area_code)!;
        close(ours['difference'] as number, r.difference, 'difference', label);
        close(ours['se'] as number, r.se, 'difference se', label);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('one-PSU strata', () => {
  it('are refused with a clear error, as R does (survey.lonely.psu = "fail")', async () => {
    const dir = 'test/fixtures/survey/lonely-psu';
    const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Expected;
    expect(expected.results.every((r) => /only one PSU/.test(r.error ?? ''))).toBe(true);
    const ds = await loadDataset(dir);
    await expect(compute(ds, [defOf('four_musts.income')], { by: 'county', design: expected.design })).rejects.toThrow(
      /households\.csv: stratum 520203 has only one primary sampling unit/,
    );
  });
});

describe('the comparison table against R', () => {
  it('prints the largest differences', () => {
    // Runs after the designs above (vitest runs a file's tests in order).
    expect(Object.keys(maxDiff).length).toBeGreaterThan(0);
    console.log(Object.entries(maxDiff).map(([k, v]) => `${k.padEnd(14)} ${String(v.n).padStart(4)} values  max |ours − R| = ${v.max.toExponential(2)}`).join('\n'));
  });
});
