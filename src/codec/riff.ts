/**
 * The one walk over RIFF chunks (RIFF/WAVE, and RF64 and BW64, their 64-bit forms for
 * files over 4 GB or written while streaming): where `fmt ` says what the samples are and
 * where `data` holds them. The length check (sniff), the WAV decoder and the probe of
 * odd files all read a WAV through this, on bytes in memory or on slices of a File.
 */
import type { ByteWindow } from './byte-window';

export const WAVE_FORMAT = {
  PCM: 0x0001,
  MS_ADPCM: 0x0002,
  IEEE_FLOAT: 0x0003,
  ALAW: 0x0006,
  MULAW: 0x0007,
  IMA_ADPCM: 0x0011,
  EXTENSIBLE: 0xfffe,
} as const;

/** Names of the other codecs found inside WAV files, for messages. */
const CODEC_NAMES: Record<number, string> = {
  [WAVE_FORMAT.MS_ADPCM]: 'Microsoft ADPCM',
  [WAVE_FORMAT.IMA_ADPCM]: 'IMA ADPCM',
  0x0022: 'DSP Group TrueSpeech',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0045: 'G.726 ADPCM',
  0x0050: 'MPEG Layer I/II',
  0x0055: 'MPEG Layer III (MP3)',
  0x0092: 'Dolby AC-3 (S/PDIF)',
  0x00ff: 'AAC',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC (ADTS)',
  0x2000: 'Dolby AC-3',
  0xf1ac: 'FLAC',
};

/** What a format tag is, in words ("IMA ADPCM", "format tag 0x1234"). */
export function waveCodecName(tag: number): string {
  if (tag === WAVE_FORMAT.PCM) return 'PCM';
  if (tag === WAVE_FORMAT.IEEE_FLOAT) return 'floating-point';
  if (tag === WAVE_FORMAT.ALAW) return 'A-law';
  if (tag === WAVE_FORMAT.MULAW) return 'µ-law';
  return CODEC_NAMES[tag] ?? `format tag 0x${tag.toString(16).padStart(4, '0')}`;
}

export interface WaveFormat {
  /** The format tag; for WAVE_FORMAT_EXTENSIBLE, the one in its sub-format GUID. */
  tag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  /** As written; often wrong and never needed: the length comes from blockAlign. */
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** EXTENSIBLE: bits that carry signal (e.g. 20 or 24 in a 32-bit container). */
  validBits?: number;
}

export interface RiffChunk {
  id: string;
  /** Offset of the chunk's body. */
  body: number;
  /** Body size as written (for RF64 `data`, the ds64 value). */
  size: number;
}

export interface WaveLayout {
  container: 'RIFF' | 'RF64' | 'BW64';
  format?: WaveFormat;
  /** The `data` chunk: where its samples start, how many bytes the file holds of it. */
  data?: {
    offset: number;
    bytes: number;
    /** The size the header promises; undefined when a streaming writer left it open (0 or all ones). */
    declared?: number;
  };
}

const printable = (w: ByteWindow, at: number) => w.within(at, 4) && /^[\x20-\x7e]{4}$/.test(w.ascii(at));

/** Chunks from offset 12 up to `data` (chunks after the samples are not needed), stopping where the file ends. */
export function* riffChunks(w: ByteWindow, sizes: { data?: number } = {}): Generator<RiffChunk> {
  let at = 12;
  while (w.within(at, 8)) {
    const id = w.ascii(at);
    let size = w.u32(at + 4, true);
    if (id === 'data' && size === 0xffffffff && sizes.data !== undefined) size = sizes.data;
    yield { id, body: at + 8, size };
    if (id === 'data') return;
    const next = at + 8 + size;
    // Chunks are word-aligned, but some writers forget the pad byte.
    at = size & 1 && !printable(w, next + 1) && printable(w, next) ? next : next + (size & 1);
  }
}

export function isWave(w: ByteWindow): boolean {
  return w.within(0, 12) && ['RIFF', 'RF64', 'BW64'].includes(w.ascii(0)) && w.is(8, 'WAVE');
}

function readFormat(w: ByteWindow, body: number, size: number): WaveFormat | undefined {
  if (size < 16 || !w.within(body, 16)) return undefined;
  let tag = w.u16(body, true);
  const extensible = tag === WAVE_FORMAT.EXTENSIBLE && size >= 40 && w.within(body, 26);
  let validBits: number | undefined;
  if (extensible) {
    validBits = w.u16(body + 18, true) || undefined;
    tag = w.u16(body + 24, true); // first two bytes of the sub-format GUID
  }
  return {
    tag,
    extensible,
    channels: w.u16(body + 2, true),
    sampleRate: w.u32(body + 4, true),
    byteRate: w.u32(body + 8, true),
    blockAlign: w.u16(body + 12, true),
    bitsPerSample: w.u16(body + 14, true),
    ...(validBits ? { validBits } : {}),
  };
}

/** The format and sample data of a RIFF/RF64/BW64 WAVE file; undefined when it is not one. */
export function waveLayout(w: ByteWindow): WaveLayout | undefined {
  if (!isWave(w)) return undefined;
  const container = w.ascii(0) as WaveLayout['container'];
  const layout: WaveLayout = { container };
  // RF64/BW64: the real data size is in the ds64 chunk, which comes first.
  const ds64 = container !== 'RIFF' && w.is(12, 'ds64') && w.within(20, 24) ? w.u64(28, true) : undefined;
  for (const chunk of riffChunks(w, { data: ds64 })) {
    if (chunk.id === 'fmt ') layout.format = readFormat(w, chunk.body, chunk.size);
    if (chunk.id !== 'data') continue;
    const held = Math.max(0, w.size - chunk.body);
    // A streaming writer leaves the size at 0 or all ones; a size-0 chunk followed by another is really empty.
    const open = chunk.size >= 0xffffff00 || (chunk.size === 0 && !printable(w, chunk.body));
    layout.data = { offset: chunk.body, bytes: open ? held : Math.min(chunk.size, held), ...(open ? {} : { declared: chunk.size }) };
  }
  return layout;
}
