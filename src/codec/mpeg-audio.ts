/**
 * MPEG audio frame headers (MP3, and the Layer I/II and ADTS AAC streams that share its
 * sync word): what a stream is and how long it plays, from its headers alone. The
 * length comes from the Xing/Info (LAME, ffmpeg) or VBRI (Fraunhofer) frame, else by
 * counting frames when the whole file is at hand, else from the first frames' bit rate.
 */
import type { ByteWindow } from './byte-window';

const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
const KBPS_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const KBPS_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export interface MpegFrame {
  kind: 'mp3' | 'mp2' | 'mp1' | 'adts';
  sampleRate: number;
  channels: number;
  /** Bytes to the next frame (Layer III only; 0 when unknown). */
  bytes: number;
  samples: number;
  kbps: number;
}

/** The frame header at `at`, or undefined when there is none. */
export function mpegFrame(w: ByteWindow, at: number): MpegFrame | undefined {
  if (!w.within(at, 4)) return undefined;
  const b = w.bytes(at, 4);
  if (b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return undefined;
  const layer = (b[1] >> 1) & 3;
  if (layer === 0 && (b[1] & 0xf6) === 0xf0) {
    const rate = ADTS_RATES[(b[2] >> 2) & 15];
    return rate
      ? { kind: 'adts', sampleRate: rate, channels: ((b[2] & 1) << 2) | (b[3] >> 6), bytes: 0, samples: 1024, kbps: 0 }
      : undefined;
  }
  const version = (b[1] >> 3) & 3;
  const rate = RATES[version]?.[(b[2] >> 2) & 3];
  if (!rate || layer === 0) return undefined;
  const channels = b[3] >> 6 === 3 ? 1 : 2;
  if (layer !== 1) return { kind: layer === 2 ? 'mp2' : 'mp1', sampleRate: rate, channels, bytes: 0, samples: 1152, kbps: 0 };
  const kbps = (version === 3 ? KBPS_V1_L3 : KBPS_V2_L3)[b[2] >> 4];
  if (!kbps) return undefined; // free format or a bad index: not a frame we can step over
  const samples = version === 3 ? 1152 : 576;
  return {
    kind: 'mp3',
    sampleRate: rate,
    channels,
    bytes: Math.floor(((samples / 8) * kbps * 1000) / rate) + ((b[2] >> 1) & 1),
    samples,
    kbps,
  };
}

/** Where the audio starts: after any ID3v2 tags (a 2 MB cover picture is not unusual). */
export function skipId3(w: ByteWindow, at = 0): number {
  while (w.is(at, 'ID3') && w.within(at, 10)) {
    const b = w.bytes(at, 10);
    const footer = b[5] & 0x10 ? 10 : 0;
    at += 10 + footer + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]);
  }
  return at;
}

/** Seconds, from the Xing/Info or VBRI frame at `at` (the stream's first frame). */
function taggedLength(w: ByteWindow, at: number, f: MpegFrame): number | undefined {
  const mono = f.channels === 1;
  const xing = at + 4 + (f.samples === 1152 ? (mono ? 17 : 32) : mono ? 9 : 17);
  if ((w.is(xing, 'Xing') || w.is(xing, 'Info')) && w.within(xing, 12) && w.u32(xing + 4, false) & 1) {
    return (w.u32(xing + 8, false) * f.samples) / f.sampleRate;
  }
  const vbri = at + 36;
  if (w.is(vbri, 'VBRI') && w.within(vbri, 18)) return (w.u32(vbri + 14, false) * f.samples) / f.sampleRate;
  return undefined;
}

/**
 * Playing time of a Layer III stream starting at `at`. Without a Xing/VBRI frame: exact by
 * walking every frame when the window holds the whole file; otherwise from the bit rate
 * of the first frames and the file's size (to a frame at a constant bit rate; marked
 * `approximate` when the rate varies).
 */
export function mp3Length(w: ByteWindow, at: number, whole: boolean): { seconds: number; approximate?: boolean } | undefined {
  const first = mpegFrame(w, at);
  if (first?.kind !== 'mp3') return undefined;
  const tagged = taggedLength(w, at, first);
  if (tagged !== undefined) return { seconds: tagged };
  let samples = 0;
  let bytes = 0;
  let frames = 0;
  let constant = true;
  for (let p = at, f: MpegFrame | undefined = first; f?.kind === 'mp3'; p += f.bytes, f = mpegFrame(w, p)) {
    samples += f.samples;
    bytes += f.bytes;
    frames++;
    constant &&= f.kbps === first.kbps;
    // From a File, the first 200 frames (about 5 s, within the first read or two) give the bit rate.
    if (!whole && frames === 200) break;
  }
  if (whole) return { seconds: samples / first.sampleRate };
  const end = w.size - (w.is(w.size - 128, 'TAG') ? 128 : 0);
  const seconds = ((end - at) / bytes) * (samples / first.sampleRate);
  // A constant bit rate gives the length to a frame; a variable one only roughly.
  return constant ? { seconds } : { seconds, approximate: true };
}
