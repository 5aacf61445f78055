/**
 * Synthetic rooms and recordings with known answers, for the capture tests (Node and
 * browser): a direct sound plus an exponentially decaying noise tail of known RT60,
 * band-limited (as a loudspeaker would excite it) by zero-phase Butterworth filters so
 * its peak stays exactly on the direct sound.
 */
import { butterworthQs, filterCascade, highPass, lowPass } from '../../src/analysis/biquad';
import { schroederCurveDb, t30 } from '../../src/analysis/decay';

export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0xffffffff - 0.5;
  };
}

export interface RoomSpec {
  sampleRate: number;
  /** Decay time of the tail (60 dB), seconds. */
  rt60: number;
  /** Delay of the direct sound, seconds. */
  delay: number;
  /** Total length, seconds. */
  seconds: number;
  /** Amplitude of the tail's start relative to the direct sound. */
  tailLevel?: number;
  seed?: number;
  /** Band of the response, Hz. */
  lowHz?: number;
  highHz?: number;
  /**
   * Band-limit forwards and backwards (default: the peak stays exactly on the direct sound,
   * but a little energy rings ahead of it), or forwards only (causal: nothing before it).
   */
  zeroPhase?: boolean;
}

/** Filter forwards, then backwards: zero phase, so a pulse's peak does not move. */
function zeroPhase(x: Float64Array, sections: ReturnType<typeof lowPass>[]): Float64Array {
  const forward = filterCascade(x, sections).reverse();
  return filterCascade(forward, sections).reverse();
}

export function syntheticRoomIr(room: RoomSpec): Float32Array<ArrayBuffer> {
  const { sampleRate: sr, rt60, delay, seconds, tailLevel = 0.3, seed = 7, lowHz = 60, highHz = 12_000, zeroPhase: twoWay = true } = room;
  const rnd = xorshift(seed);
  const n = Math.round(seconds * sr);
  const d = Math.round(delay * sr);
  const x = new Float64Array(n);
  x[d] = 1;
  // Reflections begin 1 ms after the direct sound.
  for (let i = d + Math.round(0.001 * sr); i < n; i++) x[i] = tailLevel * 10 ** ((-3 * (i - d)) / sr / rt60) * rnd();
  const sections = [...butterworthQs(2).map((q) => highPass(lowHz, q, sr)), ...butterworthQs(4).map((q) => lowPass(highHz, q, sr))];
  const y = twoWay ? zeroPhase(x, sections) : filterCascade(x, sections);
  // The backward pass smears a little energy before the direct sound and the forward pass past the end;
  // both are part of the "true" IR as defined here.
  return Float32Array.from(y);
}

export function argmaxAbs(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
  return best;
}

/** Pearson correlation of two equal spans. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - ma,
      y = b[i] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** T30 of a mono response, measured from `start` (its direct sound), seconds. */
export function t30Seconds(x: Float32Array, sampleRate: number, start: number): number {
  return t30(schroederCurveDb([x], start), sampleRate).seconds;
}
