/**
 * Play the measurement sweep through the lab's own audio output (its Tone.js context at
 * the lab rate), straight to the speakers: not through the A/B chain, its output level or
 * limiter, which would shape what the room is meant to hear. Tone is imported on demand,
 * so this module costs nothing at page start.
 */
export class AudioNotAllowedError extends Error {}

/** Resolves when the sweep has finished playing. */
export async function playSweep(samples: Float32Array<ArrayBuffer>, sampleRate: number): Promise<void> {
  const [{ ensureLabContext, resumeAudio }, { Player, ToneAudioBuffer }] = await Promise.all([import('../audio/context'), import('tone')]);
  ensureLabContext();
  if (!(await resumeAudio())) throw new AudioNotAllowedError('The browser has not allowed audio yet: click the button once more.');
  const buffer = new AudioBuffer({ length: samples.length, numberOfChannels: 1, sampleRate });
  buffer.copyToChannel(samples, 0);
  const player = new Player(new ToneAudioBuffer(buffer)).toDestination();
  try {
    await new Promise<void>((resolve) => {
      player.onstop = () => resolve();
      player.start();
      // onstop is the signal; this only guards against a context that stalls.
      setTimeout(resolve, (buffer.duration + 2) * 1000);
    });
  } finally {
    player.dispose();
  }
}
