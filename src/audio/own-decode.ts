/**
 * Files the browser does not decode but the lab can: AIFF/AIFF-C, Sun audio, 64-bit
 * float WAV, and WAVs at sample rates Chromium refuses. Read into channels at the file's
 * own rate, then brought to the lab rate: by the browser's resampler (handed a 32-bit
 * float WAV of them) where it accepts the rate, else by the lab's own band-limited
 * resampler. The reading and the lab's resampling run in a worker (own-decode-worker.ts):
 * on the page a 5-minute 24-bit AIFF held it for 0.6 s and a minute at 2 kHz for 0.7 s.
 */
import { resample } from '../analysis/resample';
import { decodeAiff } from '../codec/aiff';
import { auLayout, auPcmLayout } from '../codec/au';
import { ByteWindow } from '../codec/byte-window';
import { readPcm } from '../codec/pcm';
import { decodeWav, encodeWav } from '../codec/wav';
import { LAB_SAMPLE_RATE } from './constants';
import { BROWSER_RATES, type SniffResult } from './sniff';

export interface NativeAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export type OwnDecoder = Exclude<SniffResult['decoder'], 'browser'>;

/** The samples of a file the lab decodes itself, at the file's own rate. */
export function decodeOwn(bytes: Uint8Array, decoder: OwnDecoder): NativeAudio {
  if (decoder === 'wav') return decodeWav(bytes);
  if (decoder === 'aiff') return decodeAiff(bytes);
  const a = auLayout(new ByteWindow(bytes.length, bytes));
  if (!a) throw new Error('not a Sun audio file');
  const pcm = auPcmLayout(a);
  const held = a.data.bytes - (a.data.bytes % pcm.blockAlign);
  return { sampleRate: a.sampleRate, channels: readPcm(bytes.subarray(a.data.offset, a.data.offset + held), pcm) };
}

/**
 * What bringing `audio` to the lab rate takes besides a browser call: nothing at the lab
 * rate, the lab's resampling where the browser refuses the rate, else a 32-bit float WAV
 * of it for decodeAudioData to resample.
 */
export type TowardLabRate = { kind: 'as-is' } | { kind: 'resampled'; channels: Float32Array[] } | { kind: 'wav'; wav: Uint8Array };

export function towardLabRate(audio: NativeAudio): TowardLabRate {
  const { sampleRate, channels } = audio;
  if (sampleRate === LAB_SAMPLE_RATE) return { kind: 'as-is' };
  if (sampleRate < BROWSER_RATES.min || sampleRate > BROWSER_RATES.max) {
    return { kind: 'resampled', channels: channels.map((c) => resample(c, sampleRate, LAB_SAMPLE_RATE)) };
  }
  return { kind: 'wav', wav: encodeWav({ sampleRate, channels }, 'float32') };
}

/** A decoded file: its samples at its own rate, and how they come to the lab rate. */
export interface OwnDecoded {
  native: NativeAudio;
  toward: TowardLabRate;
}

/** The worker's answer: the decoded file, or why it failed. */
export type OwnDecodeResponse = { ok: true; decoded: OwnDecoded } | { ok: false; error: string };

/**
 * decodeOwn and towardLabRate in a worker (a fresh one per file, ended after). `bytes` are
 * handed over (detached) when `consume`, else copied.
 */
export function decodeOwnOffThread(bytes: ArrayBuffer, decoder: OwnDecoder, consume: boolean): Promise<OwnDecoded> {
  const worker = new Worker(new URL('./own-decode-worker.ts', import.meta.url), { type: 'module' });
  const sent = consume ? bytes : bytes.slice(0);
  return new Promise<OwnDecoded>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<OwnDecodeResponse>) =>
      event.data.ok ? resolve(event.data.decoded) : reject(new Error(event.data.error));
    worker.onerror = (event) => reject(new Error(event.message || 'The decoding worker failed.'));
    worker.postMessage({ bytes: sent, decoder }, [sent]);
  }).finally(() => worker.terminate());
}
