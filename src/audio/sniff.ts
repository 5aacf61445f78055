/**
 * What an audio file says about itself in its first bytes: container format, and where
 * the header states them, sample rate and channel count. decodeAudioData resamples to
 * the context's rate silently; this lets the UI say "resampled from 8 kHz" and notice a
 * file whose name does not match its contents. Pure: no DOM.
 */
export type AudioFormat = 'wav' | 'flac' | 'ogg-vorbis' | 'ogg-opus' | 'ogg' | 'mp3' | 'mp4' | 'unknown';

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
    for (let at = 12; at + 8 <= b.length; ) {
      const size = v.getUint32(at + 4, true);
      if (ascii(b, at, 'fmt ') && at + 16 <= b.length) return { format: 'wav', channels: v.getUint16(at + 10, true), sampleRate: v.getUint32(at + 12, true) };
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
    if (ascii(b, body + 1, 'vorbis') && b.length >= body + 16) return { format: 'ogg-vorbis', channels: b[body + 11], sampleRate: v.getUint32(body + 12, true) };
    if (ascii(b, body, 'OpusHead') && b.length >= body + 16) return { format: 'ogg-opus', channels: b[body + 9], sampleRate: 48000 };
    return { format: 'ogg' };
  }
  if (b.length >= 12 && ascii(b, 4, 'ftyp')) return { format: 'mp4' };
  let at = 0;
  if (ascii(b, 0, 'ID3') && b.length >= 10) at = 10 + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]);
  if (at + 4 <= b.length && b[at] === 0xff && (b[at + 1] & 0xe0) === 0xe0) {
    const version = (b[at + 1] >> 3) & 3;
    const rate = MP3_RATES[version]?.[(b[at + 2] >> 2) & 3];
    return { format: 'mp3', sampleRate: rate, channels: (b[at + 3] >> 6) === 3 ? 1 : 2 };
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
  unknown: [],
};
