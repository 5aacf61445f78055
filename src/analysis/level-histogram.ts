/**
 * How a clip's level is distributed: the peak magnitude of each short window (what the
 * compressor's detector reacts to), counted per dB. Drawn on the compressor's transfer curve
 * it shows which part of the clip sits above the threshold.
 */
import { inSteps, STEP_SAMPLES } from './in-steps';
import type { Channels } from './levels';

export interface LevelHistogram {
  fromDb: number;
  binDb: number;
  /** Windows per bin, from `fromDb` up; windows quieter than `fromDb` are left out. */
  counts: Uint32Array;
  /** Windows counted (excluding those below `fromDb`). */
  total: number;
}

export interface HistogramOptions {
  windowSec?: number;
  fromDb?: number;
  binDb?: number;
}

function emptyHistogram(o: HistogramOptions): LevelHistogram {
  const fromDb = o.fromDb ?? -90;
  const binDb = o.binDb ?? 1;
  return { fromDb, binDb, counts: new Uint32Array(Math.ceil(-fromDb / binDb)), total: 0 };
}

const windowOf = (o: HistogramOptions, sampleRate: number) => Math.max(1, Math.round((o.windowSec ?? 0.01) * sampleRate));
const framesOf = (channels: Channels) => Math.max(0, ...channels.map((c) => c.length));

/** Count windows [fromW, toW) of `window` frames into `h`. */
function countWindows(channels: Channels, window: number, fromW: number, toW: number, h: LevelHistogram): void {
  for (let w = fromW; w < toW; w++) {
    const start = w * window;
    let peak = 0;
    for (const ch of channels) {
      for (let i = start, end = Math.min(ch.length, start + window); i < end; i++) {
        const v = Math.abs(ch[i]);
        if (v > peak) peak = v;
      }
    }
    const db = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
    if (!(db >= h.fromDb)) continue;
    h.counts[Math.min(h.counts.length - 1, Math.floor((db - h.fromDb) / h.binDb))]++;
    h.total++;
  }
}

export function levelHistogram(channels: Channels, sampleRate: number, o: HistogramOptions = {}): LevelHistogram {
  const h = emptyHistogram(o);
  const window = windowOf(o, sampleRate);
  countWindows(channels, window, 0, Math.ceil(framesOf(channels) / window), h);
  return h;
}

/**
 * levelHistogram read in place on the page, in steps with a task between them: no copy of the
 * clip is made (sent to a worker, a 60 s stereo slot was a 22 MB copy per redraw, garbage in
 * an idle worker that never collected it: bench figure 10).
 */
export async function levelHistogramInSteps(
  channels: Channels,
  sampleRate: number,
  o: HistogramOptions = {},
  signal?: AbortSignal,
): Promise<LevelHistogram> {
  const h = emptyHistogram(o);
  const window = windowOf(o, sampleRate);
  await inSteps(Math.ceil(framesOf(channels) / window), (from, to) => countWindows(channels, window, from, to, h), {
    stepSamples: Math.max(1, Math.floor(STEP_SAMPLES / window)),
    channels: channels.length,
    ...(signal ? { signal } : {}),
  });
  return h;
}
