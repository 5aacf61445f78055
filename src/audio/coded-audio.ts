/**
 * A clip kept as its file's own 16-bit or 24-bit codes instead of Float32: half or three
 * quarters of an AudioBuffer's memory (bench figure 10: an extra dry slot must cost no more
 * than one decoded copy, and Float32 alone is that copy before anything else the slot needs).
 *
 * It reads like the parts of an AudioBuffer the lab's readers use (length, rate, channels,
 * `copyFromChannel`), so a reader that takes ranges takes either. Samples come out exactly as
 * Chromium's decodeAudioData gives them: negative 16-bit codes times 1/32768, positive ones
 * times 1/32767 in float32, 24-bit codes over 8388608 (exact). Readers take ranges (`rangeOf`);
 * what must have a whole Float32 copy (an export, a difference, a render's input) asks
 * `wholeChannelsInSteps` or `asAudioBuffer`, which make one for as long as that work runs;
 * playback reads it a second at a time (chunked-source.ts).
 */
import { inSteps, STEP_SAMPLES } from '../analysis/in-steps';

const NEGATIVE = 1 / 32768;
const POSITIVE = Math.fround(1 / 32767);

export type CodeWidth = 2 | 3;

export class CodedAudio {
  readonly length: number;
  readonly numberOfChannels: number;
  readonly sampleRate: number;
  /** Bytes per code. */
  readonly width: CodeWidth;
  /** One plane per channel: Int16 codes, or 24-bit little-endian codes three bytes each. */
  private readonly planes: (Int16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>)[];

  constructor(width: CodeWidth, length: number, numberOfChannels: number, sampleRate: number) {
    this.width = width;
    this.length = length;
    this.numberOfChannels = numberOfChannels;
    this.sampleRate = sampleRate;
    this.planes = Array.from({ length: numberOfChannels }, () => (width === 2 ? new Int16Array(length) : new Uint8Array(3 * length)));
  }

  get duration(): number {
    return this.length / this.sampleRate;
  }

  /** The memory the codes take. */
  get bytes(): number {
    return this.length * this.numberOfChannels * this.width;
  }

  /**
   * Take channel `c`'s codes for frames [at, at + n) from interleaved little-endian frames of
   * `channels` codes each (a WAV's data chunk), starting at byte 0 of `frames`.
   */
  writeInterleaved(frames: Uint8Array<ArrayBuffer>, channels: number, c: number, at: number, n: number): void {
    const plane = this.planes[c];
    if (plane instanceof Int16Array) {
      const codes = new Int16Array(frames.buffer, frames.byteOffset, n * channels);
      for (let i = 0, p = c; i < n; i++, p += channels) plane[at + i] = codes[p];
    } else {
      const step = 3 * channels;
      for (let i = 0, p = 3 * c, q = 3 * at; i < n; i++, p += step, q += 3) {
        plane[q] = frames[p];
        plane[q + 1] = frames[p + 1];
        plane[q + 2] = frames[p + 2];
      }
    }
  }

  /** As AudioBuffer.copyFromChannel: channel `channel` from frame `from` into `destination`, as far as both go. */
  copyFromChannel(destination: Float32Array, channel: number, from = 0): void {
    if (channel < 0 || channel >= this.numberOfChannels) throw new RangeError(`No channel ${channel} in ${this.numberOfChannels}.`);
    const n = Math.max(0, Math.min(destination.length, this.length - from));
    const plane = this.planes[channel];
    if (plane instanceof Int16Array) {
      for (let i = 0; i < n; i++) {
        const v = plane[from + i];
        destination[i] = v * (v < 0 ? NEGATIVE : POSITIVE);
      }
    } else {
      for (let i = 0, q = 3 * from; i < n; i++, q += 3)
        destination[i] = (plane[q] | (plane[q + 1] << 8) | ((plane[q + 2] << 24) >> 8)) / 8388608;
    }
  }
}

/** What a slot's source is held as: a decoded AudioBuffer, or its file's codes. */
export type ClipAudio = AudioBuffer | CodedAudio;

/**
 * The clip's channels whole, in Float32: the AudioBuffer's own memory (no copy), or a new
 * copy of coded samples that lives as long as the caller keeps it.
 */
