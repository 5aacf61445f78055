/**
 * RIFF/WAVE encoder and decoder on plain byte arrays: no Node or DOM APIs, so the app can
 * use it too (e.g. to export a render, to read WAVs the browser refuses). Writes 16/24-bit
 * integer PCM and 32-bit IEEE float, any channel count, plain or WAVE_FORMAT_EXTENSIBLE
 * headers (sox writes the latter for 24-bit files). Samples are planar Float32Arrays in [-1, 1).
 */
import { ByteWindow } from './byte-window';
import { BYTES_PER_SAMPLE, intEncoding, readPcm, type PcmEncoding, type PcmLayout } from './pcm';
import { WAVE_FORMAT, waveCodecName, waveLayout, type WaveFormat } from './riff';

export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

export interface WavAudio {
  sampleRate: number;
  /** Planar channel data. */
  channels: Float32Array[];
}

export interface DecodedWav extends WavAudio {
  format: WavSampleFormat | 'pcm8' | 'pcm32' | 'float64' | 'mulaw' | 'alaw';
}

const { PCM: FORMAT_PCM, IEEE_FLOAT: FORMAT_FLOAT, EXTENSIBLE: FORMAT_EXTENSIBLE } = WAVE_FORMAT;

function bitsOf(format: WavSampleFormat): number {
  return format === 'pcm16' ? 16 : format === 'pcm24' ? 24 : 32;
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

/**
 * Integer quantisation: scale by 2^(bits-1), round half away from zero, clip to the code range.
 * No dither: the generator must be byte-exact, and at 24 bits the error sits near -144 dBFS.
 */
function quantize(x: number, bits: number): number {
  const full = 2 ** (bits - 1);
  const v = Math.round(x * full);
  return v > full - 1 ? full - 1 : v < -full ? -full : v;
}

/**
 * WAV bytes of the audio. Float files get the `fact` chunk the spec asks of non-PCM data;
 * more than two channels use WAVE_FORMAT_EXTENSIBLE (no speaker mask), as the spec requires.
 */
export function encodeWav(audio: WavAudio, format: WavSampleFormat): Uint8Array<ArrayBuffer> {
  const { sampleRate, channels } = audio;
  const channelCount = channels.length;
  if (channelCount < 1) throw new Error('encodeWav: no channels');
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new Error('encodeWav: channels differ in length');
  const bits = bitsOf(format);
  const bytesPerSample = bits / 8;
  const blockAlign = bytesPerSample * channelCount;
  const dataBytes = frames * blockAlign;
  const extensible = channelCount > 2;
  const isFloat = format === 'float32';
  const fmtBytes = extensible ? 40 : isFloat ? 18 : 16;
  const factBytes = isFloat ? 12 : 0;
  const pad = dataBytes % 2;
  const total = 12 + 8 + fmtBytes + factBytes + 8 + dataBytes + pad;
  const buffer = new ArrayBuffer(total);
  const view = new DataView(buffer);

  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, total - 8, true);
  writeAscii(view, 8, 'WAVE');
  let p = 12;
  writeAscii(view, p, 'fmt ');
  view.setUint32(p + 4, fmtBytes, true);
  view.setUint16(p + 8, extensible ? FORMAT_EXTENSIBLE : isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(p + 10, channelCount, true);
  view.setUint32(p + 12, sampleRate, true);
  view.setUint32(p + 16, sampleRate * blockAlign, true);
  view.setUint16(p + 20, blockAlign, true);
  view.setUint16(p + 22, bits, true);
  if (extensible) {
    view.setUint16(p + 24, 22, true); // cbSize
    view.setUint16(p + 26, bits, true); // valid bits per sample
    view.setUint32(p + 28, 0, true); // channel mask: none assigned
    // Sub-format GUID {0000000X-0000-0010-8000-00AA00389B71}, X = 1 (PCM) or 3 (float).
    const guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
    view.setUint16(p + 32, isFloat ? FORMAT_FLOAT : FORMAT_PCM, true);
    guidTail.forEach((b, i) => view.setUint8(p + 34 + i, b));
  } else if (isFloat) {
    view.setUint16(p + 24, 0, true); // cbSize
  }
  p += 8 + fmtBytes;
  if (isFloat) {
    writeAscii(view, p, 'fact');
    view.setUint32(p + 4, 4, true);
    view.setUint32(p + 8, frames, true);
    p += 12;
  }
  writeAscii(view, p, 'data');
  view.setUint32(p + 4, dataBytes, true);
  p += 8;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      const x = channels[c][i];
      if (format === 'float32') view.setFloat32(p, x, true);
      else if (format === 'pcm16') view.setInt16(p, quantize(x, 16), true);
      else {
        const v = quantize(x, 24);
        view.setUint8(p, v & 0xff);
        view.setUint8(p + 1, (v >> 8) & 0xff);
        view.setUint8(p + 2, (v >> 16) & 0xff);
      }
      p += bytesPerSample;
    }
  }
  return new Uint8Array(buffer);
}

