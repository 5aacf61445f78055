/**
 * What an audio file says about itself in its first bytes: container format, and where
 * the header states them, sample rate and channel count. decodeAudioData resamples to
 * the context's rate silently; this lets the UI say "resampled from 8 kHz" and notice a
 * file whose name does not match its contents. Pure: no DOM.
 */
export type AudioFormat = 'wav' | 'flac' | 'ogg-vorbis' | 'ogg-opus' | 'ogg' | 'mp3' | 'mp4' | 'webm' | 'unknown';

export interface SniffResult {
  format: AudioFormat;
  sampleRate?: number;
  channels?: number;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

export function sniffAudio(buffer: ArrayBuffer): SniffResult {
  const b = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 64 * 1024));
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 12 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) {
    for (let at = 12; at + 8 <= b.length;) {
      const size = v.getUint32(at + 4, true);
      if (ascii(b, at, 'fmt ') && at + 16 <= b.length)
        return { format: 'wav', channels: v.getUint16(at + 10, true), sampleRate: v.getUint32(at + 12, true) };
      at += 8 + size + (size & 1);
    }
    return { format: 'wav' };
  }
  if (b.length >= 22 && ascii(b, 0, 'fLaC')) {
    // STREAMINFO: sample rate is 20 bits at byte 18, channels − 1 the next 3 bits.
    const rate = (b[18] << 12) | (b[19] << 4) | (b[20] >> 4);
    return { format: 'flac', sampleRate: rate, channels: ((b[20] >> 1) & 7) + 1 };
  }
  if (b.length >= 4 && ascii(b, 0, 'OggS')) {
    const body = 28; // first page header with one segment
    if (ascii(b, body + 1, 'vorbis') && b.length >= body + 16)
      return { format: 'ogg-vorbis', channels: b[body + 11], sampleRate: v.getUint32(body + 12, true) };
    if (ascii(b, body, 'OpusHead') && b.length >= body + 16) return { format: 'ogg-opus', channels: b[body + 9], sampleRate: 48000 };
    return { format: 'ogg' };
  }
  if (b.length >= 12 && ascii(b, 4, 'ftyp')) return { format: 'mp4' };
  // EBML magic: WebM/Matroska, what MediaRecorder writes in Chromium and Firefox.
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { format: 'webm' };
  let at = 0;
  if (ascii(b, 0, 'ID3') && b.length >= 10) at = 10 + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]);
  if (at + 4 <= b.length && b[at] === 0xff && (b[at + 1] & 0xe0) === 0xe0) {
    const version = (b[at + 1] >> 3) & 3;
    const rate = MP3_RATES[version]?.[(b[at + 2] >> 2) & 3];
    return { format: 'mp3', sampleRate: rate, channels: b[at + 3] >> 6 === 3 ? 1 : 2 };
  }
  return { format: 'unknown' };
}

/** Extensions we expect for each format (to notice a misnamed file). */
export const EXTENSIONS: Record<AudioFormat, string[]> = {
  wav: ['wav', 'wave'],
  flac: ['flac'],
  'ogg-vorbis': ['ogg', 'oga'],
  'ogg-opus': ['opus', 'ogg', 'oga'],
  ogg: ['ogg', 'oga', 'opus'],
  mp3: ['mp3'],
  mp4: ['m4a', 'mp4', 'aac'],
  webm: ['webm', 'weba', 'mka', 'mkv'],
  unknown: [],
};

/** How much of a file's start (and end) is enough to find its header. */
export const SNIFF_BYTES = 64 * 1024;

export interface LengthEstimate {
  /** Playing time the file holds, seconds. */
  seconds: number;
  /** What the header promises, when the file holds less (a cut-off download or copy). */
  declaredSeconds?: number;
}

/**
 * Playing time from the headers alone, before anything is decoded: so an hour-long file
 * can be refused without first expanding it into gigabytes of samples. `head` is the
 * file's start (or all of it), `tail` its end (Ogg and MP4 keep the length there),
 * `totalBytes` its size. An MP3 without a Xing/Info frame is measured by walking its
 * frame headers, which needs the whole file. Undefined when nothing says (WebM, a FLAC
 * that left the count at 0, an MP3 known only by its start): the caller checks the
 * decoded length instead.
 */
export function estimateLength(head: Uint8Array, totalBytes: number, tail: Uint8Array = head): LengthEstimate | undefined {
  const b = head.subarray(0, SNIFF_BYTES);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const format = sniffAudio(b.slice().buffer).format;
  if (format === 'wav') return wavLength(b, v, totalBytes);
  if (format === 'flac' && b.length >= 26) {
    const rate = (b[18] << 12) | (b[19] << 4) | (b[20] >> 4);
    const frames = (b[21] & 0x0f) * 2 ** 32 + v.getUint32(22);
    return rate > 0 && frames > 0 ? { seconds: frames / rate } : undefined;
  }
  if (format === 'mp3') return mp3Length(b, v) ?? (head.length === totalBytes ? mp3FrameWalk(head) : undefined);
  if (format === 'ogg-vorbis' || format === 'ogg-opus') {
    const rate = format === 'ogg-opus' ? 48000 : v.getUint32(28 + 12, true);
    const granule = lastOggGranule(tail);
    return rate > 0 && granule !== undefined ? { seconds: granule / rate } : undefined;
  }
  if (format === 'mp4') return mp4Length(b) ?? mp4Length(tail);
  return undefined;
}