export function wholeChannels(audio: ClipAudio): Float32Array<ArrayBuffer>[] {
  return Array.from({ length: audio.numberOfChannels }, (_, c) => {
    if (!(audio instanceof CodedAudio)) return audio.getChannelData(c);
    const x = new Float32Array(audio.length);
    audio.copyFromChannel(x, c, 0);
    return x;
  });
}

/**
 * wholeChannels a step at a time, a task between steps (a 10-minute clip's copy in one piece
 * would hold the page for over 100 ms). `into` makes the arrays (by default plain ones).
 */
export async function wholeChannelsInSteps(
  audio: ClipAudio,
  signal?: AbortSignal,
  into: (length: number, channels: number) => Float32Array<ArrayBuffer>[] = (length, channels) =>
    Array.from({ length: channels }, () => new Float32Array(length)),
): Promise<Float32Array<ArrayBuffer>[]> {
  if (!(audio instanceof CodedAudio)) return wholeChannels(audio);
  const out = into(audio.length, audio.numberOfChannels);
  await inSteps(audio.length, (from, to) => out.forEach((x, c) => audio.copyFromChannel(x.subarray(from, to), c, from)), {
    channels: audio.numberOfChannels,
    ...(signal ? { signal } : {}),
  });
  return out;
}

/** Buffers made from codes, while anything else still holds them: a slider moved renders the same clip again at once. */
const made = new WeakMap<CodedAudio, WeakRef<AudioBuffer>>();

/** The clip as an AudioBuffer (for Web Audio nodes that need one): itself, or one made from its codes in steps. */
export async function asAudioBuffer(audio: ClipAudio, signal?: AbortSignal): Promise<AudioBuffer> {
  if (!(audio instanceof CodedAudio)) return audio;
  const kept = made.get(audio)?.deref();
  if (kept) return kept;
  let buffer: AudioBuffer | null = null;
  await wholeChannelsInSteps(audio, signal, (length, numberOfChannels) => {
    const b = (buffer = new AudioBuffer({ length, numberOfChannels, sampleRate: audio.sampleRate }));
    return Array.from({ length: numberOfChannels }, (_, c) => b.getChannelData(c));
  });
  made.set(audio, new WeakRef(buffer!));
  return buffer!;
}

/**
 * Frames [from, to) of every channel, in Float32 and indexed from 0: views on an
 * AudioBuffer's memory, or coded samples copied into `scratch` (one array a channel, at least
 * `to − from` long, reused by the caller from range to range).
 */
export function rangeOf(audio: ClipAudio, from: number, to: number, scratch: Float32Array<ArrayBuffer>[]): Float32Array<ArrayBuffer>[] {
  const n = Math.max(0, Math.min(to, audio.length) - from);
  return Array.from({ length: audio.numberOfChannels }, (_, c) => {
    if (!(audio instanceof CodedAudio)) return audio.getChannelData(c).subarray(from, from + n);
    const into = scratch[c].subarray(0, n);
    audio.copyFromChannel(into, c, from);
    return into;
  });
}

/** rangeOf's scratch for ranges of up to `frames` frames (none needed for an AudioBuffer). */
export function rangeScratch(audio: ClipAudio, frames: number): Float32Array<ArrayBuffer>[] {
  return audio instanceof CodedAudio ? Array.from({ length: audio.numberOfChannels }, () => new Float32Array(frames)) : [];
}

/** Frames [from, to) of every channel as new arrays of their own (to transfer to a worker or keep). */
export function rangeCopy(audio: ClipAudio, from: number, to: number): Float32Array<ArrayBuffer>[] {
  const n = Math.max(0, Math.min(to, audio.length) - from);
  return Array.from({ length: audio.numberOfChannels }, (_, c) => {
    const x = new Float32Array(n);
    audio.copyFromChannel(x, c, from);
    return x;
  });
}

/**
 * Samples a step when a pass reads the clip a range at a time: an AudioBuffer's ranges are
 * views (in-steps.ts's step); coded samples are copied into scratch of this size, 0.5 MB, so
 * that a pass's garbage stays small (bench figure 10: 4 MB ranges cost a slot's import ~10 MB).
 */
export function stepSamplesOf(audio: ClipAudio): number {
  return audio instanceof CodedAudio ? 1 << 17 : STEP_SAMPLES;
}
