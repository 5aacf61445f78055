/**
 * Offline rendering of B: the clip through the same ProcessingChain the live player
 * uses, in Tone.Offline, long enough for the whole reverb tail (clip + IR length).
 */
import { Offline, Player, ToneAudioBuffer } from 'tone';
import { ProcessingChain } from './chain';
import type { ChainSettings } from './settings';

/** Seconds after the clip that B needs: the IR length (its tail), or nothing without reverb. */
export function tailSeconds(ir: AudioBuffer | null): number {
  return ir ? ir.duration : 0;
}

/**
 * Render `clip` through the chain. The result is always stereo (a stereo IR makes a
 * mono clip stereo) at the clip's sample rate — passed explicitly, because Tone.Offline
 * would otherwise read it from (and so create) the live AudioContext.
 */
export async function renderProcessed(clip: AudioBuffer, ir: AudioBuffer | null, settings: ChainSettings): Promise<AudioBuffer> {
  const duration = clip.duration + tailSeconds(ir);
  const rendered = await Offline(
    () => {
      const chain = new ProcessingChain(settings, ir);
      chain.output.toDestination();
      const player = new Player(new ToneAudioBuffer(clip));
      player.connect(chain.input);
      player.start(0);
    },
    duration,
    2,
    clip.sampleRate,
  );
  const out = rendered.get();
  if (!out) throw new Error('Offline render produced no audio');
  return out;
}
