/**
 * Registers of the six measures (六项措施) and the figures of schema v2 that are not rates
 * over sites: origin villages, responsibility tasks by department, dispatches per month,
 * cadres trained by level, inspection rounds, problems by category, aspect and county,
 * and the health institutions serving each site. Plain loops over the validated tables,
 * computed as of a date (overdue = not done and due before it). An absent table gives
 * zeros, never an error.
 */
import type { Dataset } from '../dataset.js';
import { columnValues, hasColumn, rowCount } from '../engines/links.js';
import type { TableName } from '../schema/tables.js';

/** Options of {@link registers}. */
export interface RegisterOptions {
  /** The date (YYYY-MM-DD) tasks and problems are judged on; default: the last day of the last period, else 2019-12-31. */
  readonly asOf?: string;
  /** The period (YYYY-MM) of monthly households and persons to read; default: the last. */
  readonly period?: string;
}

/** Tasks of one department. */
export interface DepartmentTasks {
  /** Department (省级有关部门和单位). */
  readonly department: string;
  /** Tasks in its responsibility list. */
  readonly tasks: number;
  /** Tasks completed on or before the as-of date. */
  readonly completed: number;
  /** Tasks not completed whose due date is before the as-of date. */
  readonly overdue: number;
  /** Tasks completed after their due date. */
  readonly late: number;
}

/** Problems of one county. */
export interface CountyProblems {
  /** County code. */
  readonly county_code: string;
  /** Problems found at its sites. */
  readonly problems: number;
  /** Problems rectified on or before the as-of date. */
  readonly rectified: number;
  /** Problems open whose rectification was due before the as-of date. */
  readonly overdue: number;
}

/** Every register figure. */
export interface Registers {
  /** The as-of date used. */
  readonly asOf: string;
  /** Distinct origin villages (households.origin_village) and those relocated as a whole. */
  readonly villages: { readonly relocated: number; readonly wholeVillage: number };
  /** Health institutions serving sites (health_services): sites served, and the fewest institutions serving one site. */
  readonly health: { readonly sitesServed: number; readonly sites: number; readonly minInstitutionsPerSite: number | null };
  /** The fewest employed persons in a household with labor (null without such households). */
  readonly minEmployedPerLaborHousehold: number | null;
  /** Responsibility tasks (狠抓部门责任). */
  readonly tasks: {
    readonly departments: number;
    readonly total: number;
    readonly completed: number;
    readonly overdue: number;
    readonly byDepartment: readonly DepartmentTasks[];
  };
  /** Dispatches (狠抓工作调度): horizontal ones, the months from the first to the last, and per month. */
  readonly dispatches: { readonly horizontal: number; readonly vertical: number; readonly months: number; readonly horizontalPerMonth: number | null };
  /** Cadre training (狠抓干部培训). */
  readonly trainings: {
    readonly sessions: number;
    readonly cadres: number;
    readonly byLevel: { readonly province: number; readonly prefecture: number; readonly county: number; readonly township: number };
  };
  /** Supervision (狠抓监督检查). */
  readonly inspections: {
    readonly rounds: number;
    readonly problems: number;
    readonly rectified: number;
    readonly overdue: number;
    readonly categories: number;
    readonly aspects: number;
    readonly byCounty: readonly CountyProblems[];
  };
}

const values = (ds: Dataset, t: TableName, c: string): readonly unknown[] =>
  rowCount(ds, t) > 0 && hasColumn(ds, t, c) ? columnValues(ds, t, c) : [];
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const distinct = (xs: readonly unknown[]): number => new Set(xs.map(text).filter((x) => x !== null)).size;

/** The last day of a period YYYY-MM. */
export function periodEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

/** Row indices of a periodic table in one period (every row when it has none). */
function rowsIn(ds: Dataset, t: TableName, period: string | undefined): number[] {
  const n = rowCount(ds, t);
  const p = period !== undefined && hasColumn(ds, t, 'period') ? columnValues(ds, t, 'period') : null;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!p || p[i] === period) out.push(i);
  return out;
}

/**
 * Compute every register figure of a dataset.
 * @example registers(ds, { asOf: '2019-12-31' }).tasks.byDepartment
 */
