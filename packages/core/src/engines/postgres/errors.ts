/**
 * PostgreSQL connection, authentication and permission failures as `io` errors that name the
 * host, database, user and cause — never the password. Other errors pass through unchanged.
 */
import { HoufuError } from '../../errors.js';
import { CONNECTION_CAUSE, connectionText, type ConnectionCause } from '../../messages/connection.js';

const NET: Readonly<Record<string, ConnectionCause>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'host_not_found',
  EAI_AGAIN: 'host_not_found',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'reset',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
};

// SQLSTATE codes (PostgreSQL appendix A) of failures that are the connection's, not the query's.
const SQLSTATE: Readonly<Record<string, ConnectionCause>> = {
  '28P01': 'auth',
  '28000': 'role',
  '3D000': 'no_database',
  '42501': 'permission',
  '53300': 'too_many',
  '57P03': 'unavailable',
};

/** Where a connection string points, without its password: host:port/database and the user. */
export function describeConnection(connection: unknown): { where: string; user: string; database: string; password: string | undefined } {
  if (typeof connection !== 'string') return { where: 'the given connection', user: 'its user', database: 'its database', password: undefined };
  try {
    const u = new URL(connection);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
    const where = `${host}:${u.port || '5432'}/${database}`;
    return { where, user: decodeURIComponent(u.username) || 'the default user', database, password: u.password ? decodeURIComponent(u.password) : undefined };
  } catch {
    return { where: 'the given address (not a postgres:// URL)', user: 'the default user', database: 'postgres', password: undefined };
  }
}

/** The error of a connection failure, or undefined when `e` is another error. */
export function postgresFailure(e: unknown, connection: unknown): HoufuError | undefined {
  if (e instanceof HoufuError) return undefined;
  const err = e as { code?: unknown; message?: unknown; errors?: unknown[] };
  // Node reports a refused dual-stack connection as an AggregateError of both attempts.
  const first = Array.isArray(err.errors) && err.errors.length ? (err.errors[0] as { code?: unknown }) : undefined;
  const code = typeof err.code === 'string' ? err.code : typeof first?.code === 'string' ? first.code : undefined;
  const message = typeof err.message === 'string' ? err.message : '';
  let cause: ConnectionCause | undefined = code ? (NET[code] ?? SQLSTATE[code]) : undefined;
  if (!cause && /password must be a string|client password|no password/i.test(message)) cause = 'no_password';
  if (!cause && /timeout expired|Connection terminated due to connection timeout/i.test(message)) cause = 'timeout';
  if (!cause && /Connection terminated unexpectedly/i.test(message)) cause = 'reset';
  if (!cause) return undefined;
  const c = describeConnection(connection);
  let detail = message;
  if (c.password) detail = detail.split(c.password).join('***');
  return new HoufuError('io', connectionText(c.where, c.user, CONNECTION_CAUSE[cause](c.user, c.database, detail)));
}
