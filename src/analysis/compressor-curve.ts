/**
 * The static transfer curve of the browser's DynamicsCompressorNode, as the Web Audio spec
 * describes it and Chromium implements it: unity gain up to the threshold, a knee
 * `linearThreshold + (1 − e^(−k(x − linearThreshold)))/k` whose k is found so that its slope
 * at threshold + knee equals 1/ratio, then a straight line of slope 1/ratio in dB. The node
 * then adds an automatic makeup gain of (1/f(1))^0.6, which the lab measures and removes
 * (src/audio/compressor-makeup.ts), and the lab's own makeup follows.
 *
 * Levels here are the detector's: the instantaneous magnitude |x| (for a steady tone, its peak).
 */
import { fromDb, toDb } from './levels';
import type { CompressorSettings } from '../audio/settings';

export type CurveSettings = Pick<CompressorSettings, 'threshold' | 'knee' | 'ratio'>;

export interface StaticCurve {
  /** Compressor output magnitude for input magnitude x (linear), before any makeup. */
  shape: (x: number) => number;
  /** The node's own hidden makeup gain, dB. */
  hiddenMakeupDb: number;
}

export function staticCurve(s: CurveSettings): StaticCurve {
  const linearThreshold = fromDb(s.threshold);
  const slope = 1 / s.ratio;
  const kneeThresholdDb = s.threshold + s.knee;
  const kneeThreshold = fromDb(kneeThresholdDb);
  const kneeCurve = (x: number, k: number) => (x < linearThreshold ? x : linearThreshold + (1 - Math.exp(-k * (x - linearThreshold))) / k);
  const slopeAt = (x: number, k: number) => {
    if (x < linearThreshold) return 1;
    const x2 = x * 1.001;
    return (toDb(kneeCurve(x2, k)) - toDb(kneeCurve(x, k))) / (toDb(x2) - toDb(x));
  };
  // Geometric bisection for k, 15 steps between 0.1 and 10 000, as the browser does it.
  let minK = 0.1;
  let maxK = 10000;
  let k = 5;
  for (let i = 0; i < 15; i++) {
    if (slopeAt(kneeThreshold, k) < slope) maxK = k;
    else minK = k;
    k = Math.sqrt(minK * maxK);
  }
  const yKneeThresholdDb = toDb(kneeCurve(kneeThreshold, k));
  const shape = (x: number) => (x < kneeThreshold ? kneeCurve(x, k) : fromDb(yKneeThresholdDb + slope * (toDb(x) - kneeThresholdDb)));
  return { shape, hiddenMakeupDb: 0.6 * -toDb(shape(1)) };
}

/** Gain the compression itself applies at an input level (dBFS), dB (≤ 0; no makeup). */
export function compressionGainDb(s: CurveSettings, inputDb: number): number {
  const x = fromDb(inputDb);
  return toDb(staticCurve(s).shape(x)) - inputDb;
}

export interface TransferPoint {
  inputDb: number;
  outputDb: number;
}

/**
 * Input → output level of the lab's compressor stage: compression, then the node's hidden
 * makeup (unless `compensateHidden`, the lab's default, takes it back off), then the lab's makeup.
 */
export function transferCurve(
  s: CurveSettings & Pick<CompressorSettings, 'makeup'>,
  o: { compensateHidden?: boolean; fromDb?: number; toDb?: number; stepDb?: number } = {},
): TransferPoint[] {
  const curve = staticCurve(s);
  const hidden = o.compensateHidden === false ? curve.hiddenMakeupDb : 0;
  const points: TransferPoint[] = [];
  const step = o.stepDb ?? 0.5;
  for (let inputDb = o.fromDb ?? -90; inputDb <= (o.toDb ?? 0) + 1e-9; inputDb += step) {
    points.push({ inputDb, outputDb: toDb(curve.shape(fromDb(inputDb))) + hidden + s.makeup });
  }
  return points;
}