export function registers(ds: Dataset, options: RegisterOptions = {}): Registers {
  const period = options.period ?? ds.periods[ds.periods.length - 1];
  const asOf = options.asOf ?? (period !== undefined ? periodEnd(period) : '2019-12-31');
  const done = (d: unknown): boolean => text(d) !== null && (text(d) as string) <= asOf;
  const overdue = (completed: unknown, due: unknown): boolean => !done(completed) && text(due) !== null && (text(due) as string) < asOf;

  // Villages and labor households, in the period.
  const hh = rowsIn(ds, 'households', period);
  const village = values(ds, 'households', 'origin_village');
  const whole = values(ds, 'households', 'whole_village');
  const villages = new Set<string>();
  const wholeVillages = new Set<string>();
  for (const i of hh) {
    const v = text(village[i]);
    if (v === null) continue;
    villages.add(v);
    if (whole[i] === true) wholeVillages.add(v);
  }
  const pr = rowsIn(ds, 'persons', period);
  const ph = values(ds, 'persons', 'household_id');
  const labor = values(ds, 'persons', 'is_labor');
  const employed = values(ds, 'persons', 'employed');
  const perHousehold = new Map<string, { labor: boolean; employed: number }>();
  for (const i of pr) {
    const h = String(ph[i]);
    const e = perHousehold.get(h) ?? { labor: false, employed: 0 };
    if (labor[i] === true) e.labor = true;
    if (employed[i] === true) e.employed++;
    perHousehold.set(h, e);
  }
  let minEmployed: number | null = null;
  for (const e of perHousehold.values()) if (e.labor) minEmployed = minEmployed === null ? e.employed : Math.min(minEmployed, e.employed);

  // Health institutions per site.
  const siteIds = values(ds, 'sites', 'site_id').map(String);
  const served = new Map<string, Set<string>>();
  const hsSite = values(ds, 'health_services', 'site_id');
  const hsFacility = values(ds, 'health_services', 'facility_id');
  for (let i = 0; i < hsSite.length; i++) {
    const s = String(hsSite[i]);
    if (!served.has(s)) served.set(s, new Set());
    served.get(s)!.add(String(hsFacility[i]));
  }
  let minPerSite: number | null = null;
  for (const s of siteIds) minPerSite = Math.min(minPerSite ?? Infinity, served.get(s)?.size ?? 0);

  // Tasks by department.
  const dept = values(ds, 'tasks', 'department');
  const tDue = values(ds, 'tasks', 'due_on');
  const tDone = values(ds, 'tasks', 'completed_on');
  const byDept = new Map<string, { tasks: number; completed: number; overdue: number; late: number }>();
  for (let i = 0; i < dept.length; i++) {
    const d = String(dept[i]);
    const e = byDept.get(d) ?? { tasks: 0, completed: 0, overdue: 0, late: 0 };
    e.tasks++;
    if (done(tDone[i])) {
      e.completed++;
      if (text(tDue[i]) !== null && (text(tDone[i]) as string) > (text(tDue[i]) as string)) e.late++;
    } else if (overdue(tDone[i], tDue[i])) e.overdue++;
    byDept.set(d, e);
  }
  const byDepartment = [...byDept].map(([department, e]) => ({ department, ...e })).sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  const sum = (xs: readonly { [k: string]: unknown }[], k: string): number => xs.reduce((a, x) => a + (x[k] as number), 0);

  // Dispatches: horizontal ones per month between the first and the last month.
  const held = values(ds, 'dispatches', 'held_on');
  const scope = values(ds, 'dispatches', 'scope');
  let horizontal = 0;
  let vertical = 0;
  const months: string[] = [];
  for (let i = 0; i < held.length; i++) {
    if (scope[i] === 'horizontal') horizontal++;
    else if (scope[i] === 'vertical') vertical++;
    const d = text(held[i]);
    if (d !== null) months.push(d.slice(0, 7));
  }
  months.sort();
  const span = months.length ? monthIndex(months[months.length - 1]!) - monthIndex(months[0]!) + 1 : 0;

  // Trainings.
  const level = (c: string): number => values(ds, 'trainings', `cadres_${c}`).reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
  const byLevel = { province: level('province'), prefecture: level('prefecture'), county: level('county'), township: level('township') };

  // Problems by county (through their site).
  const countyOf = new Map<string, string>();
  const siteCounty = values(ds, 'sites', 'county_code');
  siteIds.forEach((s, i) => countyOf.set(s, String(siteCounty[i])));
  const qSite = values(ds, 'problems', 'site_id');
  const qDue = values(ds, 'problems', 'due_on');
  const qDone = values(ds, 'problems', 'rectified_on');
  const byC = new Map<string, { problems: number; rectified: number; overdue: number }>();
  for (let i = 0; i < qSite.length; i++) {
    const c = countyOf.get(String(qSite[i])) ?? '';
    const e = byC.get(c) ?? { problems: 0, rectified: 0, overdue: 0 };
    e.problems++;
    if (done(qDone[i])) e.rectified++;
    else if (overdue(qDone[i], qDue[i])) e.overdue++;
    byC.set(c, e);
  }
  const byCounty = [...byC].map(([county_code, e]) => ({ county_code, ...e })).sort((a, b) => (a.county_code < b.county_code ? -1 : 1));

  return {
    asOf,
    villages: { relocated: villages.size, wholeVillage: wholeVillages.size },
    health: { sitesServed: siteIds.filter((s) => served.has(s)).length, sites: siteIds.length, minInstitutionsPerSite: siteIds.length ? minPerSite : null },
    minEmployedPerLaborHousehold: minEmployed,
    tasks: { departments: byDept.size, total: dept.length, completed: sum(byDepartment, 'completed'), overdue: sum(byDepartment, 'overdue'), byDepartment },
    dispatches: { horizontal, vertical, months: span, horizontalPerMonth: span ? horizontal / span : null },
    trainings: { sessions: rowCount(ds, 'trainings'), cadres: byLevel.province + byLevel.prefecture + byLevel.county + byLevel.township, byLevel },
    inspections: {
      rounds: rowCount(ds, 'inspections'),
      problems: qSite.length,
      rectified: sum(byCounty, 'rectified'),
      overdue: sum(byCounty, 'overdue'),
      categories: distinct(values(ds, 'problems', 'category')),
      aspects: distinct(values(ds, 'problems', 'aspect')),
      byCounty,
    },
  };
}

function monthIndex(p: string): number {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}
