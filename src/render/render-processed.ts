/**
 * The lab's offline render of B: what the live chain plays, computed fast.
 *
 * 1. The compressor part of the chain renders in an OfflineAudioContext with the very
 *    Tone.js nodes the live chain uses, streamed to the workers as it renders
 *    (streamed-stage.ts): B's dynamics are the real DynamicsCompressorNode's, hidden makeup
 *    and all. With the compressor off that part of the chain is an exact delay: the clip
 *    itself is used (bypassStage in src/audio/render.ts).
 * 2. Workers mix dry · x + wet · (x ⊛ IR) by partitioned FFT convolution (PFFFT in
 *    WebAssembly), reproducing the ConvolverNode's normalisation and channel routing
 *    (convolver-model.ts) and the chain's pre-delay. Each output channel — or each half of
 *    a mono one — is a task on its own worker, so both cores work.
 * 3. The workers measure what they make: B's sample peak and the K-weighted energies
 *    that give its integrated loudness as heard on two speakers, so the page does no pass
 *    over B's samples afterwards.
 *
 * Same contract as the browser's render (renderProcessedByNodes, the reference it is
 * tested against to −90 dB): stereo, clip + IR long, sample n of B is what sample n of A
 * became.
 */
import { channelViews } from '../audio/buffer-channels';
import { preDelaySeconds, wetDryGains } from '../audio/chain';
import { bypassStage, tailSeconds } from '../audio/render';
import type { ChainSettings } from '../audio/settings';
import { convolverNormalisation, convolverRouting, type Path } from './convolver-model';
import { delayedIrLength, type ConvolveTask } from './convolve-job';
import { partitionFor } from './partitioned-convolver';
import { RenderPool, abortError } from './render-pool';
import { renderCompressorStage, ONE_SHOT_FRAMES } from './rendered-stage';
import { stageInMemory, stageWhenMade, type StageInput } from './stage-input';
import { streamCompressorStage } from './streamed-stage';
import { gatedLoudness, segmentFrames, sumSegments, RUN_IN_SECONDS, type ChannelMeasure } from './stream-meter';

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
}

export interface RenderResult {
  buffer: AudioBuffer;
  /** Sample peak of B, linear. */
  peak: number;
  /** Integrated loudness of B as heard on two speakers over B's length (and loudnessTailSeconds of silence), LUFS; null when too short or quiet to gate. */
  loudness: number | null;
}

/** Frames per message to a worker, at least: about 1.4 s at 48 kHz, 256 KB a channel. */
const MIN_CHUNK_FRAMES = 2 ** 16;
/** A channel is split between workers only when each part gets at least this many frames. */
const MIN_SPLIT_FRAMES = 2 ** 18;

let sharedPool: RenderPool | null = null;

