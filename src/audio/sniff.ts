/**
 * What an audio file says about itself in its headers, before anything is decoded: its
 * format, sample rate, channels and playing time, whether the browser or the lab's own
 * decoder reads it, and — when the headers already tell — why it cannot be opened or
 * that it is not audio at all. decodeAudioData only ever says "Unable to decode audio
 * data"; this lets the UI say "a WAV with IMA ADPCM audio", "an MP4 with a video track
 * and no audio", "is 60 minutes long" (without expanding the hour into samples).
 *
 * The headers are read through a ByteWindow: from a File only the slices they occupy
 * (sniffFile), from bytes in memory directly (sniffAudio). Pure: no DOM.
 */
import { ByteWindow, parseBlob } from '../codec/byte-window';
import { aiffLayout, aiffPcmLayout } from '../codec/aiff';
import { auLayout, auPcmLayout } from '../codec/au';
import { ebmlInfo } from '../codec/ebml';
import { isIsoBmff, mp4Info } from '../codec/iso-bmff';
import { mp3Length, mpegFrame, skipId3 } from '../codec/mpeg-audio';
import { oggInfo } from '../codec/ogg';
import { BYTES_PER_SAMPLE, type PcmLayout } from '../codec/pcm';
import { waveCodecName, waveLayout } from '../codec/riff';
import { UnsupportedAudio, wavePcmLayout } from '../codec/wav';
import { notAudioKind, otherAudioKind } from './file-kinds';

export type AudioFormat =
  'wav' | 'aiff' | 'au' | 'flac' | 'ogg-vorbis' | 'ogg-opus' | 'ogg-flac' | 'ogg' | 'mp3' | 'aac' | 'mp4' | 'webm' | 'other' | 'unknown';

export interface SniffResult {
  format: AudioFormat;
  /** The format in words, for messages ("WAV", "AIFF-C", "MP4 video", "WAV with IMA ADPCM audio"). */
  label: string;
  /** How WAV, AIFF and Sun audio samples are stored ("24-bit PCM", "64-bit float"). */
  encoding?: string;
  sampleRate?: number;
  channels?: number;
  /** Playing time the file holds, from its headers. */
  seconds?: number;
  /** `seconds` is an estimate (an MP3 without a frame index, read from a File). */
  approximate?: boolean;
  /** What the header promises, when the file holds less (a cut-off download or copy). */
  declaredSeconds?: number;
  /** Who reads the samples: the browser, or the lab's own decoder for what the browser refuses. */
  decoder: 'browser' | 'wav' | 'aiff' | 'au';
  /** `sampleRate` is the rate the samples come out at (so they can be decoded at it, unresampled). */
  exactRate?: boolean;
  /** Why it cannot be opened, when the headers already say (the file is not damaged). */
  unsupported?: string;
  /** It is not audio: what it is ("a PNG image"). */
  notAudio?: string;
}

/** Extensions we expect for each format (to notice a misnamed file). */
export const EXTENSIONS: Record<AudioFormat, string[]> = {
  wav: ['wav', 'wave', 'bwf', 'rf64'],
  aiff: ['aif', 'aiff', 'aifc'],
  au: ['au', 'snd'],
  flac: ['flac'],
  'ogg-vorbis': ['ogg', 'oga'],
  'ogg-opus': ['opus', 'ogg', 'oga'],
  'ogg-flac': ['ogg', 'oga'],
  ogg: ['ogg', 'oga', 'opus', 'ogv'],
  mp3: ['mp3'],
  aac: ['aac'],
  mp4: ['m4a', 'mp4', 'aac', 'm4b', 'mov', 'm4v', '3gp'],
  webm: ['webm', 'weba', 'mka', 'mkv'],
  other: [],
  unknown: [],
};

/** The lowest and highest sample rates Chromium's decoder and AudioBuffer accept. */
export const BROWSER_RATES = { min: 3000, max: 768_000 } as const;
/** AudioBuffer holds at most this many channels (Chromium). */
export const MAX_CHANNELS = 32;

