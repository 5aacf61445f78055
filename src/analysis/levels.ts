/**
 * Level and dynamics figures of plain sample arrays. No DOM, no Web Audio:
 * runs in Node and in the browser alike.
 *
 * Conventions: dBFS relative to a full-scale sine's *peak* (sample value 1.0),
 * so a full-scale square wave has RMS 0 dBFS and a full-scale sine −3.01 dBFS —
 * the same convention `sox stats` uses, which the cross-checks rely on.
 */

/** Level in dB of an amplitude ratio; silence is −Infinity, never NaN. */
export function toDb(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}

export function fromDb(db: number): number {
  return 10 ** (db / 20);
}

/** Channels of one clip: planar, as AudioBuffer.getChannelData returns them. */
export type Channels = readonly Float32Array[];

/** Largest absolute sample value over all channels (sample peak, not true peak). */
export function samplePeak(channels: Channels, start = 0, end?: number): number {
  let peak = 0;
  for (const ch of channels) {
    const stop = Math.min(end ?? ch.length, ch.length);
    for (let i = Math.max(0, start); i < stop; i++) {
      const v = Math.abs(ch[i]);
      if (v > peak) peak = v;
    }
  }
  return peak;
}

/** Root mean square over all channels together (the mean of the squares of every sample). */
export function rms(channels: Channels, start = 0, end?: number): number {
  let sum = 0;
  let count = 0;
  for (const ch of channels) {
    const stop = Math.min(end ?? ch.length, ch.length);
    for (let i = Math.max(0, start); i < stop; i++) {
      sum += ch[i] * ch[i];
      count++;
    }
  }
  return count > 0 ? Math.sqrt(sum / count) : 0;
}

/** Crest factor in dB: how far the peak stands above the RMS. Silence gives NaN-free 0. */
export function crestFactorDb(channels: Channels, start = 0, end?: number): number {
  const r = rms(channels, start, end);
  if (r === 0) return 0;
  return toDb(samplePeak(channels, start, end) / r);
}

/** Samples per block of `peakAndRms`'s block peaks. */
export const PEAK_BLOCK_SAMPLES = 256;

export interface PeakAndRms {
  peak: number;
  rms: number;
  /** Per channel, the largest |sample| of each block of PEAK_BLOCK_SAMPLES (the last may be shorter). */
  blockPeaks: Float32Array[];
}

/**
 * Sample peak and RMS of all channels in one pass (a long clip's analysis reads it once),
 * with the peak of every short block on the way: truePeak uses them to skip the blocks
 * that cannot hold the true peak without reading them again.
 */
export function peakAndRms(channels: Channels): PeakAndRms {
  let sumSquares = 0;
  let count = 0;
  let peak = 0;
  const blockPeaks: Float32Array[] = [];
  for (const ch of channels) {
    const peaks = new Float32Array(Math.ceil(ch.length / PEAK_BLOCK_SAMPLES));
    sumSquares += blockPeaksAndEnergy(ch, peaks);
    for (let b = 0; b < peaks.length; b++) if (peaks[b] > peak) peak = peaks[b];
    blockPeaks.push(peaks);
    count += ch.length;
  }
  return { peak, rms: count > 0 ? Math.sqrt(sumSquares / count) : 0, blockPeaks };
}

/**
 * Fills `peaks` with the block peaks of `ch` and returns its sum of squares. Hot loop in
 * a plain function with locals only (accumulating into a closure's variable costs a
 * memory store per sample in V8).
 */
export function blockPeaksAndEnergy(ch: Float32Array, peaks: Float32Array): number {
  let sum = 0;
  for (let b = 0; b < peaks.length; b++) {
    const end = Math.min(ch.length, (b + 1) * PEAK_BLOCK_SAMPLES);
    let hi = 0;
    let lo = 0;
    for (let i = b * PEAK_BLOCK_SAMPLES; i < end; i++) {
      const v = ch[i];
      sum += v * v;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    peaks[b] = hi > -lo ? hi : -lo;
  }
  return sum;
}

/** RMS level in dBFS of the window [startSec, endSec) of a clip. */
export function windowRmsDb(channels: Channels, sampleRate: number, startSec: number, endSec: number): number {
  return toDb(rms(channels, Math.round(startSec * sampleRate), Math.round(endSec * sampleRate)));
}

export interface LevelSummary {
  peakDb: number;
  rmsDb: number;
  crestDb: number;
}

export function levelSummary(channels: Channels): LevelSummary {
  return { peakDb: toDb(samplePeak(channels)), rmsDb: toDb(rms(channels)), crestDb: crestFactorDb(channels) };
}

/** Index of the first sample whose magnitude reaches `threshold` (onset of an impulse), or -1. */
export function firstIndexAbove(channels: Channels, threshold: number): number {
  let first = -1;
  for (const ch of channels) {
    const stop = first < 0 ? ch.length : first;
    for (let i = 0; i < stop; i++) {
      if (Math.abs(ch[i]) >= threshold) {
        first = i;
        break;
      }
    }
  }
  return first;
}