export async function renderProcessedFast(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const rate = clip.sampleRate;
  if (ir && ir.sampleRate !== rate) throw new Error(`the impulse response is at ${ir.sampleRate} Hz, the clip at ${rate} Hz`);
  const length = clip.length + Math.round(tailSeconds(ir) * rate);
  const mix = wetDryGains(settings.reverb.enabled && ir ? settings.reverb.wet : 0);
  const reverb = mix.wet > 0 ? ir : null;

  const blank = blankBuffer(length, rate);
  blank.catch(() => {}); // awaited below unless the render fails first
  const inputCount = Math.min(2, clip.numberOfChannels);
  // The workers are handed their tasks at once and set up (the IR's spectra) while the stage is made.
  const stage = stageWhenMade(makeStage(clip, settings, compensationDb, signal), inputCount, clip.length);
  const pool = options.pool ?? (sharedPool ??= new RenderPool());
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
  // One task failing stops the others; so does the caller's signal.
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  signal?.addEventListener('abort', stopAll, { once: true });
  // Where each task reads next: the stage may drop what lies before all of them.
  const positions = plan.tasks.map(({ task }) => task.streamFrom);
  let buffer: AudioBuffer | null = null;
  // Output that arrives before B's buffer is made waits for it (copied: its memory goes back to the worker).
  const early: (() => void)[] = [];
  void blank.then((b) => {
    buffer = b;
    for (const write of early.splice(0)) write();
  }, stopAll);
  const tasks = plan.tasks.map(({ channel, task }, i) => {
    const onOutput = (position: number, data: Float32Array<ArrayBuffer>) => {
      if (!buffer) {
        const copy = data.slice();
        early.push(() => onOutput(position, copy));
        return;
      }
      buffer.copyToChannel(data, channel, position);
      if (mono) buffer.copyToChannel(data, 1, position);
      done += data.length;
      onProgress?.(done / (plan.outputs * length));
    };
    const read = (c: number, from: number, to: number, into: Float32Array) => {
      positions[i] = from;
      stage.release(Math.min(...positions));
      return stage.read(c, from, to, into);
    };
    const whenReadable = (frame: number) => stage.whenReadable(frame);
    return pool.run({ task, read, whenReadable, inputCount, chunkFrames: plan.chunkFrames, onOutput }, stop.signal);
  });
  let measures: ChannelMeasure[];
  try {
    measures = await Promise.all(tasks);
    buffer = await blank;
    signal?.throwIfAborted();
  } catch (err) {
    stop.abort();
    stage.dispose();
    for (const t of tasks) t.catch(() => {}); // the others now reject with AbortError: expected
    throw signal?.aborted ? abortError() : err;
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
  const segment = segmentFrames(rate);
  const energies = sumSegments(measures, Math.floor(measuredLength / segment), mono ? 2 : 1);
  onProgress?.(1);
  return { buffer, peak: Math.max(0, ...measures.map((m) => m.peak)), loudness: gatedLoudness(energies, segment) };
}

interface TaskPlan {
  /** Output channels made: 1 when a mono input meets a mono IR (or no reverb), else 2. */
  outputs: number;
  chunkFrames: number;
  tasks: { channel: number; task: ConvolveTask }[];
}

interface PlanInput {
  inputCount: number;
  /** Frames of B. */
  length: number;
  /** Frames its loudness is measured over (B and silence after it). */
  measuredLength: number;
  rate: number;
  /** The IR, or null when only the dry signal is heard. */
  reverb: AudioBuffer | null;
  mix: { dry: number; wet: number };
  /** Seconds. */
  preDelay: number;
  workers: number;
}

/**
 * The workers' tasks: one per output channel and span, with the ConvolverNode's routing
 * and normalisation, the wet/dry gains and the pre-delay.
 */
function planTasks({ inputCount, length, measuredLength, rate, reverb, mix, preDelay, workers }: PlanInput): TaskPlan {
  const routing: Path[][] = reverb ? convolverRouting(inputCount, reverb.numberOfChannels) : Array.from({ length: inputCount }, () => []);
  const irChannels = reverb ? channelViews(reverb) : [];
  const irGain = reverb ? convolverNormalisation(irChannels, reverb.sampleRate) * Math.fround(mix.wet) : 0;
  // The pre-delay as Chromium's DelayNode takes it: seconds and frames in float32.
  const delayFrames = reverb ? Math.fround(Math.fround(preDelay) * rate) : 0;
  const irLength = reverb ? delayedIrLength(reverb.length, delayFrames) : 0;
  const partition = reverb ? partitionFor(irLength) : MIN_CHUNK_FRAMES;
  const segment = segmentFrames(rate);
  const runIn = Math.round(RUN_IN_SECONDS * rate);
  const spans = splitSpans(length, Math.max(1, Math.round(workers / routing.length)), segment);
  const tasks = routing.flatMap((paths, channel) =>
    spans.map(([from, to]) => {
      const filterFrom = Math.max(0, from - runIn);
      const task: ConvolveTask = {
        sampleRate: rate,
        // Each task gets its own copies of the IR channels it needs (transferred to its worker).
        paths: paths.map((p) => ({ input: p.input, ir: irChannels[p.ir].slice() })),
        irGain,
        delayFrames,
        dry: mix.dry > 0 ? { input: Math.min(channel, inputCount - 1), gain: Math.fround(mix.dry) } : null,
        partition,
        from,
        to,
        meterTo: to === length ? measuredLength : to,
        filterFrom,
        // Input this far back still reaches frame filterFrom through the IR (none without one).
        streamFrom: Math.max(0, filterFrom - Math.max(0, irLength - 1)),
      };
      return { channel, task };
    }),
  );
  return { outputs: routing.length, chunkFrames: Math.max(partition, MIN_CHUNK_FRAMES), tasks };
}

/**
 * B's buffer, stereo and silent, made by rendering silence offline: the audio thread
 * writes every page of it, so the page's copies into it later are plain memory copies.
 * Into a new AudioBuffer each first write to a page faults it in, which on this machine
 * cost the main thread 47–69 ms for 14 s of stereo and 360–390 ms for 2 minutes (measured
 * in Chromium 156); this render runs beside the compressor's, off the main thread.
 */
/** The chain up to its reverb, aligned like B: the clip itself when that is an exact delay, else the browser's render of it. */
function makeStage(clip: AudioBuffer, settings: ChainSettings, compensationDb: number, signal?: AbortSignal): Promise<StageInput> {
  if (clip.numberOfChannels > 2) return streamCompressorStage(clip, settings, compensationDb, signal);
  if (!settings.compressor.enabled) return bypassStage(clip, { signal }).then(stageInMemory);
  return clip.length <= ONE_SHOT_FRAMES
    ? renderCompressorStage(clip, settings, compensationDb, signal)
    : streamCompressorStage(clip, settings, compensationDb, signal);
}

function blankBuffer(length: number, sampleRate: number): Promise<AudioBuffer> {
  return new OfflineAudioContext(2, length, sampleRate).startRendering();
}

/**
 * Cut [0, length) into `parts` spans of about equal length, each boundary on a loudness
 * segment, so every worker owns whole segments. Short renders are not split: a part's
 * run-in (the IR's length of input before its first frame) would cost more than it saves.
 */
function splitSpans(length: number, parts: number, segment: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, Math.floor(length / MIN_SPLIT_FRAMES)));
  const bounds = Array.from({ length: n + 1 }, (_, k) => (k === n ? length : Math.round((length * k) / n / segment) * segment));
  return bounds.slice(0, -1).map((from, k) => [from, bounds[k + 1]]);
}

/** The rendered buffer alone: a drop-in for the old renderProcessed(clip, ir, settings, compensationDb). */
export async function renderProcessedBuffer(...args: Parameters<typeof renderProcessedFast>): Promise<AudioBuffer> {
  return (await renderProcessedFast(...args)).buffer;
}
