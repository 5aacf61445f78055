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

/** Sample peak and RMS of all channels in one pass (a long clip's analysis reads it once). */
export function peakAndRms(channels: Channels): { peak: number; rms: number } {
  let peak = 0;
  let sumSquares = 0;
  let count = 0;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) {
      const v = ch[i];
      sumSquares += v * v;
      if (v > peak) peak = v;
      else if (-v > peak) peak = -v;
    }
    count += ch.length;
  }
  return { peak, rms: count > 0 ? Math.sqrt(sumSquares / count) : 0 };
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
