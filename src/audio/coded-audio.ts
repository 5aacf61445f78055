/**
 * A user's 16-bit or 24-bit WAV at the lab rate, kept as its file and read from it a range at
 * a time whenever a pass or the playback needs samples, as a DAW streams from disk: a dry slot
 * holds none of its samples in memory (bench figure 10: an extra dry slot may cost at most one
 * decoded copy, and its codes held in memory were already half of one). The file read is the
 * one the user chose until its copy in IndexedDB is written, then that copy (`moveTo`): a file
 * the user changes on disk afterwards is not read again.
 *
 * Samples come out exactly as Chromium's decodeAudioData gives them: negative 16-bit codes
 * times 1/32768, positive ones times 1/32767 in float32, 24-bit codes over 8388608 (exact).
 * Passes read ranges (`eachRange`, `rangeReader`, `readRange`); what must have a whole Float32
 * copy (an export, a difference, a render's input) asks `wholeChannelsInSteps` or
 * `asAudioBuffer`, which make one for as long as that work runs; playback reads a second at a
 * time ahead of the clock (chunked-source.ts).
 */
import { inSteps, nextTask, TASK_BUDGET_MS } from '../analysis/in-steps';
import { blobReader, type BlobReader } from './blob-reader';
import { channelViews } from './buffer-channels';
import { SharedWork } from './shared-work';
import { AudioInputError } from './input-error';

const NEGATIVE = 1 / 32768;
const POSITIVE = Math.fround(1 / 32767);

export type CodeWidth = 2 | 3;

/** Where a clip's codes are: its WAV file, the byte its first frame starts at, and the codes' width. */
export interface CodeFile {
  blob: Blob;
  offset: number;
  width: CodeWidth;
}

export class CodedAudio {
  readonly length: number;
  readonly numberOfChannels: number;
  readonly sampleRate: number;
  /** Bytes per code. */
  readonly width: CodeWidth;
  private blob: Blob;
  private readonly offset: number;

  /** `file`: where the interleaved little-endian codes are. */
  constructor(file: CodeFile, length: number, numberOfChannels: number, sampleRate: number) {
    if (file.blob.size < file.offset + length * numberOfChannels * file.width)
      throw new RangeError('The file holds fewer frames than the clip.');
    this.blob = file.blob;
    this.offset = file.offset;
    this.width = file.width;
    this.length = length;
    this.numberOfChannels = numberOfChannels;
    this.sampleRate = sampleRate;
  }

  get duration(): number {
    return this.length / this.sampleRate;
  }

  /** The codes' bytes, on disk: none of them are held in memory. */
  get bytes(): number {
    return this.length * this.numberOfChannels * this.width;
  }

  /** Where the codes are read from now (a worker can read them from there too). */
  get file(): CodeFile {
    return { blob: this.blob, offset: this.offset, width: this.width };
  }

  /** The same file in another Blob (its copy kept in IndexedDB): read from there from now on. */
  moveTo(blob: Blob): void {
    if (blob.size === this.blob.size) this.blob = blob;
  }

  /** A reader of the codes in order from frame `from`, `largest` frames a read at most; `reuse`: an earlier reader's spare buffer. */
  open(from: number, largest: number, reuse: ArrayBuffer | null): BlobReader {
    const frameBytes = this.numberOfChannels * this.width;
    return blobReader(
      this.blob.slice(this.offset + from * frameBytes, this.offset + this.length * frameBytes),
      largest * frameBytes,
      reuse,
    );
  }

  /** `n` interleaved frames of codes (from byte 0 of `bytes`) into channels `into`, scaled as decodeAudioData scales them. */
  decode(bytes: Uint8Array<ArrayBuffer>, n: number, into: Float32Array[]): void {
    const channels = this.numberOfChannels;
    if (this.width === 2) {
      const codes = new Int16Array(bytes.buffer, bytes.byteOffset, n * channels);
      into.forEach((x, c) => {
        for (let i = 0, p = c; i < n; i++, p += channels) {
          const v = codes[p];
          x[i] = v * (v < 0 ? NEGATIVE : POSITIVE);
        }
      });
    } else {
      const step = 3 * channels;
      into.forEach((x, c) => {
        for (let i = 0, q = 3 * c; i < n; i++, q += step) x[i] = (bytes[q] | (bytes[q + 1] << 8) | ((bytes[q + 2] << 24) >> 8)) / 8388608;
      });
    }
  }
}

/** When a read last let the thread run other tasks. */
let since = -Infinity;

/**
 * A new task when reads have held the thread for TASK_BUDGET_MS: bytes a stream already holds
 * answer a read at once, and a pass then chains its reads as microtasks of one task (a
 * 4-minute clip's whole copy: 250 ms of CPU in one task, the long-clip test's limit is 100).
 */
