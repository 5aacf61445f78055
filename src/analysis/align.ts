/**
 * Time alignment of two independent recordings of the same event: the lag of one against
 * the other by generalised cross-correlation with phase transform (GCC-PHAT, Knapp &
 * Carter 1976), computed on the onset region of each. PHAT whitens the cross-spectrum,
 * so the peak is sharp (one sample) even when the two differ in colour, level, dynamics
 * and reverberation — a library shot against a location take — as long as they share
 * the direct sound. Bins where either signal has next to no energy are left out:
 * whitening them would turn their noise into false peaks.
 */
import { inverseReal, nextPow2, realSpectrum } from './fft';
import type { Channels } from './levels';

export interface Alignment {
  /** `other` lags `reference` by this many samples: other(t) ≈ reference(t − lag). */
  lagSamples: number;
  lagSeconds: number;
  /** Peak of the whitened correlation over its mean absolute value: ~1–3 for noise, far higher for a real match. */
  confidence: number;
}

export interface AlignOptions {
  /** Length of each onset region analysed, seconds (default 1 s). */
  windowSeconds?: number;
  /** Room left before each onset, seconds (default 50 ms). */
  preRollSeconds?: number;
  /** Bins below this level re the strongest cross-spectrum bin are left out (default −80 dB). */
  floorDb?: number;
}

/** Where a signal starts: its first sample within 20 dB of its peak (as ISO 3382-1 finds an IR's start). */
export function onsetIndex(x: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const threshold = peak * 0.1;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) >= threshold && peak > 0) return i;
  return 0;
}

function monoOf(channels: Channels): Float64Array {
  const out = new Float64Array(Math.max(0, ...channels.map((c) => c.length)));
  for (const c of channels) for (let i = 0; i < c.length; i++) out[i] += c[i] / channels.length;
  return out;
}

/** The lag of `other` against `reference` (both at `sampleRate`), or null when either is silent. */
export function findLag(reference: Channels, other: Channels, sampleRate: number, options: AlignOptions = {}): Alignment | null {
  const a = monoOf(reference);
  const b = monoOf(other);
  if (!a.some((v) => v !== 0) || !b.some((v) => v !== 0)) return null;
  const window = Math.round((options.windowSeconds ?? 1) * sampleRate);
  const pre = Math.round((options.preRollSeconds ?? 0.05) * sampleRate);
  const startA = Math.max(0, onsetIndex(a) - pre);
  const startB = Math.max(0, onsetIndex(b) - pre);
  const segA = a.subarray(startA, startA + window);
  const segB = b.subarray(startB, startB + window);
  const size = nextPow2(segA.length + segB.length);
  const A = realSpectrum(segA, size);
  const B = realSpectrum(segB, size);
  // Cross-spectrum B·conj(A): its inverse peaks at the delay of B after A.
  const cross = new Float64Array(2 * size);
  let strongest = 0;
  for (let k = 0; k < size; k++) {
    const re = B[2 * k] * A[2 * k] + B[2 * k + 1] * A[2 * k + 1];
    const im = B[2 * k + 1] * A[2 * k] - B[2 * k] * A[2 * k + 1];
    cross[2 * k] = re;
    cross[2 * k + 1] = im;
    strongest = Math.max(strongest, Math.hypot(re, im));
  }
  const floor = strongest * 10 ** ((options.floorDb ?? -80) / 20);
  for (let k = 0; k < size; k++) {
    const m = Math.hypot(cross[2 * k], cross[2 * k + 1]);
    const w = m > floor ? 1 / m : 0;
    cross[2 * k] *= w;
    cross[2 * k + 1] *= w;
  }
  const r = inverseReal(cross, size);
  // Circular lags: 0 … size/2 − 1 are B later than A, the rest B earlier.
  let best = 0;
  let bestValue = -Infinity;
  let sumAbs = 0;
  for (let i = 0; i < size; i++) {
    sumAbs += Math.abs(r[i]);
    if (r[i] > bestValue) {
      bestValue = r[i];
      best = i;
    }
  }
  const local = best < size / 2 ? best : best - size;
  const lagSamples = startB - startA + local;
  return { lagSamples, lagSeconds: lagSamples / sampleRate, confidence: bestValue / (sumAbs / size || 1) };
}
