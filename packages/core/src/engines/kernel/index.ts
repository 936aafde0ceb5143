/**
 * The kernel engine: the indicator plan compiled to tight loops over Arrow column
 * buffers. Text is dictionary-encoded once, row links (person → household → site → unit)
 * are resolved once into index arrays (both cached per dataset), predicates are evaluated
 * column-at-a-time on three-valued bytes, and each measure is one pass adding into a dense
 * array of cells (site × period × breakdown). No WebAssembly, no dependency beyond Arrow,
 * no code generated at run time: it runs in any browser.
 */
import type { Dataset } from '../../dataset.js';
import { byKind, type FrameDesign, type FramePlan, type KindHandlers, type Plan, type PlanMeasure } from '../../plan/plan.js';
import type { TableName } from '../../schema/tables.js';
import type { Engine, FrameSums } from '../engine.js';
import { kernelRowStates } from './drilldown.js';
import { encoded, encodingBytes, T } from './encode.js';
import { Evaluator, gatherEncoded, type Vec } from './evaluate.js';
import { ancestorIndex, groupIndex, linkBytes, rows } from './links.js';
import { hasColumn } from '../../dataset.js';

/** Text of a group-by value, as the other engines write it. */
function keyText(v: Vec): { codes: Int32Array; names: (string | null)[] } {
  switch (v.kind) {
    case 'code':
      return { codes: v.codes, names: [...v.dict] };
    case 'tri': {
      const codes = new Int32Array(v.data.length);
      for (let i = 0; i < codes.length; i++) codes[i] = v.data[i] === 2 ? -1 : v.data[i]!;
      return { codes, names: ['false', 'true'] };
    }
    case 'num': {
      const codes = new Int32Array(v.data.length);
      const names: string[] = [];
      const index = new Map<number, number>();
      for (let i = 0; i < codes.length; i++) {
        const x = v.data[i]!;
        if (Number.isNaN(x)) {
          codes[i] = -1;
          continue;
        }
        let c = index.get(x);
        if (c === undefined) {
          index.set(x, (c = names.length));
          names.push(String(x));
        }
        codes[i] = c;
      }
      return { codes, names };
    }
    case 'const':
      throw new Error('a constant cannot be grouped on');
  }
}

/** A group-by key: codes per row (−1 null) and the text of each code. */
interface Key {
  readonly codes: Int32Array | null;
  readonly names: readonly (string | null)[];
}

/** What the kernel runs of each design kind: no design; a survey design is refused loudly. */
const DESIGN: KindHandlers<FrameDesign, void> = {
  none: () => undefined,
  survey: () => {
    throw new Error('the kernel engine does not compute design-based (weighted) sums: use the arquero engine');
  },
};

/** The column each measure kind sums (null: counts rows); weighted sums are refused loudly. */
const SUMMED: KindHandlers<PlanMeasure, string | null> = {
  count: () => null,
  sum: (m) => m.column,
  weightedSum: () => {
    throw new Error('the kernel engine does not compute design-based (weighted) sums: use the arquero engine');
  },
};

/** Execute one frame: cells of site (or unit) × period × breakdown, one pass per measure. */
export function runFrame(ds: Dataset, frame: FramePlan, ev: Evaluator = new Evaluator(ds)): FrameSums {
  const table = frame.table;
  byKind(frame.design, DESIGN);
  const summed = frame.measures.map((m) => byKind(m, SUMMED));
  const n = rows(ds, table);
  const group = groupIndex(ds, table, frame.group);
  const ids = encoded(ds, frame.group === 'unit' ? 'management_units' : 'sites', frame.group === 'unit' ? 'unit_id' : 'site_id');
  const groupNames = ids.kind === 'code' ? Array.from(ids.codes, (c) => (c < 0 ? 'null' : ids.dict[c]!)) : [];

  // Keys after the group: the period, then each breakdown column. Code −1 (null) is the last slot.
  const keys: Key[] = [];
  if (frame.periodic && hasColumn(ds, table, 'period')) {
    const p = encoded(ds, table, 'period');
    if (p.kind !== 'code') throw new Error('period must be text');
    keys.push({ codes: p.codes, names: [...p.dict, null] });
  }
  for (const b of frame.breakdown) {
    const e = encoded(ds, b.table, b.column);
    const v = b.table === table ? e : gatherEncoded(e, ancestorIndex(ds, table, b.table));
    const k = keyText(v);
    keys.push({ codes: k.codes, names: [...k.names, null] });
  }

  // Cell of every row: group × keys, dense while the combinations are few.
  const groups = rows(ds, frame.group === 'unit' ? 'management_units' : 'sites');
  const width = keys.reduce((w, k) => w * k.names.length, 1);
  if (groups * width > 1 << 22) return sparseFrame(ds, frame, summed, ev, n, group, groupNames, keys);
  let cell = group;
  if (keys.length) {
    cell = new Int32Array(n);
    cell.set(group);
  }
  for (const k of keys) {
    const size = k.names.length;
    const codes = k.codes!;
    const last = size - 1;
    for (let i = 0; i < n; i++) {
      const g = cell[i]!;
      if (g < 0) continue;
      const c = codes[i]!;
      cell[i] = g * size + (c < 0 ? last : c);
    }
  }
  const cells = groups * width;
  const { sums, rowsPerCell } = measureSums(ds, frame, summed, ev, cell, cells);
  let count = rowsPerCell;
  if (!count) {
    count = new Int32Array(cells);
    for (let i = 0; i < n; i++) {
      const c = cell[i]!;
      if (c >= 0) count[c]!++;
    }
  }

  // Cells that hold at least one row, decoded back into group, period and breakdown.
  const used: number[] = [];
  for (let c = 0; c < cells; c++) if (count[c]! > 0) used.push(c);
  return decodeCells(frame, keys, used, width, groupNames, (m, c) => sums[m]![c]!);
}

