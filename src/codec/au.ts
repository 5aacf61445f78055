/**
 * Sun/NeXT audio (.au, .snd): a 24-byte big-endian header, then the samples. Chromium
 * does not decode it; its uncompressed and G.711 encodings are simple to read here.
 */
import type { ByteWindow } from './byte-window';
import { BYTES_PER_SAMPLE, type PcmEncoding, type PcmLayout } from './pcm';
import { UnsupportedAudio } from './wav';

const ENCODINGS: Record<number, PcmEncoding> = { 1: 'ulaw', 2: 's8', 3: 's16', 4: 's24', 5: 's32', 6: 'f32', 7: 'f64', 27: 'alaw' };

export interface AuLayout {
  encoding: number;
  sampleRate: number;
  channels: number;
  data: { offset: number; bytes: number };
}

export function auLayout(w: ByteWindow): AuLayout | undefined {
  if (!w.is(0, '.snd') || !w.within(0, 24)) return undefined;
  const offset = w.u32(4, false);
  const size = w.u32(8, false);
  const held = Math.max(0, w.size - offset);
  return {
    encoding: w.u32(12, false),
    sampleRate: w.u32(16, false),
    channels: w.u32(20, false),
    // All ones: the writer did not know the size (a pipe).
    data: { offset, bytes: size === 0xffffffff ? held : Math.min(size, held) },
  };
}

export function auPcmLayout(a: AuLayout): PcmLayout {
  const encoding = ENCODINGS[a.encoding];
  if (!encoding) throw new UnsupportedAudio(`Sun audio encoding ${a.encoding} is not supported`);
  if (a.channels === 0) throw new UnsupportedAudio('its header says it has no channels');
  return { encoding, channels: a.channels, blockAlign: a.channels * BYTES_PER_SAMPLE[encoding], littleEndian: false };
}