/** Headers of a file whose bytes are all in memory. */
export function sniffAudio(bytes: ArrayBuffer | Uint8Array): SniffResult {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return sniff(new ByteWindow(u8.length, u8), true);
}

/** Headers of a File, reading only the slices they occupy (a few kilobytes, wherever they are). */
export async function sniffFile(file: Blob): Promise<SniffResult> {
  return (await parseBlob(file, (w) => sniff(w, false))) ?? { format: 'unknown', label: 'unknown', decoder: 'browser' };
}

/** `whole`: the window holds the entire file (an MP3 can then be measured frame by frame). */
export function sniff(w: ByteWindow, whole: boolean): SniffResult {
  const other = otherAudioKind(w);
  if (other) return { format: 'other', label: other.label, decoder: 'browser', unsupported: other.reason };
  const wav = sniffWave(w) ?? sniffAiff(w) ?? sniffAu(w);
  if (wav) return wav;
  const start = skipId3(w); // ID3v2 tags come before MP3, and sometimes before FLAC
  if (w.is(start, 'fLaC')) return sniffFlac(w, start + 4);
  if (w.is(0, 'OggS')) return sniffOgg(w);
  if (isIsoBmff(w)) return sniffMp4(w);
  if (w.within(0, 4) && w.u32(0, false) === 0x1a45dfa3) return sniffWebm(w);
  const frame = mpegFrame(w, start);
  if (frame?.kind === 'mp3') {
    const base: SniffResult = { format: 'mp3', label: 'MP3', decoder: 'browser', sampleRate: frame.sampleRate, channels: frame.channels };
    return { ...base, exactRate: true, ...mp3Length(w, start, whole) };
  }
  if (frame?.kind === 'adts') return { format: 'aac', label: 'AAC (ADTS)', decoder: 'browser', sampleRate: frame.sampleRate };
  if (frame) {
    const layer = frame.kind === 'mp2' ? 'II' : 'I';
    return {
      format: 'other',
      label: `MP${layer === 'II' ? 2 : 1} (MPEG Layer ${layer} audio)`,
      decoder: 'browser',
      unsupported: `the browser decodes MPEG Layer III (MP3) but not Layer ${layer}`,
    };
  }
  if (start > 0 && w.size <= start + 4) {
    return {
      format: 'mp3',
      label: 'MP3',
      decoder: 'browser',
      unsupported: 'it holds a tag (ID3: title, artist, picture) and no audio after it',
    };
  }
  const notAudio = notAudioKind(w);
  return { format: 'unknown', label: 'unknown', decoder: 'browser', ...(notAudio ? { notAudio } : {}) };
}

/** Seconds held and promised by `bytes` of samples in frames of `blockAlign` bytes (`declared`: the header's size). */
function lengthOf(held: number, declared: number | undefined, blockAlign: number, rate: number) {
  const seconds = Math.floor(held / blockAlign) / rate;
  const promised = declared === undefined ? undefined : Math.floor(declared / blockAlign) / rate;
  return promised !== undefined && promised > seconds ? { seconds, declaredSeconds: promised } : { seconds };
}

function outOfBrowserRange(rate: number): boolean {
  return rate < BROWSER_RATES.min || rate > BROWSER_RATES.max;
}

/** Common ground of the formats whose samples the lab can read itself (WAV, AIFF, Sun audio). */
function pcmResult(base: Omit<SniffResult, 'decoder'>, pcm: () => PcmLayout, own: SniffResult['decoder'], forceOwn: boolean): SniffResult {
  let layout: PcmLayout;
  try {
    layout = pcm();
  } catch (err) {
    if (err instanceof UnsupportedAudio) return { ...base, decoder: 'browser', unsupported: err.message };
    throw err;
  }
  const rate = base.sampleRate!;
  if (layout.channels > MAX_CHANNELS) {
    return {
      ...base,
      decoder: 'browser',
      unsupported: `it has ${layout.channels} channels, and a browser handles at most ${MAX_CHANNELS}`,
    };
  }
  const decoder = forceOwn || layout.encoding === 'f64' || outOfBrowserRange(rate) ? own : 'browser';
  return { ...base, decoder, exactRate: true, encoding: describe(layout) };
}

