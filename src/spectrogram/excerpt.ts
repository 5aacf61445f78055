/**
 * What a tile needs of the clip, and how to compute a tile from just that: either one
 * contiguous stretch (zoomed in, frames overlap) or one window per frame (zoomed out, frames
 * far apart — a fit view of a 5-minute clip needs 1 / 6 of its samples).
 */
import type { Excerpt } from './protocol';
import type { PowerFft } from './fft-engine';
import { stftTile, type SpectrogramTile, type StftRange } from './stft';

/**
 * Largest excerpt sent with one request, samples over all channels (4 MB): a first picture of
 * 256 columns for a stereo clip at 2048 points, refined once the whole clip has arrived.
 */
export const EXCERPT_MAX_SAMPLES = 2 ** 20;

/** The sample span frames of `range` read: [first, end). */
export function spanOf(range: StftRange, size: number): [number, number] {
  const first = Math.round(range.start) - size / 2;
  const last = Math.round(range.start + (range.frames - 1) * range.hop) + size / 2;
  return [first, last];
}

/** At most this many columns keep an excerpt within EXCERPT_MAX_SAMPLES. */
export function excerptColumns(columns: number, range: StftRange, size: number, channelCount: number): number {
  if (range.hop < size) return columns;
  return Math.max(1, Math.min(columns, Math.floor(EXCERPT_MAX_SAMPLES / (size * channelCount))));
}

export function cutExcerpt(channels: readonly Float32Array[], range: StftRange, size: number): Excerpt {
  const [first, end] = spanOf(range, size);
  if (range.hop < size) {
    const offset = Math.max(0, first);
    return { contiguous: true, offset, channels: channels.map((ch) => ch.slice(offset, Math.min(ch.length, end))) };
  }
  const out = channels.map(() => new Float32Array(range.frames * size));
  for (let f = 0; f < range.frames; f++) {
    const from = Math.round(range.start + f * range.hop) - size / 2;
    channels.forEach((ch, c) => {
      const a = Math.max(0, from);
      const b = Math.min(ch.length, from + size);
      if (b > a) out[c].set(ch.subarray(a, b), f * size + (a - from));
    });
  }
  return { contiguous: false, offset: 0, channels: out };
}

export function tileFromExcerpt(e: Excerpt, sampleRate: number, fft: PowerFft, range: StftRange): SpectrogramTile {
  if (e.contiguous) {
    const tile = stftTile(e.channels, sampleRate, fft, { ...range, start: range.start - e.offset });
    return { ...tile, start: range.start };
  }
  const size = fft.size;
  const tile = stftTile(e.channels, sampleRate, fft, { start: size / 2, hop: size, frames: range.frames });
  return { ...tile, start: range.start, hop: range.hop };
}