/** Sums of every measure of a frame per cell: classified indicators by histogram, the rest one by one. */
function measureSums(
  ds: Dataset,
  frame: FramePlan,
  summed: readonly (string | null)[],
  ev: Evaluator,
  cell: Int32Array,
  cells: number,
): { sums: Float64Array[]; rowsPerCell: Int32Array | undefined } {
  const done = new Map<string, Float64Array>();
  let rowsPerCell: Int32Array | undefined;
  // Quantifiers over child tables first, several per pass over the children.
  ev.quantifiers(frame.table, frame.quantifiers.map((q) => q.node));
  const todo = frame.classified;
  const pairs = todo.map((c) => ({ u: ev.bool(frame.table, c.universe), o: ev.bool(frame.table, c.outcome) }));
  const hists = histograms(cell, pairs, cells);
  for (let j = 0; j < todo.length; j++) {
    const c = todo[j]!;
    const h = hists[j]!;
    if (!rowsPerCell) {
      // Every row falls in one of the nine states: the histogram also counts the rows per cell.
      rowsPerCell = new Int32Array(cells);
      for (let k = 0; k < cells; k++) {
        let t = 0;
        for (let j = 0; j < 9; j++) t += h[k * 9 + j]!;
        rowsPerCell[k] = t;
      }
    }
    // States u*3+o with 0 false, 1 true, 2 unknown: numerator (T,T); denominator (T,F)+(T,T);
    // unknown: u unknown, or u true and o unknown.
    const num = new Float64Array(cells), den = new Float64Array(cells), unk = new Float64Array(cells);
    for (let k = 0; k < cells; k++) {
      const b = k * 9;
      num[k] = h[b + 4]!;
      den[k] = h[b + 3]! + h[b + 4]!;
      unk[k] = h[b + 5]! + h[b + 6]! + h[b + 7]! + h[b + 8]!;
    }
    done.set(c.numerator, num);
    done.set(c.denominator, den);
    done.set(c.unknown, unk);
  }
  return { sums: frame.measures.map((m, j) => done.get(m.id) ?? accumulate(ds, frame.table, ev, m.where, summed[j]!, cell, cells)), rowsPerCell };
}

/**
 * Histograms of the nine (u, o) states per cell, for up to three pairs per pass over the rows.
 * The loops for three, two and one pair are written out on purpose: one loop padded with a
 * scratch histogram does an extra increment per row and measured 8–26 % slower for five pairs
 * (three plus two, the four musts) over 400,000 rows.
 */
function histograms(cell: Int32Array, pairs: readonly { u: Uint8Array; o: Uint8Array }[], cells: number): Int32Array[] {
  const hs = pairs.map(() => new Int32Array(cells * 9));
  const n = cell.length;
  for (let j = 0; j < pairs.length; j += 3) {
    const part = pairs.slice(j, j + 3);
    if (part.length === 3) {
      const [x, y, z] = part as [(typeof pairs)[number], (typeof pairs)[number], (typeof pairs)[number]];
      const hx = hs[j]!, hy = hs[j + 1]!, hz = hs[j + 2]!;
      const xu = x.u, xo = x.o, yu = y.u, yo = y.o, zu = z.u, zo = z.o;
      for (let i = 0; i < n; i++) {
        const k = cell[i]!;
        if (k < 0) continue;
        const b = k * 9;
        hx[b + xu[i]! * 3 + xo[i]!]!++;
        hy[b + yu[i]! * 3 + yo[i]!]!++;
        hz[b + zu[i]! * 3 + zo[i]!]!++;
      }
    } else if (part.length === 2) {
      const [x, y] = part as [(typeof pairs)[number], (typeof pairs)[number]];
      const hx = hs[j]!, hy = hs[j + 1]!;
      const xu = x.u, xo = x.o, yu = y.u, yo = y.o;
      for (let i = 0; i < n; i++) {
        const k = cell[i]!;
        if (k < 0) continue;
        const b = k * 9;
        hx[b + xu[i]! * 3 + xo[i]!]!++;
        hy[b + yu[i]! * 3 + yo[i]!]!++;
      }
    } else {
      const x = part[0]!;
      const hx = hs[j]!;
      const xu = x.u, xo = x.o;
      for (let i = 0; i < n; i++) {
        const k = cell[i]!;
        if (k >= 0) hx[k * 9 + xu[i]! * 3 + xo[i]!]!++;
      }
    }
  }
  return hs;
}

