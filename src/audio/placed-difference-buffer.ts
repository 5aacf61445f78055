/**
 * The null test of two placed slots as an AudioBuffer (to draw or to save), worked out in
 * steps on the page straight into the buffer's own channels. Not in a worker: the slots'
 * results are AudioBuffers, so a worker would need every block copied out to it first,
 * which costs the page more than the subtraction itself.
 */
import { placedDifferenceInSteps, placedPolarityInSteps, type Placed } from '../analysis/placed-difference';
import { channelViews } from './buffer-channels';

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
