/**
 * RIFF/WAVE encoder and decoder on plain byte arrays: no Node or DOM APIs, so the app can
 * use it too (e.g. to export a render). Reads and writes 16/24-bit integer PCM and 32-bit
 * IEEE float, any channel count, plain or WAVE_FORMAT_EXTENSIBLE headers (sox writes the
 * latter for 24-bit files). Samples are planar Float32Arrays in [-1, 1).
 */

export type WavSampleFormat = 'pcm16' | 'pcm24' | 'float32';

export interface WavAudio {
  sampleRate: number;
  /** Planar channel data. */
  channels: Float32Array[];
}

export interface DecodedWav extends WavAudio {
  format: WavSampleFormat;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function bitsOf(format: WavSampleFormat): number {
  return format === 'pcm16' ? 16 : format === 'pcm24' ? 24 : 32;
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

function readAscii(view: DataView, offset: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(view.getUint8(offset + i));
  return s;
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

/** Decodes a WAV file's bytes; throws a readable error on anything it does not support. */
export function decodeWav(bytes: Uint8Array | ArrayBuffer): DecodedWav {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.length < 12 || readAscii(view, 0, 4) !== 'RIFF' || readAscii(view, 8, 4) !== 'WAVE') {
    throw new Error('decodeWav: not a RIFF/WAVE file');
  }
  let formatTag = 0,
    channelCount = 0,
    sampleRate = 0,
    bits = 0;
  let dataOffset = -1,
    dataBytes = 0;
  for (let p = 12; p + 8 <= u8.length;) {
    const id = readAscii(view, p, 4);
    const size = view.getUint32(p + 4, true);
    const body = p + 8;
    if (id === 'fmt ') {
      formatTag = view.getUint16(body, true);
      channelCount = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (formatTag === FORMAT_EXTENSIBLE && size >= 26) formatTag = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      dataOffset = body;
      // Some writers leave the size at 0 or too large when streaming: clamp to the file.
      dataBytes = Math.min(size, u8.length - body);
      break;
    }
    p = body + size + (size % 2); // chunks are word-aligned
  }
  if (channelCount < 1 || dataOffset < 0) throw new Error('decodeWav: missing fmt or data chunk');
  let format: WavSampleFormat;
  if (formatTag === FORMAT_PCM && bits === 16) format = 'pcm16';
  else if (formatTag === FORMAT_PCM && bits === 24) format = 'pcm24';
  else if (formatTag === FORMAT_FLOAT && bits === 32) format = 'float32';
  else throw new Error(`decodeWav: unsupported format tag ${formatTag} with ${bits} bits`);
  const bytesPerSample = bits / 8;
  const frames = Math.floor(dataBytes / (bytesPerSample * channelCount));
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  let p = dataOffset;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      let x: number;
      if (format === 'float32') x = view.getFloat32(p, true);
      else if (format === 'pcm16') x = view.getInt16(p, true) / 32768;
      else {
        const v = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16);
        x = v / 8388608;
      }
      channels[c][i] = x;
      p += bytesPerSample;
    }
  }
  return { sampleRate, channels, format };
}
