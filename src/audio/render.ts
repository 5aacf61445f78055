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
 * the clip: the chain's fixed latency is rendered and then cut off the front, so
 * sample n of B is what sample n of A became.
 */
export async function renderProcessed(
  clip: AudioBuffer,
  ir: AudioBuffer | null,
  settings: ChainSettings,
  compensationDb = 0,
): Promise<AudioBuffer> {
  const latency = CHAIN_LATENCY_FRAMES / clip.sampleRate;
  const duration = clip.duration + tailSeconds(ir);
  const rendered = await Offline(
    () => {
      const chain = new ProcessingChain(settings, ir, compensationDb);
      chain.output.toDestination();
      const player = new Player(new ToneAudioBuffer(clip));
      player.connect(chain.input);
      player.start(0);
    },
    duration + latency,
    2,
    clip.sampleRate,
  );
  const raw = rendered.get();
  if (!raw) throw new Error('Offline render produced no audio');
  const length = Math.round(duration * clip.sampleRate);
  const aligned = new AudioBuffer({ length, numberOfChannels: raw.numberOfChannels, sampleRate: raw.sampleRate });
  for (let c = 0; c < raw.numberOfChannels; c++) {
    aligned.copyToChannel(raw.getChannelData(c).subarray(CHAIN_LATENCY_FRAMES, CHAIN_LATENCY_FRAMES + length), c);
  }
  return aligned;
}
