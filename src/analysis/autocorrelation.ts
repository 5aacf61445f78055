/**
 * Periodicity in a signal's envelope: how to find the flutter echo of an impulse response
 * (repeated reflections between two parallel walls) or any other regular repetition.
 */
import { realSpectrum, inverseReal, nextPow2 } from './fft';
import { energyEnvelope } from './decay';
import type { Channels } from './levels';

/**
 * Linear (not circular) autocorrelation r[k] = Σ x[i]·x[i+k] for k = 0 … x.length − 1,
 * normalised so r[0] = 1 (all zeros for silence). Via the power spectrum, zero-padded to
 * twice the length so the circular wrap-around cannot alias.
 */
export function autocorrelation(x: ArrayLike<number>): Float64Array {
  const size = nextPow2(2 * x.length);
  const spectrum = realSpectrum(x, size);
  for (let k = 0; k < size; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    spectrum[2 * k] = re * re + im * im;
    spectrum[2 * k + 1] = 0;
  }
  const r = inverseReal(spectrum, size).slice(0, x.length);
  const r0 = r[0];
  if (r0 > 0) for (let k = 0; k < r.length; k++) r[k] /= r0;
  else r.fill(0);
  return r;
}

export interface EnvelopeOptions {
  /** Analysed part of the clip, seconds. */
  startSec: number;
  endSec: number;
  /** Moving-average window of the energy envelope, seconds (default 1 ms). */
  smoothSec?: number;
}

/**
 * Autocorrelation of an impulse response's level envelope: energy smoothed over `smoothSec`,
 * in dB, with its straight-line trend (the overall decay) removed so that only the
 * repetition is left. Index = lag in samples.
 */
export function envelopeAutocorrelation(channels: Channels, sampleRate: number, o: EnvelopeOptions): Float64Array {
  const energy = energyEnvelope(channels);
  const start = Math.max(0, Math.round(o.startSec * sampleRate));
  const end = Math.min(energy.length, Math.round(o.endSec * sampleRate));
  const half = Math.max(1, Math.round(((o.smoothSec ?? 0.001) * sampleRate) / 2));
  const n = Math.max(0, end - start);
  // Prefix sums make the moving average O(n).
  const prefix = new Float64Array(energy.length + 1);
  for (let i = 0; i < energy.length; i++) prefix[i + 1] = prefix[i] + energy[i];
  const db = new Float64Array(n);
  let floor = Infinity;
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, start + i - half);
    const b = Math.min(energy.length, start + i + half + 1);
    const mean = (prefix[b] - prefix[a]) / (b - a);
    db[i] = mean > 0 ? 10 * Math.log10(mean) : NaN;
    if (mean > 0) floor = Math.min(floor, db[i]);
  }
  for (let i = 0; i < n; i++) if (Number.isNaN(db[i])) db[i] = floor;
  // Least-squares line through the dB envelope; keep the residual.
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += db[i];
    sxx += i * i;
    sxy += i * db[i];
  }
  const slope = n > 1 ? (sxy - (sx * sy) / n) / (sxx - (sx * sx) / n) : 0;
  const intercept = n > 0 ? (sy - slope * sx) / n : 0;
  for (let i = 0; i < n; i++) db[i] -= intercept + slope * i;
  return autocorrelation(db);
}

/**
 * Lag (samples) of the largest autocorrelation value in [minLag, maxLag] once the main lobe
 * around lag 0 has ended (the first time r turns negative): the period of the strongest
 * repetition. -1 if there is none.
 */
export function strongestLag(r: ArrayLike<number>, minLag: number, maxLag: number): number {
  let lobeEnd = 1;
  while (lobeEnd < r.length && r[lobeEnd] > 0) lobeEnd++;
  let best = -1;
  let bestValue = -Infinity;
  for (let k = Math.max(lobeEnd, minLag); k <= Math.min(maxLag, r.length - 1); k++) {
    if (r[k] > bestValue) {
      bestValue = r[k];
      best = k;
    }
  }
  return best;
}
