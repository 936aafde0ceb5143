/**
 * Definitions from JSON: tagged shorthands (`{ "kind": "rate" | "count" | "ratio", … }`, the
 * arguments of `rate`, `count` and `ratio`) checked node by node and expanded into definitions.
 * A bad definition gives findings — a JSON pointer to the value and the rule it breaks — never
 * a guess. `definitionJsonSchema()` describes the same shorthands for editors.
 */
import { DEFINITION_TEXT, type DefinitionRule } from '../messages/definitions.js';
import { TABLE_NAMES } from '../schema/tables.js';
import type { CompareOp, ExprKind } from './expr.js';
import { count, rate, ratio, type IndicatorDefinition, type LocalText, type RateSpec, type RatioSpec, type Unit, type ValueFormat } from './indicator.js';

/** A problem in a definition written as JSON. */
export interface DefinitionFinding {
  /** JSON pointer to the offending value (`/outcome/args/1/op`). */
  readonly path: string;
  /** The rule broken. */
  readonly rule: DefinitionRule;
  /** The problem in words. */
  readonly message: LocalText;
}

/** What `normalize` gives: the definitions, or the findings of the first bad one(s). */
export type Normalized =
  | { readonly ok: true; readonly definitions: readonly IndicatorDefinition[] }
  | { readonly ok: false; readonly findings: readonly DefinitionFinding[] };

/** The shorthand kinds. */
export const SHORTHAND_KINDS = ['rate', 'count', 'ratio'] as const;
/** Units of analysis. */
export const UNITS: readonly Unit[] = ['person', 'household', 'site', 'unit', 'project', 'problem'];
/** Value formats. */
export const FORMATS: readonly ValueFormat[] = ['percent', 'per_10k', 'per_1k', 'ratio', 'count'];
/** Expression node kinds. */
export const EXPR_KINDS: readonly ExprKind[] = ['column', 'literal', 'compare', 'in', 'and', 'or', 'not', 'isNull', 'any', 'all'];
/** Comparison operators. */
export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

type Json = unknown;
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Collects findings while walking a definition. */
class Walk {
  readonly findings: DefinitionFinding[] = [];
  fail(path: string, rule: DefinitionRule, detail: string): void {
    this.findings.push({ path: path || '/', rule, message: DEFINITION_TEXT[rule](path || '/', detail) });
  }
  object(x: Json, path: string): x is Record<string, Json> {
    if (isObject(x)) return true;
    this.fail(path, 'type', 'an object');
    return false;
  }
  string(x: Json, path: string): boolean {
    if (typeof x === 'string' && x.length > 0) return true;
    this.fail(path, 'type', 'a non-empty string');
    return false;
  }
  oneOf<T>(x: Json, values: readonly T[], path: string): boolean {
    if (values.includes(x as T)) return true;
    this.fail(path, 'enum', values.join(', '));
    return false;
  }
  text(x: Json, path: string): void {
    if (this.object(x, path)) for (const k of ['zh', 'en']) this.string(x[k], `${path}/${k}`);
  }
  known(x: Record<string, Json>, keys: readonly string[], path: string): void {
    for (const k of Object.keys(x)) if (!keys.includes(k)) this.fail(`${path}/${k}`, 'unknown_key', keys.join(', '));
  }

  expr(x: Json, path: string): void {
    if (!this.object(x, path)) return;
    if (!this.oneOf(x['kind'], EXPR_KINDS, `${path}/kind`)) return;
    const at = (k: string) => `${path}/${k}`;
    switch (x['kind'] as ExprKind) {
      case 'column':
        this.known(x, ['kind', 'name', 'table'], path);
        this.string(x['name'], at('name'));
        if (x['table'] !== undefined) this.oneOf(x['table'], TABLE_NAMES, at('table'));
        return;
      case 'literal':
        this.known(x, ['kind', 'value'], path);
        if (!(x['value'] === null || ['string', 'boolean'].includes(typeof x['value']) || (typeof x['value'] === 'number' && Number.isFinite(x['value']))))
          this.fail(at('value'), 'type', 'a string, finite number, true, false or null');
        return;
      case 'compare':
        this.known(x, ['kind', 'op', 'left', 'right'], path);
        this.oneOf(x['op'], COMPARE_OPS, at('op'));
        this.expr(x['left'], at('left'));
        this.expr(x['right'], at('right'));
        return;
      case 'in': {
        this.known(x, ['kind', 'arg', 'values'], path);
        this.expr(x['arg'], at('arg'));
        const v = x['values'];
        if (!Array.isArray(v)) this.fail(at('values'), 'type', 'an array');
        else v.forEach((y, i) => (typeof y === 'string' || (typeof y === 'number' && Number.isFinite(y)) ? undefined : this.fail(`${at('values')}/${i}`, 'type', 'a string or finite number')));
        return;
      }
      case 'and':
      case 'or': {
        this.known(x, ['kind', 'args'], path);
        const a = x['args'];
        if (!Array.isArray(a) || a.length === 0) this.fail(at('args'), 'type', 'a non-empty array');
        else a.forEach((y, i) => this.expr(y, `${at('args')}/${i}`));
        return;
      }
      case 'not':
      case 'isNull':
        this.known(x, ['kind', 'arg'], path);
        this.expr(x['arg'], at('arg'));
        return;
      case 'any':
      case 'all':
        this.known(x, ['kind', 'table', 'where', 'label'], path);
        this.oneOf(x['table'], TABLE_NAMES, at('table'));
        this.expr(x['where'], at('where'));
        if (x['label'] !== undefined) this.text(x['label'], at('label'));
        return;
    }
  }

