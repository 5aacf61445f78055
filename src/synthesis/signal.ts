/** Small helpers on mono sample arrays used by the sample generator. */
import { samplePeak } from '../analysis/levels';

/** Scales so the sample peak sits at `peakDb` dBFS (silence stays silence). */
export function normalizePeak(signal: Float32Array, peakDb: number): Float32Array {
  const peak = samplePeak([signal]);
  const out = new Float32Array(signal.length);
  if (peak === 0) return out;
  const gain = 10 ** (peakDb / 20) / peak;
  for (let i = 0; i < signal.length; i++) out[i] = signal[i] * gain;
  return out;
}

/** Raised-cosine fade-out over the last `fadeSamples` samples, in place. */
export function fadeOut(signal: Float32Array, fadeSamples: number): Float32Array {
  const n = Math.min(fadeSamples, signal.length);
  for (let k = 0; k < n; k++) {
    const i = signal.length - n + k;
    signal[i] *= 0.5 * (1 + Math.cos((Math.PI * (k + 1)) / n));
  }
  return signal;
}

/** Adds `source` scaled by `gain` into `target` starting at sample `offset` (clipped to the target). */
export function mixInto(target: Float32Array, source: ArrayLike<number>, offset: number, gain = 1): void {
  const start = Math.max(0, offset);
  for (let i = start; i < Math.min(target.length, offset + source.length); i++) target[i] += gain * source[i - offset];
}

/**
 * Adds an impulse of `amplitude` at fractional sample position `position`, split between the
 * two neighbouring samples (linear interpolation): arrival times stay exact to well under a sample.
 */
export function addImpulse(target: Float32Array | Float64Array, position: number, amplitude: number): void {
  const i = Math.floor(position);
  const frac = position - i;
  if (i >= 0 && i < target.length) target[i] += amplitude * (1 - frac);
  if (i + 1 >= 0 && i + 1 < target.length) target[i + 1] += amplitude * frac;
}
