/**
 * The area hierarchy of a dataset — province > prefecture > county > site > unit —
 * taken from its sites (and management units), with names for Guizhou's divisions.
 */
import type { Dataset } from '../dataset.js';
import type { Level } from '../plan/plan.js';
import { GUIZHOU, GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES } from '../schema/divisions.js';

/** One area of a level. */
export interface Area {
  /** Area code (six-digit code, site id or unit id). */
  readonly code: string;
  /** Name, or null when unknown. */
  readonly name: string | null;
}

/** The hierarchy: for each site (or unit), the area it belongs to at every level. */
export interface Hierarchy {
  /** Areas of a level, sorted by code. */
  areas(level: Level): readonly Area[];
  /** The area of `level` containing a group (site id, or unit id when level is unit). */
  areaOf(level: Level, group: string): string | undefined;
}

const COUNTY_NAMES = new Map(GUIZHOU_COUNTIES.map((c) => [c.code, c.name]));

/** The province code of a county code: its first two digits + 0000. */
export const provinceOf = (county: string): string => `${county.slice(0, 2)}0000`;

/** Build the hierarchy of a dataset. */
export function hierarchy(ds: Dataset): Hierarchy {
  const sites = ds.tables.sites;
  const siteArea = new Map<string, Record<'province' | 'prefecture' | 'county' | 'site', string>>();
  const names = { province: new Map<string, string | null>(), prefecture: new Map<string, string | null>(), county: new Map<string, string | null>(), site: new Map<string, string | null>(), unit: new Map<string, string | null>() };
  if (sites) {
    const id = sites.getChild('site_id')!.toArray() as string[];
    const name = sites.getChild('site_name')?.toArray() as (string | null)[] | undefined;
    const county = sites.getChild('county_code')!.toArray() as string[];
    const pref = sites.getChild('prefecture_code')!.toArray() as string[];
    for (let i = 0; i < id.length; i++) {
      const s = String(id[i]);
      const c = String(county[i]);
      const p = String(pref[i]);
      const prov = provinceOf(c);
      siteArea.set(s, { province: prov, prefecture: p, county: c, site: s });
      names.site.set(s, name?.[i] ?? null);
      names.county.set(c, COUNTY_NAMES.get(c) ?? null);
      names.prefecture.set(p, GUIZHOU_PREFECTURES[p] ?? null);
      names.province.set(prov, prov === GUIZHOU.code ? GUIZHOU.name : null);
    }
  }
  const unitSite = new Map<string, string>();
  const units = ds.tables.management_units;
  if (units) {
    const uid = units.getChild('unit_id')!.toArray() as string[];
    const sid = units.getChild('site_id')!.toArray() as string[];
    for (let i = 0; i < uid.length; i++) {
      unitSite.set(String(uid[i]), String(sid[i]));
      names.unit.set(String(uid[i]), null);
    }
  }
  const sorted = new Map<Level, Area[]>();
  return {
    areas(level) {
      let a = sorted.get(level);
      if (!a) {
        a = [...names[level].entries()].map(([code, name]) => ({ code, name })).sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
        sorted.set(level, a);
      }
      return a;
    },
    areaOf(level, group) {
      if (level === 'unit') return unitSite.has(group) ? group : undefined;
      return siteArea.get(group)?.[level];
    },
  };
}
