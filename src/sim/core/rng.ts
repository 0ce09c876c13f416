/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32).
 * Every random choice in a simulation comes from here, never from Math.random,
 * so (model, scripted events, seed) always reproduces the same run.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  range(lo: number, hi: number): number;
  /** The generator's internal state, to resume it exactly (snapshots). */
  state(): RngState;
}

export type RngState = readonly [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Turns any string or number into a 32-bit seed, so seeds can be words in a URL. */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number') return value >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function createRng(seed: string | number = 1, resume?: RngState): Rng {
  let a: number, b: number, c: number, d: number;
  if (resume) {
    [a, b, c, d] = resume;
  } else {
    const mix = splitmix32(seedFrom(seed));
    a = mix(); b = mix(); c = mix(); d = mix();
  }
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = () => nextU32() / 4294967296;
  return {
    next,
    int: (n) => {
      if (!(n > 0)) throw new RangeError(`int(n) needs n > 0, got ${n}`);
      return Math.floor(next() * n);
    },
    range: (lo, hi) => lo + next() * (hi - lo),
    state: () => [a, b, c, d] as const,
  };
}
