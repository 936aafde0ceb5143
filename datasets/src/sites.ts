/**
 * Resettlement sites: how many per prefecture and county, which are urban, how many persons
 * each holds (exact urban and rural totals), which are demonstration sites, when they opened.
 */
import { GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES } from '@houfu/core';
import { FIRST_DAY_2019 } from './calendar.js';
import type { Plan } from './plan.js';
import { OPENING_YEAR_SHARES, PREFECTURE_SHARES } from './preset.js';
import { Rng } from './random.js';
import { allocate, pickTop } from './select.js';

/** Internal site columns, one entry per site, sites ordered by county code. */
export interface Sites {
  /** Number of sites. */
  n: number;
  /** Index into GUIZHOU_COUNTIES. */
  county: Uint8Array;
  /** Index into PREFECTURE_CODES. */
  prefecture: Uint8Array;
  /** 1 for urban sites. */
  urban: Uint8Array;
  /** 1 for provincial demonstration sites. */
  demo: Uint8Array;
  /** Persons living at the site. */
  persons: Int32Array;
  /** Opening day (calendar day number). */
  opened: Uint16Array;
  /** Chinese site name. */
  name: string[];
  /** Relative size of each county's relocation (GUIZHOU_COUNTIES order). */
  countyWeight: Float64Array;
}

/** Prefecture codes in code order. */
export const PREFECTURE_CODES: readonly string[] = Object.keys(GUIZHOU_PREFECTURES).sort();

const NAME_WORDS = [
  '幸福', '新城', '阳光', '和谐', '民族', '兴隆', '锦绣', '丰源', '梨园', '凤凰', '感恩', '同心',
  '安居', '乐业', '新民', '团结', '振兴', '富民', '康宁', '馨园', '怡景', '翠屏', '碧水', '青山',
  '云岭', '星河', '朝阳', '紫薇', '桂花', '金桥', '银杏', '玉龙', '龙井', '花园', '滨江', '东门',
  '西苑', '南山', '北苑', '新桥', '明珠', '长坡', '松林', '枫香', '映山', '河畔', '湖滨', '月亮',
];

/** Lays out the sites of a plan. */
export function makeSites(plan: Plan, seed: number): Sites {
  const rng = new Rng(seed, 'sites');
  const n = plan.centralized_sites;
  const counties = GUIZHOU_COUNTIES;
  const countyWeight = Float64Array.from(counties, () => rng.logNormal(0.5));
  const prefOf = Uint8Array.from(counties, (c) => PREFECTURE_CODES.indexOf(c.prefectureCode));

  // Sites per prefecture (every county gets one when there are enough), then per county.
  const countiesIn = PREFECTURE_CODES.map((_, p) => counties.flatMap((_c, i) => (prefOf[i] === p ? [i] : [])));
  const everyCounty = n >= counties.length;
  const floor = countiesIn.map((list) => (everyCounty ? list.length : 1));
  const extra = allocate(n - floor.reduce((a, b) => a + b, 0), PREFECTURE_CODES.map((c) => PREFECTURE_SHARES[c]!));
  const perCounty = new Int32Array(counties.length);
  countiesIn.forEach((list, p) => {
    const total = floor[p]! + extra[p]!;
    const w = list.map((i) => countyWeight[i]!);
    if (total >= list.length) {
      allocate(total - list.length, w).forEach((k, j) => (perCounty[list[j]!] = 1 + k));
    } else {
      pickTop(total, w, rng).forEach((k, j) => (perCounty[list[j]!] = k));
    }
  });

  const county = new Uint8Array(n);
  const firstOfCounty = new Uint8Array(n);
  let s = 0;
  perCounty.forEach((k, i) => {
    for (let j = 0; j < k; j++, s++) {
      county[s] = i;
      firstOfCounty[s] = j === 0 ? 1 : 0;
    }
  });
  const prefecture = Uint8Array.from(county, (i) => prefOf[i]!);

  // Urban sites: the first site of each county (its county-seat site), then at random.
  const firsts = firstOfCounty.reduce((a, b) => a + b, 0);
  let urban: Uint8Array;
  if (plan.urban_sites >= firsts) {
    urban = firstOfCounty.slice();
    const rest = pickTop(plan.urban_sites - firsts, Array.from(firstOfCounty, (f) => 1 - f), rng);
    rest.forEach((u, i) => (urban[i] = urban[i]! | u));
  } else {
    urban = pickTop(plan.urban_sites, firstOfCounty, rng);
  }

  // Sizes: heavily skewed log-normal weights, then exact integer totals per site type.
  const weight = Float64Array.from(urban, (u) => (u ? Math.min(rng.logNormal(1.2), 40) : rng.logNormal(0.6)));
  const persons = new Int32Array(n);
  const ruralPersons = plan.relocated_persons - plan.urban_sites_persons;
  const ruralSites = n - plan.urban_sites;
  const minSite = Math.max(1, Math.min(20, Math.floor(ruralPersons / ruralSites / 4)));
  for (const type of [1, 0]) {
    const idx = Array.from(urban.keys()).filter((i) => urban[i] === type);
    const parts = allocate(type ? plan.urban_sites_persons : ruralPersons, idx.map((i) => weight[i]!), minSite);
    idx.forEach((i, j) => (persons[i] = parts[j]!));
  }

  // Demonstration sites: spread evenly over prefectures, larger urban sites likelier.
  const demo = new Uint8Array(n);
  const urbanIn = PREFECTURE_CODES.map((_, p) => Array.from(urban.keys()).filter((i) => urban[i] && prefecture[i] === p));
  const demoPer = allocate(
    plan.provincial_demo_sites,
    PREFECTURE_CODES.map(() => 1),
    0,
    urbanIn.map((l) => l.length),
  );
  urbanIn.forEach((list, p) => {
    pickTop(demoPer[p]!, list.map((i) => persons[i]!), rng).forEach((d, j) => (demo[list[j]!] = d));
  });

  const opened = new Uint16Array(n);
  const yearStart = [0, 366, 731, FIRST_DAY_2019];
  const yearDays = [366, 365, 365, 181];
  for (let i = 0; i < n; i++) {
    const y = rng.pick(OPENING_YEAR_SHARES);
    opened[i] = yearStart[y]! + rng.below(yearDays[y]!);
  }

  const name = new Array<string>(n);
  let words: string[] = [];
  for (let i = 0; i < n; i++) {
    const seq = firstOfCounty[i] ? 0 : seqInCounty(firstOfCounty, i);
    if (seq === 0) words = shuffled(NAME_WORDS, rng);
    const word = words[seq % words.length]! + (seq >= words.length ? String(1 + Math.floor(seq / words.length)) : '');
    name[i] = `${counties[county[i]!]!.name}${word}安置点（模拟）`;
  }

  return { n, county, prefecture, urban, demo, persons, opened, name, countyWeight };
}

function seqInCounty(first: Uint8Array, i: number): number {
  let k = 0;
  while (!first[i - k]) k++;
  return k;
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
