/**
 * Second-order IIR sections (biquads), direct form I in double precision, and their
 * design by the bilinear transform. The building block of K-weighting and octave bands.
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

/** 2nd-order high-pass with quality Q at f0 (bilinear transform, pre-warped). */
export function highPass(f0: number, q: number, sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + k / q + k * k;
  return { b0: 1 / a0, b1: -2 / a0, b2: 1 / a0, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
}

/** 2nd-order low-pass with quality Q at f0 (bilinear transform, pre-warped). */
export function lowPass(f0: number, q: number, sampleRate: number): Biquad {
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + k / q + k * k;
  const kk = (k * k) / a0;
  return { b0: kk, b1: 2 * kk, b2: kk, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
}

/** Q of each 2nd-order section of an order-`order` Butterworth filter (order even). */
export function butterworthQs(order: number): number[] {
  const qs: number[] = [];
  for (let k = 0; k < order / 2; k++) qs.push(1 / (2 * Math.cos((Math.PI * (2 * k + 1)) / (2 * order))));
  return qs;
}
