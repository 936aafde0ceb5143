/**
 * Texts of database connection failures (PostgreSQL): where, as whom, and why — never the password.
 */
import type { LocalText } from '../model/indicator.js';

/** Why a connection or statement failed, in words. */
export type ConnectionCause =
  | 'refused'
  | 'host_not_found'
  | 'timeout'
  | 'reset'
  | 'unreachable'
  | 'auth'
  | 'no_password'
  | 'role'
  | 'no_database'
  | 'permission'
  | 'too_many'
  | 'unavailable';

/** The causes, zh and en; `detail` is the server's own text where it helps. */
export const CONNECTION_CAUSE: Readonly<Record<ConnectionCause, (user: string, db: string, detail: string) => LocalText>> = {
  refused: () => ({ zh: '连接被拒绝（服务器未运行或未在该端口监听）', en: 'connection refused (is the server running and listening on that port?)' }),
  host_not_found: () => ({ zh: '找不到该主机名', en: 'host name not found' }),
  timeout: () => ({ zh: '连接超时', en: 'the connection timed out' }),
  reset: () => ({ zh: '连接被服务器断开', en: 'the server closed the connection' }),
  unreachable: () => ({ zh: '网络不可达', en: 'the network or host is unreachable' }),
  auth: (u) => ({ zh: `用户 ${u} 身份验证失败（密码错误？）`, en: `authentication failed for user ${u} (wrong password?)` }),
  no_password: (u) => ({ zh: `服务器要求用户 ${u} 提供密码，但连接串中没有`, en: `the server asks user ${u} for a password and none was given` }),
  role: (u, _d, x) => ({ zh: `服务器不接受用户 ${u}：${x}`, en: `the server does not accept user ${u}: ${x}` }),
  no_database: (_u, d) => ({ zh: `数据库 ${d} 不存在`, en: `database ${d} does not exist` }),
  permission: (u, _d, x) => ({ zh: `用户 ${u} 权限不足：${x}`, en: `user ${u} lacks a privilege: ${x}` }),
  too_many: () => ({ zh: '服务器连接数已满', en: 'the server has too many connections' }),
  unavailable: (_u, _d, x) => ({ zh: `服务器暂时不能接受连接：${x}`, en: `the server cannot accept connections now: ${x}` }),
};

/** The whole message: `cannot use the PostgreSQL database at HOST:PORT/DB as USER: CAUSE`. */
export const connectionText = (where: string, user: string, cause: LocalText): LocalText => ({
  zh: `无法使用 PostgreSQL 数据库 ${where}（用户 ${user}）：${cause.zh}`,
  en: `cannot use the PostgreSQL database at ${where} as ${user}: ${cause.en}`,
});
