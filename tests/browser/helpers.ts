/** Shared helpers for browser tests: bundled samples decoded the way the app decodes them. */
import { fetchAndDecode } from '../../src/audio/decode';
import { findSample } from '../../src/samples/catalog';
import { channelViews } from '../../src/audio/buffer-channels';
import { CodedAudio, wholeChannelsInSteps, type ClipAudio } from '../../src/audio/coded-audio';

export async function loadSample(id: string): Promise<AudioBuffer> {
  const entry = findSample(id);
  if (!entry) throw new Error(`no bundled sample ${id}`);
  return (await fetchAndDecode(entry.url, entry.title)).buffer;
}

/** A decoded clip's channels (views on its own memory). One kept in its file has none here: read it with wholeOf. */
export function channelsOf(audio: ClipAudio): Float32Array<ArrayBuffer>[] {
  if (audio instanceof CodedAudio) throw new Error('This clip is kept in its file: read it with wholeOf.');
  return channelViews(audio);
}

/** Any clip's channels whole (a clip kept in its file is read from it). */
export const wholeOf = (audio: ClipAudio) => wholeChannelsInSteps(audio);

/**
 * A mono buffer of silence with one full-scale click, 1 ms wide by default: as dry as a
 * clip gets, with enough energy that its reverb tail is measurable (a single sample
 * carries 17 dB less energy than a 48-sample click).
 */
export function clickBuffer(seconds: number, clickAt: number, widthSamples = 48, sampleRate = 48_000): AudioBuffer {
  const buffer = new AudioBuffer({ length: Math.round(seconds * sampleRate), sampleRate, numberOfChannels: 1 });
  buffer.getChannelData(0).fill(1, Math.round(clickAt * sampleRate), Math.round(clickAt * sampleRate) + widthSamples);
  return buffer;
}

/** Pixels a wavesurfer view has painted (its canvases live in an open shadow root). */
export function paintedPixels(view: Element): number {
  const host = view.firstElementChild as HTMLElement | null;
  let painted = 0;
  for (const canvas of host?.shadowRoot?.querySelectorAll('canvas') ?? []) {
    if (!canvas.width || !canvas.height) continue;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  }
  return painted;
}
