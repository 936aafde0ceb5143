/**
 * Safe publication. Property tests: after suppression no hidden cell can be recovered by a
 * single subtraction along the hierarchy (province > prefecture > county > site) or across a
 * breakdown's values and their total, every cell below the threshold is hidden, and visible
 * cells keep their values. The hierarchy is rebuilt here from the generated sites, not taken
 * from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, suppressCells, toObjects, type Cell, type Equation } from '@houfu/core';
import { BREAKDOWN_TOTAL } from '@houfu/core/survey';
import { catalog } from '@houfu/indicators';
import { datasetArb, toColumns } from './helpers/arbitrary.js';

const RUNS = Math.min(Number(process.env.HOUFU_PROPERTY_RUNS ?? 40), 40);

/** Every way of recovering a hidden cell from visible ones by one subtraction. */
function recoverable(hidden: readonly boolean[], equations: readonly Equation[]): string[] {
  const found: string[] = [];
  for (const eq of equations) {
    const members = [eq.parent, ...eq.children];
    const h = members.filter((m) => hidden[m]);
    if (h.length === 1) found.push(`cell ${h[0]} = ${hidden[eq.parent] ? 'sum of its visible parts' : 'visible total − visible parts'}`);
  }
  return found;
}

describe('suppressCells', () => {
  it('hides the smallest other part next to a lone small cell (hand example)', () => {
    // county = 55 = 5 + 20 + 30; threshold 10.
    const cells: Cell[] = [{ count: 55, denominator: 55 }, { count: 5, denominator: 5 }, { count: 20, denominator: 20 }, { count: 30, denominator: 30 }];
    expect(suppressCells(cells, [{ parent: 0, children: [1, 2, 3] }], 10)).toEqual([null, 'denominator', 'secondary', null]);
  });

  it('hides the total when a hidden part has no visible sibling with data', () => {
    const cells: Cell[] = [{ count: 12, denominator: 12 }, { count: 3, denominator: 3 }, { count: 0, denominator: 0 }, { count: 9, denominator: 9 }];
    // Parts 1 and 3 are below 10: two hidden parts, nothing more to do.
    expect(suppressCells(cells, [{ parent: 0, children: [1, 2, 3] }], 10)).toEqual([null, 'denominator', null, 'denominator']);
    const one: Cell[] = [{ count: 15, denominator: 15 }, { count: 15, denominator: 15 }];
    expect(suppressCells(one, [{ parent: 0, children: [1] }], 20)).toEqual(['denominator', 'denominator']);
    const lone: Cell[] = [{ count: 25, denominator: 25 }, { count: 4, denominator: 4 }, { count: 21, denominator: 21 }];
    const twoLevels: Equation[] = [{ parent: 0, children: [1, 2] }];
    expect(suppressCells(lone, twoLevels, 5)).toEqual([null, 'denominator', 'secondary']);
    // The total itself: P = 40 = c1 5 + c2 35, and Q = 35 = c2 + e (e has no data; say a county
    // whose only site is c2). c1 is small; c2 is hidden to protect it; then in Q = c2 + e the only
    // hidden cell is c2 and no visible part has data, so Q must go (else c2 = Q − e).
    const chain: Cell[] = [{ count: 40, denominator: 40 }, { count: 5, denominator: 5 }, { count: 35, denominator: 35 }, { count: 35, denominator: 35 }, { count: 0, denominator: 0 }];
    const eqs: Equation[] = [{ parent: 0, children: [1, 2] }, { parent: 3, children: [2, 4] }];
    expect(suppressCells(chain, eqs, 10)).toEqual([null, 'denominator', 'secondary', 'secondary', null]);
  });

  it('leave no cell recoverable by one subtraction, on random hierarchies and breakdowns', () => {
    const tree = fc.array(fc.array(fc.array(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 15 }), (prefs, threshold) => {
        // Levels: province > prefectures > counties > sites; each site split in 1–2 breakdown parts.
        const cells: Cell[] = [];
        const equations: Equation[] = [];
        const add = (count: number, denominator: number): number => cells.push({ count, denominator }) - 1;
        type Node = { total: number; parts: number[] };
        const sum = (ids: number[]) => ({ count: ids.reduce((a, i) => a + cells[i]!.count, 0), denominator: ids.reduce((a, i) => a + cells[i]!.denominator, 0) });
        const nodeOf = (children: Node[]): Node => {
          const k = children[0]!.parts.length;
          const parts = Array.from({ length: k }, (_, j) => {
            const ids = children.map((c) => c.parts[j]!).filter((x) => x !== undefined);
            const s = sum(ids);
            const id = add(s.count, s.denominator);
            equations.push({ parent: id, children: ids });
            return id;
          });
          const s = sum(children.map((c) => c.total));
          const total = add(s.count, s.denominator);
          equations.push({ parent: total, children: children.map((c) => c.total) });
          equations.push({ parent: total, children: parts });
          return { total, parts };
        };
        const width = 2;
        const site = (pairs: [number, number][]): Node => {
          const parts = Array.from({ length: width }, (_, j) => {
            const [a, b] = pairs[j] ?? [0, 0];
            return add(Math.min(a, b), Math.max(a, b));
          });
          const s = sum(parts);
          const total = add(s.count, s.denominator);
          equations.push({ parent: total, children: parts });
          return { total, parts };
        };
        nodeOf(prefs.map((counties) => nodeOf(counties.map((sites) => nodeOf(sites.map(site))))));
        const reasons = suppressCells(cells, equations, threshold);
        const hidden = reasons.map((r) => r !== null);
        expect(recoverable(hidden, equations)).toEqual([]);
        cells.forEach((c, i) => {
          if ((c.count >= 1 && c.count < threshold) || (c.denominator >= 1 && c.denominator < threshold)) expect(hidden[i]).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('compute with suppress', () => {
  it('publishes no cell recoverable along the hierarchy or across a breakdown, on random datasets', async () => {
    const defs = catalog.filter((d) => d.unit !== 'unit');
    const seen = { primary: 0, secondary: 0 };
    await fc.assert(
      fc.asyncProperty(datasetArb({ periods: fc.constantFrom(0, 0, 1, 2), periodTables: fc.constant('both') }), fc.integer({ min: 2, max: 6 }), fc.boolean(), async (g, threshold, withBreakdown) => {
        const ds = datasetFromColumns(toColumns(g) as Parameters<typeof datasetFromColumns>[0]);
        const levels = ['province', 'prefecture', 'county', 'site'] as const;
        const breakdown = withBreakdown ? ['sites.site_type'] : [];
        const out = toObjects<Record<string, unknown>>(await compute(ds, defs, { by: levels, breakdown, suppress: threshold }));
        const plain = toObjects<Record<string, unknown>>(await compute(ds, defs, { by: levels, breakdown }));
        const plainTotals = withBreakdown ? toObjects<Record<string, unknown>>(await compute(ds, defs, { by: levels })) : [];

        // The hierarchy from the generated sites.
        const parent = new Map<string, string>();
        for (const s of g.data.sites) {
          const county = String(s['county_code']);
          parent.set(`site:${s['site_id']}`, county);
          parent.set(`county:${county}`, String(s['prefecture_code']));
          parent.set(`prefecture:${s['prefecture_code']}`, `${county.slice(0, 2)}0000`);
        }
        const up = { site: 'county', county: 'prefecture', prefecture: 'province' } as Record<string, string>;
        const group = (r: Record<string, unknown>) => (withBreakdown ? String(r['sites.site_type']) : '');
        const key = (id: unknown, period: unknown, grp: string, level: unknown, area: unknown) => JSON.stringify([id, period, grp, level, area]);
        const index = new Map<string, number>();
        out.forEach((r, i) => index.set(key(r['indicator_id'], r['period'], group(r), r['level'], r['area_code']), i));
        const children = new Map<number, number[]>();
        const link = (p: number | undefined, c: number) => {
          if (p === undefined) return;
          children.set(p, [...(children.get(p) ?? []), c]);
        };
        const equations: Equation[] = [];
        out.forEach((r, i) => {
          const level = String(r['level']);
          if (up[level]) link(index.get(key(r['indicator_id'], r['period'], group(r), up[level], parent.get(`${level}:${r['area_code']}`))), i);
        });
        for (const [p, cs] of children) equations.push({ parent: p, children: cs });
        if (withBreakdown) {
          const parts = new Map<number, number[]>();
          out.forEach((r, i) => {
            if (group(r) === BREAKDOWN_TOTAL) return;
            const t = index.get(key(r['indicator_id'], r['period'], BREAKDOWN_TOTAL, r['level'], r['area_code']));
            expect(t, 'every breakdown cell has its total').toBeDefined();
            parts.set(t!, [...(parts.get(t!) ?? []), i]);
          });
          for (const [p, cs] of parts) equations.push({ parent: p, children: cs });
        }
        const hidden = out.map((r) => r['suppressed'] !== null);
        expect(recoverable(hidden, equations)).toEqual([]);
        for (const r of out) if (r['suppressed'] === 'secondary') seen.secondary++;
        else if (r['suppressed'] !== null) seen.primary++;

        // Primary rule and untouched visible cells, against the unsuppressed results.
        const truth = new Map<string, Record<string, unknown>>();
        for (const r of plain) truth.set(key(r['indicator_id'], r['period'], group(r), r['level'], r['area_code']), r);
        for (const r of plainTotals) truth.set(key(r['indicator_id'], r['period'], BREAKDOWN_TOTAL, r['level'], r['area_code']), r);
        expect(truth.size).toBe(out.length);
        out.forEach((r) => {
          const t = truth.get(key(r['indicator_id'], r['period'], group(r), r['level'], r['area_code']))!;
          const n = Number(t['numerator']), d = Number(t['denominator']);
          if ((n >= 1 && n < threshold) || (d >= 1 && d < threshold)) expect(r['suppressed']).not.toBeNull();
          if (r['suppressed'] === null) expect([r['numerator'], r['denominator'], r['value']]).toEqual([t['numerator'], t['denominator'], t['value']]);
          else expect([r['numerator'], r['denominator'], r['value'], r['status']]).toEqual([null, null, null, 'suppressed']);
        });
      }),
      { numRuns: RUNS },
    );
    // The runs exercised both rules.
    expect(seen.primary).toBeGreaterThan(0);
    expect(seen.secondary).toBeGreaterThan(0);
  });

  it('never puts ids in the output, and refuses a bad threshold or the unit level', async () => {
    const g = fc.sample(datasetArb({ periods: fc.constant(0) }), { numRuns: 1, seed: 7 })[0]!;
    const ds = datasetFromColumns(toColumns(g) as Parameters<typeof datasetFromColumns>[0]);
    const t = await compute(ds, catalog, { by: 'site', suppress: true });
    expect(t.schema.fields.map((f) => f.name)).not.toContain('household_id');
    expect(t.schema.fields.map((f) => f.name)).not.toContain('person_id');
    await expect(compute(ds, catalog, { by: 'county', suppress: 0 })).rejects.toThrow(/positive integer/);
    await expect(compute(ds, catalog, { by: 'unit', suppress: 10 })).rejects.toThrow(/does not support level unit/);
  });
});
