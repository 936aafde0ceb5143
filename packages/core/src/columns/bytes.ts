/**
 * Byte strings kept where they are: entries point into the buffers they came from (chunk, start,
 * end), with a hash table over them (linear probing). The text dictionaries of `encode.ts` and the
 * id dictionaries of `keys.ts` build on it.
 */

/** FNV-1a over bytes [a, b). */
export function hashBytes(bytes: Uint8Array, a: number, b: number): number {
  let h = 2166136261;
  for (let j = a; j < b; j++) h = Math.imul(h ^ bytes[j]!, 16777619);
  return h | 0;
}

/** Entries (byte ranges of registered buffers) and a hash table of them. */
export class ByteEntries {
  // Slot s is `table[2s]`: an entry + 1 (0: empty), and `table[2s + 1]`: its hash, compared
  // before the bytes (one cache line for both).
  protected table: Int32Array;
  protected starts: Int32Array;
  protected ends: Int32Array;
  protected chunkOf: Int32Array;
  protected readonly chunks: Uint8Array[] = [];

  constructor(slots: number, entries: number) {
    this.table = new Int32Array(2 * slots);
    this.starts = new Int32Array(entries);
    this.ends = new Int32Array(entries);
    this.chunkOf = new Int32Array(entries);
  }

  /** Whether entry `e` holds bytes [a, b) of `bytes`. */
  protected same(e: number, bytes: Uint8Array, a: number, b: number): boolean {
    const ea = this.starts[e]!;
    if (this.ends[e]! - ea !== b - a) return false;
    const eb = this.chunks[this.chunkOf[e]!]!;
    for (let j = 0; j < b - a; j++) if (eb[ea + j] !== bytes[a + j]) return false;
    return true;
  }

  /** Record entry `id` as bytes [a, b) of chunk `c` (growing the entry arrays when full). */
  protected setEntry(id: number, c: number, a: number, b: number): void {
    if (id === this.starts.length) {
      const grow = (x: Int32Array): Int32Array<ArrayBuffer> => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.chunkOf = grow(this.chunkOf);
    }
    this.starts[id] = a;
    this.ends[id] = b;
    this.chunkOf[id] = c;
  }

  /** Rehash every entry into a table of `slots` slots. */
  protected rehash(slots: number): void {
    const old = this.table;
    const table = new Int32Array(2 * slots);
    const mask = slots - 1;
    for (let s0 = 0; s0 < old.length; s0 += 2) {
      const e = old[s0]!;
      if (e === 0) continue;
      const h = old[s0 + 1]!;
      let s = h & mask;
      while (table[2 * s] !== 0) s = (s + 1) & mask;
      table[2 * s] = e;
      table[2 * s + 1] = h;
    }
    this.table = table;
  }
}
