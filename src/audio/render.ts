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
import type { ChainSettings } from './settings';

/** Seconds after the clip that B needs: the IR length (its tail), or nothing without reverb. */
export function tailSeconds(ir: AudioBuffer | null): number {
  return ir ? ir.duration : 0;
}

/**
 * Render `clip` through the chain. The result is always stereo (a stereo IR makes a
 * mono clip stereo) at the clip's sample rate, whatever the live context's rate.
 */
export async function renderProcessed(clip: AudioBuffer, ir: AudioBuffer | null, settings: ChainSettings): Promise<AudioBuffer> {
  const frames = clip.length + Math.round(tailSeconds(ir) * clip.sampleRate);
  const offline = new OfflineAudioContext(2, frames, clip.sampleRate);
  // 'offline' clock source: no ticker at all; lookAhead 0: now() is the render's own time.
  const context = new Context({ context: offline, clockSource: 'offline', lookAhead: 0 });
  const previous = getContext();
  setContext(context); // Tone nodes pick up the global context when they are made
  try {
    const chain = new ProcessingChain(settings, ir);
    chain.output.connect(offline.destination);
    const player = new Player(new ToneAudioBuffer(clip));
    player.connect(chain.input);
    player.start(0);
  } finally {
    setContext(previous);
  }
  try {
    return await offline.startRendering();
  } finally {
    context.dispose();
  }
}
