/**
 * Play a buffer once through the lab's own audio output (its Tone.js context at the lab
 * rate), straight to the speakers: not through the A/B chain, its output level or limiter,
 * which would shape what a room is meant to hear. Used for the measurement sweep and to
 * audition a captured IR (a Web Audio source, not a media element: the built page's CSP
 * allows no blob: media). Tone is imported on demand, so this costs nothing at page start.
 */
export class AudioNotAllowedError extends Error {}

export interface Playback {
  /** Resolves when the sound has finished or was stopped. */
  done: Promise<void>;
  stop(): void;
}

export async function playOnce(buffer: AudioBuffer): Promise<Playback> {
  const [{ ensureLabContext, resumeAudio }, { Player, ToneAudioBuffer }] = await Promise.all([import('../audio/context'), import('tone')]);
  ensureLabContext();
  if (!(await resumeAudio())) throw new AudioNotAllowedError('The browser has not allowed audio yet: click the button once more.');
  const player = new Player(new ToneAudioBuffer(buffer)).toDestination();
  const done = new Promise<void>((resolve) => {
    player.onstop = () => resolve();
    // onstop is the signal; this only guards against a context that stalls.
    setTimeout(resolve, (buffer.duration + 2) * 1000);
  }).finally(() => player.dispose());
  player.start();
  return { done, stop: () => player.stop() };
}

/** The sweep, mono at its own rate; resolves when it has been played. */
export async function playSweep(samples: Float32Array<ArrayBuffer>, sampleRate: number): Promise<void> {
  const buffer = new AudioBuffer({ length: samples.length, numberOfChannels: 1, sampleRate });
  buffer.copyToChannel(samples, 0);
  await (
    await playOnce(buffer)
  ).done;
}