const describe = (p: PcmLayout) =>
  ({
    u8: '8-bit PCM',
    s8: '8-bit PCM',
    s16: '16-bit PCM',
    s24: '24-bit PCM',
    s32: '32-bit PCM',
    f32: '32-bit float',
    f64: '64-bit float',
    ulaw: 'µ-law',
    alaw: 'A-law',
  })[p.encoding];

function sniffWave(w: ByteWindow): SniffResult | undefined {
  const layout = waveLayout(w);
  if (!layout) return undefined;
  const label = layout.container === 'RIFF' ? 'WAV' : `WAV (${layout.container})`;
  const f = layout.format;
  if (!f) {
    const why = w.size < 44 ? 'it ends inside its header: the file is cut off' : 'it has no format (fmt) chunk: the file is damaged';
    return { format: 'wav', label, decoder: 'browser', unsupported: why };
  }
  const base = { format: 'wav' as const, label, sampleRate: f.sampleRate, channels: f.channels };
  // A format chunk of noise (a damaged header) is not an unknown codec: leave it to the decoder to fail.
  if (f.channels > 1024 || f.sampleRate > 10_000_000 || f.bitsPerSample > 64) return { format: 'wav', label, decoder: 'browser' };
  const result = pcmResult(base, () => wavePcmLayout(f), 'wav', false);
  if (result.unsupported && f.tag !== 1 && f.tag !== 3) result.label = `WAV with ${waveCodecName(f.tag)} audio`;
  if (!layout.data) return { ...result, unsupported: result.unsupported ?? 'it has no data chunk: it holds no audio' };
  if (result.unsupported) return result;
  const pcm = wavePcmLayout(f);
  return { ...result, ...lengthOf(layout.data.bytes, layout.data.declared, pcm.blockAlign, f.sampleRate) };
}

function sniffAiff(w: ByteWindow): SniffResult | undefined {
  const a = aiffLayout(w);
  if (!a) return undefined;
  const base = { format: 'aiff' as const, label: a.compressed ? 'AIFF-C' : 'AIFF', sampleRate: a.sampleRate, channels: a.channels };
  const result = pcmResult(base, () => aiffPcmLayout(a), 'aiff', true);
  if (result.unsupported) return result;
  if (!a.data) return { ...result, unsupported: 'it has no sound data (SSND) chunk: it holds no audio' };
  const blockAlign = a.channels * BYTES_PER_SAMPLE[aiffPcmLayout(a).encoding];
  return { ...result, ...lengthOf(a.data.bytes, a.frames * blockAlign, blockAlign, a.sampleRate) };
}

function sniffAu(w: ByteWindow): SniffResult | undefined {
  const a = auLayout(w);
  if (!a) return undefined;
  const base = { format: 'au' as const, label: 'Sun audio', sampleRate: a.sampleRate, channels: a.channels };
  const result = pcmResult(base, () => auPcmLayout(a), 'au', true);
  if (result.unsupported) return result;
  return { ...result, ...lengthOf(a.data.bytes, undefined, auPcmLayout(a).blockAlign, a.sampleRate) };
}

function sniffFlac(w: ByteWindow, streamInfo: number): SniffResult {
  // STREAMINFO is the first metadata block: rate (20 bits), channels − 1 (3), bits − 1 (5), total samples (36).
  const result: SniffResult = { format: 'flac', label: 'FLAC', decoder: 'browser' };
  if (!w.within(streamInfo + 4, 18)) return result;
  const b = w.bytes(streamInfo + 4 + 10, 8);
  const rate = (b[0] << 12) | (b[1] << 4) | (b[2] >> 4);
  const frames = (b[3] & 0x0f) * 2 ** 32 + ((b[4] << 24) >>> 0) + (b[5] << 16) + (b[6] << 8) + b[7];
  return {
    ...result,
    sampleRate: rate,
    channels: ((b[2] >> 1) & 7) + 1,
    exactRate: true,
    ...(rate && frames ? { seconds: frames / rate } : {}),
  };
}

