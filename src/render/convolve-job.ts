/**
 * One output channel of B over a span of frames: dry · x + (delayed, scaled IR) ⊛ x,
 * fed the input in chunks and answering each with the finished output frames, measured
 * (peak, loudness segments) on the way. Plain TypeScript: the render worker runs it, and
 * Node tests run it directly.
 */
import type { IrSpectraCache } from './ir-spectra-cache';
import { IrSpectra, PartitionedConvolver, type ConvolutionTerm } from './partitioned-convolver';
import { StreamMeter, type ChannelMeasure } from './stream-meter';
import type { PffftModule } from './wasm-fft';

export interface ConvolveTask {
  sampleRate: number;
  /**
   * What is convolved into this channel: input channel index and its IR channel (raw
   * samples); `key` names that IR channel with this task's gain, pre-delay and partition
   * (IrSpectraCache), and the IR may then be left out when the worker keeps its spectra.
   */
  paths: { input: number; ir?: Float32Array; key?: string }[];
  /** Gain on every IR channel: the ConvolverNode's normalisation. */
  irGain: number;
  /**
   * The wet gain, applied to the convolution's sum of spectra products (default 1): kept
   * out of the IR, so the IR's spectra stay the same when the wet/dry slider moves.
   */
  wetGain?: number;
  /** Reverb pre-delay, frames (may have a fraction: interpolated as a DelayNode does). */
  delayFrames: number;
  /** The dry signal added to this channel, or null (100 % wet). */
  dry: { input: number; gain: number } | null;
  /** Partition size of the convolution, frames (also the block the job works in). */
  partition: number;
  /** Output frames this job emits and measures: [from, to). */
  from: number;
  to: number;
  /** End of the frames the loudness segments cover, when past `to`: B's last span measured with silence after it (RenderOptions.loudnessTailSeconds). */
  meterTo?: number;
  /** First frame the K-weighting runs over (≤ from: its run-in, see stream-meter.ts). */
  filterFrom: number;
  /** First input frame the caller sends (≤ filterFrom, early enough to fill the convolution's memory). */
  streamFrom: number;
}

/** Frames of the IR once delayed: input this far back still reaches an output frame. */
export function delayedIrLength(irLength: number, delayFrames: number): number {
  return Math.floor(delayFrames) + irLength + (delayFrames % 1 ? 1 : 0);
}

/**
 * The IR as the chain applies it: scaled, then delayed by `delayFrames`. A fractional
 * delay is split between two neighbouring frames, which is the DelayNode's linear
 * interpolation moved from the signal into the IR (both are linear and time-invariant).
 * Written into `into` (its start) when given and long enough, else into a new array.
 */
export function delayedIr(ir: Float32Array, gain: number, delayFrames: number, into?: Float32Array): Float32Array {
  const whole = Math.floor(delayFrames);
  const fraction = delayFrames - whole;
  const length = delayedIrLength(ir.length, delayFrames);
  const out = into && into.length >= length ? into.subarray(0, length).fill(0) : new Float32Array(length);
  for (let i = 0; i < ir.length; i++) {
    out[whole + i] += (1 - fraction) * gain * ir[i];
    if (fraction) out[whole + i + 1] += fraction * gain * ir[i];
  }
  return out;
}

/** y += gain · x over x's length. Its own function, not an inner loop of push: V8 compiled that loop on the stack and deoptimized it at every exit. */
function addScaled(y: Float32Array, x: Float32Array, gain: number): void {
  for (let i = 0; i < x.length; i++) y[i] += gain * x[i];
}

export class ConvolveJob {
  private readonly convolver: PartitionedConvolver | null;
  private readonly meter: StreamMeter;
  private readonly block: Float32Array;
  private position: number;
  /** Keys of the cached spectra this job uses. */
  private readonly borrowed: string[] = [];

  /** With a `cache`, paths with a key take their spectra from it (made there from the IR the first time). */
  constructor(
    module: PffftModule,
    private readonly task: ConvolveTask,
    private readonly cache?: IrSpectraCache,
  ) {
    const terms = task.paths.map(({ input, ir, key }): ConvolutionTerm => {
      if (key && cache) {
        // Made once per IR and setting, from the delayed IR in the cache's scratch (fresh memory is slow to touch the first time).
        const delayed = (h: Float32Array) =>
          delayedIr(h, task.irGain, task.delayFrames, cache.scratch(delayedIrLength(h.length, task.delayFrames)));
        const spectra = cache.acquire(key, ir ? () => IrSpectra.of(module, delayed(ir), task.partition) : null);
        this.borrowed.push(key);
        return { input, spectra };
      }
      if (!ir) throw new Error('a render task path has neither an IR nor a cache to take its spectra from');
      return { input, ir: delayedIr(ir, task.irGain, task.delayFrames) };
    });
    this.convolver = terms.length ? new PartitionedConvolver(module, terms, task.partition, task.wetGain) : null;
    this.meter = new StreamMeter(task.sampleRate, task.from, Math.max(task.to, task.meterTo ?? 0), task.filterFrom);
    this.block = new Float32Array(task.partition);
    this.position = task.streamFrom;
  }

  /**
   * The next `frames` frames of input (`inputs[c]` per input channel; shorter or missing =
   * silence). Returns the output frames among them that fall in [from, to), and where they
   * start; in `reuse` when it is large enough.
   */
  push(
    inputs: readonly (Float32Array | undefined)[],
    frames: number,
    reuse?: ArrayBuffer,
  ): { position: number; data: Float32Array<ArrayBuffer> } {
    const { from, to, partition, dry } = this.task;
    const start = this.position;
    const emitFrom = Math.max(from, start);
    const count = Math.max(0, Math.min(to, start + frames) - emitFrom);
    const out =
      reuse && reuse.byteLength >= count * Float32Array.BYTES_PER_ELEMENT ? new Float32Array(reuse, 0, count) : new Float32Array(count);
    for (let at = 0; at < frames; at += partition) {
      const n = Math.min(partition, frames - at);
      const blocks = inputs.map((x) => x?.subarray(Math.min(at, x.length), at + n));
      const y = this.block;
      if (this.convolver) this.convolver.process(blocks, y);
      else y.fill(0);
      const x = dry ? blocks[dry.input] : undefined;
      if (dry && x) addScaled(y, x, dry.gain);
      const p = start + at;
      // The meter sees the frames from its run-in on; the caller gets those in [from, to).
      const metered = Math.max(p, this.task.filterFrom);
      if (metered < p + n) this.meter.push(y.subarray(metered - p, n));
      const a = Math.max(p, from);
      const b = Math.min(p + n, to);
      if (b > a) out.set(y.subarray(a - p, b - p), a - emitFrom);
    }
    this.position += frames;
    return { position: emitFrom, data: out };
  }

  /** Peak and loudness segments of the frames emitted. */
  finish(): ChannelMeasure {
    // The silence measured after B goes through the K-weighting too (its ringing counts, as in loudness.ts).
    if (this.task.meterTo !== undefined) this.meter.silenceUntil(this.task.meterTo);
    return this.meter.result();
  }

  dispose(): void {
    this.convolver?.dispose();
    for (const key of this.borrowed.splice(0)) this.cache?.release(key);
  }
}
