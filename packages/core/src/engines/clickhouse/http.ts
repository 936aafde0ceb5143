/**
 * A minimal ClickHouse HTTP connection over `fetch` (Node 18+ and browsers): one POST per
 * statement, settings as URL parameters, results read in the JSON format. Works with servers
 * from 18.16 on, which have no bound parameters: values are written into the text by the
 * dialect's quoting functions only.
 */
import { HoufuError } from '../../errors.js';
import { CLICKHOUSE_TEXT } from '../../messages/clickhouse.js';

/** Rows of a query with the types ClickHouse gave each column. */
export interface ClickHouseResult {
  /** Column names and ClickHouse types. */
  readonly meta: readonly { readonly name: string; readonly type: string }[];
  /** Rows as objects. */
  readonly data: readonly Record<string, unknown>[];
}

/** A connection to one ClickHouse server. */
export interface ClickHouseHttp {
  /** The server's URL (`http://HOST:PORT`). */
  readonly url: string;
  /** Run a SELECT; its rows. */
  query(sql: string): Promise<ClickHouseResult>;
  /** Run a statement, with `body` as its data (for INSERT … FORMAT …). */
  exec(sql: string, body?: string): Promise<void>;
}

/** Settings every houfu statement runs with: NULLs (not defaults) from unmatched joins; co-sharded joins stay on the shards. */
export const CLICKHOUSE_SETTINGS: Readonly<Record<string, string>> = {
  join_use_nulls: '1',
  distributed_product_mode: 'local',
  insert_distributed_sync: '1',
};

/** Check and normalize an `http(s)://HOST:PORT` address. */
export function clickhouseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badUrl(url));
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.search !== '' || u.hash !== '') throw new HoufuError('invalid_request', CLICKHOUSE_TEXT.badUrl(url));
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Open an HTTP connection to one server (nothing is sent until the first statement). */
export function clickhouseHttp(url: string, settings: Readonly<Record<string, string>> = {}): ClickHouseHttp {
  const base = clickhouseUrl(url);
  const params = new URLSearchParams({ ...CLICKHOUSE_SETTINGS, ...settings });
  const post = async (sql: string, body?: string): Promise<string> => {
    const p = new URLSearchParams(params);
    if (body !== undefined) p.set('query', sql);
    const send = (): Promise<Response> =>
      fetch(`${base}/?${p.toString()}`, { method: 'POST', body: body ?? sql, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    let res: Response | undefined;
    // The server closes idle connections after a few seconds (keep_alive_timeout); a request on
    // such a socket never reached it, and the pool may hold several. A few retries on fresh
    // connections (the loader's row counts would catch an insert that did arrive twice).
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await send();
      } catch (e) {
        if (attempt < 4) continue;
        const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
        throw new HoufuError('io', CLICKHOUSE_TEXT.unreachable(base, cause));
      }
    }
    const text = await res.text();
    if (!res.ok) throw new HoufuError('io', CLICKHOUSE_TEXT.serverError(base, text.trim().slice(0, 2000)));
    return text;
  };
  return {
    url: base,
    async query(sql) {
      const text = await post(`${sql}\nFORMAT JSON`);
      const parsed = JSON.parse(text) as ClickHouseResult;
      return { meta: parsed.meta, data: parsed.data };
    },
    async exec(sql, body) {
      await post(sql, body);
    },
  };
}
