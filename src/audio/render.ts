/**
 * Offline rendering of B: the clip through the same ProcessingChain the live player
 * uses, long enough for the whole reverb tail (clip + IR length).
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
import type { ChainSettings } from './settings';

/** Seconds after the clip that B needs: the IR length (its tail), or nothing without reverb. */
export function tailSeconds(ir: AudioBuffer | null): number {
  return ir ? ir.duration : 0;
}

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

/**
 * Render `clip` through the chain. The result is stereo (a stereo IR makes a mono clip
 * stereo) at the clip's sample rate, whatever the live context's rate, and time-aligned
 * with the clip: the pre-roll and the chain's fixed latency are rendered and then cut
 * off the front, so sample n of B is what sample n of A became.
 */
export async function renderProcessed(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
): Promise<AudioBuffer> {
  const rate = clip.sampleRate;
  const preRollFrames = Math.round(preRollSeconds(settings) * rate);
  const skip = preRollFrames + CHAIN_LATENCY_FRAMES;
  const length = clip.length + Math.round(tailSeconds(ir) * rate);
  const offline = new OfflineAudioContext(2, length + skip, rate);
  // 'offline' clock source: no ticker at all; lookAhead 0: now() is the render's own time.
  const context = new Context({ context: offline, clockSource: 'offline', lookAhead: 0 });
  const previous = getContext();
  setContext(context); // Tone nodes pick up the global context when they are made
  try {
    const chain = new ProcessingChain(settings, ir, compensationDb);
    chain.output.connect(offline.destination);
    const player = new Player(new ToneAudioBuffer(clip));
    player.connect(chain.input);
    player.start(preRollFrames / rate);
  } finally {
    setContext(previous);
  }
  let raw: AudioBuffer;
  try {
    raw = await offline.startRendering();
  } finally {
    context.dispose();
  }
  const aligned = new AudioBuffer({ length, numberOfChannels: raw.numberOfChannels, sampleRate: rate });
  for (let c = 0; c < raw.numberOfChannels; c++) {
    aligned.copyToChannel(raw.getChannelData(c).subarray(skip, skip + length), c);
  }
  return aligned;
}
