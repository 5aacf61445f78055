/**
 * Figure 9, in the page: a film reel (20 minutes of stereo at 48 kHz in the full run)
 * rendered the way the lab renders B, through a 4 s stereo IR with the compressor on.
 * The driver reads the renderer process's peak memory around timeLongRender(); the
 * page reports the time, and how long the main thread was ever busy meanwhile: the
 * Long Tasks API (tasks of 50 ms and more) and a 5 ms heartbeat (its longest gap shows
 * shorter stalls too).
 */
import { decodeAudio } from '../../src/audio/decode';
import { renderProcessedFast } from '../../src/render/render-processed';
import { benchSettings } from './render-figure';
import { collectGarbage, decayingNoiseChannels, toAudioBuffer } from './signals';

let reel: AudioBuffer | null = null;
/** The last render, kept so the memory the driver reads afterwards includes it. */
const held: unknown[] = [];

export async function loadReel(url: string): Promise<{ seconds: number; bytes: number }> {
  held.length = 0;
  reel = null;
  const bytes = await (await fetch(url)).arrayBuffer();
  reel = (await decodeAudio(bytes, 'film reel', { maxSeconds: Infinity, consume: true })).buffer;
  collectGarbage();
  return { seconds: reel.duration, bytes: reel.length * reel.numberOfChannels * Float32Array.BYTES_PER_ELEMENT };
}

export interface LongRenderTiming {
  ms: number;
  renderedSeconds: number;
  /** Longest task the Long Tasks API reported (0: none of 50 ms or more). */
  longestTaskMs: number;
  longTasks: number;
  /** Longest gap between two 5 ms heartbeats, minus the 5 ms. */
  longestStallMs: number;
  progressReports: number;
  lastProgress: number;
  /** Float32 bytes of B. */
  processedBytes: number;
}

export async function timeLongRender(irSeconds: number): Promise<LongRenderTiming> {
  if (!reel) throw new Error('loadReel first');
  held.length = 0;
  const ir = toAudioBuffer(decayingNoiseChannels(irSeconds));
  collectGarbage();
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  let stall = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  let reports = 0;
  let lastProgress = 0;
  const t0 = performance.now();
  try {
    const out = await renderProcessedFast(reel, ir, benchSettings(), 0, {
      onProgress: (f) => {
        reports++;
        lastProgress = f;
      },
    });
    const ms = performance.now() - t0;
    held.push(out);
    // Let the observer deliver what it saw before reading it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      ms,
      renderedSeconds: out.buffer.duration,
      longestTaskMs: Math.max(0, ...tasks),
      longTasks: tasks.length,
      longestStallMs: stall,
      progressReports: reports,
      lastProgress,
      processedBytes: out.buffer.length * out.buffer.numberOfChannels * Float32Array.BYTES_PER_ELEMENT,
    };
  } finally {
    clearInterval(beat);
    observer.disconnect();
  }
}
