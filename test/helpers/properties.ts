/**
 * Properties that any correct implementation of docs/semantics.md has, written against
 * a `Computer` so they run on the reference (as a self-check) and on the engine.
 * Each check throws with a readable list of differences when it fails.
 */
import { REFERENCE_CATALOG, REFERENCE_IDS, REFERENCE_UNIT_IDS } from '../reference/reference.js';
import { onePeriod, periodsOf, shuffled, type GenDataset } from './arbitrary.js';
import { diffRows, type CmpRow } from './rows.js';

/** The five levels. */
export const LEVELS = ['province', 'prefecture', 'county', 'site', 'unit'] as const;
/** One level. */
export type Level = (typeof LEVELS)[number];

/** Computes the given indicators at one level. */
export type Computer = (g: GenDataset, level: Level, ids: readonly string[]) => Promise<CmpRow[]>;

/** Number of runs per property: HOUFU_PROPERTY_RUNS, default 100. */
export const RUNS = Number(process.env.HOUFU_PROPERTY_RUNS ?? 100);

/** Indicators whose unit is the management unit itself. */
const UNIT_TABLE_IDS = ['services.police_room_coverage', 'party.members_elected_per_unit', 'party.units_electing_share'];

/**
 * The indicators computed at a level. At level `unit`, household and person indicators
 * only when households carry `unit_id` (docs/semantics.md; without it the engine refuses
 * them, which the spec leaves open).
 */
export function idsAt(level: Level, g: GenDataset): readonly string[] {
  if (level !== 'unit') return REFERENCE_IDS;
  const carriesUnit = g.data.households.some((h) => 'unit_id' in h) || g.data.management_units !== undefined;
  return carriesUnit ? REFERENCE_UNIT_IDS : REFERENCE_UNIT_IDS.filter((id) => UNIT_TABLE_IDS.includes(id));
}

function fail(what: string, lines: string[]): never {
  const shown = lines.slice(0, 25);
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
  throw new Error(`${what}:\n  ${shown.join('\n  ')}`);
}

/** (a) Two implementations give the same rows at every level. */
export async function checkSame(actual: Computer, expected: Computer, g: GenDataset, labels: { actual: string; expected: string }): Promise<void> {
  for (const level of LEVELS) {
    const a = await actual(g, level, idsAt(level, g));
    const e = await expected(g, level, idsAt(level, g));
    const d = diffRows(a, e, labels);
    if (d.length) fail(`${labels.actual} ≠ ${labels.expected} at level ${level}`, d);
  }
}

type Counts = { numerator: number; denominator: number; unknown: number };

function sumInto(map: Map<string, Counts>, key: string, r: Counts): void {
  const c = map.get(key) ?? { numerator: 0, denominator: 0, unknown: 0 };
  c.numerator += r.numerator;
  c.denominator += r.denominator;
  c.unknown += r.unknown;
  map.set(key, c);
}

/** (b) Counts of a county are the sums over its sites; prefecture over counties; province over prefectures. */
export async function checkRollups(compute: Computer, g: GenDataset): Promise<void> {
  const parent: Record<'site' | 'county' | 'prefecture', Map<string, string>> = {
    site: new Map(), county: new Map(), prefecture: new Map(),
  };
  for (const s of g.data.sites) {
    const county = String(s.county_code);
    parent.site.set(String(s.site_id), county);
    parent.county.set(county, String(s.prefecture_code));
    parent.prefecture.set(String(s.prefecture_code), county.slice(0, 2) + '0000');
  }
  const ids = REFERENCE_IDS;
  const rows: Partial<Record<Level, CmpRow[]>> = {};
  for (const level of ['site', 'county', 'prefecture', 'province'] as const) rows[level] = await compute(g, level, ids);

  const problems: string[] = [];
  const steps = [
    ['site', 'county'],
    ['county', 'prefecture'],
    ['prefecture', 'province'],
  ] as const;
  for (const [child, up] of steps) {
    const sums = new Map<string, Counts>();
    for (const r of rows[child]!) {
      const p = parent[child].get(r.area_code);
      if (p === undefined) {
        problems.push(`${child} row for unknown area ${r.area_code}`);
        continue;
      }
      sumInto(sums, `${r.indicator_id}|${p}|${r.period}`, r);
    }
    for (const r of rows[up]!) {
      const k = `${r.indicator_id}|${r.area_code}|${r.period}`;
      const s = sums.get(k) ?? { numerator: 0, denominator: 0, unknown: 0 };
      if (s.numerator !== r.numerator || s.denominator !== r.denominator || s.unknown !== r.unknown) {
        problems.push(
          `${up} ${k}: ${r.numerator}/${r.denominator}/${r.unknown} but its ${child}s sum to ${s.numerator}/${s.denominator}/${s.unknown}`,
        );
      }
      sums.delete(k);
    }
    for (const k of sums.keys()) problems.push(`${child} rows of ${k} have no ${up} row`);
  }
  if (problems.length) fail('rollups are not sums', problems);
}

/** (c) Rate values (person, household, site, unit rates) lie in [0, 1]. */
export async function checkRateBounds(compute: Computer, g: GenDataset): Promise<void> {
  const problems: string[] = [];
  for (const level of LEVELS) {
    for (const r of await compute(g, level, idsAt(level, g))) {
      if (REFERENCE_CATALOG[r.indicator_id]?.kind !== 'rate' || r.value === null) continue;
      if (!(r.value >= 0 && r.value <= 1)) problems.push(`${level} ${r.indicator_id} ${r.area_code} ${r.period}: ${r.value}`);
      if (r.numerator > r.denominator) problems.push(`${level} ${r.indicator_id} ${r.area_code}: numerator > denominator`);
    }
  }
  if (problems.length) fail('rates outside [0, 1]', problems);
}

/** (d) The row order of the input tables changes no result. */
export async function checkShuffle(compute: Computer, g: GenDataset, seed: number): Promise<void> {
  const h = shuffled(g, seed);
  for (const level of LEVELS) {
    const a = await compute(h, level, idsAt(level, g));
    const e = await compute(g, level, idsAt(level, g));
    const d = diffRows(a, e, { actual: 'shuffled', expected: 'original' });
    if (d.length) fail(`shuffling rows changed results at level ${level}`, d);
  }
}

/** (e) Computing each period alone gives that period's rows of the whole computation. */
export async function checkPeriodSplit(compute: Computer, g: GenDataset): Promise<void> {
  const periods = periodsOf(g);
  for (const level of LEVELS) {
    const whole = await compute(g, level, idsAt(level, g));
    for (const p of periods) {
      const part = await compute(onePeriod(g, p), level, idsAt(level, g));
      const other = part.filter((r) => r.period !== p && r.period !== null);
      if (other.length) fail(`period ${p} alone gave rows of other periods`, other.map((r) => `${r.indicator_id} ${r.period}`));
      const d = diffRows(
        part.filter((r) => r.period === p),
        whole.filter((r) => r.period === p),
        { actual: `period ${p} alone`, expected: 'all periods' },
      );
      const dn = diffRows(
        part.filter((r) => r.period === null),
        whole.filter((r) => r.period === null),
        { actual: `period ${p} alone`, expected: 'all periods' },
      );
      if (d.length || dn.length) fail(`splitting by period changed results at level ${level}`, [...d, ...dn]);
    }
  }
}
