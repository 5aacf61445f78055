/**
 * Seeded pseudo-random numbers for the sample generator: same seed, same sequence, on every
 * platform (32-bit integer arithmetic only), so generated files are byte-identical.
 * Mulberry32 (Tommy Ettinger's public-domain design): small, fast, good enough for audio noise.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, variance 1), Box–Muller. */
  gaussian(): number;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const gaussian = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // 1 - next() is in (0, 1]: the log never sees 0.
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const phi = 2 * Math.PI * next();
    spare = r * Math.sin(phi);
    return r * Math.cos(phi);
  };
  return { next, gaussian };
}

/** A fresh buffer of Gaussian white noise, unit variance. */
export function whiteNoise(prng: Prng, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = prng.gaussian();
  return out;
}
