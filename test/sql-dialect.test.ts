/**
 * The base SQL emitter and its dialect parts: every piece of dialect-specific text comes from
 * the dialect record, an incomplete record is refused, and a plan part SQL cannot run is an error.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDialect, duckdbDialect, frameQuery, plan, standardLogic, standardParts, type Dataset, type Dialect } from '@houfu/core';
import { loadDataset } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
let ds: Dataset;
beforeAll(async () => {
  ds = await loadDataset(here('./fixtures/hand'));
});

describe('dialect parts', () => {
  it('spells identifiers, literals, logic, quantifiers and joins through the dialect', () => {
    // A made-up dialect: backquoted names, inline literals, named logic.
    const odd: Dialect = {
      ...duckdbDialect,
      name: 'odd',
      parts: {
        ...standardParts,
        ident: (_d, name) => `\`${name}\``,
        literal: (_d, value, type) => `lit<${type}:${String(value)}>`,
        logic: { ...standardLogic, and: (args) => `and3(${args.join(', ')})`, any: (c) => `any3(${c.t}, ${c.u})` },
        quantifierSubquery: (_d, q) => `SUBQ ${q.from} ${q.counts.map((c) => c.names.t).join(' ')}`,
        leftJoin: (source, alias, on) => `JOIN3 ${source} ${alias} [${on.join(' & ')}]`,
        measure: (_d, where, value) => `msum(${where}, ${value})`,
      },
    };
    const p = plan(ds, catalog, { by: 'site' });
    const text = p.frames.map((f) => frameQuery(f, { dialect: odd, naming: {}, dataset: ds })).map((q) => q.text).join('\n');
    const params = p.frames.flatMap((f) => frameQuery(f, { dialect: odd, naming: {}, dataset: ds }).params);
    expect(params).toEqual([]);
    expect(text).toContain('`persons`');
    expect(text).not.toContain('"');
    expect(text).toContain('lit<text:');
    expect(text).toContain('and3(');
    expect(text).toContain('any3(');
    expect(text).toContain('SUBQ `persons` AS c');
    expect(text).toContain('JOIN3 `sites` s [s.`site_id` = ');
    expect(text).toContain('msum(');
    expect(text).not.toMatch(/LEFT JOIN|CAST\(|SUM\(CASE/);
  });

  it('refuses a dialect record with a part left out', () => {
    const { any: _any, ...logic } = standardLogic;
    const broken = { ...duckdbDialect, parts: { ...standardParts, logic } } as unknown as Dialect;
    expect(() => checkDialect(broken)).toThrow(/logic\.any/);
    const p = plan(ds, catalog, { by: 'site' });
    expect(() => frameQuery(p.frames[0]!, { dialect: broken, naming: {}, dataset: ds })).toThrow(/logic\.any/);
    const noJoin = { ...duckdbDialect, parts: { ...standardParts, leftJoin: undefined } } as unknown as Dialect;
    expect(() => checkDialect(noJoin)).toThrow(/leftJoin/);
    expect(checkDialect(duckdbDialect)).toBe(duckdbDialect);
  });

  it('refuses a frame with a survey design instead of returning unweighted sums', () => {
    const p = plan(ds, catalog.filter((d) => d.id === 'four_musts.employment'), { by: 'site', design: true });
    expect(p.frames.some((f) => f.design !== undefined)).toBe(true);
    for (const f of p.frames) expect(() => frameQuery(f, { dialect: duckdbDialect, naming: {}, dataset: ds })).toThrow(/survey design/);
  });
});
