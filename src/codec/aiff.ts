/**
 * AIFF and AIFF-C (Apple's Audio Interchange File Format), which Chromium does not decode:
 * big-endian IFF chunks, COMM for the format (its sample rate an 80-bit extended float),
 * SSND for the samples. Uncompressed and G.711 encodings are read here: big-endian
 * integers ('NONE', 'twos', 'in24', 'in32'), little-endian 'sowt', floats 'fl32'/'fl64',
 * 'raw ' unsigned 8-bit, 'ulaw', 'alaw'.
 */
import { ByteWindow } from './byte-window';
import { BYTES_PER_SAMPLE, intEncoding, readPcm, type PcmEncoding, type PcmLayout } from './pcm';
import { UnsupportedAudio } from './wav';

export interface AiffLayout {
  compressed: boolean;
  channels: number;
  /** Frames the header promises. */
  frames: number;
  bitsPerSample: number;
  sampleRate: number;
  /** Four-character compression code ('NONE' for plain AIFF). */
  compression: string;
  /** Where the samples start, and how many bytes of them the file holds. */
  data?: { offset: number; bytes: number };
}

/** IEEE 754 80-bit extended (big-endian), as COMM stores the sample rate. */
function extended(w: ByteWindow, at: number): number {
  const exponent = w.u16(at, false);
  const mantissa = w.u32(at + 2, false) * 2 ** 32 + w.u32(at + 6, false);
  const value = mantissa * 2 ** ((exponent & 0x7fff) - 16383 - 63);
  return exponent & 0x8000 ? -value : value;
}

export function isAiff(w: ByteWindow): boolean {
  return w.is(0, 'FORM') && (w.is(8, 'AIFF') || w.is(8, 'AIFC'));
}

/** COMM and SSND of an AIFF/AIFF-C file (walking its chunks, stopping where the file ends); undefined when not one. */
export function aiffLayout(w: ByteWindow): AiffLayout | undefined {
  if (!isAiff(w)) return undefined;
  const compressed = w.is(8, 'AIFC');
  let layout: AiffLayout | undefined;
  let data: AiffLayout['data'];
  for (let at = 12; w.within(at, 8);) {
    const id = w.ascii(at);
    const size = w.u32(at + 4, false);
    const body = at + 8;
    if (id === 'COMM' && w.within(body, 18)) {
      layout = {
        compressed,
        channels: w.u16(body, false),
        frames: w.u32(body + 2, false),
        bitsPerSample: w.u16(body + 6, false),
        sampleRate: extended(w, body + 8),
        compression: compressed && size >= 22 && w.within(body + 18, 4) ? w.ascii(body + 18) : 'NONE',
      };
    }
    if (id === 'SSND' && w.within(body, 8)) {
      const offset = body + 8 + w.u32(body, false);
      data = { offset, bytes: Math.max(0, Math.min(body + size, w.size) - offset) };
    }
    if (layout && data) break;
    at = body + size + (size & 1);
  }
  return layout && { ...layout, ...(data ? { data } : {}) };
}

/** The samples' encoding, or UnsupportedAudio naming the compression. */
export function aiffPcmLayout(a: AiffLayout): PcmLayout {
  if (a.channels === 0) throw new UnsupportedAudio('its header says it has no channels');
  if (!(a.sampleRate > 0)) throw new UnsupportedAudio(`its header gives a sample rate of ${a.sampleRate} Hz`);
  const c = a.compression.toLowerCase();
  const bytes = Math.ceil(a.bitsPerSample / 8);
  const encodings: Record<string, PcmEncoding | undefined> = {
    none: intEncoding(bytes),
    twos: intEncoding(bytes),
    sowt: intEncoding(bytes),
    in24: 's24',
    in32: 's32',
    fl32: 'f32',
    fl64: 'f64',
    'raw ': 'u8',
    ulaw: 'ulaw',
    alaw: 'alaw',
  };
  if (!(c in encodings)) throw new UnsupportedAudio(`AIFF-C compression “${a.compression.trim()}” is not supported`);
  const encoding = encodings[c];
  if (!encoding) throw new UnsupportedAudio(`${a.bitsPerSample}-bit AIFF samples are not supported`);
  return { encoding, channels: a.channels, blockAlign: a.channels * BYTES_PER_SAMPLE[encoding], littleEndian: c === 'sowt' };
}

export function decodeAiff(bytes: Uint8Array): { sampleRate: number; channels: Float32Array<ArrayBuffer>[] } {
  const a = aiffLayout(new ByteWindow(bytes.length, bytes));
  if (!a?.data) throw new Error('decodeAiff: not an AIFF file, or no COMM or SSND chunk');
  const pcm = aiffPcmLayout(a);
  // The frame count in COMM is what the file promises; a cut-off copy holds fewer.
  const held = Math.min(a.data.bytes, a.frames * pcm.blockAlign);
  const data = bytes.subarray(a.data.offset, a.data.offset + held - (held % pcm.blockAlign));
  return { sampleRate: a.sampleRate, channels: readPcm(data, pcm) };
}