function sniffOgg(w: ByteWindow): SniffResult {
  const info = oggInfo(w);
  const { sampleRate, channels, seconds } = info;
  const common = { decoder: 'browser' as const, ...(sampleRate ? { sampleRate } : {}), ...(channels ? { channels } : {}) };
  const timed = seconds !== undefined ? { seconds } : {};
  if (info.codec === 'vorbis') return { format: 'ogg-vorbis', label: 'Ogg Vorbis', ...common, exactRate: true, ...timed };
  if (info.codec === 'opus') return { format: 'ogg-opus', label: 'Ogg Opus', ...common, ...timed };
  if (info.codec === 'flac') return { format: 'ogg-flac', label: 'Ogg FLAC', ...common, exactRate: true, ...timed };
  if (info.codec === 'speex') return { format: 'other', label: 'Ogg Speex', ...common, unsupported: 'the browser cannot decode Speex' };
  if (info.codec === 'theora')
    return { format: 'other', label: 'Ogg video', ...common, unsupported: 'it starts with a Theora video stream' };
  return { format: 'ogg', label: 'Ogg', ...common };
}

/** Sample-entry codes of the audio codecs Chromium decodes in MP4; the names of others it does not. */
const MP4_PLAYABLE = ['mp4a', 'Opus', 'fLaC', '.mp3'];
const MP4_CODECS: Record<string, string> = {
  alac: 'Apple Lossless (ALAC)',
  'ac-3': 'Dolby Digital (AC-3)',
  'ec-3': 'Dolby Digital Plus (E-AC-3)',
  samr: 'AMR',
  sawb: 'AMR-WB',
  lpcm: 'QuickTime PCM',
  sowt: 'QuickTime PCM',
  twos: 'QuickTime PCM',
  ima4: 'IMA ADPCM',
};

/** A container whose tracks hold no sound: a video without it, or nothing audible at all. */
function withoutAudio(base: SniffResult, hasVideo: boolean): SniffResult {
  return hasVideo
    ? { ...base, label: `${base.label} video`, unsupported: 'it has a video track and no audio track' }
    : { ...base, unsupported: 'it has no audio track' };
}

const timed = (seconds: number | undefined) => (seconds !== undefined ? { seconds } : {});

function sniffMp4(w: ByteWindow): SniffResult {
  const info = mp4Info(w);
  const base: SniffResult = { format: 'mp4', label: 'MP4', decoder: 'browser', ...timed(info.seconds) };
  const audio = info.tracks.find((t) => t.handler === 'soun');
  if (!audio)
    return info.tracks.length
      ? withoutAudio(
          base,
          info.tracks.some((t) => t.handler === 'vide'),
        )
      : base;
  const withAudio = {
    ...base,
    ...(audio.channels ? { channels: audio.channels } : {}),
    ...(audio.sampleRate ? { sampleRate: audio.sampleRate } : {}),
  };
  if (audio.codec && !MP4_PLAYABLE.includes(audio.codec)) {
    const name = MP4_CODECS[audio.codec] ?? `“${audio.codec.trim()}”`;
    return { ...withAudio, label: `MP4 with ${name} audio`, unsupported: `the browser cannot decode ${name} audio` };
  }
  return withAudio;
}

function sniffWebm(w: ByteWindow): SniffResult {
  const info = ebmlInfo(w);
  const base: SniffResult = { format: 'webm', label: 'WebM', decoder: 'browser', ...timed(info.seconds) };
  const audible = !info.tracks.length || info.tracks.some((t) => t.type === 2);
  return audible
    ? base
    : withoutAudio(
        base,
        info.tracks.some((t) => t.type === 1),
      );
}
