/**
 * Enumerated columns and their standard Chinese labels. Every column whose values the
 * catalog compares against has its allowed values here or in the schema; a label (男,
 * 城镇, 公益性岗位 …) is read as its value with an info finding, and a mapping file may
 * map local spellings of any column's values.
 */
import {
  ACTIVITY_TYPES,
  EMPLOYMENT_TYPES,
  FACILITY_TYPES,
  LAND_STATUS,
  SCHEMA,
  type ColumnSpec,
  type TableName,
} from '../../schema/tables.js';
import { FINDING_TEXT, type FindingCode } from '../../messages/index.js';
import { DataType, Vector } from 'apache-arrow';
import { isTextColumn, textOfVector, type RawColumn } from '../../io/columnar.js';
import type { FindingCollector, FindingContext } from '../finding.js';
import { Causes, coded, type CheckInput } from './context.js';

/** Allowed values of enumerated columns the schema leaves open (an explicit `other` is one of them). */
const EXTRA_ENUMS: Partial<Record<TableName, Readonly<Record<string, readonly string[]>>>> = {
  activities: { activity_type: ACTIVITY_TYPES },
};

/** The allowed values of a column, or undefined when it is not enumerated. */
export function allowedValues(table: TableName, column: string): readonly string[] | undefined {
  return SCHEMA[table].columns.find((c) => c.name === column)?.values ?? EXTRA_ENUMS[table]?.[column];
}

/** The standard Chinese label of each enumerated value (the names the catalog and reports print). */
export const VALUE_LABELS: Readonly<Record<string, string>> = {
  male: '男',
  female: '女',
  urban: '城镇',
  rural: '农村',
  local: '本地就业',
  outside_county: '县外省内就业',
  outside_province: '省外就业',
  workshop: '就业帮扶车间',
  public_welfare: '公益性岗位',
  self_employed: '自主创业',
  revitalized: '已盘活',
  pending: '待盘活',
  none: '无',
  school: '学校',
  kindergarten: '幼儿园',
  health_facility: '医疗卫生机构',
  police_room: '警务室',
  mediation_room: '调解室',
  governance_center: '综治中心',
  community_committee: '社区居委会',
  street_office: '街道办事处',
  party_committee: '党委',
  party_branch: '党支部',
  gratitude_education: '感恩教育',
  civic_awareness: '市民意识教育',
  civilized_family: '文明家庭创建',
  house_comparison: '新旧房对比',
  other: '其他',
};

/** Other common Chinese spellings of a value, read like its standard label. */
const ALSO: Readonly<Record<string, readonly string[]>> = {
  male: ['男性'],
  female: ['女性'],
  urban: ['城镇安置', '城市'],
  rural: ['农村安置', '乡村'],
  local: ['县内就业', '就近就业', '本地务工'],
  outside_county: ['省内县外就业', '县外就业'],
  outside_province: ['省外务工', '外省就业'],
  workshop: ['扶贫车间', '扶贫工厂'],
  public_welfare: ['公益岗位', '公益性岗位就业'],
  self_employed: ['自主就业', '自主经营', '个体经营'],
  revitalized: ['盘活'],
  pending: ['未盘活', '待定'],
  none: ['没有'],
  health_facility: ['医疗机构', '卫生室'],
  party_branch: ['党小组'],
};

/** Value maps per column: the user's spelling → the canonical value (from a mapping file). */
export type ValueMap = Readonly<Record<string, string>>;

function labelsFor(allowed: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of allowed) {
    const zh = VALUE_LABELS[v];
    if (zh) m.set(zh, v);
    for (const a of ALSO[v] ?? []) m.set(a, v);
  }
  return m;
}

/**
 * Replace the user's spellings (from the mapping) and the standard Chinese labels of an
 * enumerated column by canonical values, with one info finding per spelling. Dictionary-coded
 * text is relabelled through its dictionary. Returns the raw column itself when nothing changes.
 */