async function nextTaskWhenDue(): Promise<void> {
  if (performance.now() - since < TASK_BUDGET_MS) return;
  await nextTask();
  since = performance.now();
}

const quoted = (blob: Blob) => (blob instanceof File && blob.name ? `“${blob.name}”` : 'The clip’s file');

/** What a slot's source is held as: a decoded AudioBuffer, or its file's codes. */
export type ClipAudio = AudioBuffer | CodedAudio;

/**
 * Reads a clip's ranges. `read(from, to, into?)`: frames [from, to) of every channel, cut at
 * the clip's end, indexed from 0 — into `into` when given, else views valid until the next
 * read (on an AudioBuffer's own memory, or on the reader's scratch). Reads may be asked
 * before the last one is done: they are answered in turn.
 */
export interface RangeReader {
  read(from: number, to: number, into?: Float32Array[]): Promise<Float32Array<ArrayBuffer>[]>;
  close(): void;
}

/** A reader of `audio`'s ranges of up to `largest` frames (a clip from its file reads forward in one stream until it jumps). */
export function rangeReader(audio: ClipAudio, largest: number): RangeReader {
  if (audio instanceof CodedAudio) return new CodeReader(audio, largest);
  const span = (from: number, to: number) => Math.max(0, Math.min(to, audio.length) - from);
  return {
    read: (from, to, into) => {
      const n = span(from, to);
      return Promise.resolve(
        Array.from({ length: audio.numberOfChannels }, (_, c) => {
          if (!into) return audio.getChannelData(c).subarray(from, from + n);
          const x = into[c].subarray(0, n) as Float32Array<ArrayBuffer>;
          audio.copyFromChannel(x, c, from);
          return x;
        }),
      );
    },
    close: () => {},
  };
}

class CodeReader implements RangeReader {
  private bytes: BlobReader | null = null;
  /** The frame the open stream reads next. */
  private at = -1;
  private spare: ArrayBuffer | null = null;
  private scratch: Float32Array<ArrayBuffer>[] | null = null;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audio: CodedAudio,
    private readonly largest: number,
  ) {}

  read(from: number, to: number, into?: Float32Array[]): Promise<Float32Array<ArrayBuffer>[]> {
    const next = this.turn.then(() => this.readNow(from, to, into));
    this.turn = next.catch(() => {});
    return next;
  }

  private async readNow(from: number, to: number, into?: Float32Array[]): Promise<Float32Array<ArrayBuffer>[]> {
    const { audio } = this;
    const n = Math.max(0, Math.min(to, audio.length) - from);
    if (n > this.largest && !into) throw new RangeError(`A read of ${n} frames is past this reader's ${this.largest}.`);
    const out = (into ?? (this.scratch ??= Array.from({ length: audio.numberOfChannels }, () => new Float32Array(this.largest)))).map(
      (x) => x.subarray(0, n) as Float32Array<ArrayBuffer>,
    );
    if (!n) return out;
    if (!this.bytes || this.at !== from) {
      this.close();
      this.bytes = audio.open(from, this.largest, this.spare);
    }
    // A read longer than the reader's buffer (into arrays of the caller's) comes in pieces of it.
    try {
      for (let done = 0; done < n;) {
        const k = Math.min(this.largest, n - done);
        const bytes = await this.bytes.next(k * audio.numberOfChannels * audio.width);
        await nextTaskWhenDue();
        audio.decode(
          bytes,
          k,
          out.map((x) => x.subarray(done, done + k)),
        );
        done += k;
      }
    } catch (err) {
      this.close();
      // Read from the file the user chose until its copy in IndexedDB is written (or when none could be): it may be gone.
      throw new AudioInputError(
        `${quoted(audio.file.blob)} can no longer be read: was the file moved, changed or deleted since it was added? (${String(err)})`,
      );
    }
    this.at = from + n;
    return out;
  }

  close(): void {
    if (!this.bytes) return;
    this.spare = this.bytes.spare();
    this.bytes.close();
    this.bytes = null;
    this.at = -1;
  }
}

/** Frames a read when a pass reads a clip from its file: 0.25 MB a channel of scratch. */
export const CODE_RANGE_FRAMES = 1 << 16;

/**
 * `visit(channels, from, to)` over the whole clip a range at a time, in order (true: stop).
 * An AudioBuffer's ranges are views, in steps with a task between them (in-steps.ts); a
 * clip's file is read forward a range at a time, each read a wait of its own.
 */
