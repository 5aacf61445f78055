/**
 * Offline rendering of B: the clip through the same ProcessingChain the live player
 * uses, in Tone.Offline, long enough for the whole reverb tail (clip + IR length).
 */
import { Offline, Player, ToneAudioBuffer } from 'tone';
import { ProcessingChain } from './chain';
import { CHAIN_LATENCY_FRAMES } from './constants';
import type { ChainSettings } from './settings';

/** Seconds after the clip that B needs: the IR length (its tail), or nothing without reverb. */
export function tailSeconds(ir: AudioBuffer | null): number {
  return ir ? ir.duration : 0;
}

/**
 * Render `clip` through the chain. The result is stereo (a stereo IR makes a mono clip
 * stereo) at the clip's sample rate — passed explicitly, because Tone.Offline would
 * otherwise read it from (and so create) the live AudioContext — and time-aligned with
 * the clip: the pre-roll and the chain's fixed latency are rendered and then cut off
 * the front, so sample n of B is what sample n of A became.
 */
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

export async function renderProcessed(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
): Promise<AudioBuffer> {
  const preRollFrames = Math.round(preRollSeconds(settings) * clip.sampleRate);
  const skip = preRollFrames + CHAIN_LATENCY_FRAMES;
  const duration = clip.duration + tailSeconds(ir);
  const rendered = await Offline(
    () => {
      const chain = new ProcessingChain(settings, ir, compensationDb);
      chain.output.toDestination();
      const player = new Player(new ToneAudioBuffer(clip));
      player.connect(chain.input);
      player.start(preRollFrames / clip.sampleRate);
    },
    duration + skip / clip.sampleRate,
    2,
    clip.sampleRate,
  );
  const raw = rendered.get();
  if (!raw) throw new Error('Offline render produced no audio');
  const length = Math.round(duration * clip.sampleRate);
  const aligned = new AudioBuffer({ length, numberOfChannels: raw.numberOfChannels, sampleRate: raw.sampleRate });
  for (let c = 0; c < raw.numberOfChannels; c++) {
    aligned.copyToChannel(raw.getChannelData(c).subarray(skip, skip + length), c);
  }
  return aligned;
}
