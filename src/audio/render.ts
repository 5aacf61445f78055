/**
 * Offline rendering through the browser's own nodes: the clip through the same
 * ProcessingChain the live player uses, in an OfflineAudioContext. Two uses:
 * - buildOfflineChain / bypassStage: the chain up to the reverb (compressor, makeup, the
 *   hidden makeup's compensation). The lab's render of B (src/render/render-processed.ts)
 *   takes this from the real DynamicsCompressorNode and convolves it by FFT in workers.
 * - renderProcessedByNodes: the whole chain, ConvolverNode included — B as the browser
 *   renders it (16× real time here), kept as the reference the FFT render is tested
 *   against (bench figure 1 times both).
 *
 * Why not Tone.Offline: before rendering a single sample it runs Tone's JavaScript clock
 * through the whole duration — an event every 128 frames, and a setTimeout pause every
 * second of audio — which nothing in this graph is scheduled on. That cost ~12 % on a
 * 14 s render and seconds on a 10-minute one (bench figure 1). Instead the chain is built
 * in a Tone Context over a plain OfflineAudioContext, which then renders at once.
 */
import { Context, Player, ToneAudioBuffer, getContext, setContext } from 'tone';
import { ProcessingChain } from './chain';
import { CHAIN_LATENCY_FRAMES } from './constants';
import { bufferOf, channelViews } from './buffer-channels';
import { defaultSettings, type ChainSettings } from './settings';
import { renderedLength } from './render-length';

/**
 * Silence rendered before the clip, seconds. Chromium's DynamicsCompressorNode starts
 * in a fully compressed state and releases from it over its release time (measured: a
 * −11 dBFS tone comes out 12 dB low in its first 10 ms). Live, the compressor has been
 * idling in silence long before anyone presses play; offline we give it the same
 * chance, so B's render starts the way B sounds.
 */
export function preRollSeconds(settings: ChainSettings): number {
  return settings.compressor.enabled ? 3 * settings.compressor.release + 0.05 : 0;
}

export interface StageOptions {
  signal?: AbortSignal;
}

/** A ProcessingChain over an OfflineAudioContext, the clip playing into it, not yet rendered. */
export interface OfflineChain {
  offline: OfflineAudioContext;
  /** Frames to cut off the render's front (pre-roll + the chain's fixed latency): then frame n is what frame n of the clip became. */
  skip: number;
  /** Connect the chain's output (to the destination, or a tap). */
  connect(destination: AudioNode): void;
  /** Release the Tone.js nodes (after rendering, or to stop feeding a render that is no longer wanted). */
  dispose(): void;
}

/** Frames rendered before frame 0 of B: the compressor's pre-roll and the chain's fixed latency. */
export function leadFrames(settings: ChainSettings, sampleRate: number): number {
  return Math.round(preRollSeconds(settings) * sampleRate) + CHAIN_LATENCY_FRAMES;
}

/**
 * Build the chain for `clip` in `offline` (by default a new OfflineAudioContext of
 * `channels` × (`length` + leadFrames) frames).
 */
export function buildOfflineChain(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb: number,
  channels: number,
  length: number,
  offline = new OfflineAudioContext(channels, length + leadFrames(settings, clip.sampleRate), clip.sampleRate),
): OfflineChain {
  const rate = clip.sampleRate;
  const skip = leadFrames(settings, rate);
  const preRollFrames = skip - CHAIN_LATENCY_FRAMES;
  // 'offline' clock source: no ticker at all; lookAhead 0: now() is the render's own time.
  const context = new Context({ context: offline, clockSource: 'offline', lookAhead: 0 });
  const previous = getContext();
  setContext(context); // Tone nodes pick up the global context when they are made
  try {
    const chain = new ProcessingChain(settings, ir, compensationDb);
    const player = new Player(new ToneAudioBuffer(clip));
    player.connect(chain.input);
    player.start(preRollFrames / rate);
    return { offline, skip, connect: (destination) => chain.output.connect(destination), dispose: () => context.dispose() };
  } finally {
    setContext(previous);
  }
}

/** The settings of the chain up to its reverb: the same, reverb off (dry at full level). */
export function upToReverb(settings: ChainSettings): ChainSettings {
  return { reverb: { ...settings.reverb, enabled: false }, compressor: { ...settings.compressor } };
}

