/**
 * The lowered plan: golden files of the whole catalog (test/__snapshots__/plan/), and the
 * decisions the plan makes once — links with their period matching, quantifier ids shared by
 * equal quantifiers, measure kinds, design parts — checked by hand against the schema.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HoufuError, plan, PlanError, planRows, type Dataset, type Plan } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { any, col, eq } from '@houfu/core';
import { catalog, family } from '@houfu/indicators';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const data: Record<string, Dataset> = {};
beforeAll(async () => {
  for (const d of ['hand', 'hand-periods'] as const) data[d] = await loadDataset(here(`./fixtures/${d}`));
});

/** The plan as printed in a golden file: definitions by id only. */
const show = (p: Plan): string =>
  `${JSON.stringify({ ...p, indicators: p.indicators.map(({ definition, ...rest }) => ({ id: definition.id, ...rest })) }, null, 1)}\n`;

const unitIds = ['services.police_room_coverage', 'party.members_elected_per_unit', 'party.units_electing_share', 'four_musts.employment', 'four_musts.training'];

describe('golden plans of the catalog', () => {
  const cases = [
    { name: 'catalog-by-site', data: 'hand', defs: () => catalog, options: { by: 'site' } },
    { name: 'catalog-by-county-periods', data: 'hand-periods', defs: () => catalog.filter((d) => d.numerator.table !== 'management_units' && d.numerator.table !== 'activities'), options: { by: 'county' } },
    { name: 'unit', data: 'hand', defs: () => catalog.filter((d) => unitIds.includes(d.id)), options: { by: 'unit' } },
    { name: 'periods-breakdown', data: 'hand-periods', defs: () => family('four_musts'), options: { by: 'site', breakdown: ['sites.site_type', 'is_demo'] } },
    { name: 'design', data: 'hand-periods', defs: () => [...family('four_musts'), ...family('employment')], options: { by: 'county', design: true } },
  ] as const;
  for (const c of cases)
    it(c.name, async () => {
      const p = plan(data[c.data]!, c.defs(), c.options as Parameters<typeof plan>[2]);
      await expect(show(p)).toMatchFileSnapshot(`./__snapshots__/plan/${c.name}.json`);
      // Plain data: it survives a round trip through JSON unchanged.
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    });
});

describe('decided once in the plan', () => {
  it('links persons → households on household_id and the period (both monthly), households → sites on site_id', () => {
    const p = plan(data['hand-periods']!, family('employment'), { by: 'site' });
    const persons = p.frames.find((f) => f.table === 'persons')!;
    expect(persons.links).toEqual([
      { from: 'persons', to: 'households', via: 'household_id', matchPeriod: true },
      { from: 'households', to: 'sites', via: 'site_id', matchPeriod: false },
    ]);
    const noPeriods = plan(data['hand']!, family('employment'), { by: 'unit' }).frames.find((f) => f.table === 'persons')!;
    expect(noPeriods.links).toEqual([
      { from: 'persons', to: 'households', via: 'household_id', matchPeriod: false },
      { from: 'households', to: 'sites', via: 'site_id', matchPeriod: false },
      { from: 'households', to: 'management_units', via: 'unit_id', matchPeriod: false },
    ]);
  });

  it('gives equal quantifiers one id, and engines read that id', () => {
    const q = any('persons', col('employed'));
    const { frame, exprs } = planRows(data['hand']!, 'households', [q, { kind: 'not', arg: any('persons', col('employed')) }, any('persons', col('trained'))]);
    expect(frame.quantifiers.map((x) => [x.id, x.link])).toEqual([
      ['q0', { from: 'persons', to: 'households', via: 'household_id', matchPeriod: false }],
      ['q1', { from: 'persons', to: 'households', via: 'household_id', matchPeriod: false }],
    ]);
    expect(exprs[0]).toMatchObject({ kind: 'any', id: 'q0' });
    expect((exprs[1] as { arg: unknown }).arg).toBe(exprs[0]);
    expect(exprs[2]).toMatchObject({ kind: 'any', id: 'q1' });
    // Equal subtrees that are not quantifiers are one node too (engines cache by node).
    const both = { kind: 'and', args: [col('stable_income'), eq('land_contract', 'revitalized')] } as const;
    const shared = planRows(data['hand']!, 'households', [both, { kind: 'not', arg: { kind: 'and', args: [col('stable_income'), eq('land_contract', 'revitalized')] } }]);
    expect((shared.exprs[1] as { arg: unknown }).arg).toBe(shared.exprs[0]);
  });

  it('tags measures by kind: counts and sums, weighted sums only with a design', () => {
    const defs = catalog.filter((d) => d.id === 'four_musts.income' || d.id === 'party.members_elected_per_unit');
    const plain = plan(data['hand']!, defs, { by: 'site' });
    const kinds = (p: Plan) => p.frames.flatMap((f) => f.measures.map((m) => m.kind));
    expect(new Set(kinds(plain))).toEqual(new Set(['count', 'sum']));
    expect(plain.frames.every((f) => f.design.kind === 'none')).toBe(true);
    const weighted = plan(data['hand']!, [catalog.find((d) => d.id === 'four_musts.income')!], { by: 'county', design: true });
    const hh = weighted.frames[0]!;
    expect(hh.design).toEqual({ kind: 'survey', weight: '__weight', strata: '__strata', psu: '__psu' });
    // numerator, denominator, unknown and the moments weighted; n and n of the numerator counted.
    expect(hh.measures.filter((m) => m.kind === 'count').length).toBe(2);
    expect(hh.measures.filter((m) => m.kind === 'weightedSum').length).toBeGreaterThan(0);
  });

  it('marks the classified triples of rate indicators', () => {
    const p = plan(data['hand']!, family('four_musts'), { by: 'site' });
    const hh = p.frames.find((f) => f.table === 'households')!;
    const triples = hh.classified;
    expect(triples.map((t) => t.kind)).toEqual(triples.map(() => 'classified'));
    // One triple per household must: employment, land, income, all four (training counts persons).
    expect(triples.length).toBe(4);
    expect(p.frames.find((f) => f.table === 'persons')!.classified.length).toBe(1);
    for (const pi of p.indicators.filter((x) => x.definition.unit === 'household'))
      expect(triples.some((t) => t.numerator === pi.numerator.measure && t.denominator === pi.denominator.measure && t.unknown === pi.unknown?.measure)).toBe(true);
  });
});

describe('PlanError', () => {
  it('carries the Chinese text with the English', () => {
    const bad = { ...catalog[0]!, id: 'x.bad', numerator: { table: 'persons' as const, where: eq('no_such_column', 1) } };
    let err: unknown;
    try {
      plan(data['hand']!, [bad], { by: 'site' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlanError);
    expect(err).toBeInstanceOf(HoufuError);
    expect((err as HoufuError).message).toMatch(/^indicator x\.bad is not valid: persons has no column no_such_column/);
    expect((err as HoufuError).messageZh).toMatch(/^指标 x\.bad 定义无效/);
    expect((err as HoufuError).code).toBe('invalid_request');
    expect(() => plan(data['hand']!, catalog, { by: 'village' as never })).toThrow(
      expect.objectContaining({ messageZh: expect.stringContaining('未知层级') }),
    );
  });
});
