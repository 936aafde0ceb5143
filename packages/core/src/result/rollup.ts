/**
 * The one rollup: which cells — (area, period, breakdown tuple) at the plan's level — each group
 * an engine returned adds to, on numeric keys. Areas are the hierarchy's numbers
 * (`Hierarchy.index`), periods the plan's (0 for none), tuples numbered as met; a cell's number is
 * dense in all three. `assemble`, cubes (through `assembleWith`) and survey estimates all add their
 * sums into these cells; suppression links the same numbered areas to their parents.
 */
import type { FrameSums } from '../engines/engine.js';
import type { Plan } from '../plan/plan.js';
import type { AreaIndex, Hierarchy } from './areas.js';

/** Cells of one frame: per group and period slot, the cell it adds to (−1: outside every area). */
export interface FrameCells {
  /** Period slots per group: 1 for a monthly frame (its own period), else the periods asked for. */
  readonly width: number;
  /** Cell per group × slot, `index[g * width + j]`. */
  readonly index: Int32Array;
}

/** The cells of a plan's level: numbered on first use, with their area, period and tuple. */
export class Cells {
  /** The plan level's numbered areas. */
  readonly areas: AreaIndex;
  /** Breakdown tuples by number. */
  readonly tuples: (string | null)[][] = [];
  /** Each tuple's text (its JSON), by number: tuples are reported in the order of these texts. */
  readonly tupleKeys: string[] = [];
  private readonly tupleIds = new Map<string, number>();
  private readonly periodIds = new Map<string | null, number>();
  private readonly periodList: (string | null)[];
  /** Cell number per dense key (area, period, tuple); −1 where unused. */
  private byKey = new Int32Array(0);
  /** Dense key of each cell, by cell number. */
  readonly keys: number[] = [];
  private readonly frames = new Map<string, FrameCells>();

  constructor(
    private readonly plan: Plan,
    h: Hierarchy,
    private readonly sums: readonly FrameSums[],
  ) {
    this.areas = h.index(plan.level);
    this.periodIds.set(null, 0);
    plan.periods.forEach((p) => this.periodIds.set(p, this.periodIds.size));
    // Periods of monthly frames the plan does not list still get cells of their own.
    for (const fs of sums) for (const p of fs.period) if (!this.periodIds.has(p)) this.periodIds.set(p, this.periodIds.size);
    this.periodList = [...this.periodIds.keys()];
  }

  /** Number of cells so far. */
  get size(): number {
    return this.keys.length;
  }

  /** The number of a breakdown tuple (numbered on first use). */
  tupleId(tuple: readonly (string | null)[]): number {
    const k = JSON.stringify(tuple);
    let t = this.tupleIds.get(k);
    if (t === undefined) {
      this.tupleIds.set(k, (t = this.tuples.length));
      this.tuples.push([...tuple]);
      this.tupleKeys.push(k);
    }
    return t;
  }

  /** The number of a period (0 for none); −1 for a period no cell can have. */
  periodId(p: string | null): number {
    return this.periodIds.get(p) ?? -1;
  }

  private dense(area: number, period: number, tuple: number): number {
    return (tuple * this.periodIds.size + period) * this.areas.areas.length + area;
  }

  /** The cell of (area number, period, tuple number), or −1 when nothing added to it. */
  find(area: number, period: string | null, tuple: number): number {
    const p = this.periodId(period);
    if (p < 0) return -1;
    const k = this.dense(area, p, tuple);
    return k < this.byKey.length ? this.byKey[k]! : -1;
  }

  /** The cell of (area number, period, tuple number), numbered on first use. */
  cell(area: number, period: string | null, tuple: number): number {
    const p = this.periodId(period);
    if (p < 0) throw new Error(`no cells for period ${period}`);
    const k = this.dense(area, p, tuple);
    if (k >= this.byKey.length) {
      const grown = new Int32Array(Math.max(k + 1, this.byKey.length * 2)).fill(-1);
      grown.set(this.byKey);
      this.byKey = grown;
    }
    let c = this.byKey[k]!;
    if (c < 0) {
      this.byKey[k] = c = this.keys.length;
      this.keys.push(k);
    }
    return c;
  }

  /** The tuple number of a cell. */
  tupleOf(cell: number): number {
    return Math.floor(this.keys[cell]! / (this.periodIds.size * this.areas.areas.length));
  }

  /** The area number, period and tuple number of a cell. */
  describe(cell: number): { area: number; period: string | null; tuple: number } {
    const k = this.keys[cell]!;
    const nA = this.areas.areas.length;
    const p = Math.floor(k / nA) % this.periodIds.size;
    return { area: k % nA, period: this.periodList[p]!, tuple: this.tupleOf(cell) };
  }

  /** The cells each group of frame `f` adds to, for a list of periods (built once per frame and list). */
  ofFrame(f: number, periods: readonly (string | null)[]): FrameCells {
    const fs = this.sums[f]!;
    const frame = this.plan.frames[f]!;
    const cacheKey = `${f}|${frame.periodic ? '' : periods.join('|')}`;
    let fc = this.frames.get(cacheKey);
    if (fc) return fc;
    const width = frame.periodic ? 1 : periods.length;
    const index = new Int32Array(fs.group.length * width).fill(-1);
    for (let g = 0; g < fs.group.length; g++) {
      const area = this.areas.ofGroup(fs.group[g]!);
      if (area < 0) continue;
      const tuple = this.tupleId(fs.breakdown.map((b) => b[g] ?? null));
      if (frame.periodic) index[g] = this.cell(area, fs.period[g] ?? null, tuple);
      else for (let j = 0; j < width; j++) index[g * width + j] = this.cell(area, periods[j]!, tuple);
    }
    this.frames.set(cacheKey, (fc = { width, index }));
    return fc;
  }
}

/** The periods an indicator is reported for: the plan's when it is monthly, else none. */
export function reportPeriods(plan: Plan, periodic: boolean): (string | null)[] {
  return periodic && plan.periods.length ? [...plan.periods] : [null];
}
