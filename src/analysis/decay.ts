/**
 * Energy decay of an impulse response (ISO 3382-1): Schroeder backward integration
 * and decay times from a straight-line fit to the decay curve.
 * Pure TypeScript on sample arrays: runs in Node and in the browser.
 */
import type { Channels } from './levels';

/** Energy (sum of squares over channels) per sample. */
export function energyEnvelope(channels: Channels): Float64Array {
  const n = Math.max(0, ...channels.map((c) => c.length));
  const e = new Float64Array(n);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) e[i] += ch[i] * ch[i];
  return e;
}

/**
 * Schroeder backward-integrated energy decay curve in dB, 0 dB at `start`.
 * `start` is the sample where the direct sound arrives (ISO 3382-1 measures from there).
 * The integral runs to the end of the response; a long noise floor bends the end of the
 * curve upward, which is why decay times fit only the upper part of it.
 */
export function schroederCurveDb(channels: Channels, start = 0): Float64Array {
  const e = energyEnvelope(channels);
  const len = Math.max(0, e.length - start);
  const curve = new Float64Array(len);
  let acc = 0;
  for (let i = e.length - 1; i >= start; i--) {
    acc += e[i];
    curve[i - start] = acc;
  }
  const total = curve[0] || 1;
  for (let i = 0; i < len; i++) curve[i] = curve[i] > 0 ? 10 * Math.log10(curve[i] / total) : -Infinity;
  return curve;
}

export interface DecayFit {
  /** Time for a 60 dB decay extrapolated from the fitted slope, seconds (NaN if the range is not reached). */
  seconds: number;
  /** Fitted slope, dB per second (negative). */
  slopeDbPerSecond: number;
  /** Fitted line: level in dB = intercept + slope · t (t in seconds from the curve's start). */
  interceptDb: number;
  /** Where the fit began and ended, seconds from the curve's start. */
  fitStart: number;
  fitEnd: number;
  /** Pearson correlation of the fit (close to −1 for a clean exponential decay). */
  correlation: number;
}

/**
 * Least-squares line through the decay curve between `fromDb` and `toDb` below its start
 * (e.g. −5 and −35 for T30), extrapolated to a 60 dB decay.
 */
export function fitDecay(curveDb: ArrayLike<number>, sampleRate: number, fromDb: number, toDb: number): DecayFit {
  let i0 = -1;
  let i1 = -1;
  for (let i = 0; i < curveDb.length; i++) {
    if (i0 < 0 && curveDb[i] <= fromDb) i0 = i;
    if (curveDb[i] <= toDb) {
      i1 = i;
      break;
    }
  }
  if (i0 < 0 || i1 <= i0 + 1) {
    return { seconds: NaN, slopeDbPerSecond: NaN, interceptDb: NaN, fitStart: NaN, fitEnd: NaN, correlation: NaN };
  }
  const line = lineFit(curveDb, sampleRate, i0, i1);
  return {
    seconds: line.slope < 0 ? -60 / line.slope : NaN,
    slopeDbPerSecond: line.slope,
    interceptDb: line.intercept,
    fitStart: i0 / sampleRate,
    fitEnd: i1 / sampleRate,
    correlation: line.correlation,
  };
}

export interface LineFit {
  /** Per second. */
  slope: number;
  intercept: number;
  correlation: number;
}

/** Least-squares line through values[i0..i1] (inclusive) against time i / rate. */
export function lineFit(values: ArrayLike<number>, rate: number, i0 = 0, i1 = values.length - 1): LineFit {
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    syy = 0;
  const n = i1 - i0 + 1;
  for (let i = i0; i <= i1; i++) {
    const x = i / rate;
    const y = values[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }
  const cov = sxy - (sx * sy) / n;
  const varX = sxx - (sx * sx) / n;
  const varY = syy - (sy * sy) / n;
  const slope = cov / varX;
  return { slope, intercept: (sy - slope * sx) / n, correlation: varY > 0 ? cov / Math.sqrt(varX * varY) : NaN };
}

/** T30: decay time from the −5 to −35 dB part of the Schroeder curve. */
export function t30(curveDb: ArrayLike<number>, sampleRate: number): DecayFit {
  return fitDecay(curveDb, sampleRate, -5, -35);
}

/** T20: decay time from the −5 to −25 dB part. */
export function t20(curveDb: ArrayLike<number>, sampleRate: number): DecayFit {
  return fitDecay(curveDb, sampleRate, -5, -25);
}

/** EDT: early decay time from the 0 to −10 dB part. */
export function edt(curveDb: ArrayLike<number>, sampleRate: number): DecayFit {
  return fitDecay(curveDb, sampleRate, 0, -10);
}