/** Render a chain built by buildOfflineChain into its destination; see OfflineChain for `skip`. */
export async function renderChain(graph: OfflineChain, options: StageOptions = {}): Promise<{ raw: AudioBuffer; skip: number }> {
  if (options.signal?.aborted) {
    graph.dispose();
    options.signal.throwIfAborted();
  }
  graph.connect(graph.offline.destination);
  try {
    // A cancelled render is left to finish in the background (an OfflineAudioContext cannot
    // be stopped) and its result dropped; the caller is answered at once.
    return { raw: await untilAborted(graph.offline.startRendering(), options.signal), skip: graph.skip };
  } finally {
    graph.dispose();
  }
}

/** `work`, or a rejection as soon as `signal` fires (the work itself goes on; its result is dropped). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () =>
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('The render was cancelled.', 'AbortError'));
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Render `clip` through the whole chain with the browser's ConvolverNode. The result is
 * stereo (a stereo IR makes a mono clip stereo) at the clip's sample rate, whatever the
 * live context's rate, clip + IR long, and time-aligned with the clip: sample n of B is
 * what sample n of A became.
 */
export async function renderProcessedByNodes(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
): Promise<AudioBuffer> {
  const length = renderedLength(clip, ir);
  const { raw, skip } = await renderChain(buildOfflineChain(clip, ir, settings, compensationDb, 2, length));
  const aligned = new AudioBuffer({ length, numberOfChannels: raw.numberOfChannels, sampleRate: clip.sampleRate });
  for (let c = 0; c < raw.numberOfChannels; c++) {
    aligned.copyToChannel(raw.getChannelData(c).subarray(skip, skip + length), c);
  }
  return aligned;
}

/** The chain up to its reverb with the compressor off, aligned like B: see bypassStage. */
export interface Stage {
  /** One or two channels, clip-long. Views (on the clip or the render), never to be written to. */
  channels: Float32Array[];
  /** Frames from `from` on that differ from `channels`: read them from here instead. */
  tail: { from: number; channels: Float32Array[] } | null;
}

/**
 * Frames at the end of a stereo clip rendered by the browser even with the compressor off.
 * When the source stops, the chain's inputs turn mono and Chromium's DelayNode (the
 * bypass) hands out the stereo frames still inside it down-mixed, (L + R) / 2 on both
 * sides: up to its 288 frames plus the rest of the render quantum the source ended in.
 */
const STEREO_TAIL_FRAMES = 1024;

/**
 * Copy the stage's channel `c`, frames [from, to), into `into` from its start. Returns
 * the frames copied: fewer past the stage's end, 0 when none are left.
 */
export function readStage(stage: Stage, c: number, from: number, to: number, into: Float32Array): number {
  const channel = stage.channels[c];
  const end = Math.min(to, channel.length, from + into.length);
  if (from >= end) return 0;
  into.set(channel.subarray(from, end));
  const tail = stage.tail;
  if (tail && end > tail.from) {
    const start = Math.max(from, tail.from);
    into.set(tail.channels[c].subarray(start - tail.from, end - tail.from), start - from);
  }
  return end - from;
}

/**
 * The chain up to its reverb when the compressor is off, for a mono or stereo clip: an
 * exact delay there, cut off again, so the clip itself — except the last frames of a
 * stereo clip, which the browser renders from a short excerpt (in whole render quanta, so
 * its source stops where the whole clip's would). With the compressor on, the browser
 * renders that part of the chain in full: src/render/streamed-stage.ts.
 */
export async function bypassStage(clip: AudioBuffer, options: StageOptions = {}): Promise<Stage> {
  options.signal?.throwIfAborted();
  if (clip.numberOfChannels > 2) throw new Error('bypassStage takes a mono or stereo clip');
  const whole = channelViews(clip);
  if (clip.numberOfChannels === 1) return { channels: whole, tail: null };
  let tail = stereoTails.get(clip);
  if (!tail) {
    const quantum = 128;
    const from = Math.max(0, Math.floor((clip.length - STEREO_TAIL_FRAMES) / quantum) * quantum);
    const excerpt = bufferOf(
      whole.map((c) => c.subarray(from)),
      clip.sampleRate,
    );
    // Compressor and reverb off (the defaults' compressor is off): the bypass alone.
    const { raw, skip } = await renderChain(
      buildOfflineChain(excerpt, null, upToReverb(defaultSettings('')), 0, 2, excerpt.length),
      options,
    );
    tail = { from, channels: channelViews(raw).map((c) => c.subarray(skip, skip + excerpt.length)) };
    stereoTails.set(clip, tail);
  }
  return { channels: whole, tail };
}

/**
 * The browser's rendering of each stereo clip's last frames with the compressor off. It
 * depends on the clip alone, and building the Tone.js chain for it costs the page 10–30 ms:
 * kept for the next render of the same clip (a slider moved).
 */
const stereoTails = new WeakMap<AudioBuffer, NonNullable<Stage['tail']>>();
