/**
 * A buffer's sample peak and integrated loudness as heard on two speakers, measured in the
 * render workers (the K-weighting and the peak of stream-meter.ts, the same figures as
 * src/analysis/loudness.ts): a dry slot's source is measured there, so the page makes no
 * pass over a whole clip. No Tone.js is loaded for it.
 */
import { sharedRenderPool, type RenderPool } from './render-pool';
import { figuresOf, planTasks, runTasks } from './task-plan';

export interface MeasureOptions {
  signal?: AbortSignal;
  /** Silence counted after the buffer, seconds (as RenderOptions.loudnessTailSeconds). */
  loudnessTailSeconds?: number;
  pool?: RenderPool;
}

export async function measureInWorkers(
  buffer: AudioBuffer,
  options: MeasureOptions = {},
): Promise<{ peak: number; loudness: number | null }> {
  options.signal?.throwIfAborted();
  const rate = buffer.sampleRate;
  const pool = options.pool ?? sharedRenderPool();
  const measuredLength = buffer.length + Math.round((options.loudnessTailSeconds ?? 0) * rate);
  const channels = buffer.numberOfChannels;
  // Each channel passed dry at gain 1 (exact): the workers measure the buffer itself.
  const plan = planTasks({
    inputCount: channels,
    length: buffer.length,
    measuredLength,
    rate,
    reverb: null,
    mix: { dry: 1, wet: 0 },
    preDelay: 0,
    workers: pool.size,
  });
  const input = {
    read: (c: number, from: number, to: number, into: Float32Array) => {
      const end = Math.min(to, buffer.length, from + into.length);
      if (from >= end) return 0;
      buffer.copyFromChannel(into.subarray(0, end - from) as Float32Array<ArrayBuffer>, c, from);
      return end - from;
    },
    whenReadable: () => null,
    release: () => {},
  };
  const measures = await runTasks(pool, plan, input, () => {}, options.signal);
  return figuresOf(measures, measuredLength, rate, plan.outputs === 1);
}
