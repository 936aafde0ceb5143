/**
 * Definitions from JSON: every catalog indicator written as a tagged shorthand, through JSON,
 * normalizes to the very definition the TypeScript constructors give; bad definitions give
 * findings (JSON pointer, rule, zh/en text); the JSON Schema accepts the same shorthands and
 * refuses the same mistakes (checked by a small validator written here).
 */
import { describe, expect, it } from 'vitest';
import { definitionJsonSchema, normalize, type IndicatorDefinition } from '@houfu/core';
import { catalog } from '@houfu/indicators';

/** A catalog definition as the shorthand a researcher would write. */
function shorthand(d: IndicatorDefinition): Record<string, unknown> {
  const common = {
    id: d.id, name: d.name, description: d.description, unit: d.unit, source: d.source, target: d.target, format: d.format,
    ...(d.reasons ? { reasons: d.reasons } : {}),
    ...(d.components.length ? { components: d.components } : {}),
  };
  if (d.classify) return { kind: d.kind, ...common, universe: d.classify.universe, outcome: d.classify.outcome };
  return { kind: 'ratio', ...common, numerator: d.numerator, denominator: d.denominator, unknown: d.unknown, factor: d.factor };
}

/** A validator of the JSON Schema subset the definitions schema uses. */
function valid(schema: Record<string, unknown>, root: Record<string, unknown>, x: unknown): boolean {
  const s = schema as Record<string, any>;
  if (s.$ref) return valid(root.$defs && (root.$defs as any)[String(s.$ref).slice('#/$defs/'.length)], root, x);
  if (s.oneOf) return (s.oneOf as any[]).filter((o) => valid(o, root, x)).length === 1;
  if ('const' in s && x !== s.const) return false;
  if (s.enum && !(s.enum as unknown[]).includes(x)) return false;
  if (s.type) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const t = x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
    if (!types.includes(t) && !(t === 'number' && types.includes('integer'))) return false;
  }
  if (typeof x === 'string' && ((s.minLength && x.length < s.minLength) || (s.pattern && !new RegExp(s.pattern).test(x)))) return false;
  if (typeof x === 'number' && 'exclusiveMinimum' in s && !(x > s.exclusiveMinimum)) return false;
  if (Array.isArray(x)) {
    if (s.minItems && x.length < s.minItems) return false;
    if (s.items && !x.every((y) => valid(s.items, root, y))) return false;
  }
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    if (s.required && !(s.required as string[]).every((k) => k in o)) return false;
    const props = (s.properties ?? {}) as Record<string, any>;
    if (s.additionalProperties === false && !Object.keys(o).every((k) => k in props)) return false;
    for (const [k, p] of Object.entries(props)) if (k in o && !valid(p, root, o[k])) return false;
  }
  return true;
}

describe('normalize', () => {
  it('gives back every catalog definition from its shorthand, through JSON', () => {
    const json = JSON.parse(JSON.stringify(catalog.map(shorthand)));
    const r = normalize(json);
    if (!r.ok) throw new Error(JSON.stringify(r.findings));
    expect(r.definitions).toEqual(catalog);
    const one = normalize(JSON.parse(JSON.stringify(shorthand(catalog[0]!))));
    expect(one.ok && one.definitions).toEqual([catalog[0]]);
  });

  it('names the path and the rule of each mistake, in Chinese and English', () => {
    const good = shorthand(catalog.find((d) => d.id === 'four_musts.employment')!);
    const bad = [
      { ...good, unit: 'village' },
      { ...good, id: 'x.y', outcome: { kind: 'and', args: [{ kind: 'column', name: 'employed' }, { kind: 'compare', op: 'equals', left: { kind: 'column', name: 'a' }, right: { kind: 'literal', value: 1 } }] } },
      { ...good, id: 'x.z', colour: 'red', target: { value: '95%', direction: 'at_least' } },
      { ...good, id: 'x.y' },
      { kind: 'share', id: 'x.w' },
    ];
    const r = normalize(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings.map((f) => [f.path, f.rule])).toEqual([
      ['/0/unit', 'enum'],
      ['/1/outcome/args/1/op', 'enum'],
      ['/2/target/value', 'type'],
      ['/2/colour', 'unknown_key'],
      ['/4/kind', 'enum'],
      ['/3/id', 'duplicate'],
    ]);
    expect(r.findings[0]!.message).toEqual({ zh: '/0/unit：取值应为 person, household, site, unit, project, problem 之一', en: '/0/unit: must be one of person, household, site, unit, project, problem' });
    expect(normalize({ ...good, outcome: undefined })).toMatchObject({ ok: false, findings: [{ path: '/outcome', rule: 'required' }] });
    expect(normalize('rate')).toMatchObject({ ok: false, findings: [{ path: '/', rule: 'type' }] });
  });
});

describe('JSON Schema of definitions', () => {
  const schema = definitionJsonSchema() as Record<string, unknown>;
  it('accepts the catalog written as shorthands, one or many', () => {
    const all = JSON.parse(JSON.stringify(catalog.map(shorthand)));
    for (const d of all) expect(valid(schema, schema, d), d.id).toBe(true);
    expect(valid(schema, schema, all)).toBe(true);
  });
  it('refuses what normalize refuses', () => {
    const good = JSON.parse(JSON.stringify(shorthand(catalog.find((d) => d.id === 'four_musts.employment')!)));
    for (const bad of [{ ...good, unit: 'village' }, { ...good, colour: 'red' }, { ...good, outcome: { kind: 'column' } }, { ...good, kind: 'share' }, { ...good, id: 'NoFamily' }]) {
      expect(valid(schema, schema, bad), JSON.stringify(bad).slice(0, 80)).toBe(false);
      expect(normalize(bad).ok).toBe(false);
    }
  });
});
