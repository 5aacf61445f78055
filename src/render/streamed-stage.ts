/**
 * The compressor part of the chain rendered by the browser — the very Tone.js nodes the
 * live chain uses, DynamicsCompressorNode, makeup and the hidden makeup's compensation —
 * and handed to the render workers while it renders: an AudioWorklet tap
 * (stage-tap-processor.ts) posts it in batches, so the FFT convolution starts on the first
 * seconds instead of waiting for the whole render (on a 10 s clip the compressor's render
 * is about as long as the convolution), and batches every reader has passed are dropped,
 * so a film reel's compressed copy is never held whole.
 */
import tapUrl from './stage-tap-processor.ts?worker&url';
import type { StageBatch, StageTapOptions } from './stage-tap-processor';
import { buildOfflineChain, leadFrames, upToReverb } from '../audio/render';
import type { ChainSettings } from '../audio/settings';
import { abortError } from './render-pool';
import type { StageInput } from './stage-input';

/** Frames per batch from the tap. */
const BATCH_FRAMES = 2 ** 17;
/** Frames the stage may hold beyond its slowest reader before the browser's render waits: 2^20 (22 s at 48 kHz, 8 MB of stereo). */
const MAX_AHEAD_FRAMES = 2 ** 20;
/** The render stops to look at its readers every this many frames (a whole number of render quanta). */
const CHECK_FRAMES = 2 ** 18;
/** How long batches may trail the render's end before the stage counts as broken, ms. */
const LATE_BATCH_MS = 2000;

/** Start rendering the chain up to its reverb; resolves once the render has started. */
export async function streamCompressorStage(
  clip: AudioBuffer,
  settings: ChainSettings,
  compensationDb: number,
  signal?: AbortSignal,
): Promise<StageInput> {
  signal?.throwIfAborted();
  const channels = Math.min(2, clip.numberOfChannels);
  const before = upToReverb(settings);
  const skip = leadFrames(before, clip.sampleRate);
  // One destination channel: nothing reaches it, the tap takes the chain's output.
  const offline = new OfflineAudioContext(1, clip.length + skip, clip.sampleRate);
  // The worklet module loads on its own thread while the chain is built here.
  const loading = offline.audioWorklet.addModule(tapUrl);
  const graph = buildOfflineChain(clip, null, before, compensationDb, 1, clip.length, offline);
  try {
    await loading;
    signal?.throwIfAborted();
  } catch (err) {
    graph.dispose();
    throw err;
  }
  const options: StageTapOptions = { skip, length: clip.length, channels, batch: BATCH_FRAMES };
  const tap = new AudioWorkletNode(offline, 'canyon-stage-tap', {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    // Exactly the stage's channels: a mono clip stays mono, more than two are down-mixed
    // to stereo (speakers), as the ConvolverNode and the stereo output would.
    channelCount: channels,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
    processorOptions: options,
  });
  graph.connect(tap);
  const stage = new StreamedStage(channels, clip.length, () => graph.dispose());
  tap.port.onmessage = (event: MessageEvent<StageBatch>) => stage.add(event.data);
  // Back pressure: the render pauses while the stage holds too much its readers have not passed.
  for (let frame = CHECK_FRAMES; frame < clip.length + skip; frame += CHECK_FRAMES) {
    offline
      .suspend(frame / clip.sampleRate)
      .then(() => stage.whenRoom())
      .then(() => offline.resume())
      .catch((err: unknown) => stage.fail(err instanceof Error ? err : new Error(String(err))));
  }
  offline.startRendering().then(
    () => {
      graph.dispose();
      stage.rendered();
    },
    (err: unknown) => stage.fail(err instanceof Error ? err : new Error(String(err))),
  );
  return stage;
}

class StreamedStage implements StageInput {
  /** Batch k holds frames [k · BATCH_FRAMES, …); undefined once released (or not yet here). */
  private readonly batches: (Float32Array[] | undefined)[] = [];
  private available = 0;
  private releasedBatches = 0;
  private failure: Error | null = null;
  private readonly waiters: { frame: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  /** The render, paused until readers release enough. */
  private roomWaiters: (() => void)[] = [];

  constructor(
    readonly channelCount: number,
    readonly length: number,
    private readonly stopRendering: () => void,
  ) {}

  add(batch: StageBatch): void {
    if (this.failure) return;
    const k = batch.from / BATCH_FRAMES;
    if (k >= this.releasedBatches) this.batches[k] = batch.channels;
    this.available = batch.from + batch.channels[0].length;
    for (const w of this.waiters.filter((w) => w.frame <= this.available)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
  }

  /** The offline render is over: its last batches are at most a few messages behind. */
  rendered(): void {
    if (this.available >= this.length) return;
    setTimeout(() => {
      if (this.available < this.length)
        this.fail(new Error(`the compressor's render stopped at frame ${this.available} of ${this.length}`));
    }, LATE_BATCH_MS);
  }

  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.batches.length = 0;
    for (const w of this.waiters.splice(0)) w.reject(err);
    this.freeRoom(); // the render runs on to its end (on silence once disposed)
  }

  /** Frames held that some reader may still ask for. */
  get heldFrames(): number {
    return this.failure ? 0 : Math.max(0, this.available - this.releasedBatches * BATCH_FRAMES);
  }

  /** Resolves once the stage holds at most MAX_AHEAD_FRAMES (at once if it does). */
  whenRoom(): Promise<void> {
    if (this.heldFrames <= MAX_AHEAD_FRAMES) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  private freeRoom(): void {
    if (this.heldFrames > MAX_AHEAD_FRAMES) return;
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }

  whenReadable(frame: number): Promise<void> | null {
    const target = Math.min(frame, this.length);
    if (this.failure) return Promise.reject(this.failure);
    if (this.available >= target) return null;
    return new Promise((resolve, reject) => this.waiters.push({ frame: target, resolve, reject }));
  }

  read(c: number, from: number, to: number, into: Float32Array): number {
    const end = Math.min(to, this.length, this.available, from + into.length);
    for (let at = from; at < end;) {
      const k = Math.floor(at / BATCH_FRAMES);
      const batch = this.batches[k];
      if (!batch) throw new Error(`stage frames ${at}… were read after being released`);
      const offset = at - k * BATCH_FRAMES;
      const n = Math.min(end - at, batch[c].length - offset);
      into.set(batch[c].subarray(offset, offset + n), at - from);
      at += n;
    }
    return Math.max(0, end - from);
  }

  release(frame: number): void {
    const upTo = Math.floor(frame / BATCH_FRAMES);
    for (let k = this.releasedBatches; k < upTo; k++) this.batches[k] = undefined;
    this.releasedBatches = Math.max(this.releasedBatches, upTo);
    this.freeRoom();
  }

  dispose(): void {
    // The offline render cannot be stopped; without its source it ends on cheap silence.
    this.stopRendering();
    this.fail(abortError());
  }
}
