/** `--site`, `--county`, `--prefecture` by code or by name, checked against the data's sites. */
import { GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES, LEVEL_TEXT, type Dataset } from '@houfu/core';
import { UsageError } from './common.js';
import { CLI_TEXT } from './messages.js';
import { nearest } from './suggest.js';

/** A filter level. */
export type AreaLevel = 'site' | 'county' | 'prefecture';

/** One area of the data. */
export interface Area {
  /** Its level. */
  readonly level: AreaLevel;
  /** Code (site id for sites). */
  readonly code: string;
  /** Name, when known. */
  readonly name: string | null;
}

const COUNTY_NAMES = new Map(GUIZHOU_COUNTIES.map((c) => [c.code, c.name]));

/** The sites, counties and prefectures that the data's sites lie in. */
export function areasOf(ds: Dataset): Area[] {
  const t = ds.tables.sites;
  if (!t) return [];
  const col = (n: string): (string | null)[] => {
    const v = t.getChild(n);
    return v ? (v.toArray() as (string | null)[]) : [];
  };
  const ids = col('site_id');
  const names = col('site_name');
  const counties = col('county_code');
  const prefs = col('prefecture_code');
  const out = new Map<string, Area>();
  ids.forEach((id, i) => {
    if (id !== null) out.set(`site:${id}`, { level: 'site', code: String(id), name: names[i] ?? null });
    const c = counties[i];
    if (c) out.set(`county:${c}`, { level: 'county', code: c, name: COUNTY_NAMES.get(c) ?? null });
    const p = prefs[i];
    if (p) out.set(`prefecture:${p}`, { level: 'prefecture', code: p, name: GUIZHOU_PREFECTURES[p] ?? null });
  });
  return [...out.values()];
}

/** "西秀区 520402". */
export const areaLabel = (a: Area): string => (a.name ? `${a.name} ${a.code}` : a.code);

/** The divisions of Guizhou that are not in the data (to tell "not in the data" from "no such area"). */
function division(v: string): Area | undefined {
  const c = GUIZHOU_COUNTIES.find((x) => x.code === v || x.name === v);
  if (c) return { level: 'county', code: c.code, name: c.name };
  const p = Object.entries(GUIZHOU_PREFECTURES).find(([code, name]) => code === v || name === v);
  return p ? { level: 'prefecture', code: p[0], name: p[1] } : undefined;
}

/**
 * The code of `--LEVEL VALUE` (a code or a name): refused with the nearest areas of the data when
 * no area of that level matches, and with the right option when it names an area of another level.
 */
export function resolveArea(areas: readonly Area[], level: AreaLevel, value: string): string {
  const v = value.trim();
  const same = areas.filter((a) => a.level === level);
  const hit = same.find((a) => a.code === v) ?? same.find((a) => a.name === v);
  if (hit) return hit.code;
  const other = areas.find((a) => a.level !== level && (a.code === v || a.name === v)) ?? (level !== 'site' ? division(v) : undefined);
  if (other && other.level !== level) throw new UsageError(CLI_TEXT.wrongLevel(level, v, LEVEL_TEXT[other.level]!, other.level, areaLabel(other)));
  if (other) throw new UsageError(CLI_TEXT.noneInData(level, areaLabel(other), LEVEL_TEXT[level]!));
  const near = nearest(v, same, (a) => [a.code, a.name ?? '']).map(areaLabel);
  throw new UsageError(CLI_TEXT.unknownArea(level, v, LEVEL_TEXT[level]!, near));
}
