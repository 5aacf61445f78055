/**
 * The null test of two placed slots as an AudioBuffer (to draw or to save), worked out in
 * steps on the page straight into the buffer's own channels. Not in a worker: the slots'
 * results are AudioBuffers, so a worker would need every block copied out to it first,
 * which costs the page more than the subtraction itself.
 */
import { fromDb } from '../analysis/levels';
import { placedDifferenceInSteps, placedPolarityInSteps, type Placed } from '../analysis/placed-difference';
import { channelViews } from './buffer-channels';
import { wholeChannelsInSteps, type ClipAudio } from './coded-audio';

/** A slot's audio as the null test takes it: at its offset on the timeline, at its trim (a clip read from its file made whole in steps). */
export async function placedClip(audio: ClipAudio, offsetSeconds: number, trimDb: number, signal?: AbortSignal): Promise<Placed> {
  return { channels: await wholeChannelsInSteps(audio, signal), start: Math.round(offsetSeconds * audio.sampleRate), gain: fromDb(trimDb) };
}

/** X − polarity·Y (polarity found first when not given); rejects once `signal` is aborted. */
export async function placedDifferenceBuffer(
  x: Placed,
  y: Placed,
  sampleRate: number,
  options: { polarity?: 1 | -1; signal?: AbortSignal } = {},
): Promise<AudioBuffer> {
  const { signal } = options;
  const polarity = options.polarity ?? (await placedPolarityInSteps(x, y, signal));
  let buffer: AudioBuffer | null = null;
  await placedDifferenceInSteps(x, y, polarity, {
    signal,
    into: (length, numberOfChannels) => channelViews((buffer = new AudioBuffer({ length, numberOfChannels, sampleRate }))),
  });
  return buffer!;
}
