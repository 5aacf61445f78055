/**
 * Turning bytes into an AudioBuffer the lab can use, with the reasons it cannot in
 * words a user understands. Decoding uses a throwaway OfflineAudioContext at the lab
 * rate, so it needs no user gesture and never creates the live AudioContext.
 */
import { LAB_SAMPLE_RATE } from './constants';

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

export async function decodeAudio(bytes: ArrayBuffer, name: string): Promise<DecodedClip> {
  if (bytes.byteLength === 0) throw new AudioInputError(`“${name}” is empty (0 bytes).`);
  const ctx = new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await ctx.decodeAudioData(bytes);
  } catch {
    throw new AudioInputError(`“${name}” could not be decoded: it is corrupt or not an audio format this browser can read.`);
  }
  if (buffer.length === 0) throw new AudioInputError(`“${name}” decoded to no audio at all.`);
  checkSamples(buffer, name);
  return { buffer, notes: [] };
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
