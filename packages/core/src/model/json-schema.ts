/**
 * A JSON Schema (draft 2020-12) of definitions written as JSON, for editors: built from the
 * same lists (`UNITS`, `FORMATS`, `EXPR_KINDS`, tables) that `normalize` checks against.
 */
import { TABLE_NAMES } from '../schema/tables.js';
import { COMPARE_OPS, FORMATS, SHORTHAND_KINDS, UNITS } from './normalize.js';

type Schema = Readonly<Record<string, unknown>>;

const text: Schema = { type: 'object', required: ['zh', 'en'], additionalProperties: false, properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } } };
const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const node = (kind: string, properties: Record<string, Schema>, required: readonly string[]): Schema => ({
  type: 'object',
  required: ['kind', ...required],
  additionalProperties: false,
  properties: { kind: { const: kind }, ...properties },
});
const value: Schema = { type: 'number' };

/** The JSON Schema of one definition or an array of them. */
export function definitionJsonSchema(): Schema {
  const table = { enum: [...TABLE_NAMES] };
  const expr = {
    oneOf: [
      node('column', { name: { type: 'string', minLength: 1 }, table }, ['name']),
      node('literal', { value: { type: ['string', 'number', 'boolean', 'null'] } }, ['value']),
      node('compare', { op: { enum: [...COMPARE_OPS] }, left: ref('expr'), right: ref('expr') }, ['op', 'left', 'right']),
      node('in', { arg: ref('expr'), values: { type: 'array', items: { type: ['string', 'number'] } } }, ['arg', 'values']),
      node('and', { args: { type: 'array', minItems: 1, items: ref('expr') } }, ['args']),
      node('or', { args: { type: 'array', minItems: 1, items: ref('expr') } }, ['args']),
      node('not', { arg: ref('expr') }, ['arg']),
      node('isNull', { arg: ref('expr') }, ['arg']),
      node('any', { table, where: ref('expr'), label: ref('text') }, ['table', 'where']),
      node('all', { table, where: ref('expr'), label: ref('text') }, ['table', 'where']),
    ],
  };
  const measure = { type: 'object', required: ['table', 'where'], additionalProperties: false, properties: { table, where: ref('expr'), sum: { type: 'string', minLength: 1 } } };
  const common = {
    id: { type: 'string', pattern: '^[a-z0-9_]+\\.[a-z0-9_.]+$' },
    name: ref('text'),
    description: ref('text'),
    unit: { enum: [...UNITS] },
    source: {
      type: 'object',
      required: ['clause', 'clauseEn', 'document'],
      additionalProperties: false,
      properties: { clause: { type: 'string' }, clauseEn: { type: 'string' }, document: { type: 'string' } },
    },
    target: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['value', 'direction'], additionalProperties: false, properties: { value, direction: { enum: ['at_least', 'at_most'] } } },
      ],
    },
    format: { enum: [...FORMATS] },
    reasons: { type: 'object', required: ['failed', 'unknown'], additionalProperties: false, properties: { failed: ref('text'), unknown: ref('text') } },
    components: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name', 'holds'], additionalProperties: false, properties: { id: { type: 'string' }, name: ref('text'), holds: ref('expr') } },
    },
  };
  const required = ['kind', 'id', 'name', 'description', 'unit', 'source'];
  const classified = (kind: string): Schema => ({
    type: 'object',
    required: [...required, 'outcome'],
    additionalProperties: false,
    properties: { kind: { const: kind }, ...common, universe: ref('expr'), outcome: ref('expr') },
  });
  const ratio: Schema = {
    type: 'object',
    required: [...required, 'numerator', 'denominator'],
    additionalProperties: false,
    properties: { kind: { const: 'ratio' }, ...common, numerator: ref('measure'), denominator: ref('measure'), unknown: { oneOf: [{ type: 'null' }, ref('measure')] }, factor: { type: 'number', exclusiveMinimum: 0 } },
  };
  const byKind: Record<(typeof SHORTHAND_KINDS)[number], Schema> = { rate: classified('rate'), count: classified('count'), ratio };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://houfu.dev/schema/definitions.json',
    title: 'houfu indicator definitions',
    oneOf: [ref('definition'), { type: 'array', items: ref('definition') }],
    $defs: { text, expr, measure, definition: { oneOf: SHORTHAND_KINDS.map((k) => byKind[k]) } },
  };
}
