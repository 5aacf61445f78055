/**
 * Turning bytes into an AudioBuffer the lab can use, with the reasons it cannot in
 * words a user understands. Decoding uses a throwaway OfflineAudioContext at the lab
 * rate, so it needs no user gesture and never creates the live AudioContext.
 */
import { LAB_SAMPLE_RATE } from './constants';
import { EXTENSIONS, SNIFF_BYTES, estimateLength, sniffAudio, type LengthEstimate } from './sniff';

/** Shorter than this is not a clip anyone can hear or measure. */
export const MIN_CLIP_SECONDS = 0.01;
/** Longer than this works, but rendering and analysis take a while: say so. */
export const LONG_CLIP_SECONDS = 60;
/**
 * The longest audio the lab opens. Every minute of stereo at 48 kHz is 23 MB of float
 * samples, and the lab holds several of them at once (A, B with its tail, A − B, the
 * offline render, the copies the analysis worker measures). Measured in Chromium on
 * a stereo clip: 5 min peaks at 1.2 GB, 10 min at 2 GB, and the loudness, null test
 * and copies after each render block the page for seconds, growing with the length.
 * An hour would need about 9 GB and crash the tab. So: 5 minutes, and longer files are
 * refused with a message — before decoding whenever the headers give the length.
 */
export const MAX_CLIP_SECONDS = 300;
/** Files bigger than this are not even read into memory (5 min of 8-channel 192 kHz float is 1.8 GB). */
export const MAX_FILE_BYTES = 2 ** 31;

/** A problem with the user's audio that the UI shows as it is. */
export class AudioInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioInputError';
  }
}

export interface DecodedClip {
  buffer: AudioBuffer;
  /** Notes for the user about what was done to the audio (resampling, …). */
  notes: string[];
}

export interface DecodeOptions {
  /**
   * Reject NaN/Inf and all-silent audio (default). Impulse responses turn this off and
   * are checked by validateImpulseResponse instead, whose words are about reverbs.
   */
  checkSamples?: boolean;
  /** Longest clip accepted, seconds (default MAX_CLIP_SECONDS; the bench times longer ones). */
  maxSeconds?: number;
  /**
   * The caller does not need `bytes` afterwards: decode them in place (decodeAudioData
   * detaches them) instead of copying first — a 10-minute WAV is 115 MB to copy.
   */
  consume?: boolean;
}

/**
 * The checks that need no decoding, on the file itself: empty, too big to read, or
 * (from its header) too long. Cheap: reads 64 KB from each end.
 */
export async function checkFile(file: File): Promise<void> {
  if (file.size === 0) throw new AudioInputError(`“${file.name}” is empty (0 bytes).`);
  if (file.size > MAX_FILE_BYTES) {
    throw new AudioInputError(
      `“${file.name}” is ${(file.size / 2 ** 30).toFixed(1)} GB: too big to open in a browser tab (at most ${MAX_FILE_BYTES / 2 ** 30} GB, and ${MAX_CLIP_SECONDS / 60} minutes).`,
    );
  }
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const tail = file.size > SNIFF_BYTES ? new Uint8Array(await file.slice(-SNIFF_BYTES).arrayBuffer()) : head;
  refuseTooLong(estimateLength(head, file.size, tail)?.seconds, file.name);
}

function refuseTooLong(seconds: number | undefined, name: string, limit = MAX_CLIP_SECONDS): void {
  if (seconds === undefined || seconds <= limit) return;
  // Minutes and seconds, so 5 min 20 s never reads as "5 minutes" next to the 5-minute limit.
  let minutes = Math.floor(seconds / 60);
  let rest = Math.round(seconds - 60 * minutes);
  if (rest === 60) [minutes, rest] = [minutes + 1, 0];
  const length = seconds >= 5940 ? `${(seconds / 3600).toFixed(1)} hours` : rest ? `${minutes} min ${rest} s` : `${minutes} minutes`;
  throw new AudioInputError(
    `“${name}” is ${length} long: the lab opens up to ${MAX_CLIP_SECONDS / 60} minutes (a longer clip would need gigabytes of memory to render and compare). Cut out the part you want to compare and add that.`,
  );
}

/**
 * Decode `bytes` (which stay intact unless `consume`: decodeAudioData gets a copy, since
 * it detaches what it is given) and say what was done to them on the way.
 */
