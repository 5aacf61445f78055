/**
 * The lab's offline render of B: what the live chain plays, computed fast.
 *
 * 1. The compressor part of the chain renders in an OfflineAudioContext: for a clip up
 *    to ONE_SHOT_FRAMES in one go as a bare native graph equal to the live chain's nodes
 *    (rendered-stage.ts), for a longer one with the very Tone.js nodes, streamed to the
 *    workers as it renders (streamed-stage.ts): B's dynamics are the real
 *    DynamicsCompressorNode's, hidden makeup and all. With the compressor off that part of
 *    the chain is an exact delay: the clip itself is used (bypassStage in src/audio/render.ts).
 * 2. Workers mix dry · x + wet · (x ⊛ IR) by partitioned FFT convolution (PFFFT in
 *    WebAssembly), reproducing the ConvolverNode's normalisation and channel routing
 *    (convolver-model.ts) and the chain's pre-delay. Each output channel — or each half of
 *    a mono one — is a task on its own worker, so both cores work.
 * 3. The workers measure what they make: B's sample peak and the K-weighted energies
 *    that give its integrated loudness as heard on two speakers, so the page does no pass
 *    over B's samples afterwards.
 *
 * B is written into a buffer given back by its owner when one of its size is there
 * (recycleRendered in render-target.ts), else over its own stage when it can be, else
 * into a new one (stage-target.ts).
 *
 * Same contract as the browser's render (renderProcessedByNodes, the reference it is
 * tested against to −90 dB): stereo, clip + IR long, sample n of B is what sample n of A
 * became.
 */
import { preDelaySeconds, wetDryGains } from '../audio/chain';
import { renderedLength } from '../audio/render-length';
import type { ChainSettings } from '../audio/settings';
import { abortError, sharedRenderPool, type RenderPool } from './render-pool';
import { recycleRendered } from './render-target';
import { stageAndTarget } from './stage-target';
import type { ChannelMeasure } from './stream-meter';
import { figuresOf, planTasks, runTasks } from './task-plan';
import { WrittenFrontier } from './written-frontier';

export interface RenderOptions {
  signal?: AbortSignal;
  /** Fraction of B made, 0–1, reported as blocks finish; reaches exactly 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Workers to use; by default one pool shared by every render of the page. */
  pool?: RenderPool;
  /**
   * Silence counted after B when its loudness is measured, seconds (default 0): blocks
   * that straddle B's end then count, as when the lab pads a result before measuring it.
   */
  loudnessTailSeconds?: number;
  /**
   * B's buffer, as soon as there is one, with its first `frames` frames written in every
   * channel, and again as that grows (to B's length): B can be read (measured) while it is
   * rendered. A buffer handed out here is never given back for reuse, even when the render fails.
   */
  onWritten?: (buffer: AudioBuffer, frames: number) => void;
}

export interface RenderResult {
  buffer: AudioBuffer;
  /** Sample peak of B, linear. */
  peak: number;
  /** Integrated loudness of B as heard on two speakers over B's length (and loudnessTailSeconds of silence), LUFS; null when too short or quiet to gate. */
  loudness: number | null;
}

export async function renderProcessedFast(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  // Where B's render starts, first gives output and ends (bench/latency-trace.ts reads them).
  performance.mark('lab:render:start');
  let firstOutput = true;
  const rate = clip.sampleRate;
  if (ir && ir.sampleRate !== rate) throw new Error(`the impulse response is at ${ir.sampleRate} Hz, the clip at ${rate} Hz`);
  const length = renderedLength(clip, ir);
  const mix = wetDryGains(settings.reverb.enabled && ir ? settings.reverb.wet : 0);
  const reverb = mix.wet > 0 ? ir : null;

  const inputCount = Math.min(2, clip.numberOfChannels);
  const pool = options.pool ?? sharedRenderPool();
  const measuredLength = length + Math.round((options.loudnessTailSeconds ?? 0) * rate);
  const plan = planTasks({
    inputCount,
    length,
    measuredLength,
    rate,
    reverb,
    mix,
    preDelay: preDelaySeconds(settings),
    workers: pool.size,
  });
  const mono = plan.outputs === 1; // one channel made, heard on both speakers
  let done = 0;
  // The workers are handed their tasks at once and set up (the IR's spectra) while the stage is made.
  const { stage, target } = stageAndTarget(clip, settings, compensationDb, plan, length, signal);
  let buffer = target instanceof AudioBuffer ? target : null;
  // Output that comes before a long B's buffer is made waits, copied, for it.
  const early: { channel: number; position: number; data: Float32Array<ArrayBuffer> }[] = [];
  const frontier = new WrittenFrontier(plan.outputs);
  const write = (b: AudioBuffer, channel: number, position: number, data: Float32Array<ArrayBuffer>) => {
    b.copyToChannel(data, channel, position);
    if (mono) b.copyToChannel(data, 1, position);
    const before = frontier.frames;
    if (frontier.add(channel, position, data.length) > before) options.onWritten?.(b, frontier.frames);
  };
  const made = Promise.resolve(target).then((b) => {
    buffer = b;
    options.onWritten?.(b, frontier.frames);
    for (const o of early.splice(0)) write(b, o.channel, o.position, o.data);
    return b;
  });
  made.catch(() => {}); // B written over a stage that failed: the render fails through the stage's readers
  const onOutput = (channel: number, position: number, data: Float32Array<ArrayBuffer>) => {
    // Output already on its way when the render is cancelled is dropped: no progress after a cancel.
    if (signal?.aborted) return;
    if (firstOutput) performance.mark('lab:render:first-output');
    firstOutput = false;
    if (buffer) write(buffer, channel, position, data);
    else early.push({ channel, position, data: data.slice() }); // the pool hands `data` back to its worker
    done += data.length;
    onProgress?.(done / (plan.outputs * length));
  };
  let measures: ChannelMeasure[];
  try {
    measures = await runTasks(pool, plan, stage, onOutput, signal);
    buffer = await made;
    signal?.throwIfAborted();
  } catch (err) {
    stage.dispose();
    // Never handed out: the next render may write it.
    if (!options.onWritten) void made.then(recycleRendered, () => {});
    throw signal?.aborted ? abortError() : err;
  }
  onProgress?.(1);
  performance.mark('lab:render:done');
  return { buffer, ...figuresOf(measures, measuredLength, rate, mono) };
}

/** The rendered buffer alone: a drop-in for the old renderProcessed(clip, ir, settings, compensationDb). */
export async function renderProcessedBuffer(...args: Parameters<typeof renderProcessedFast>): Promise<AudioBuffer> {
  return (await renderProcessedFast(...args)).buffer;
}