export function relabel(
  table: TableName,
  spec: ColumnSpec,
  raw: RawColumn,
  userMap: ValueMap | undefined,
  ctx: FindingContext,
  label: string,
  out: FindingCollector,
): RawColumn {
  const allowed = allowedValues(table, spec.name);
  const synonyms = allowed ? labelsFor(allowed) : undefined;
  const okSet = allowed ? new Set(allowed) : undefined;
  if (!userMap && !synonyms) return raw;
  // Arrow text is relabelled through its dictionary too (each distinct text decoded once).
  if (raw instanceof Vector && DataType.isUtf8(raw.type)) raw = textOfVector(raw);
  const lookup = (v: unknown): { to: string; code: FindingCode } | undefined => {
    if (typeof v !== 'string') return undefined;
    const s = v.trim();
    if (userMap && Object.prototype.hasOwnProperty.call(userMap, s)) return { to: userMap[s]!, code: 'mapped_value' };
    const to = synonyms && !okSet?.has(s) ? synonyms.get(s) : undefined;
    return to === undefined ? undefined : { to, code: 'value_synonym' };
  };
  const seen = new Map<string, { code: FindingCode; to: string; first: number; count: number }>();
  const note = (from: string, r: { to: string; code: FindingCode }, row: number): void => {
    const g = seen.get(from);
    if (g) g.count++;
    else seen.set(from, { ...r, first: row, count: 1 });
  };
  let result: RawColumn = raw;
  if (isTextColumn(raw)) {
    const found = raw.dict.map(lookup);
    if (found.some((r) => r !== undefined)) {
      const dict: string[] = [];
      const index = new Map<string, number>();
      const remap = raw.dict.map((s, k) => {
        const text = found[k]?.to ?? s;
        let j = index.get(text);
        if (j === undefined) index.set(text, (j = dict.push(text) - 1));
        return j;
      });
      const codes = new Int32Array(raw.codes.length);
      for (let i = 0; i < codes.length; i++) {
        const c = raw.codes[i]!;
        codes[i] = c < 0 ? c : remap[c]!;
        const r = c < 0 ? undefined : found[c];
        if (r) note(raw.dict[c]!, r, i + 1);
      }
      result = { kind: 'text', codes, dict };
    }
  } else {
    const values: ArrayLike<unknown> = raw instanceof Vector ? [] : raw;
    let copy: unknown[] | undefined;
    for (let i = 0; i < values.length; i++) {
      const r = lookup(values[i]);
      if (!r) continue;
      copy ??= Array.from(values);
      copy[i] = r.to;
      note(String(values[i]).trim(), r, i + 1);
    }
    if (copy) result = copy;
  }
  for (const [from, g] of seen) {
    const text = FINDING_TEXT[g.code]({ value: from, detail: g.to, count: g.count });
    out.findings.push({
      severity: 'info',
      code: g.code,
      table: ctx.table,
      file: ctx.file,
      row: g.first,
      column: label,
      value: from,
      message: text.en,
      messageZh: text.zh,
      ...(g.count > 1 ? { count: g.count } : {}),
    });
  }
  return result;
}

/** Enumerated columns the schema leaves open (activity_type): values outside the list are errors. */
export function checkOpenEnums(input: CheckInput, out: FindingCollector): void {
  const causes = new Causes(input, out);
  for (const [table, cols] of Object.entries(EXTRA_ENUMS) as [TableName, Record<string, readonly string[]>][]) {
    for (const [column, allowed] of Object.entries(cols)) {
      const e = coded(input, table, column);
      if (!e) continue;
      const ok = new Set<string>(allowed);
      const bad = e.dict.map((v) => !ok.has(v));
      if (!bad.some(Boolean)) continue;
      for (let i = 0; i < e.codes.length; i++) {
        const c = e.codes[i]!;
        if (c >= 0 && bad[c]) causes.add('error', 'unknown_value', table, column, e.dict[c]!, i + 1, { detail: allowed.join(', ') });
      }
    }
  }
  causes.flush();
}