export async function decodeAudio(bytes: ArrayBuffer, name: string, options: DecodeOptions = {}): Promise<DecodedClip> {
  if (bytes.byteLength === 0) throw new AudioInputError(`“${name}” is empty (0 bytes).`);
  const header = sniffAudio(bytes);
  const notes: string[] = [];
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext && header.format !== 'unknown' && !EXTENSIONS[header.format].includes(ext)) {
    notes.push(`“${name}” is named .${ext} but is a ${header.format.toUpperCase()} file; it was read as what it is.`);
  }
  const all = new Uint8Array(bytes);
  const length: LengthEstimate | undefined = estimateLength(all, all.length, all.subarray(Math.max(0, all.length - SNIFF_BYTES)));
  // Before decoding: an hour of audio would be expanded into gigabytes first.
  refuseTooLong(length?.seconds, name, options.maxSeconds);
  const ctx = new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await ctx.decodeAudioData(options.consume ? bytes : bytes.slice(0));
  } catch {
    throw new AudioInputError(
      header.format === 'unknown'
        ? `“${name}” is not an audio file this browser can read (WAV, MP3, Ogg/Opus, FLAC, AAC/M4A, WebM).`
        : `“${name}” looks like ${header.format.toUpperCase()} but could not be decoded: the file is corrupt or truncated.`,
    );
  }
  if (buffer.length === 0) throw new AudioInputError(`“${name}” decoded to no audio at all.`);
  if (buffer.duration < MIN_CLIP_SECONDS) {
    throw new AudioInputError(
      `“${name}” is only ${(buffer.duration * 1000).toFixed(2)} ms long: too short to hear or measure (at least ${MIN_CLIP_SECONDS * 1000} ms).`,
    );
  }
  // Formats whose headers do not give the length (WebM: what MediaRecorder writes) are caught here.
  refuseTooLong(buffer.duration, name, options.maxSeconds);
  if (options.checkSamples ?? true) checkSamples(buffer, name);
  if (length?.declaredSeconds !== undefined) {
    notes.push(
      `“${name}” is cut short: its header promises ${length.declaredSeconds.toFixed(2)} s but it holds ${length.seconds.toFixed(2)} s (an interrupted download or copy?). The part that is there was loaded.`,
    );
  }
  if (header.sampleRate && header.sampleRate !== LAB_SAMPLE_RATE) {
    notes.push(`Resampled from ${header.sampleRate / 1000} kHz to ${LAB_SAMPLE_RATE / 1000} kHz, the lab's rate.`);
  }
  if (buffer.numberOfChannels > 2) {
    notes.push(`${buffer.numberOfChannels} channels: heard down-mixed to stereo, measured on all channels.`);
  }
  if (buffer.duration > LONG_CLIP_SECONDS) {
    notes.push(
      `A long clip (${(buffer.duration / 60).toFixed(1)} min): rendering B and measuring take a while, and the page may pause for a moment after each change.`,
    );
  }
  return { buffer, notes };
}

/** Rejects NaN/Inf samples (they would poison every filter downstream) and all-silent clips. */
function checkSamples(buffer: AudioBuffer, name: string): void {
  let sum = 0;
  let audible = false;
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const data = buffer.getChannelData(c);
    // A plain sum in doubles cannot overflow on float32 samples (at most 3.4e38 each,
    // far fewer than 1e270 of them), so it ends non-finite exactly when one sample is
    // NaN or ±infinity; a branch-free pass costs about as much as reading the samples.
    for (let i = 0; i < data.length; i++) sum += data[i];
    if (!audible) audible = data.some((v) => v !== 0); // stops at the first sound
  }
  if (!Number.isFinite(sum)) throw new AudioInputError(`“${name}” contains invalid samples (NaN or infinity).`);
  if (!audible) throw new AudioInputError(`“${name}” is completely silent.`);
}

export async function fetchAndDecode(url: string, name: string, options: DecodeOptions = {}): Promise<DecodedClip> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new AudioInputError(`“${name}” could not be fetched.`);
  }
  if (!response.ok) throw new AudioInputError(`“${name}” could not be fetched (HTTP ${response.status}).`);
  return decodeAudio(await response.arrayBuffer(), name, { consume: true, ...options });
}
