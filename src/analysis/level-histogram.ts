/**
 * How a clip's level is distributed: the peak magnitude of each short window (what the
 * compressor's detector reacts to), counted per dB. Drawn on the compressor's transfer curve
 * it shows which part of the clip sits above the threshold.
 */
import type { Channels } from './levels';

export interface LevelHistogram {
  fromDb: number;
  binDb: number;
  /** Windows per bin, from `fromDb` up; windows quieter than `fromDb` are left out. */
  counts: Uint32Array;
  /** Windows counted (excluding those below `fromDb`). */
  total: number;
}

export function levelHistogram(
  channels: Channels,
  sampleRate: number,
  o: { windowSec?: number; fromDb?: number; binDb?: number } = {},
): LevelHistogram {
  const fromDb = o.fromDb ?? -90;
  const binDb = o.binDb ?? 1;
  const counts = new Uint32Array(Math.ceil(-fromDb / binDb));
  const window = Math.max(1, Math.round((o.windowSec ?? 0.01) * sampleRate));
  const frames = Math.max(0, ...channels.map((c) => c.length));
  let total = 0;
  for (let start = 0; start < frames; start += window) {
    let peak = 0;
    for (const ch of channels) {
      for (let i = start; i < Math.min(ch.length, start + window); i++) {
        const v = Math.abs(ch[i]);
        if (v > peak) peak = v;
      }
    }
    const db = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
    if (!(db >= fromDb)) continue;
    counts[Math.min(counts.length - 1, Math.floor((db - fromDb) / binDb))]++;
    total++;
  }
  return { fromDb, binDb, counts, total };
}
