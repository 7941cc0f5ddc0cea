/**
 * Everything non-deterministic the core needs, passed in so Worker, browser and tests
 * run the same code (DEVELOPERS.md: "all I/O passed in").
 */
export interface Clock {
  /** Milliseconds, monotonic enough for timing a DNS query. */
  now(): number;
}

export interface Random {
  /** A uniformly distributed integer in [0, n). */
  below(n: number): number;
}

/**
 * Seeded PRNG (mulberry32): the same seed gives the same plan. Stalwart uses
 * `rand::thread_rng()`; only reproducibility matters here, not its exact sequence.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    below(n: number): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      return Math.floor(r * n);
    },
  };
}

export const systemClock: Clock = { now: () => Date.now() };
