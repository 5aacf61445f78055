/**
 * The one place that turns an AudioBuffer into channel arrays and back. Views share the
 * buffer's memory (no copy: megabytes per channel); copies are for handing data to a
 * worker or to storage, where the buffer must stay intact.
 */
import { inSteps } from '../analysis/in-steps';

/** The buffer's channels as views on its own memory: writing to them changes the buffer. */
export function channelViews(buffer: AudioBuffer): Float32Array<ArrayBuffer>[] {
  return Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
}

/** Copies of the buffer's channels, safe to transfer to a worker or keep in IndexedDB. */
export function channelCopies(buffer: AudioBuffer): Float32Array<ArrayBuffer>[] {
  return Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c).slice());
}

/** An AudioBuffer holding `channels` (copied in) at `sampleRate`. */
export function bufferOf(channels: readonly Float32Array[], sampleRate: number): AudioBuffer {
  const length = Math.max(1, ...channels.map((c) => c.length));
  const buffer = new AudioBuffer({ length, numberOfChannels: Math.max(1, channels.length), sampleRate });
  channels.forEach((data, c) => buffer.copyToChannel(data as Float32Array<ArrayBuffer>, c));
  return buffer;
}

/**
 * bufferOf a step at a time, a task between steps: copying a long clip in one piece holds the
 * page while its fresh memory is touched (a 3-minute stereo clip: 270 ms here).
 */
export async function bufferOfInSteps(channels: readonly Float32Array[], sampleRate: number): Promise<AudioBuffer> {
  const length = Math.max(1, ...channels.map((c) => c.length));
  const buffer = new AudioBuffer({ length, numberOfChannels: Math.max(1, channels.length), sampleRate });
  await inSteps(
    length,
    (from, to) => channels.forEach((data, c) => buffer.copyToChannel((data as Float32Array<ArrayBuffer>).subarray(from, to), c, from)),
    {
      channels: channels.length,
    },
  );
  return buffer;
}