/** Sum of a measure per cell: count of rows where `where` holds, or sum of a column. */
function accumulate(
  ds: Dataset,
  table: TableName,
  ev: Evaluator,
  where: FramePlan['measures'][number]['where'],
  sum: string | null,
  cell: Int32Array,
  cells: number,
): Float64Array {
  const out = new Float64Array(cells);
  const w = ev.bool(table, where);
  const n = cell.length;
  if (sum === null) {
    for (let i = 0; i < n; i++) {
      if (w[i] === T) {
        const c = cell[i]!;
        if (c >= 0) out[c]!++;
      }
    }
  } else {
    const s = encoded(ds, table, sum);
    if (s.kind !== 'num') throw new Error(`${table}.${sum} is not numeric`);
    const d = s.data;
    for (let i = 0; i < n; i++) {
      if (w[i] === T) {
        const c = cell[i]!;
        const x = d[i]!;
        if (c >= 0 && !Number.isNaN(x)) out[c]! += x;
      }
    }
  }
  return out;
}

function decodeCells(
  frame: FramePlan,
  keys: readonly Key[],
  used: readonly number[],
  width: number,
  groupNames: readonly string[],
  value: (measure: number, k: number) => number,
): FrameSums {
  const periodic = keys.length > frame.breakdown.length;
  const group: string[] = [];
  const period: (string | null)[] = [];
  const breakdown: (string | null)[][] = frame.breakdown.map(() => []);
  for (const c of used) {
    let rest = c % width;
    group.push(groupNames[Math.floor(c / width)]!);
    const codes: number[] = [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const size = keys[k]!.names.length;
      codes[k] = rest % size;
      rest = Math.floor(rest / size);
    }
    let k = 0;
    if (periodic) period.push(keys[k++]!.names[codes[0]!]!);
    else period.push(null);
    for (let b = 0; b < frame.breakdown.length; b++, k++) breakdown[b]!.push(keys[k]!.names[codes[k]!]!);
  }
  const sums: Record<string, Float64Array> = {};
  frame.measures.forEach((m, j) => {
    const a = new Float64Array(used.length);
    for (let u = 0; u < used.length; u++) a[u] = value(j, used[u]!);
    sums[m.id] = a;
  });
  return { group, period, breakdown, sums };
}

/** Frames whose cells are too many for a dense array: cells numbered in order of appearance. */
function sparseFrame(
  ds: Dataset,
  frame: FramePlan,
  summed: readonly (string | null)[],
  ev: Evaluator,
  n: number,
  group: Int32Array,
  groupNames: readonly string[],
  keys: readonly Key[],
): FrameSums {
  const cell = new Int32Array(n);
  const seen = new Map<string, number>();
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (g < 0) {
      cell[i] = -1;
      continue;
    }
    let key = String(g);
    for (const k of keys) key += `,${k.codes![i]!}`;
    let c = seen.get(key);
    if (c === undefined) {
      seen.set(key, (c = first.length));
      first.push(i);
    }
    cell[i] = c;
  }
  const cells = first.length;
  const { sums } = measureSums(ds, frame, summed, ev, cell, cells);
  const periodic = keys.length > frame.breakdown.length;
  const name = (k: Key, i: number): string | null => {
    const c = k.codes![i]!;
    return c < 0 ? null : k.names[c]!;
  };
  const out: Record<string, Float64Array> = {};
  frame.measures.forEach((m, j) => (out[m.id] = sums[j]!));
  return {
    group: first.map((i) => groupNames[group[i]!]!),
    period: first.map((i) => (periodic ? name(keys[0]!, i) : null)),
    breakdown: frame.breakdown.map((_, b) => first.map((i) => name(keys[b + (periodic ? 1 : 0)]!, i))),
    sums: out,
  };
}

export { Evaluator } from './evaluate.js';
export { encoded } from './encode.js';
export { kernelRowStates } from './drilldown.js';

/**
 * Memory the kernel keeps with a dataset: encoded columns and row links, in bytes, and the
 * Arrow buffers of the dataset's tables for comparison.
 */
export function kernelMemory(ds: Dataset): { encodings: number; links: number; arrow: number } {
  let arrow = 0;
  for (const t of Object.values(ds.tables))
    for (const batch of t?.batches ?? [])
      for (const child of batch.data.children)
        for (const b of [child.values, child.valueOffsets, child.nullBitmap] as (ArrayBufferView | undefined)[]) arrow += b?.byteLength ?? 0;
  return { encodings: encodingBytes(ds), links: linkBytes(ds), arrow };
}

/** The kernel engine. */
export const kernelEngine: Engine = {
  name: 'kernel',
  async run(plan: Plan, dataset: Dataset): Promise<FrameSums[]> {
    const ev = new Evaluator(dataset);
    return plan.frames.map((f) => runFrame(dataset, f, ev));
  },
  async rows(plan, dataset) {
    return kernelRowStates(dataset, plan);
  },
};

