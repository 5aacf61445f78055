/**
 * Exponential (logarithmic) sine sweep and its inverse filter, after Farina (2000),
 * "Simultaneous measurement of impulse response and distortion with a swept-sine technique".
 *
 * The sweep spends time in proportion to 1/f at each frequency, so its energy spectrum
 * falls 3 dB/octave (pink). The inverse filter is the sweep reversed in time with an
 * amplitude envelope rising 6 dB/octave with frequency, which makes sweep ∗ inverse flat:
 * a band-limited unit impulse at lag `sweep.length − 1`. Pure TypeScript, no DOM.
 */
import { nextPow2, realSpectrum } from '../analysis/fft';

export interface SweepSpec {
  /** Start and end frequency, Hz (f1 < f2 < sampleRate / 2). */
  f1: number;
  f2: number;
  /** Sweep duration, seconds. */
  seconds: number;
  sampleRate: number;
  /** Raised-cosine fades against clicks, seconds. The fade-in covers the lowest few cycles. */
  fadeInSeconds?: number;
  fadeOutSeconds?: number;
  /** Peak amplitude of the sweep (full scale = 1). */
  amplitude?: number;
}

/** Defaults for a room measurement: the audible band, 5 s, −6 dBFS so the speaker does not clip. */
export function defaultSweepSpec(sampleRate: number): SweepSpec {
  return { f1: 20, f2: Math.min(20_000, 0.45 * sampleRate), seconds: 5, sampleRate, amplitude: 0.5 };
}

function checkSpec(spec: SweepSpec): void {
  const { f1, f2, seconds, sampleRate } = spec;
  if (!(f1 > 0 && f2 > f1 && f2 < sampleRate / 2)) {
    throw new RangeError(`sweep needs 0 < f1 < f2 < Nyquist (got f1 = ${f1} Hz, f2 = ${f2} Hz at ${sampleRate} Hz)`);
  }
  if (!(seconds > 0)) throw new RangeError(`sweep duration must be positive (got ${seconds} s)`);
}

/** Farina's rate constant L = T / ln(f2/f1), seconds: the frequency grows as f1·e^(t/L). */
export function sweepRateConstant(spec: SweepSpec): number {
  return spec.seconds / Math.log(spec.f2 / spec.f1);
}

/**
 * How much earlier than the linear response the k-th harmonic's distortion product
 * lands after deconvolution, seconds: L·ln(k).
 */
export function harmonicLeadSeconds(spec: SweepSpec, harmonic: number): number {
  return sweepRateConstant(spec) * Math.log(harmonic);
}

/** Raised-cosine gain at `i` of a fade spanning `length` samples (0 → 1). */
function fadeGain(i: number, length: number): number {
  return length > 0 && i < length ? 0.5 - 0.5 * Math.cos((Math.PI * i) / length) : 1;
}

/** The sweep, as played: sin(2π f1 L (e^(t/L) − 1)), faded in and out. */
export function exponentialSweep(spec: SweepSpec): Float32Array<ArrayBuffer> {
  checkSpec(spec);
  const { f1, sampleRate } = spec;
  const n = Math.round(spec.seconds * sampleRate);
  const L = sweepRateConstant(spec);
  const amp = spec.amplitude ?? 1;
  // Default fade-in: two cycles of f1 (but at most 10 % of the sweep); fade-out 5 ms.
  const fadeIn = Math.round(Math.min(spec.fadeInSeconds ?? 2 / f1, 0.1 * spec.seconds) * sampleRate);
  const fadeOut = Math.round(Math.min(spec.fadeOutSeconds ?? 0.005, 0.1 * spec.seconds) * sampleRate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const phase = 2 * Math.PI * f1 * L * (Math.exp(t / L) - 1);
    out[i] = amp * Math.sin(phase) * fadeGain(i, fadeIn) * fadeGain(n - 1 - i, fadeOut);
  }
  return out;
}

/**
 * Inverse filter of `exponentialSweep(spec)`: the sweep reversed, weighted by e^(−t/L)
 * (amplitude ∝ instantaneous frequency: +6 dB/octave), scaled so that the in-band gain of
 * sweep ∗ inverse is 1. Its length equals the sweep's; the impulse sits at lag length − 1.
 */
export function inverseFilter(spec: SweepSpec, sweep: Float32Array = exponentialSweep(spec)): Float32Array<ArrayBuffer> {
  const n = sweep.length;
  const L = sweepRateConstant(spec);
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = sweep[n - 1 - i] * Math.exp(-i / spec.sampleRate / L);
  const gain = inBandGain(sweep, inv, spec);
  return Float32Array.from(inv, (v) => v / gain);
}

/**
 * Mean magnitude of the spectrum of sweep ∗ inverse (the product of their spectra) over
 * the octave-inside part of the band [2·f1, f2/2], away from the fades' edge ripple.
 */
function inBandGain(sweep: ArrayLike<number>, inv: ArrayLike<number>, spec: SweepSpec): number {
  const size = nextPow2(sweep.length + inv.length - 1);
  const S = realSpectrum(sweep, size);
  const I = realSpectrum(inv, size);
  const k0 = Math.ceil((2 * spec.f1 * size) / spec.sampleRate);
  const k1 = Math.floor(((spec.f2 / 2) * size) / spec.sampleRate);
  let sum = 0;
  for (let k = k0; k <= k1; k++) {
    sum += Math.hypot(S[2 * k], S[2 * k + 1]) * Math.hypot(I[2 * k], I[2 * k + 1]);
  }
  return sum / (k1 - k0 + 1);
}
