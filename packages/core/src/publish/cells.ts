/**
 * Cell suppression for safe publication, on plain cells and the additive equations that link
 * them (a parent total = the sum of its children). Primary suppression hides cells whose
 * count or denominator is small; secondary suppression then hides more cells until no
 * equation has exactly one hidden cell, so that no hidden cell is the difference between a
 * visible total and visible parts. Iterated to a fixed point.
 */

/** Why a cell is hidden. */
export type SuppressionReason = 'count' | 'denominator' | 'secondary';

/** One publishable cell: its additive counts. */
export interface Cell {
  /** Count (numerator; for survey estimates the unweighted rows). */
  readonly count: number;
  /** Denominator (for survey estimates the unweighted rows of the domain). */
  readonly denominator: number;
}

/** parent = Σ children, by cell index. */
export interface Equation {
  /** The total. */
  readonly parent: number;
  /** Its parts. */
  readonly children: readonly number[];
}

/** Primary rule: a count or denominator of 1 … threshold − 1. */
export function primaryReason(c: Cell, threshold: number): SuppressionReason | null {
  if (c.denominator >= 1 && c.denominator < threshold) return 'denominator';
  if (c.count >= 1 && c.count < threshold) return 'count';
  return null;
}

/**
 * Decide which cells to hide: primary suppression, then secondary suppression until every
 * equation has zero or at least two hidden cells. In an equation with one hidden cell the
 * smallest visible part with data is hidden (by denominator, then count, then index); when
 * there is none, the total. Cells without data (denominator and count 0) are never hidden by
 * the secondary rule: they hide nothing.
 */
export function suppressCells(cells: readonly Cell[], equations: readonly Equation[], threshold: number): (SuppressionReason | null)[] {
  const reason = cells.map((c) => primaryReason(c, threshold));
  const hasData = (i: number): boolean => cells[i]!.denominator > 0 || cells[i]!.count > 0;
  const smaller = (i: number, j: number): boolean => {
    const a = cells[i]!, b = cells[j]!;
    return a.denominator !== b.denominator ? a.denominator < b.denominator : a.count !== b.count ? a.count < b.count : i < j;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const eq of equations) {
      const members = [eq.parent, ...eq.children];
      let hidden = 0;
      for (const m of members) if (reason[m] !== null) hidden++;
      if (hidden !== 1) continue;
      let pick = -1;
      for (const ch of eq.children) if (reason[ch] === null && hasData(ch) && (pick < 0 || smaller(ch, pick))) pick = ch;
      if (pick < 0 && reason[eq.parent] === null && hasData(eq.parent)) pick = eq.parent;
      if (pick < 0) continue;
      reason[pick] = 'secondary';
      changed = true;
    }
  }
  return reason;
}