export async function eachRange(
  audio: ClipAudio,
  visit: (channels: Float32Array<ArrayBuffer>[], from: number, to: number) => boolean | void,
  options: { signal?: AbortSignal; frames?: number } = {},
): Promise<void> {
  const { signal } = options;
  if (!(audio instanceof CodedAudio)) {
    const channels = channelViews(audio);
    let stopped = false;
    await inSteps(
      audio.length,
      (from, to) =>
        void (stopped ||=
          visit(
            channels.map((x) => x.subarray(from, to)),
            from,
            to,
          ) === true),
      {
        channels: channels.length,
        ...(options.frames ? { stepSamples: options.frames * channels.length } : {}),
        ...(signal ? { signal } : {}),
      },
    );
    return;
  }
  const frames = options.frames ?? CODE_RANGE_FRAMES;
  const reader = rangeReader(audio, frames);
  try {
    for (let from = 0; from < audio.length; from += frames) {
      signal?.throwIfAborted();
      const to = Math.min(audio.length, from + frames);
      if (visit(await reader.read(from, to), from, to) === true) return;
    }
  } finally {
    reader.close();
  }
}

/** Frames [from, to) of every channel as new arrays of their own (to transfer to a worker or keep). */
export async function readRange(audio: ClipAudio, from: number, to: number): Promise<Float32Array<ArrayBuffer>[]> {
  const n = Math.max(0, Math.min(to, audio.length) - from);
  const into = Array.from({ length: audio.numberOfChannels }, () => new Float32Array(n));
  if (!n) return into;
  // A long range is read in pieces of the usual size into the arrays made here.
  const reader = rangeReader(audio, Math.min(n, CODE_RANGE_FRAMES));
  try {
    return await reader.read(from, to, into);
  } finally {
    reader.close();
  }
}

/** A clip read from its file, made whole in an AudioBuffer a range at a time (a new task between ranges). */
async function readWhole(audio: CodedAudio, signal: AbortSignal): Promise<AudioBuffer> {
  const buffer = new AudioBuffer({ length: audio.length, numberOfChannels: audio.numberOfChannels, sampleRate: audio.sampleRate });
  const out = channelViews(buffer);
  const reader = rangeReader(audio, CODE_RANGE_FRAMES);
  try {
    for (let from = 0; from < audio.length; from += CODE_RANGE_FRAMES) {
      signal.throwIfAborted();
      const to = Math.min(audio.length, from + CODE_RANGE_FRAMES);
      await reader.read(
        from,
        to,
        out.map((x) => x.subarray(from, to)),
      );
    }
  } finally {
    reader.close();
  }
  made.set(audio, new WeakRef(buffer));
  return buffer;
}

/** Whole copies made, while anything else still holds them: a slider moved renders the same clip again at once. */
const made = new WeakMap<CodedAudio, WeakRef<AudioBuffer>>();

/** Whole copies a pass made on its way, held until asked for once (or for OFFER_MS): nothing else holds them yet. */
const offered = new WeakMap<CodedAudio, AudioBuffer>();
const OFFER_MS = 10_000;

/**
 * Make `audio` whole from a pass that reads it for its own ends (the import's survey, when a
 * processed slot is about to render the clip): `add` every range read, `keep` once the pass
 * has read it all; the next asAudioBuffer takes that copy instead of reading the file again.
 */
export function wholeAlongside(audio: CodedAudio): { add: (channels: readonly Float32Array[], from: number) => void; keep: () => void } {
  const buffer = new AudioBuffer({ length: audio.length, numberOfChannels: audio.numberOfChannels, sampleRate: audio.sampleRate });
  const out = channelViews(buffer);
  return {
    add: (channels, from) => channels.forEach((x, c) => out[c].set(x, from)),
    keep: () => {
      made.set(audio, new WeakRef(buffer));
      offered.set(audio, buffer);
      setTimeout(() => offered.get(audio) === buffer && offered.delete(audio), OFFER_MS);
    },
  };
}

/** Whole copies being read, one read for every caller at a time (the last to leave stops it). */
const reads = new SharedWork(readWhole);

/** `promise`, or a rejection with `signal`'s reason once it is aborted first. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * The clip as an AudioBuffer (for Web Audio nodes that need one, and passes that need it
 * whole): itself, or one read from its file in steps. Every caller at a time shares one
 * read (a render, the null test and a histogram all wanted one at once: three reads of the
 * file side by side, bench figure 12), and a copy still held elsewhere is not read again.
 */
export async function asAudioBuffer(audio: ClipAudio, signal?: AbortSignal): Promise<AudioBuffer> {
  if (!(audio instanceof CodedAudio)) return audio;
  signal?.throwIfAborted();
  const kept = offered.get(audio) ?? made.get(audio)?.deref();
  offered.delete(audio);
  return kept ?? untilAborted(reads.join(audio, signal), signal);
}

/**
 * The clip's channels whole, in Float32: an AudioBuffer's own memory (no copy), or the
 * channels of its copy read from the file (asAudioBuffer), which live as long as the caller keeps them.
 */
export async function wholeChannelsInSteps(audio: ClipAudio, signal?: AbortSignal): Promise<Float32Array<ArrayBuffer>[]> {
  return channelViews(await asAudioBuffer(audio, signal));
}
