/** Nearest names to a mistyped one (edit distance), for "did you mean …?". */

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Up to `max` candidates nearest to `input`: those containing it or contained in it first, then by
 * edit distance, keeping only those within about half the input's length.
 */
export function nearest<T>(input: string, candidates: readonly T[], keys: (c: T) => readonly string[], max = 3): T[] {
  const q = input.toLowerCase();
  const scored = candidates.map((c) => {
    let best = Infinity;
    for (const k0 of keys(c)) {
      const k = k0.toLowerCase();
      if (k === '') continue;
      const d = k.includes(q) || q.includes(k) ? Math.abs(k.length - q.length) * 0.1 : editDistance(q, k);
      if (d < best) best = d;
    }
    return { c, d: best };
  });
  const limit = Math.max(2, Math.ceil([...q].length / 2));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((s) => s.c);
}