function wavLength(b: Uint8Array, v: DataView, totalBytes: number): LengthEstimate | undefined {
  let byteRate = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const size = v.getUint32(at + 4, true);
    if (ascii(b, at, 'fmt ') && at + 20 <= b.length) byteRate = v.getUint32(at + 16, true);
    if (ascii(b, at, 'data')) {
      if (byteRate === 0) return undefined;
      const held = Math.max(0, totalBytes - (at + 8));
      // Streaming writers leave the size at 0 or all ones: then the file's end is the data's.
      const declared = size === 0 || size >= 0xffffff00 ? held : size;
      const seconds = Math.min(declared, held) / byteRate;
      return declared > held ? { seconds, declaredSeconds: declared / byteRate } : { seconds };
    }
    at += 8 + size + (size & 1);
  }
  return undefined;
}

/** Layer III only, from the Xing/Info frame that LAME and ffmpeg write (exact for VBR and CBR). */
function mp3Length(b: Uint8Array, v: DataView): LengthEstimate | undefined {
  let at = 0;
  if (ascii(b, 0, 'ID3') && b.length >= 10) at = 10 + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]);
  if (at + 4 > b.length || ((b[at + 1] >> 1) & 3) !== 1) return undefined;
  const version = (b[at + 1] >> 3) & 3;
  const rate = MP3_RATES[version]?.[(b[at + 2] >> 2) & 3];
  const mono = b[at + 3] >> 6 === 3;
  const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const tag = at + 4 + sideInfo;
  if (!rate || tag + 12 > b.length || !(ascii(b, tag, 'Xing') || ascii(b, tag, 'Info'))) return undefined;
  if (!(v.getUint32(tag + 4) & 1)) return undefined; // no frame count
  const samplesPerFrame = version === 3 ? 1152 : 576;
  return { seconds: (v.getUint32(tag + 8) * samplesPerFrame) / rate };
}

const MP3_KBPS: Record<number, number[]> = {
  3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  0: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

/**
 * Layer III length by counting frames, header to header (CBR or VBR). Stops at the first
 * thing that is not a frame (an ID3v1 tag, damage): never more than the file holds.
 */
function mp3FrameWalk(b: Uint8Array): LengthEstimate | undefined {
  let at = ascii(b, 0, 'ID3') && b.length >= 10 ? 10 + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]) : 0;
  let samples = 0;
  let rate = 0;
  while (at + 4 <= b.length && b[at] === 0xff && (b[at + 1] & 0xe0) === 0xe0 && ((b[at + 1] >> 1) & 3) === 1) {
    const version = (b[at + 1] >> 3) & 3;
    const kbps = MP3_KBPS[version]?.[b[at + 2] >> 4];
    const frameRate = MP3_RATES[version]?.[(b[at + 2] >> 2) & 3];
    if (!kbps || !frameRate) break;
    rate = frameRate;
    const perFrame = version === 3 ? 1152 : 576;
    samples += perFrame;
    at += Math.floor(((perFrame / 8) * kbps * 1000) / frameRate) + ((b[at + 2] >> 1) & 1);
  }
  return rate ? { seconds: samples / rate } : undefined;
}

/** Granule position (samples) of the last Ogg page in `tail`. */
function lastOggGranule(tail: Uint8Array): number | undefined {
  const v = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - 14; at >= 0; at--) {
    if (!ascii(tail, at, 'OggS')) continue;
    const low = v.getUint32(at + 6, true);
    const high = v.getUint32(at + 10, true);
    if (high === 0xffffffff) continue; // −1: no packet ends on this page
    return high * 2 ** 32 + low;
  }
  return undefined;
}

/** Movie header duration / timescale (ISO BMFF `mvhd`, version 0 or 1). */
function mp4Length(b: Uint8Array): LengthEstimate | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 4; at + 36 <= b.length; at++) {
    if (!ascii(b, at, 'mvhd')) continue;
    const version = b[at + 4];
    const timescale = v.getUint32(at + (version === 1 ? 24 : 16));
    const duration = version === 1 ? v.getUint32(at + 28) * 2 ** 32 + v.getUint32(at + 32) : v.getUint32(at + 20);
    return timescale > 0 ? { seconds: duration / timescale } : undefined;
  }
  return undefined;
}
