/**
 * User-facing texts of the ClickHouse engine and loader, in Chinese and English.
 */
import type { LocalText } from '../model/indicator.js';

const shown = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** Error texts of the ClickHouse connector, dialect, engine and loader. */
export const CLICKHOUSE_TEXT = {
  badUrl: (url: string): LocalText => ({
    zh: `ClickHouse 地址无效：${shown(url)}（应为 http://主机:端口）`,
    en: `not a ClickHouse address: ${shown(url)} (expected http://HOST:PORT)`,
  }),
  unreachable: (url: string, detail: string): LocalText => ({
    zh: `无法连接 ClickHouse ${url}：${detail}`,
    en: `cannot reach ClickHouse at ${url}: ${detail}`,
  }),
  serverError: (url: string, detail: string): LocalText => ({
    zh: `ClickHouse ${url} 报错：${detail}`,
    en: `ClickHouse at ${url} answered with an error: ${detail}`,
  }),
  badNumber: (value: number): LocalText => ({
    zh: `数值 ${String(value)} 不能写入 ClickHouse 查询（只接受有限数）`,
    en: `the number ${String(value)} cannot be written into a ClickHouse query (finite numbers only)`,
  }),
  badName: (name: string): LocalText => ({
    zh: `名称 ${shown(name)} 含有控制字符，不能用作 ClickHouse 名称`,
    en: `the name ${shown(name)} holds a control character and cannot be a ClickHouse name`,
  }),
  unknownCluster: (cluster: string, known: string): LocalText => ({
    zh: `ClickHouse 中没有集群 ${shown(cluster)}（已有：${known || '无'}）`,
    en: `ClickHouse has no cluster ${shown(cluster)} (known: ${known || 'none'})`,
  }),
  tablesExist: (names: string): LocalText => ({
    zh: `ClickHouse 中已有表：${names}；如需覆盖请加 --replace`,
    en: `ClickHouse already has tables: ${names}; pass --replace to overwrite them`,
  }),
  rowCount: (table: string, expected: number, got: number): LocalText => ({
    zh: `载入后表 ${table} 有 ${got} 行，应为 ${expected} 行；载入未完成`,
    en: `after loading, table ${table} holds ${got} rows instead of ${expected}; the load is incomplete`,
  }),
  notFromClickHouse: (): LocalText => ({
    zh: '该数据集不来自 ClickHouse；请先用 houfu load --engine clickhouse 载入，再用 clickhouseDataset() 打开',
    en: 'this dataset does not come from ClickHouse: load it with `houfu load --engine clickhouse`, then open it with clickhouseDataset()',
  }),
  unsupported: (detail: string): LocalText => ({
    zh: `ClickHouse 方言不支持：${detail}`,
    en: `not supported by the ClickHouse dialect: ${detail}`,
  }),
} as const;
