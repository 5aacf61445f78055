/**
 * A long 16-bit or 32-bit float WAV at the lab rate, read from its File straight into the
 * AudioBuffer a slice at a time. decodeAudioData holds the file's bytes, its own decoded
 * copy and the AudioBuffer at once — 2.4–3× the decoded samples at the peak for a dry slot
 * (bench figure 10) —; this holds the AudioBuffer and one slice (blob-reader.ts), written
 * straight into the buffer's channels. The samples equal what Chromium's decodeAudioData
 * gives: 16-bit codes are scaled as it scales them (negative ones by 1/32768, positive ones
 * by 1/32767 in float32).
 */
import { parseBlob } from '../codec/byte-window';
import { waveLayout } from '../codec/riff';
import { wavePcmLayout } from '../codec/wav';
import { LAB_SAMPLE_RATE } from './constants';
import { blobReader } from './blob-reader';

/** Smaller files go to decodeAudioData: what it copies of them is small. */
export const STREAM_MIN_BYTES = 4 << 20;
/**
 * Frames per slice read from the File: 1 MB of 16-bit stereo (into one reused buffer). Where a
 * Blob is no byte stream each slice is a round trip to the blob store: 20 MB took 1.2 s in
 * 128 KB slices and 0.3 s in 1 MB ones here (a BYOB reader: 20–130 ms).
 */
const SLICE_FRAMES = 1 << 18;
/** Chromium multiplies by these in float32. */
const NEGATIVE = 1 / 32768;
const POSITIVE = Math.fround(1 / 32767);

export interface StreamableWav {
  /** Byte offset of the first frame. */
  offset: number;
  frames: number;
  channels: number;
  encoding: 's16' | 'f32';
}

/** The layout of a WAV this module reads (mono or stereo, 16-bit or float, at the lab rate), else null. */
export async function streamableWav(file: Blob, minBytes = STREAM_MIN_BYTES): Promise<StreamableWav | null> {
  if (file.size < minBytes) return null;
  const layout = await parseBlob(file, waveLayout).catch(() => undefined);
  if (!layout?.format || !layout.data || layout.format.sampleRate !== LAB_SAMPLE_RATE) return null;
  let pcm;
  try {
    pcm = wavePcmLayout(layout.format);
  } catch {
    return null;
  }
  const { encoding, channels, blockAlign } = pcm;
  if ((encoding !== 's16' && encoding !== 'f32') || channels > 2 || blockAlign !== channels * (encoding === 's16' ? 2 : 4)) return null;
  const frames = Math.floor(layout.data.bytes / blockAlign);
  return frames > 0 ? { offset: layout.data.offset, frames, channels, encoding } : null;
}

/** The WAV's samples in a new AudioBuffer at the lab rate; `onProgress` gets the fraction read. */
export async function readWavFile(file: Blob, wav: StreamableWav, onProgress?: (fraction: number) => void): Promise<AudioBuffer> {
  const { offset, frames, channels, encoding } = wav;
  const buffer = new AudioBuffer({ length: frames, numberOfChannels: channels, sampleRate: LAB_SAMPLE_RATE });
  // Written in place: the buffer is new and nothing plays it yet (no plane per channel to copy from).
  const planes = Array.from({ length: channels }, (_, c) => buffer.getChannelData(c));
  const frameBytes = channels * (encoding === 's16' ? 2 : 4);
  const bytes = blobReader(file.slice(offset, offset + frames * frameBytes), SLICE_FRAMES * frameBytes);
  try {
    for (let at = 0; at < frames; at += SLICE_FRAMES) {
      const n = Math.min(SLICE_FRAMES, frames - at);
      const slice = await bytes.next(n * frameBytes);
      // Both readers' buffers start aligned for either view; WAV is little-endian, as is every platform here.
      const samples = encoding === 's16' ? new Int16Array(slice.buffer, 0, n * channels) : new Float32Array(slice.buffer, 0, n * channels);
      for (let c = 0; c < channels; c++) {
        const plane = planes[c];
        if (encoding === 's16')
          for (let i = 0, p = c; i < n; i++, p += channels) plane[at + i] = samples[p] * (samples[p] < 0 ? NEGATIVE : POSITIVE);
        else for (let i = 0, p = c; i < n; i++, p += channels) plane[at + i] = samples[p];
      }
      onProgress?.((at + n) / frames);
    }
  } finally {
    bytes.close();
  }
  return buffer;
}
