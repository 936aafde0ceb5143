/**
 * Schema v2 facts: the households' origin villages and cultural facts, the health
 * institutions serving each site, and the registers of the six measures — projects,
 * demonstration sites, responsibility tasks, dispatches, trainings, inspections and the
 * problems they found. Published counts are exact (villages, photos, civilized families,
 * departments, sessions, rounds, categories, aspects); the rest are assumptions (README).
 */
import { FACILITY_TYPES } from '@houfu/core';
import { FIRST_DAY_2019, LAST_DAY, dateText } from './calendar.js';
import type { Facilities } from './institutions.js';
import type { Households } from './households.js';
import type { Plan } from './plan.js';
import { DEPARTMENTS, PROBLEM_ASPECTS, PROJECTS, TRAININGS } from './preset.js';
import { Rng } from './random.js';
import { allocate } from './select.js';
import type { Sites } from './sites.js';

/** Household facts of schema v2 (1/0 flags, village index). */
export interface HouseholdFacts {
  /** Origin village index per household. */
  village: Int32Array;
  /** 1 when the household's village moved as a whole. */
  whole: Uint8Array;
  /** 1 when the household displays old/new house photos (in 2019-12). */
  photos: Uint8Array;
  /** 1 when the household was awarded civilized family (in 2019-12). */
  civilized: Uint8Array;
}

/** Plain columns per table. */
type Columns = Record<string, unknown[]>;

/** Choose exactly k of n indices at random (flags). */
function exactly(k: number, n: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(n);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + rng.below(n - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
    out[idx[i]!] = 1;
  }
  return out;
}

