/**
 * Files the browser does not decode but the lab can: AIFF/AIFF-C, Sun audio, 64-bit
 * float WAV, and WAVs at sample rates Chromium refuses. Read here into channels at the
 * file's own rate, then brought to the lab rate: by the browser's resampler (handed a
 * 32-bit float WAV of them) where it accepts the rate, else by the lab's own
 * band-limited resampler.
 */
import { resample } from '../analysis/resample';
import { decodeAiff } from '../codec/aiff';
import { auLayout, auPcmLayout } from '../codec/au';
import { ByteWindow } from '../codec/byte-window';
import { readPcm } from '../codec/pcm';
import { decodeWav, encodeWav } from '../codec/wav';
import { bufferOf } from './buffer-channels';
import { LAB_SAMPLE_RATE } from './constants';
import { BROWSER_RATES, type SniffResult } from './sniff';

export interface NativeAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** The samples of a file the lab decodes itself, at the file's own rate. */
export function decodeOwn(bytes: Uint8Array, decoder: Exclude<SniffResult['decoder'], 'browser'>): NativeAudio {
  if (decoder === 'wav') return decodeWav(bytes);
  if (decoder === 'aiff') return decodeAiff(bytes);
  const a = auLayout(new ByteWindow(bytes.length, bytes));
  if (!a) throw new Error('not a Sun audio file');
  const pcm = auPcmLayout(a);
  const held = a.data.bytes - (a.data.bytes % pcm.blockAlign);
  return { sampleRate: a.sampleRate, channels: readPcm(bytes.subarray(a.data.offset, a.data.offset + held), pcm) };
}

/** The audio as an AudioBuffer at the lab rate. */
export async function atLabRate(audio: NativeAudio): Promise<AudioBuffer> {
  const { sampleRate, channels } = audio;
  if (sampleRate === LAB_SAMPLE_RATE) return bufferOf(channels, sampleRate);
  if (sampleRate < BROWSER_RATES.min || sampleRate > BROWSER_RATES.max) {
    return bufferOf(
      channels.map((c) => resample(c, sampleRate, LAB_SAMPLE_RATE)),
      LAB_SAMPLE_RATE,
    );
  }
  // decodeAudioData resamples with a proper sinc filter, off the main thread.
  const wav = encodeWav({ sampleRate, channels }, 'float32');
  return new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE).decodeAudioData(wav.buffer);
}
