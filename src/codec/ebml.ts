/**
 * WebM / Matroska (EBML): the duration in the segment's Info, when the writer set one
 * (MediaRecorder does not: it is a live stream), and the tracks' types and codecs, so a
 * video without sound can be named as such. Walks element headers up to the first Cluster.
 */
import type { ByteWindow } from './byte-window';

const ID = { SEGMENT: 0x18538067, INFO: 0x1549a966, TIMECODE_SCALE: 0x2ad7b1, DURATION: 0x4489, TRACKS: 0x1654ae6b, ENTRY: 0xae };
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const CLUSTER = 0x1f43b675;

export interface EbmlInfo {
  seconds?: number;
  /** Per track: 1 video, 2 audio, 17 subtitles, … and its codec id ('A_OPUS', 'V_VP8'). */
  tracks: { type: number; codec: string }[];
}

/** A variable-length integer at `at`: its value (with or without the length marker) and its size. */
function vint(w: ByteWindow, at: number, keepMarker: boolean): { value: number; size: number; unknown: boolean } {
  const first = w.u8(at);
  let size = 1;
  while (size <= 8 && !(first & (0x80 >> (size - 1)))) size++;
  if (size > 8) throw new RangeError('not an EBML variable-length integer');
  let value = keepMarker ? first : first & (0xff >> size);
  let allOnes = value === 0xff >> size;
  for (let i = 1; i < size; i++) {
    const b = w.u8(at + i);
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { value, size, unknown: !keepMarker && allOnes };
}

interface Element {
  id: number;
  body: number;
  end: number;
}

function* elements(w: ByteWindow, from: number, to: number): Generator<Element> {
  for (let at = from; at < to && w.within(at, 2);) {
    const id = vint(w, at, true);
    const size = vint(w, at + id.size, false);
    const body = at + id.size + size.size;
    const end = size.unknown ? to : Math.min(to, body + size.value);
    yield { id: id.value, body, end };
    if (id.value === CLUSTER) return; // the media itself: everything we need came before it
    at = end;
  }
}

const uint = (w: ByteWindow, e: Element) => [...w.bytes(e.body, e.end - e.body)].reduce((v, b) => v * 256 + b, 0);

export function ebmlInfo(w: ByteWindow): EbmlInfo {
  const info: EbmlInfo = { tracks: [] };
  let scale = 1_000_000; // ns per timecode tick, the default
  let duration: number | undefined;
  for (const top of elements(w, 0, w.size)) {
    if (top.id !== ID.SEGMENT) continue;
    for (const e of elements(w, top.body, top.end)) {
      if (e.id === ID.INFO) {
        for (const f of elements(w, e.body, e.end)) {
          if (f.id === ID.TIMECODE_SCALE) scale = uint(w, f);
          if (f.id === ID.DURATION) {
            const v = new DataView(w.bytes(f.body, f.end - f.body).slice().buffer);
            duration = v.byteLength === 4 ? v.getFloat32(0) : v.byteLength === 8 ? v.getFloat64(0) : undefined;
          }
        }
      }
      if (e.id === ID.TRACKS) {
        for (const t of elements(w, e.body, e.end)) {
          if (t.id !== ID.ENTRY) continue;
          const track = { type: 0, codec: '' };
          for (const f of elements(w, t.body, t.end)) {
            if (f.id === TRACK_TYPE) track.type = uint(w, f);
            if (f.id === CODEC_ID) track.codec = w.ascii(f.body, f.end - f.body).replace(/\0+$/, '');
          }
          info.tracks.push(track);
        }
      }
    }
  }
  if (duration !== undefined && duration > 0) info.seconds = (duration * scale) / 1e9;
  return info;
}
