/**
 * Second-order IIR sections (biquads), direct form I in double precision, and their
 * design by the bilinear transform with the formulas of R. Bristow-Johnson's "Audio EQ
 * Cookbook" (a de-facto standard). The one biquad module: K-weighting, octave bands and
 * the sample generator's filters all use it.
 */

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  /** Denominator, normalised so a0 = 1. */
  a1: number;
  a2: number;
}

/** Filter `x` through a cascade of sections; returns a new array. */
export function filterCascade(x: ArrayLike<number>, sections: readonly Biquad[]): Float64Array {
  const y = Float64Array.from(x);
  for (const s of sections) {
    let x1 = 0,
      x2 = 0,
      y1 = 0,
      y2 = 0;
    for (let i = 0; i < y.length; i++) {
      const xi = y[i];
      const yi = s.b0 * xi + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
      x2 = x1;
      x1 = xi;
      y2 = y1;
      y1 = yi;
      y[i] = yi;
    }
  }
  return y;
}

/** Magnitude response of a section at `freq` Hz (for tests and plots). */
export function magnitudeAt(s: Biquad, freq: number, sampleRate: number): number {
  const w = (2 * Math.PI * freq) / sampleRate;
  const re = (c0: number, c1: number, c2: number) => c0 + c1 * Math.cos(-w) + c2 * Math.cos(-2 * w);
  const im = (c1: number, c2: number) => c1 * Math.sin(-w) + c2 * Math.sin(-2 * w);
  const num = Math.hypot(re(s.b0, s.b1, s.b2), im(s.b1, s.b2));
  const den = Math.hypot(re(1, s.a1, s.a2), im(s.a1, s.a2));
  return num / den;
}

export type BiquadType = 'lowpass' | 'highpass' | 'bandpass';

/**
 * Coefficients (a0 = 1) of a 2nd-order section with quality `q` at `f0` Hz, pre-warped so
 * the response is exact at f0. `q` = 1/√2 gives a Butterworth low/high-pass; the
 * band-pass has a constant 0 dB peak.
 */
export function design(type: BiquadType, f0: number, q: number, sampleRate: number): Biquad {
  const w0 = (2 * Math.PI * f0) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const [b0, b1, b2] =
    type === 'lowpass'
      ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2]
      : type === 'highpass'
        ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        : [alpha, 0, -alpha];
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

export const highPass = (f0: number, q: number, sampleRate: number): Biquad => design('highpass', f0, q, sampleRate);
export const lowPass = (f0: number, q: number, sampleRate: number): Biquad => design('lowpass', f0, q, sampleRate);

/** Shorthand: `input` through one section of the given type, as 32-bit samples (the filter starts at rest). */
export function filter(input: ArrayLike<number>, type: BiquadType, f0: number, sampleRate: number, q = Math.SQRT1_2): Float32Array {
  return Float32Array.from(filterCascade(input, [design(type, f0, q, sampleRate)]));
}

/** Q of each 2nd-order section of an order-`order` Butterworth filter (order even). */
export function butterworthQs(order: number): number[] {
  const qs: number[] = [];
  for (let k = 0; k < order / 2; k++) qs.push(1 / (2 * Math.cos((Math.PI * (2 * k + 1)) / (2 * order))));
  return qs;
}