/** Why a file cannot be decoded, in words ("IMA ADPCM is not supported"): the file itself is not damaged. */
export class UnsupportedAudio extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedAudio';
  }
}

const FORMAT_NAMES: Record<PcmEncoding, DecodedWav['format']> = {
  u8: 'pcm8',
  s8: 'pcm8',
  s16: 'pcm16',
  s24: 'pcm24',
  s32: 'pcm32',
  f32: 'float32',
  f64: 'float64',
  ulaw: 'mulaw',
  alaw: 'alaw',
};

/**
 * How the samples of a WAV with this format are stored, or UnsupportedAudio saying why
 * they cannot be read. The frame size comes from the sample size, never from byteRate,
 * which some writers get wrong.
 */
export function wavePcmLayout(f: WaveFormat): PcmLayout {
  if (f.channels === 0) throw new UnsupportedAudio('its header says it has no channels');
  if (f.sampleRate === 0) throw new UnsupportedAudio('its header gives a sample rate of 0 Hz');
  const containerBytes = Math.ceil(f.bitsPerSample / 8);
  let encoding: PcmEncoding | undefined;
  if (f.tag === WAVE_FORMAT.PCM) encoding = intEncoding(containerBytes, true);
  else if (f.tag === WAVE_FORMAT.IEEE_FLOAT) encoding = f.bitsPerSample === 32 ? 'f32' : f.bitsPerSample === 64 ? 'f64' : undefined;
  else if (f.tag === WAVE_FORMAT.MULAW && containerBytes === 1) encoding = 'ulaw';
  else if (f.tag === WAVE_FORMAT.ALAW && containerBytes === 1) encoding = 'alaw';
  else throw new UnsupportedAudio(`${waveCodecName(f.tag)} is not supported`);
  if (!encoding) throw new UnsupportedAudio(`${f.bitsPerSample}-bit ${waveCodecName(f.tag)} samples are not supported`);
  const blockAlign = Math.max(f.blockAlign, f.channels * BYTES_PER_SAMPLE[encoding]);
  return { encoding, channels: f.channels, blockAlign, littleEndian: true };
}

/**
 * Decodes a WAV file's bytes (RIFF, RF64 or BW64): integer PCM of 8–32 bits, 32/64-bit
 * float, µ-law, A-law, plain or EXTENSIBLE headers. A data chunk that runs past the end
 * of the file (a cut-off copy, a streaming writer) gives the frames that are there.
 * Throws UnsupportedAudio for codecs it does not read, Error for what is not a WAV.
 */
export function decodeWav(bytes: Uint8Array | ArrayBuffer): DecodedWav {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const layout = waveLayout(new ByteWindow(u8.length, u8));
  if (!layout) throw new Error('decodeWav: not a RIFF/WAVE file');
  if (!layout.format || !layout.data) throw new Error('decodeWav: missing fmt or data chunk');
  const pcm = wavePcmLayout(layout.format);
  const { offset, bytes: held } = layout.data;
  const channels = readPcm(u8.subarray(offset, offset + held - (held % pcm.blockAlign)), pcm);
  return { sampleRate: layout.format.sampleRate, channels, format: FORMAT_NAMES[pcm.encoding] };
}
