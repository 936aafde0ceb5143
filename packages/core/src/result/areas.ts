/**
 * The area hierarchy of a dataset — province > prefecture > county > site > unit —
 * taken from its sites (and management units), with names for Guizhou's divisions.
 */
import type { Dataset } from '../dataset.js';
import { LEVELS, type Level } from '../plan/plan.js';
import { GUIZHOU, GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES } from '../schema/divisions.js';
import { textOrder } from './order.js';

/** One area of a level. */
export interface Area {
  /** Area code (six-digit code, site id or unit id). */
  readonly code: string;
  /** Name, or null when unknown. */
  readonly name: string | null;
}

/** The areas of one level numbered 0, 1, … in code order: the numeric keys every rollup works on. */
export interface AreaIndex {
  /** The areas, sorted by code: area number i is `areas[i]`. */
  readonly areas: readonly Area[];
  /** The number of an area code of this level (−1: no such area). */
  of(code: string): number;
  /** The number of the area containing a group — a site id, or a unit id at level unit (−1: none). */
  ofGroup(group: string): number;
  /** Per area, the number of the area containing it one level up (empty at the top). */
  readonly parent: Int32Array;
}

/** The hierarchy: for each site (or unit), the area it belongs to at every level. */
export interface Hierarchy {
  /** Areas of a level, sorted by code. */
  areas(level: Level): readonly Area[];
  /** The area of `level` containing a group (site id, or unit id when level is unit). */
  areaOf(level: Level, group: string): string | undefined;
  /** The areas of a level as numbers (built once per level). */
  index(level: Level): AreaIndex;
}

const COUNTY_NAMES = new Map(GUIZHOU_COUNTIES.map((c) => [c.code, c.name]));

/** The province code of a county code: its first two digits + 0000. */
export const provinceOf = (county: string): string => `${county.slice(0, 2)}0000`;

/**
 * The attribution of sites and management units to areas: all a hierarchy needs, and nothing
 * about persons or households (a cube carries it to roll up without the dataset).
 */
export interface AreaTables {
  /** Sites: id, name, county and prefecture codes (parallel arrays). */
  readonly sites: {
    readonly site_id: readonly string[];
    readonly site_name: readonly (string | null)[];
    readonly county_code: readonly string[];
    readonly prefecture_code: readonly string[];
  };
  /** Management units and their sites (parallel arrays), or null when left out. */
  readonly units: { readonly unit_id: readonly string[]; readonly site_id: readonly string[] } | null;
}

/** The site and unit attribution of a dataset (`units` is null when the dataset has no management units). */
export function areaTables(ds: Dataset): AreaTables {
  const sites = ds.tables.sites;
  const text = (t: typeof sites, c: string): string[] => ((t?.getChild(c)?.toArray() ?? []) as unknown[]).map((v) => String(v));
  const units = ds.tables.management_units;
  return {
    sites: {
      site_id: text(sites, 'site_id'),
      site_name: ((sites?.getChild('site_name')?.toArray() ?? []) as (string | null)[]).map((v) => v ?? null),
      county_code: text(sites, 'county_code'),
      prefecture_code: text(sites, 'prefecture_code'),
    },
    units: units ? { unit_id: text(units, 'unit_id'), site_id: text(units, 'site_id') } : null,
  };
}

/** Build the hierarchy of a dataset. */
export function hierarchy(ds: Dataset): Hierarchy {
  let h = hierarchies.get(ds);
  if (!h) hierarchies.set(ds, (h = hierarchyOf(areaTables(ds))));
  return h;
}

// Datasets are immutable: their hierarchy is built once.
const hierarchies = new WeakMap<Dataset, Hierarchy>();

/** Build a hierarchy from site and unit attribution. */
export function hierarchyOf(tables: AreaTables): Hierarchy {
  const siteArea = new Map<string, Record<'province' | 'prefecture' | 'county' | 'site', string>>();
  const names = { province: new Map<string, string | null>(), prefecture: new Map<string, string | null>(), county: new Map<string, string | null>(), site: new Map<string, string | null>(), unit: new Map<string, string | null>() };
  const { site_id: id, site_name: name, county_code: county, prefecture_code: pref } = tables.sites;
  for (let i = 0; i < id.length; i++) {
    const s = id[i] as string;
    const c = county[i] as string;
    const p = pref[i] as string;
    const prov = provinceOf(c);
    siteArea.set(s, { province: prov, prefecture: p, county: c, site: s });
    names.site.set(s, name[i] ?? null);
    names.county.set(c, COUNTY_NAMES.get(c) ?? null);
    names.prefecture.set(p, GUIZHOU_PREFECTURES[p] ?? null);
    names.province.set(prov, prov === GUIZHOU.code ? GUIZHOU.name : null);
  }
  const unitSite = new Map<string, string>();
  if (tables.units) {
    const { unit_id: uid, site_id: sid } = tables.units;
    for (let i = 0; i < uid.length; i++) {
      unitSite.set(uid[i] as string, sid[i] as string);
      names.unit.set(uid[i] as string, null);
    }
  }
  const sorted = new Map<Level, Area[]>();
  const indexes = new Map<Level, AreaIndex>();
  const h: Hierarchy = {
    areas(level) {
      let a = sorted.get(level);
      if (!a) {
        a = [...names[level].entries()].map(([code, name]) => ({ code, name })).sort((x, y) => textOrder(x.code, y.code));
        sorted.set(level, a);
      }
      return a;
    },
    areaOf(level, group) {
      if (level === 'unit') return unitSite.has(group) ? group : undefined;
      return siteArea.get(group)?.[level];
    },
    index(level) {
      let ix = indexes.get(level);
      if (!ix) indexes.set(level, (ix = areaIndex(h, level, unitSite)));
      return ix;
    },
  };
  return h;
}

/** Number the areas of a level, and link each to its parent area's number. */
function areaIndex(h: Hierarchy, level: Level, unitSite: ReadonlyMap<string, string>): AreaIndex {
  const areas = h.areas(level);
  const number = new Map(areas.map((a, i) => [a.code, i]));
  const of = (code: string | undefined): number => (code === undefined ? -1 : (number.get(code) ?? -1));
  const k = LEVELS.indexOf(level);
  const parent = new Int32Array(k === 0 ? 0 : areas.length).fill(-1);
  if (k > 0) {
    const up = h.index(LEVELS[k - 1]!);
    // A site names its area at every level; a unit's parent is its site.
    const groups = level === 'unit' ? unitSite.keys() : h.areas('site').map((s) => s.code);
    for (const g of groups) {
      const me = of(h.areaOf(level, g));
      const above = level === 'unit' ? up.of(unitSite.get(g)!) : up.ofGroup(g);
      // The groups are the level's own sites (or units): each names an area of the level.
      /* v8 ignore else -- a guard: no hierarchy reaches it */
      if (me >= 0) parent[me] = above;
    }
  }
  const groupArea = new Map<string, number>();
  return {
    areas,
    of,
    ofGroup(group) {
      let n = groupArea.get(group);
      if (n === undefined) groupArea.set(group, (n = of(h.areaOf(level, group))));
      return n;
    },
    parent,
  };
}
