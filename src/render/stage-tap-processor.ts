/**
 * AudioWorklet processor (runs on the audio rendering thread): taps the compressor's
 * offline render as it goes and posts it in batches, so the convolution workers start on
 * the first seconds while the rest is still being rendered. Drops the first `skip` frames
 * (pre-roll and the chain's latency, as B is aligned) and stops after `length` more.
 */

// The AudioWorkletGlobalScope's own names, which TypeScript's DOM library leaves out.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor): void;

export interface StageTapOptions {
  skip: number;
  length: number;
  channels: number;
  /** Frames per message. */
  batch: number;
}

/** A message from the tap: frames [from, from + channels[0].length) of each channel. */
export interface StageBatch {
  from: number;
  channels: Float32Array<ArrayBuffer>[];
}

class StageTap extends AudioWorkletProcessor {
  private readonly options: StageTapOptions;
  /** Frames of the render seen so far, the skipped ones included. */
  private rendered = 0;
  private batch: Float32Array<ArrayBuffer>[];
  private batchFrom = 0;
  private filled = 0;

  constructor(options: AudioWorkletNodeOptions) {
    super();
    this.options = options.processorOptions as StageTapOptions;
    this.batch = this.newBatch();
  }

  process(inputs: Float32Array[][]): boolean {
    const { skip, length, channels } = this.options;
    const input = inputs[0] ?? [];
    const quantum = input[0]?.length ?? 128;
    let at = Math.max(0, skip - this.rendered); // first frame of this quantum to keep
    while (at < quantum && this.batchFrom + this.filled < length) {
      const n = Math.min(quantum - at, this.batch[0].length - this.filled, length - this.batchFrom - this.filled);
      for (let c = 0; c < channels; c++) {
        // No input (nothing connected any more) is silence, already in the fresh batch.
        const x = input[c] ?? input[0];
        if (x) this.batch[c].set(x.subarray(at, at + n), this.filled);
      }
      this.filled += n;
      at += n;
      if (this.filled === this.batch[0].length || this.batchFrom + this.filled === length) this.send();
    }
    this.rendered += quantum;
    return this.batchFrom < length;
  }

  private send(): void {
    const channels = this.batch.map((c) => c.subarray(0, this.filled));
    this.port.postMessage(
      { from: this.batchFrom, channels } satisfies StageBatch,
      this.batch.map((c) => c.buffer),
    );
    this.batchFrom += this.filled;
    this.filled = 0;
    this.batch = this.newBatch();
  }

  private newBatch(): Float32Array<ArrayBuffer>[] {
    return Array.from({ length: this.options.channels }, () => new Float32Array(this.options.batch));
  }
}

registerProcessor('canyon-stage-tap', StageTap);
