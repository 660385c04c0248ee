/**
 * A small seeded PRNG (mulberry32) for the reference agents: the same (seed, sample, salt)
 * always gives the same draws.
 */
export function seededRandom(seed: number, sample: number, salt = 'reference'): () => number {
  let h = 2166136261 >>> 0;
  for (const ch of `${seed}:${sample}:${salt}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  let state = h;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
