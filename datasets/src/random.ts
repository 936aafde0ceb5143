/**
 * Seeded randomness. Every draw comes from sfc32 streams derived from the user's seed and
 * a stream name, so one part of the generator can change its draws without shifting the
 * others. Nothing here reads Math.random or the clock.
 */

/** Mixes a 32-bit value (murmur3 finalizer). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a stream name to 32 bits (FNV-1a). */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A uniform 32-bit hash of (seed, salt, index), for draws that must not depend on order. */
export function hash3(seed: number, salt: number, index: number): number {
  return fmix32(fmix32(seed ^ Math.imul(salt, 0x9e3779b1)) ^ Math.imul(index + 1, 0x85ebca77));
}

/** Splits a safe-integer seed into two 32-bit words. */
export function seedWords(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / 4294967296) >>> 0];
}

/** A small, fast seeded generator (sfc32). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `seed` named `stream`. */
  constructor(seed: number, stream: string) {
    const [lo, hi] = seedWords(seed);
    const s = hashName(stream);
    this.a = fmix32(lo ^ 0x9e3779b9);
    this.b = fmix32(hi ^ 0x7f4a7c15);
    this.c = fmix32(s ^ lo);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** A log-normal draw with median 1 and log-sd `sigma`. */
  logNormal(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** An index drawn with probability proportional to `weights` (which sum to `total`). */
  pick(weights: ArrayLike<number>, total = sum(weights)): number {
    let r = this.float() * total;
    let last = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i]! > 0)) continue;
      r -= weights[i]!;
      if (r < 0) return i;
      last = i;
    }
    return last; // reached only through rounding
  }
}

/** The sum of an array of numbers. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
