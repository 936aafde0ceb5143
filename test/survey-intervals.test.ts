/**
 * Intervals for proportions against published worked examples:
 * Newcombe R.G. (1998), "Two-sided confidence intervals for the single proportion: comparison
 * of seven methods", Statistics in Medicine 17:857–872, Table II — method 3 (Wilson score,
 * no continuity correction) and method 5 (Clopper–Pearson "exact"), to the 4 decimals printed;
 * Conover (1999) tables via the worked example 5/25 → 0.068 to 0.407 (exact); and to full
 * precision against R's prop.test(correct = FALSE) (Wilson) and binom.test (Clopper–Pearson).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, designWilsonInterval, kornGraubardInterval, logitInterval, wilsonInterval } from '@houfu/core/survey';

// x, n, Wilson low, high, Clopper–Pearson low, high (Newcombe 1998, Table II).
const NEWCOMBE: readonly [number, number, number, number, number, number][] = [
  [81, 263, 0.2553, 0.3662, 0.2527, 0.3676],
  [15, 148, 0.0624, 0.1605, 0.0578, 0.1617],
  [0, 20, 0, 0.1611, 0, 0.1684],
  [1, 29, 0.0061, 0.1718, 0.0009, 0.1776],
];

// The same, from R 4.2.2 prop.test(x, n, correct = FALSE)$conf.int and binom.test(x, n)$conf.int.
const R_VALUES: readonly [number, number, number, number, number, number][] = [
  [81, 263, 0.25528851987827428, 0.36620957698280016, 0.25273674558527121, 0.3676219226013514],
  [15, 148, 0.062386399530736283, 0.160487241723308, 0.057844010083448555, 0.16165049034947898],
  [0, 20, 0, 0.1611251580528193, 0, 0.16843347098308536],
  [1, 29, 0.006113214292762661, 0.17175521879320282, 0.0008726468835799228, 0.17764429548872285],
  [5, 25, 0.088605846868025764, 0.3913095036954034, 0.06831146401248403, 0.40703743227867728],
];

describe('Wilson and Clopper–Pearson intervals', () => {
  it.each(NEWCOMBE)('reproduce Newcombe (1998) Table II for %i/%i', (x, n, wl, wh, el, eh) => {
    const w = wilsonInterval(x, n);
    const e = clopperPearsonInterval(x, n);
    expect(w.low).toBeCloseTo(wl, 4);
    expect(w.high).toBeCloseTo(wh, 4);
    expect(e.low).toBeCloseTo(el, 4);
    expect(e.high).toBeCloseTo(eh, 4);
  });

  it('reproduce the exact interval of 5/25 from Conover’s tables (0.068 to 0.407)', () => {
    const e = clopperPearsonInterval(5, 25);
    expect(e.low).toBeCloseTo(0.068, 3);
    expect(e.high).toBeCloseTo(0.407, 3);
  });

  it.each(R_VALUES)('equal R’s prop.test and binom.test for %i/%i to 1e-12', (x, n, wl, wh, el, eh) => {
    const w = wilsonInterval(x, n);
    const e = clopperPearsonInterval(x, n);
    for (const [ours, r] of [[w.low, wl], [w.high, wh], [e.low, el], [e.high, eh]] as const) expect(Math.abs(ours! - r)).toBeLessThan(1e-12);
  });

  it('stay within [0, 1] and contain the estimate, for every method', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (n, frac, level, df) => {
        const x = Math.round(frac * n);
        const p = x / n;
        const se = Math.sqrt((p * (1 - p)) / n) * 1.3;
        const intervals = [wilsonInterval(x, n, level), clopperPearsonInterval(x, n, level), designWilsonInterval(p, se, n, level)];
        // Korn–Graubard needs t(n − 1): a domain of one row has none.
        if (n > 1) intervals.push(kornGraubardInterval(p, se, n, df, level));
        if (p > 0 && p < 1) intervals.push(logitInterval(p, se, df, level));
        for (const i of intervals) {
          expect(i.low!).toBeGreaterThanOrEqual(0);
          expect(i.high!).toBeLessThanOrEqual(1);
          expect(i.low!).toBeLessThanOrEqual(p + 1e-12);
          expect(i.high!).toBeGreaterThanOrEqual(p - 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
