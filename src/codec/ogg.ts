/**
 * Ogg: which codec the first page carries (Vorbis, Opus, FLAC, or something the browser
 * does not play), and the length from the last page's granule position, read from the
 * end of the file.
 */
import type { ByteWindow } from './byte-window';

export interface OggInfo {
  codec: 'vorbis' | 'opus' | 'flac' | 'speex' | 'theora' | 'unknown';
  sampleRate?: number;
  channels?: number;
  seconds?: number;
}

/** The largest Ogg page: 27-byte header, 255 lacing values, 255 segments of 255 bytes. */
const MAX_PAGE = 27 + 255 + 255 * 255;

export function oggInfo(w: ByteWindow): OggInfo {
  // The first page carries one packet: the codec's identification header.
  const body = 27 + (w.within(26, 1) ? w.u8(26) : 1);
  const info: OggInfo = { codec: 'unknown' };
  if (w.is(body + 1, 'vorbis') && w.within(body, 16)) {
    Object.assign(info, { codec: 'vorbis', channels: w.u8(body + 11), sampleRate: w.u32(body + 12, true) });
  } else if (w.is(body, 'OpusHead') && w.within(body, 10)) {
    Object.assign(info, { codec: 'opus', channels: w.u8(body + 9), sampleRate: 48000 });
  } else if (w.is(body + 1, 'FLAC') && w.is(body + 9, 'fLaC') && w.within(body, 34)) {
    // Ogg FLAC mapping: 9-byte prefix, 'fLaC', then STREAMINFO's block header and body.
    const s = body + 17;
    const b = w.bytes(s + 10, 3);
    Object.assign(info, { codec: 'flac', sampleRate: (b[0] << 12) | (b[1] << 4) | (b[2] >> 4), channels: ((b[2] >> 1) & 7) + 1 });
  } else if (w.is(body, 'Speex   ')) info.codec = 'speex';
  else if (w.is(body + 1, 'theora')) info.codec = 'theora';
  const granule = lastGranule(w);
  if (info.sampleRate && granule !== undefined) info.seconds = granule / info.sampleRate;
  return info;
}

/** Granule position (samples) of the last page that ends a packet, searching back from the end. */
function lastGranule(w: ByteWindow): number | undefined {
  const from = Math.max(0, w.size - MAX_PAGE - 27);
  const tail = w.bytes(from, w.size - from);
  const v = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f || tail[at + 1] !== 0x67 || tail[at + 2] !== 0x67 || tail[at + 3] !== 0x53) continue;
    const high = v.getUint32(at + 10, true);
    if (high === 0xffffffff) continue; // −1: no packet ends on this page
    return high * 2 ** 32 + v.getUint32(at + 6, true);
  }
  return undefined;
}
