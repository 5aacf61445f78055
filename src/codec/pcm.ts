/**
 * Interleaved sample bytes → planar float channels, for every uncompressed encoding found
 * in WAV and AIFF files: integers of 8 to 32 bits (left-justified in their container, as
 * both formats store them), 32/64-bit floats, and G.711 µ-law and A-law.
 */
export type PcmEncoding = 'u8' | 's8' | 's16' | 's24' | 's32' | 'f32' | 'f64' | 'ulaw' | 'alaw';

export const BYTES_PER_SAMPLE: Record<PcmEncoding, number> = { u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8, ulaw: 1, alaw: 1 };

/** G.711 expansion tables, scaled to ±1 (µ-law peaks at 32124/32768, A-law at 32256/32768). */
const ULAW = Float32Array.from({ length: 256 }, (_, i) => {
  const u = ~i & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return (u & 0x80 ? 0x84 - t : t - 0x84) / 32768;
});
const ALAW = Float32Array.from({ length: 256 }, (_, i) => {
  const a = i ^ 0x55;
  const seg = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = seg === 0 ? t + 8 : seg === 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
  return (a & 0x80 ? t : -t) / 32768;
});

export interface PcmLayout {
  encoding: PcmEncoding;
  channels: number;
  /** Bytes from one frame to the next (may exceed channels × sample size: padded containers). */
  blockAlign: number;
  littleEndian: boolean;
}

/** Planar channels of the whole frames in `bytes`. */
export function readPcm(bytes: Uint8Array, layout: PcmLayout): Float32Array<ArrayBuffer>[] {
  const { encoding, channels, blockAlign, littleEndian: le } = layout;
  const size = BYTES_PER_SAMPLE[encoding];
  const frames = Math.floor(bytes.length / blockAlign);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const read = sampleReader(view, encoding, le);
  for (let c = 0; c < channels; c++) {
    const ch = out[c];
    for (let i = 0, p = c * size; i < frames; i++, p += blockAlign) ch[i] = read(p);
  }
  return out;
}

function sampleReader(view: DataView, encoding: PcmEncoding, le: boolean): (p: number) => number {
  switch (encoding) {
    case 'u8':
      return (p) => (view.getUint8(p) - 128) / 128;
    case 's8':
      return (p) => view.getInt8(p) / 128;
    case 's16':
      return (p) => view.getInt16(p, le) / 32768;
    case 's24':
      return le
        ? (p) => (view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 8388608
        : (p) => ((view.getInt8(p) << 16) | (view.getUint8(p + 1) << 8) | view.getUint8(p + 2)) / 8388608;
    case 's32':
      return (p) => view.getInt32(p, le) / 2147483648;
    case 'f32':
      return (p) => view.getFloat32(p, le);
    case 'f64':
      return (p) => view.getFloat64(p, le);
    case 'ulaw':
      return (p) => ULAW[view.getUint8(p)];
    case 'alaw':
      return (p) => ALAW[view.getUint8(p)];
  }
}

/** The integer encoding that holds `bits`-bit samples (left-justified) in `containerBytes` bytes. */
export function intEncoding(containerBytes: number, unsigned8 = false): PcmEncoding | undefined {
  return containerBytes === 1 ? (unsigned8 ? 'u8' : 's8') : (['s16', 's24', 's32'] as const)[containerBytes - 2];
}
