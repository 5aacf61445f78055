/**
 * Turning bytes into an AudioBuffer the lab can use, with the reasons it cannot in
 * words a user understands. Decoding uses a throwaway OfflineAudioContext at the lab
 * rate, so it needs no user gesture and never creates the live AudioContext.
 */
import { LAB_SAMPLE_RATE } from './constants';
import { EXTENSIONS, sniffAudio } from './sniff';

/** Shorter than this is not a clip anyone can hear or measure. */
export const MIN_CLIP_SECONDS = 0.01;
/** Longer than this works, but rendering and analysis take a while: say so. */
export const LONG_CLIP_SECONDS = 600;

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

/**
 * Decode `bytes` (which stay intact: decodeAudioData gets a copy, since it detaches
 * what it is given) and say what was done to them on the way.
 */
export async function decodeAudio(bytes: ArrayBuffer, name: string): Promise<DecodedClip> {
  if (bytes.byteLength === 0) throw new AudioInputError(`“${name}” is empty (0 bytes).`);
  const header = sniffAudio(bytes);
  const notes: string[] = [];
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext && header.format !== 'unknown' && !EXTENSIONS[header.format].includes(ext)) {
    notes.push(`“${name}” is named .${ext} but is a ${header.format.toUpperCase()} file; it was read as what it is.`);
  }
  const ctx = new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await ctx.decodeAudioData(bytes.slice(0));
  } catch {
    throw new AudioInputError(
      header.format === 'unknown'
        ? `“${name}” is not an audio file this browser can read (WAV, MP3, Ogg/Opus, FLAC, AAC/M4A).`
        : `“${name}” looks like ${header.format.toUpperCase()} but could not be decoded: the file is corrupt or truncated.`,
    );
  }
  if (buffer.length === 0) throw new AudioInputError(`“${name}” decoded to no audio at all.`);
  if (buffer.duration < MIN_CLIP_SECONDS) {
    throw new AudioInputError(`“${name}” is only ${(buffer.duration * 1000).toFixed(2)} ms long: too short to hear or measure (at least ${MIN_CLIP_SECONDS * 1000} ms).`);
  }
  checkSamples(buffer, name);
  if (header.sampleRate && header.sampleRate !== LAB_SAMPLE_RATE) {
    notes.push(`Resampled from ${header.sampleRate / 1000} kHz to ${LAB_SAMPLE_RATE / 1000} kHz, the lab's rate.`);
  }
  if (buffer.numberOfChannels > 2) {
    notes.push(`${buffer.numberOfChannels} channels: heard down-mixed to stereo, measured on all channels.`);
  }
  if (buffer.duration > LONG_CLIP_SECONDS) {
    notes.push(`A long clip (${Math.round(buffer.duration / 60)} min): rendering B and measuring take a while.`);
  }
  return { buffer, notes };
}

/** Rejects NaN/Inf samples (they would poison every filter downstream) and all-silent clips. */
function checkSamples(buffer: AudioBuffer, name: string): void {
  let peak = 0;
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (!Number.isFinite(v)) throw new AudioInputError(`“${name}” contains invalid samples (NaN or infinity).`);
      const a = Math.abs(v);
      if (a > peak) peak = a;
    }
  }
  if (peak === 0) throw new AudioInputError(`“${name}” is completely silent.`);
}

export async function fetchAndDecode(url: string, name: string): Promise<DecodedClip> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new AudioInputError(`“${name}” could not be fetched.`);
  }
  if (!response.ok) throw new AudioInputError(`“${name}” could not be fetched (HTTP ${response.status}).`);
  return decodeAudio(await response.arrayBuffer(), name);
}
