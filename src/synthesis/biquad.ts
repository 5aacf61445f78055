/**
 * Second-order IIR filters with the coefficient formulas of R. Bristow-Johnson's
 * "Audio EQ Cookbook" (a de-facto standard). Offline, in double precision, direct form I.
 */
export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export type BiquadType = 'lowpass' | 'highpass' | 'bandpass';

/** Coefficients normalised so a0 = 1. `q` = 1/√2 gives a Butterworth low/high-pass. */
export function biquadCoefficients(type: BiquadType, frequencyHz: number, q: number, sampleRate: number): BiquadCoefficients {
  const w0 = (2 * Math.PI * frequencyHz) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  let b0: number, b1: number, b2: number;
  if (type === 'lowpass') {
    b0 = (1 - cos) / 2;
    b1 = 1 - cos;
    b2 = (1 - cos) / 2;
  } else if (type === 'highpass') {
    b0 = (1 + cos) / 2;
    b1 = -(1 + cos);
    b2 = (1 + cos) / 2;
  } else {
    // constant 0 dB peak gain band-pass
    b0 = alpha;
    b1 = 0;
    b2 = -alpha;
  }
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Filters `input` into a new array (the filter starts at rest). */
export function biquadFilter(input: ArrayLike<number>, c: BiquadCoefficients): Float32Array {
  const out = new Float32Array(input.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i];
    const y = c.b0 * x + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    out[i] = y;
  }
  return out;
}

/** Shorthand: filter through one biquad of the given type. */
export function filter(
  input: ArrayLike<number>,
  type: BiquadType,
  frequencyHz: number,
  sampleRate: number,
  q = Math.SQRT1_2,
): Float32Array {
  return biquadFilter(input, biquadCoefficients(type, frequencyHz, q, sampleRate));
}