  measure(x: Json, path: string): void {
    if (!this.object(x, path)) return;
    this.known(x, ['table', 'where', 'sum'], path);
    this.oneOf(x['table'], TABLE_NAMES, `${path}/table`);
    this.expr(x['where'], `${path}/where`);
    if (x['sum'] !== undefined) this.string(x['sum'], `${path}/sum`);
  }

  common(x: Record<string, Json>, path: string): void {
    if (this.string(x['id'], `${path}/id`) && !/^[a-z0-9_]+\.[a-z0-9_.]+$/.test(x['id'] as string)) this.fail(`${path}/id`, 'id', String(x['id']));
    this.text(x['name'], `${path}/name`);
    this.text(x['description'], `${path}/description`);
    this.oneOf(x['unit'], UNITS, `${path}/unit`);
    if (this.object(x['source'], `${path}/source`)) for (const k of ['clause', 'clauseEn', 'document']) this.string((x['source'] as Record<string, Json>)[k], `${path}/source/${k}`);
    const t = x['target'];
    if (t !== undefined && t !== null && this.object(t, `${path}/target`)) {
      if (typeof t['value'] !== 'number' || !Number.isFinite(t['value'])) this.fail(`${path}/target/value`, 'type', 'a finite number');
      this.oneOf(t['direction'], ['at_least', 'at_most'], `${path}/target/direction`);
    }
    if (x['format'] !== undefined) this.oneOf(x['format'], FORMATS, `${path}/format`);
    const r = x['reasons'];
    if (r !== undefined && this.object(r, `${path}/reasons`)) for (const k of ['failed', 'unknown']) this.text(r[k], `${path}/reasons/${k}`);
    const c = x['components'];
    if (c !== undefined) {
      if (!Array.isArray(c)) this.fail(`${path}/components`, 'type', 'an array');
      else
        c.forEach((y, i) => {
          const p = `${path}/components/${i}`;
          if (!this.object(y, p)) return;
          this.string(y['id'], `${p}/id`);
          this.text(y['name'], `${p}/name`);
          this.expr(y['holds'], `${p}/holds`);
        });
    }
  }

  definition(x: Json, path: string): void {
    if (!this.object(x, path)) return;
    if (!this.oneOf(x['kind'], SHORTHAND_KINDS, `${path}/kind`)) return;
    const base = ['kind', 'id', 'name', 'description', 'unit', 'source', 'target', 'format', 'reasons', 'components'];
    this.common(x, path);
    if (x['kind'] === 'ratio') {
      this.known(x, [...base, 'numerator', 'denominator', 'unknown', 'factor'], path);
      this.measure(x['numerator'], `${path}/numerator`);
      this.measure(x['denominator'], `${path}/denominator`);
      if (x['unknown'] !== undefined && x['unknown'] !== null) this.measure(x['unknown'], `${path}/unknown`);
      if (x['factor'] !== undefined && !(typeof x['factor'] === 'number' && x['factor'] > 0 && Number.isFinite(x['factor']))) this.fail(`${path}/factor`, 'type', 'a positive number');
    } else {
      this.known(x, [...base, 'universe', 'outcome'], path);
      if (x['universe'] !== undefined) this.expr(x['universe'], `${path}/universe`);
      if (x['outcome'] === undefined) this.fail(`${path}/outcome`, 'required', 'outcome');
      else this.expr(x['outcome'], `${path}/outcome`);
    }
  }
}

/** Expand a checked shorthand (the findings are empty). */
function expand(x: Record<string, Json>): IndicatorDefinition {
  const { kind, ...spec } = x;
  if (kind === 'ratio') return ratio(spec as never as RatioSpec);
  return kind === 'rate' ? rate(spec as never as RateSpec) : count(spec as never as RateSpec);
}

/**
 * Check and expand definitions written as JSON: one tagged shorthand or an array of them.
 * Ids must be unique. Columns and tables are checked against the schema when planned.
 * @example
 * const r = normalize(JSON.parse(text));
 * if (!r.ok) for (const f of r.findings) console.error(f.path, f.rule, f.message.en);
 */
export function normalize(json: unknown): Normalized {
  const w = new Walk();
  const list = Array.isArray(json) ? json : [json];
  const prefix = (i: number): string => (Array.isArray(json) ? `/${i}` : '');
  list.forEach((x, i) => w.definition(x, prefix(i)));
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const id = isObject(x) ? x['id'] : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) w.fail(`${prefix(i)}/id`, 'duplicate', id);
    seen.add(id);
  });
  if (w.findings.length > 0) return { ok: false, findings: w.findings };
  return { ok: true, definitions: list.map((x) => expand(x as Record<string, Json>)) };
}
