/**
 * The compressor's gain over time, read from its input and its output (both aligned, sample n
 * of one is sample n of the other): per step, the output's energy over the input's, in dB,
 * less the makeup gains that were added after the compression. Works for any compressor,
 * including the browser's, whose detector we cannot see into.
 */
import type { Channels } from './levels';

export interface GainTrace {
  stepSec: number;
  /** Gain per step, dB (negative = reduction); NaN where the input is too quiet to tell. */
  db: Float32Array;
}

export function gainReductionTrace(
  input: Channels,
  output: Channels,
  sampleRate: number,
  o: { stepSec?: number; makeupDb?: number; floorDb?: number } = {},
): GainTrace {
  const step = Math.max(1, Math.round((o.stepSec ?? 0.005) * sampleRate));
  const frames = Math.max(0, ...input.map((c) => c.length));
  const floor = 10 ** ((o.floorDb ?? -70) / 10);
  const db = new Float32Array(Math.ceil(frames / step));
  for (let b = 0; b < db.length; b++) {
    let ein = 0;
    let eout = 0;
    const end = Math.min(frames, (b + 1) * step);
    for (let c = 0; c < input.length; c++) {
      const x = input[c];
      const y = output[Math.min(c, output.length - 1)];
      for (let i = b * step; i < end; i++) {
        ein += x[i] * x[i];
        eout += (y[i] ?? 0) * (y[i] ?? 0);
      }
    }
    const n = (end - b * step) * input.length;
    db[b] = ein / n > floor && eout > 0 ? 10 * Math.log10(eout / ein) - (o.makeupDb ?? 0) : NaN;
  }
  return { stepSec: step / sampleRate, db };
}