/** Origin villages (every village has at least one household, in its origin county), photos and civilized families. */
export function makeHouseholdFacts(plan: Plan, hh: Households, seed: number): HouseholdFacts {
  const rng = new Rng(seed, 'villages');
  const byCounty = new Map<number, number[]>();
  for (let h = 0; h < hh.n; h++) {
    const c = hh.origin[h]!;
    if (!byCounty.has(c)) byCounty.set(c, []);
    byCounty.get(c)!.push(h);
  }
  const counties = [...byCounty.keys()].sort((a, b) => a - b);
  const total = Math.max(counties.length, Math.min(plan.relocated_villages, hh.n));
  const sizes = counties.map((c) => byCounty.get(c)!.length);
  const extra = allocate(total - counties.length, sizes.map((s) => s - 1), 0, sizes.map((s) => s - 1));
  const village = new Int32Array(hh.n);
  let v = 0;
  counties.forEach((c, k) => {
    const list = byCounty.get(c)!;
    const nv = 1 + extra[k]!;
    // Shuffle, give the first nv households one village each, the rest by village size.
    for (let i = list.length - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    const weights = Array.from({ length: nv }, () => rng.logNormal(0.6));
    list.forEach((h, i) => (village[h] = v + (i < nv ? i : rng.pick(weights))));
    v += nv;
  });
  const wholeVillage = Uint8Array.from({ length: v }, () => (rng.chance(0.82) ? 1 : 0));
  const whole = Uint8Array.from(village, (x) => wholeVillage[x]!);
  return {
    village,
    whole,
    photos: exactly(plan.house_comparison_photo_households, hh.n, new Rng(seed, 'photos')),
    civilized: exactly(plan.civilized_families_awarded, hh.n, new Rng(seed, 'civilized')),
  };
}

/** Health facilities are built for the sites; sites without one are served by one of their county (else prefecture), or by an existing institution. */
export function makeHealthServices(sites: Sites, fac: Facilities, siteIds: string[], facilityIds: string[]): { services: Columns; built: (boolean | null)[] } {
  const health = FACILITY_TYPES.indexOf('health_facility');
  const own = new Map<number, number>();
  const byCounty = new Map<number, number>();
  const byPrefecture = new Map<number, number>();
  for (let f = 0; f < fac.n; f++) {
    if (fac.type[f] !== health) continue;
    const s = fac.site[f]!;
    if (!own.has(s)) own.set(s, f);
    // the facility of the largest site serves the county's other sites
    const best = (m: Map<number, number>, key: number) => {
      const cur = m.get(key);
      if (cur === undefined || sites.persons[fac.site[cur]!]! < sites.persons[s]!) m.set(key, f);
    };
    best(byCounty, sites.county[s]!);
    best(byPrefecture, sites.prefecture[s]!);
  }
  const built = Array.from({ length: fac.n }, (_, f): boolean | null => (fac.type[f] === health ? true : null));
  const services: Columns = { service_id: [], site_id: [], facility_id: [] };
  for (let s = 0; s < sites.n; s++) {
    const f = own.get(s) ?? byCounty.get(sites.county[s]!) ?? byPrefecture.get(sites.prefecture[s]!);
    if (f === undefined) continue;
    services.service_id!.push(`HS${String(services.service_id!.length + 1).padStart(5, '0')}`);
    services.site_id!.push(siteIds[s]);
    services.facility_id!.push(facilityIds[f]);
  }
  return { services, built };
}

const day = (d: number): string => dateText(Math.max(FIRST_DAY_2019, Math.min(LAST_DAY, d)));
/** Any day number as YYYY-MM-DD, past the preset's calendar too (due dates in 2020). */
const dueText = (d: number): string => (d <= LAST_DAY ? dateText(d) : new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

/** The registers of the six measures. */
export function makeRegisters(plan: Plan, sites: Sites, siteIds: string[], seed: number): Record<'projects' | 'demonstration_sites' | 'tasks' | 'dispatches' | 'trainings' | 'inspections' | 'problems', Columns> {
  const rng = new Rng(seed, 'measures');
  const projects: Columns = { project_id: [], site_id: [], system: [], supplies: [], channel: [], amount: [], status: [], started_on: [], due_on: [], completed_on: [] };
  let j = 0;
  for (let s = 0; s < sites.n; s++) {
    const k = 1 + rng.below(4);
    for (let i = 0; i < k; i++) {
      const p = PROJECTS.kinds[rng.pick(PROJECTS.kinds.map((x) => x.weight))]!;
      const start = FIRST_DAY_2019 + rng.below(240);
      const due = start + 90 + rng.below(180);
      const u = rng.float();
      const status = u < PROJECTS.completed ? 'completed' : u < PROJECTS.completed + PROJECTS.inProgress ? 'in_progress' : 'planned';
      projects.project_id!.push(`J${String(++j).padStart(5, '0')}`);
      projects.site_id!.push(siteIds[s]);
      projects.system!.push(p.system);
      projects.supplies!.push(p.supplies);
      projects.channel!.push(PROJECTS.channels[rng.pick(PROJECTS.channelWeights)]);
      projects.amount!.push(Math.round((PROJECTS.medianAmount * rng.logNormal(0.8)) / 1000) * 1000);
      projects.status!.push(status);
      projects.started_on!.push(status === 'planned' ? null : day(start));
      projects.due_on!.push(dueText(due));
      projects.completed_on!.push(status === 'completed' ? day(Math.min(due + rng.between(-60, 30), LAST_DAY)) : null);
    }
  }
  const demonstration_sites: Columns = { site_id: [], designated_on: [], standard: [] };
  for (let s = 0; s < sites.n; s++)
    if (sites.demo[s]) {
      demonstration_sites.site_id!.push(siteIds[s]);
      demonstration_sites.designated_on!.push('2019-03-01');
      demonstration_sites.standard!.push('省级易地扶贫搬迁后续扶持工作示范点建设标准');
    }

  const tasks: Columns = { task_id: [], department: [], task: [], due_on: [], completed_on: [] };
  const dispatches: Columns = { dispatch_id: [], held_on: [], scope: [], department: [] };
  let t = 0;
  DEPARTMENTS.forEach((d) => {
    const k = 3 + rng.below(6);
    for (let i = 0; i < k; i++) {
      const due = FIRST_DAY_2019 + 60 + rng.below(305);
      const u = rng.float();
      tasks.task_id!.push(`T${String(++t).padStart(4, '0')}`);
      tasks.department!.push(d);
      tasks.task!.push(`${d}后续扶持任务${i + 1}`);
      tasks.due_on!.push(dueText(due));
      tasks.completed_on!.push(u < 0.93 ? day(due + rng.between(-90, 20)) : null);
    }
  });
  let dn = 0;
  const dispatch = (d: number, scope: string, dept: string | null) => {
    dispatches.dispatch_id!.push(`D${String(++dn).padStart(4, '0')}`);
    dispatches.held_on!.push(dateText(d));
    dispatches.scope!.push(scope);
    dispatches.department!.push(dept);
  };
  // One horizontal dispatch a month (每月一次横向调度), each department's vertical ones.
  for (let m = 0; m < 12; m++) dispatch(FIRST_DAY_2019 + Math.round(m * 30.4) + 4 + rng.below(5), 'horizontal', null);
  DEPARTMENTS.forEach((d) => {
    for (let i = rng.below(4); i > 0; i--) dispatch(FIRST_DAY_2019 + rng.below(365), 'vertical', d);
  });

  const trainings: Columns = { session_id: [], title: [], held_on: [], cadres_province: [], cadres_prefecture: [], cadres_county: [], cadres_township: [] };
  TRAININGS.forEach((x, i) => {
    trainings.session_id!.push(`C${i + 1}`);
    trainings.title!.push(x.title);
    trainings.held_on!.push(x.held_on);
    trainings.cadres_province!.push(x.cadres[0]);
    trainings.cadres_prefecture!.push(x.cadres[1]);
    trainings.cadres_county!.push(x.cadres[2]);
    trainings.cadres_township!.push(x.cadres[3]);
  });

  const rounds = [
    ['R1', '第一次全省大调研', 1096 + 59, 1096 + 80],
    ['R2', '第一次专项大督查', 1096 + 150, 1096 + 165],
    ['R3', '第二次全省大调研', 1096 + 240, 1096 + 260],
    ['R4', '第二次专项大督查', 1096 + 310, 1096 + 325],
  ] as const;
  const inspections: Columns = { round_id: rounds.map((r) => r[0]), title: rounds.map((r) => r[1]), started_on: rounds.map((r) => dateText(r[2])), ended_on: rounds.map((r) => dateText(r[3])) };
  const problems: Columns = { problem_id: [], site_id: [], round_id: [], category: [], aspect: [], found_on: [], due_on: [], rectified_on: [] };
  const count = Math.max(PROBLEM_ASPECTS.length, plan.problems);
  const siteW = Array.from(sites.persons, (p) => p ** 0.5);
  for (let q = 0; q < count; q++) {
    const r = rounds[rng.below(4)]!;
    const a = PROBLEM_ASPECTS[q < PROBLEM_ASPECTS.length ? q : rng.below(PROBLEM_ASPECTS.length)]!;
    const found = r[2] + rng.below(r[3] - r[2] + 1);
    const due = found + 45 + rng.below(60);
    const u = rng.float();
    const rectified = u < 0.86 ? found + 10 + rng.below(Math.max(1, due - found + 20)) : null;
    problems.problem_id!.push(`Q${String(q + 1).padStart(5, '0')}`);
    problems.site_id!.push(siteIds[rng.pick(siteW)]);
    problems.round_id!.push(r[0]);
    problems.category!.push(a[0]);
    problems.aspect!.push(a[1]);
    problems.found_on!.push(dateText(found));
    problems.due_on!.push(dueText(due));
    problems.rectified_on!.push(rectified === null || rectified > LAST_DAY ? null : dateText(rectified));
  }
  return { projects, demonstration_sites, tasks, dispatches, trainings, inspections, problems };
}
