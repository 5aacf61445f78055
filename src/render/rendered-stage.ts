/**
 * The compressor part of the chain rendered by the browser in one go, for clips short
 * enough to hold whole (ONE_SHOT_FRAMES), as a bare native graph: source →
 * DynamicsCompressorNode → makeup gain → compensation gain, rendered into the
 * OfflineAudioContext's own destination. It equals the live chain's Tone.js nodes
 * (ProcessingChain with the compressor selected: every other node on that path is a gain
 * of exactly 1, the bypass a gain of exactly 0) to the bit — a browser test keeps that
 * honest — and costs about 30 % less CPU than building and rendering the Tone.js chain.
 * For the same reason a gain of exactly 1 (0 dB makeup, no compensation) is left out.
 * Streaming it through an AudioWorklet tap (streamed-stage.ts, for film-length clips) lets
 * the workers start early, but costs a JavaScript call on the audio thread every 128
 * frames: on a 10 s stereo clip the tap made the compressor's render about twice as long.
 */
import { channelViews } from '../audio/buffer-channels';
import { CHAIN_LATENCY_FRAMES } from '../audio/constants';
import { leadFrames, untilAborted } from '../audio/render';
import type { ChainSettings } from '../audio/settings';
import { stageInMemory, type StageInput } from './stage-input';

/** Clips up to this many frames (43.7 s at 48 kHz, 16 MB of stereo) have their compressor stage rendered whole. */
export const ONE_SHOT_FRAMES = 2 ** 21;

/** Frames in a render quantum: an OfflineAudioContext suspends on their boundaries. */
const QUANTUM = 128;

/** Decibels to a gain factor, as Tone.js converts its 'decibels' gains (so both graphs get the same float). */
function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** The stage, and the buffer the browser rendered it into (the stage is a view on it, `leadFrames` on). */
export type RenderedStage = StageInput & { readonly rendered: AudioBuffer };

/**
 * Render the chain up to its reverb for a mono or stereo clip; frame n of the stage is
 * what frame n of the clip became. `frames`: how long the render is, at least the clip
 * and its lead (the default); a longer one is silence after the clip, made cheaply (the
 * compressor passes silence on once its input is silent).
 */
export async function renderCompressorStage(
  clip: AudioBuffer,
  settings: ChainSettings,
  compensationDb: number,
  signal?: AbortSignal,
  frames = clip.length + leadFrames(settings, clip.sampleRate),
): Promise<RenderedStage> {
  signal?.throwIfAborted();
  if (clip.numberOfChannels > 2) throw new Error('renderCompressorStage takes a mono or stereo clip');
  const rate = clip.sampleRate;
  const skip = leadFrames(settings, rate);
  if (frames < clip.length + skip)
    throw new Error(`a compressor stage of ${clip.length} frames needs a render of ${clip.length + skip}, not ${frames}`);
  const offline = new OfflineAudioContext(clip.numberOfChannels, frames, rate);
  const c = settings.compressor;
  const source = new AudioBufferSourceNode(offline, { buffer: clip });
  const compressor = new DynamicsCompressorNode(offline, {
    threshold: c.threshold,
    ratio: c.ratio,
    attack: c.attack,
    release: c.release,
    knee: c.knee,
  });
  // Two gains, not their product in one: the same two float32 roundings as the chain's makeup and compensation.
  const gains = [dbToGain(c.makeup), dbToGain(compensationDb)].filter((g) => Math.fround(g) !== 1);
  const last = gains.reduce<AudioNode>((node, gain) => node.connect(new GainNode(offline, { gain })), source.connect(compressor));
  last.connect(offline.destination);
  // The clip starts after the compressor's pre-roll: frame `skip` of the render is frame 0 of the stage.
  source.start((skip - CHAIN_LATENCY_FRAMES) / rate);
  // Past the stage, a longer render is silence: the graph is cut off there (the compressor would go on working on silence).
  const stageEnd = Math.ceil((clip.length + skip) / QUANTUM) * QUANTUM;
  if (stageEnd < frames)
    void offline.suspend(stageEnd / rate).then(() => {
      last.disconnect();
      return offline.resume();
    });
  const raw = await untilAborted(offline.startRendering(), signal);
  const stage = stageInMemory({ channels: channelViews(raw).map((ch) => ch.subarray(skip, skip + clip.length)), tail: null });
  return { ...stage, rendered: raw };
}
