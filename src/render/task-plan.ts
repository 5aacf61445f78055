/**
 * How a render (or a measurement) is cut into work for the render workers, and running
 * it: one task per output channel and span, fed from a stage, answered with each
 * channel's peak and loudness segments. No Tone.js here: measuring a dry clip in the
 * workers (measure-in-workers.ts) needs none.
 */
import { channelViews } from '../audio/buffer-channels';
import { convolverNormalisation, convolverRouting, type Path } from './convolver-model';
import { delayedIrLength, type ConvolveTask } from './convolve-job';
import { partitionFor } from './partitioned-convolver';
import { abortError, type RenderPool } from './render-pool';
import type { StageInput } from './stage-input';
import { gatedLoudness, segmentFrames, sumSegments, RUN_IN_SECONDS, type ChannelMeasure } from './stream-meter';

/** Frames per message to a worker, at least: about 1.4 s at 48 kHz, 256 KB a channel. */
const MIN_CHUNK_FRAMES = 2 ** 16;
/** A channel is split between workers only when each part gets at least this many frames. */
const MIN_SPLIT_FRAMES = 2 ** 18;

export interface TaskPlan {
  /** Input channels the tasks read. */
  inputCount: number;
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
export function planTasks({ inputCount, length, measuredLength, rate, reverb, mix, preDelay, workers }: PlanInput): TaskPlan {
  const routing: Path[][] = reverb ? convolverRouting(inputCount, reverb.numberOfChannels) : Array.from({ length: inputCount }, () => []);
  const irChannels = reverb ? channelViews(reverb) : [];
  const irGain = reverb ? normalisationOf(reverb, irChannels) : 0;
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
        // Views on the IR: the pool sends a copy only to a worker that does not keep its spectra yet.
        paths: paths.map((p) => ({
          input: p.input,
          ir: irChannels[p.ir],
          key: `${irIdOf(reverb!)}:${p.ir}:${irGain}:${delayFrames}:${partition}`,
        })),
        irGain,
        wetGain: Math.fround(mix.wet),
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
  return { inputCount, outputs: routing.length, chunkFrames: Math.max(partition, MIN_CHUNK_FRAMES), tasks };
}

/** An id per IR buffer, for the workers' spectra caches. IRs are not written to once loaded: the id stands for the samples. */
const irIds = new WeakMap<AudioBuffer, number>();
let lastIrId = 0;

function irIdOf(ir: AudioBuffer): number {
  let id = irIds.get(ir);
  if (id === undefined) irIds.set(ir, (id = ++lastIrId));
  return id;
}

/** The ConvolverNode's normalisation of each IR, computed once (a pass over every sample of it). */
const normalisations = new WeakMap<AudioBuffer, number>();

function normalisationOf(ir: AudioBuffer, channels: readonly Float32Array[]): number {
  let scale = normalisations.get(ir);
  if (scale === undefined) normalisations.set(ir, (scale = convolverNormalisation(channels, ir.sampleRate)));
  return scale;
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

/** What the tasks read: a stage (or anything that reads like one). */
export type TaskInput = Pick<StageInput, 'read' | 'whenReadable' | 'release'>;

/**
 * Run the plan's tasks on the pool, reading `input`; `onOutput` gets each finished piece of
 * output channel `channel`. One task failing stops the others; so does `signal`.
 */
export async function runTasks(
  pool: RenderPool,
  plan: TaskPlan,
  input: TaskInput,
  onOutput: (channel: number, position: number, data: Float32Array<ArrayBuffer>) => void,
  signal?: AbortSignal,
): Promise<ChannelMeasure[]> {
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  signal?.addEventListener('abort', stopAll, { once: true });
  // Where each task reads next: the stage may drop what lies before all of them.
  const positions = plan.tasks.map(({ task }) => task.streamFrom);
  const tasks = plan.tasks.map(({ channel, task }, i) => {
    const read = (c: number, from: number, to: number, into: Float32Array) => {
      positions[i] = from;
      input.release(Math.min(...positions));
      return input.read(c, from, to, into);
    };
    const whenReadable = (frame: number) => input.whenReadable(frame);
    const output = (position: number, data: Float32Array<ArrayBuffer>) => onOutput(channel, position, data);
    return pool.run(
      { task, read, whenReadable, inputCount: plan.inputCount, chunkFrames: plan.chunkFrames, onOutput: output },
      stop.signal,
    );
  });
  try {
    return await Promise.all(tasks);
  } catch (err) {
    stop.abort();
    for (const t of tasks) t.catch(() => {}); // the others now reject with AbortError: expected
    throw signal?.aborted ? abortError() : err;
  } finally {
    signal?.removeEventListener('abort', stopAll);
  }
}

/** Peak and integrated loudness (as heard on two speakers) from the tasks' measures. */
export function figuresOf(
  measures: readonly ChannelMeasure[],
  measuredLength: number,
  rate: number,
  mono: boolean,
): { peak: number; loudness: number | null } {
  const segment = segmentFrames(rate);
  const energies = sumSegments(measures, Math.floor(measuredLength / segment), mono ? 2 : 1);
  return { peak: Math.max(0, ...measures.map((m) => m.peak)), loudness: gatedLoudness(energies, segment) };
}
