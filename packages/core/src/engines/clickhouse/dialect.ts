/**
 * The ClickHouse dialect (server 18.16 and later) as overrides of the base emitter's parts.
 *
 * - **Kleene logic written out.** ClickHouse's AND/OR on Nullable values are not Kleene's
 *   (`NULL AND 0` is NULL, `0 OR NULL` is 0) and `NULL IN (…)` is 0, so every connective is
 *   spelled with functions that are: a truth value is read as 0 (false), 0.5 (unknown) or 1
 *   (true); `and` is the least, `or` the greatest, `not` is 1 − x, and 0.5 becomes NULL again.
 * - **Literals, never parameters.** 18.16 has no bound query parameters: every value is written
 *   by {@link clickhouseString} / {@link clickhouseNumber}, the only places values become text.
 * - **One JOIN per SELECT.** 18.16 refuses a second JOIN in one SELECT, so a frame is nested, one
 *   join a level; every joined column is renamed to a token (`alias__hex(name)`) made only of
 *   `[a-z0-9_]`, so no user name is ever written twice and no two columns can clash. Quantifier
 *   joins come first, directly on the frame's table: on a cluster that first level runs on each
 *   shard next to its data (see docs/clickhouse.md).
 */
import { HoufuError } from '../../errors.js';
import { CLICKHOUSE_TEXT } from '../../messages/clickhouse.js';
import { checkIdent, standardParts, type Dialect, type FrameJoin, type FrameSql, type SqlLogic } from '../sql/dialect.js';

/** Control characters (C0 and DEL): escaped in literals, refused in names. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A lone UTF-16 surrogate cannot be sent as UTF-8 without being altered. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A ClickHouse string literal: the one quoting function for text values. Backslash and quote are
 * escaped, every control character (NUL included) is written as `\xHH`; text that UTF-8 cannot
 * carry unchanged (a lone surrogate) is refused.
 * @example clickhouseString("O'Brien\\") // => 'O\'Brien\\\\'
 */
export function clickhouseString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unsupported('text with a lone UTF-16 surrogate'));
  let out = "'";
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (CONTROL.test(ch)) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A ClickHouse Float64 literal; refuses NaN and infinities. */
export function clickhouseNumber(value: number): string {
  if (!Number.isFinite(value)) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badNumber(value));
  const text = Object.is(value, -0) ? '0' : String(value);
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(text)) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badNumber(value));
  return `toFloat64(${text})`;
}

/** A backquoted ClickHouse identifier (backslash and backquote escaped; control characters refused). */
export function clickhouseIdent(name: string): string {
  checkIdent(clickhouseDialect, name);
  if (CONTROL.test(name) || LONE_SURROGATE.test(name)) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badName(name));
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

const hex = (s: string): string => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The alias of a quantifier's child rows: a single table, read by its bare column names (18.16
 * drops table aliases when it sends a query on a Distributed table to the shards).
 */
const CHILD_ALIAS = 'c';

/** The token a joined column is renamed to: only `[A-Za-z0-9_]`, unique per (alias, name). */
const token = (alias: string, name: string): string => `${alias.replace(/[^A-Za-z0-9_]/g, '')}__${hex(name)}`;

/** Truth value as 0, 0.5 or 1. */
const tv = (x: string): string => `ifNull(${x}, 0.5)`;
const fold = (fn: 'least' | 'greatest', args: readonly string[]): string =>
  args.length === 1 ? `(${args[0]!})` : `nullIf(${args.slice(1).reduce((acc, a) => `${fn}(${acc}, ${tv(a)})`, tv(args[0]!))}, 0.5)`;

const CMP = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** Kleene logic spelled with functions whose results ClickHouse computes exactly. */
export const clickhouseLogic: SqlLogic = {
  // Comparisons with a NULL operand are NULL in ClickHouse, as in the reference.
  compare: (op, left, right) => `(${left} ${CMP[op]} ${right})`,
  in: (arg, values) => (values.length === 0 ? `if(isNull(${arg}), NULL, 0)` : `if(isNull(${arg}), NULL, ${arg} IN (${values.join(', ')}))`),
  and: (args) => fold('least', args),
  or: (args) => fold('greatest', args),
  not: (arg) => `(1 - ${arg})`,
  isNull: (arg) => `isNull(${arg})`,
  any: (c) => `multiIf(ifNull(${c.t}, 0) > 0, 1, ifNull(${c.u}, 0) > 0, NULL, 0)`,
  all: (c) => `multiIf(ifNull(${c.f}, 0) > 0, 0, ifNull(${c.u}, 0) > 0, NULL, 1)`,
  empty: (kind) => (kind === 'any' ? '0' : '1'),
};

/** Whether a truth value is true (never NULL). */
const isTrue = (w: string): string => `(ifNull(${w}, 0) = 1)`;
const isFalse = (w: string): string => `(ifNull(${w}, 1) = 0)`;

