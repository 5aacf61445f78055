/**
 * A 16-bit, 24-bit or 32-bit float WAV at the lab rate, read from its File straight into the
 * AudioBuffer a slice at a time. decodeAudioData holds the file's bytes, its own decoded
 * copy and the AudioBuffer at once — 2.1–2.4× the decoded samples at the peak (bench
 * figure 10's floor) —; this holds the AudioBuffer and one slice (blob-reader.ts), written
 * straight into the buffer's channels. The samples equal what Chromium's decodeAudioData
 * gives: 16-bit and 24-bit files are read as their codes (coded-audio.ts, which scales them
 * as Chromium does), float files as they are.
 *
 * Any size and up to 32 channels (an AudioBuffer's most): what decodeAudioData costs is a
 * multiple of the file whatever its size, and one reader for every WAV at the lab rate is one
 * path to trust. Other rates stay with decodeAudioData, which resamples off the page's thread
 * (a resampler here would be a second one to keep equal to it); so do 8-bit, 32-bit integer,
 * 64-bit float and μ/A-law files, rare enough not to be worth a reader each.
 */
import { parseBlob } from '../codec/byte-window';
import { waveLayout } from '../codec/riff';
import { wavePcmLayout } from '../codec/wav';
import { LAB_SAMPLE_RATE } from './constants';
import { blobReader } from './blob-reader';
import { channelViews } from './buffer-channels';
import { CodedAudio, eachRange } from './coded-audio';

/**
 * Bytes per slice read from the File (into one reused buffer). Where a Blob is no byte stream
 * each slice is a round trip to the blob store: 20 MB took 1.2 s in 128 KB slices and 0.3 s
 * in 1 MB ones here (a BYOB reader: 20–130 ms).
 */
const SLICE_BYTES = 1 << 20;
/** An AudioBuffer's most channels. */
const MAX_CHANNELS = 32;
const BYTES = { s16: 2, s24: 3, f32: 4 } as const;

export interface StreamableWav {
  /** Byte offset of the first frame. */
  offset: number;
  frames: number;
  channels: number;
  encoding: keyof typeof BYTES;
}

/** The layout of a WAV this module reads (16-bit, 24-bit or float, at the lab rate), else null. */
export async function streamableWav(file: Blob): Promise<StreamableWav | null> {
  const layout = await parseBlob(file, waveLayout).catch(() => undefined);
  if (!layout?.format || !layout.data || layout.format.sampleRate !== LAB_SAMPLE_RATE) return null;
  let pcm;
  try {
    pcm = wavePcmLayout(layout.format);
  } catch {
    return null;
  }
  const { encoding, channels, blockAlign } = pcm;
  if (
    !(encoding === 's16' || encoding === 's24' || encoding === 'f32') ||
    channels > MAX_CHANNELS ||
    blockAlign !== channels * BYTES[encoding]
  )
    return null;
  const frames = Math.floor(layout.data.bytes / blockAlign);
  return frames > 0 ? { offset: layout.data.offset, frames, channels, encoding } : null;
}

/**
 * The WAV's samples in a new AudioBuffer at the lab rate; `onProgress` gets the fraction read.
 * A 16-bit or 24-bit one is read through its codes (codedWav: the one place that scales them).
 */
export async function readWavFile(file: Blob, wav: StreamableWav, onProgress?: (fraction: number) => void): Promise<AudioBuffer> {
  const { frames, channels, encoding } = wav;
  const buffer = new AudioBuffer({ length: frames, numberOfChannels: channels, sampleRate: LAB_SAMPLE_RATE });
  // Written in place: the buffer is new and nothing plays it yet (no plane per channel to copy from).
  const planes = channelViews(buffer);
  if (encoding !== 'f32') {
    await eachRange(codedWav(file, wav), (range, at, to) => {
      range.forEach((x, c) => planes[c].set(x, at));
      onProgress?.(to / frames);
    });
    return buffer;
  }
  await eachSlice(file, wav, (slice, at, n) => {
    // The reader's buffer starts aligned for any view; WAV is little-endian, as is every platform here.
    const samples = new Float32Array(slice.buffer, 0, n * channels);
    for (let c = 0; c < channels; c++) {
      const plane = planes[c].subarray(at, at + n);
      for (let i = 0, p = c; i < n; i++, p += channels) plane[i] = samples[p];
    }
    onProgress?.((at + n) / frames);
  });
  return buffer;
}

/**
 * A 16-bit or 24-bit WAV kept as its file (coded-audio.ts): nothing is read here; every
 * reader reads the codes from the file when it needs them.
 */
export function codedWav(file: Blob, wav: StreamableWav): CodedAudio {
  const { offset, frames, channels, encoding } = wav;
  if (encoding === 'f32') throw new Error('Float WAVs are read by readWavFile.');
  const width = BYTES[encoding];
  return new CodedAudio({ blob: file, offset, width }, frames, channels, LAB_SAMPLE_RATE);
}

/** A float WAV's frames a slice at a time: `take(slice, at, n)` gets frames [at, at + n) from byte 0 of `slice`. */
async function eachSlice(
  file: Blob,
  wav: StreamableWav,
  take: (slice: Uint8Array<ArrayBuffer>, at: number, n: number) => void,
): Promise<void> {
  const { offset, frames, channels, encoding } = wav;
  const frameBytes = channels * BYTES[encoding];
  const sliceFrames = Math.max(1, Math.floor(SLICE_BYTES / frameBytes));
  const bytes = blobReader(file.slice(offset, offset + frames * frameBytes), sliceFrames * frameBytes);
  try {
    for (let at = 0; at < frames; at += sliceFrames) {
      const n = Math.min(sliceFrames, frames - at);
      take(await bytes.next(n * frameBytes), at, n);
    }
  } finally {
    bytes.close();
  }
}