/** Parse `joined = earlier` of an emitted join condition into its two column tokens. */
function equality(on: string): [string, string] {
  const m = /^(\w+) = (\w+)$/.exec(on);
  if (!m) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unsupported(`join condition ${on}`));
  return [m[1]!, m[2]!];
}

/** Nest a frame's joins one per level (quantifiers first), then group. */
function frame(dialect: Dialect, f: FrameSql): string {
  const id = (n: string): string => dialect.parts.ident(dialect, n);
  const cols = (alias: string): readonly string[] => f.columns.get(alias) ?? [];
  const row = f.from.alias;
  const original = new Map(cols(row).map((c) => [token(row, c), id(c)]));
  const joins: FrameJoin[] = [...f.joins.filter((j) => j.kind === 'quantifier'), ...f.joins.filter((j) => j.kind === 'parent')];
  const renamed = (j: FrameJoin): string => {
    const list = cols(j.alias);
    if (list.length === 0) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unsupported(`a join of ${j.alias} without columns`));
    return `(SELECT ${list.map((c) => `${id(c)} AS ${token(j.alias, c)}`).join(', ')} FROM ${j.source})`;
  };
  const rowSelect = cols(row).map((c) => `${id(c)} AS ${token(row, c)}`);
  let level: string;
  if (joins.length === 0) level = `SELECT ${rowSelect.join(', ')} FROM ${f.from.table}`;
  else {
    const [first, ...rest] = joins as [FrameJoin, ...FrameJoin[]];
    const on = first.on.map((c) => {
      const [right, left] = equality(c);
      const l = original.get(left);
      if (l === undefined) throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unsupported(`join condition ${c}`));
      return `j1.${right} = ${l}`;
    });
    const firstCols = cols(first.alias).map((c) => token(first.alias, c));
    level =
      `SELECT ${[...rowSelect, ...firstCols].join(', ')}\nFROM ${f.from.table}\n` +
      `ALL LEFT JOIN ${renamed(first)} AS j1 ON ${on.join(' AND ')}`;
    rest.forEach((j, i) => {
      const on = j.on.map((c) => {
        const [right, left] = equality(c);
        return `j${i + 2}.${right} = l${i + 1}.${left}`;
      });
      level = `SELECT *\nFROM (${level}) AS l${i + 1}\nALL LEFT JOIN ${renamed(j)} AS j${i + 2} ON ${on.join(' AND ')}`;
    });
  }
  const outputs = `SELECT ${f.select.map((s) => `${s.expr} AS ${id(s.name)}`).join(', ')}\nFROM (${level})`;
  if (f.kind === 'rows') return outputs;
  return `${outputs}\nWHERE isNotNull(${f.group})\nGROUP BY ${f.select.slice(0, f.keys).map((s) => id(s.name)).join(', ')}`;
}

/** ClickHouse. Values are inlined literals; names backquoted; one JOIN per SELECT. */
export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  types: { text: 'String', double: 'Float64', boolean: 'UInt8' },
  placeholder: () => {
    throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.unsupported('bound parameters'));
  },
  // ClickHouse compares String bytes (UTF-8): code-point order.
  textOrder: '',
  maxIdentifierBytes: 4096,
  textHoldsNul: true,
  parts: {
    ...standardParts,
    ident: (_d, name) => clickhouseIdent(name),
    literal: (_d, value, type) =>
      type === 'text' ? clickhouseString(String(value)) : type === 'double' ? clickhouseNumber(value as number) : value === true ? '1' : '0',
    logic: clickhouseLogic,
    zeroIfNull: (_d, count) => `ifNull(${count}, 0)`,
    rowState: (_d, where) => `multiIf(${isTrue(where)}, 1, ${isFalse(where)}, 0, 2)`,
    measure: (_d, where, value) => `toFloat64(ifNull(sum(if(${isTrue(where)}, ${value}, 0)), 0))`,
    quantifierSubquery: (d, q) => {
      const id = (n: string): string => d.parts.ident(d, n);
      const keys = q.keys.map((k) => `${k.expr} AS ${id(k.name)}`);
      // The child table alone, unaliased: its columns are read by bare name (see CHILD_ALIAS).
      const from = q.from.replace(new RegExp(` AS ${CHILD_ALIAS}$`), '');
      const counts = q.counts.map(
        ({ where: w, names }) =>
          `sum(if(${isTrue(w)}, 1, 0)) AS ${id(names.t)}, sum(if(${isFalse(w)}, 1, 0)) AS ${id(names.f)}, sum(isNull(${w})) AS ${id(names.u)}`,
      );
      return `SELECT ${keys.join(', ')}, ${counts.join(', ')} FROM ${from} GROUP BY ${q.keys.map((k) => id(k.name)).join(', ')}`;
    },
    leftJoin: (source, alias, on) => `ALL LEFT JOIN ${source} AS ${alias} ON ${on.join(' AND ')}`,
    column: (d, alias, name) => (alias === CHILD_ALIAS ? d.parts.ident(d, name) : token(alias, name)),
    frame,
  },
};
