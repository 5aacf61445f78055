/**
 * MP4 / M4A / MOV (ISO base media file format): its length and what its tracks hold,
 * walking atom headers only. The `moov` atom that says so is often at the end, after
 * gigabytes of `mdat`: each atom's size says where the next one starts, so a File is
 * read a few bytes at a time wherever the headers are.
 */
import type { ByteWindow } from './byte-window';

const TOP_LEVEL = ['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid', 'moof', 'mfra', 'styp', 'sidx', 'meta'];

export interface Mp4Track {
  /** Handler: 'soun' audio, 'vide' video, 'text'/'sbtl' subtitles, … */
  handler: string;
  /** First sample entry's four-character code ('mp4a', 'alac', 'Opus', 'avc1', …). */
  codec?: string;
  channels?: number;
  sampleRate?: number;
}

export interface Mp4Info {
  seconds?: number;
  tracks: Mp4Track[];
}

interface Atom {
  type: string;
  body: number;
  end: number;
}

function* atoms(w: ByteWindow, from: number, to: number): Generator<Atom> {
  for (let at = from; at + 8 <= to && w.within(at, 8);) {
    let size = w.u32(at, false);
    let header = 8;
    if (size === 1 && w.within(at, 16)) {
      size = w.u64(at + 8, false);
      header = 16;
    } else if (size === 0) size = to - at; // runs to the end
    if (size < header) return; // damaged: nothing after it can be trusted
    yield { type: w.ascii(at + 4), body: at + header, end: Math.min(at + size, to) };
    at += size;
  }
}

const child = (w: ByteWindow, parent: Atom, type: string) => {
  for (const a of atoms(w, parent.body, parent.end)) if (a.type === type) return a;
  return undefined;
};

/** Whether the file starts like an MP4/MOV (an `ftyp`, or a QuickTime file's first atom). */
export function isIsoBmff(w: ByteWindow): boolean {
  return w.within(0, 8) && TOP_LEVEL.includes(w.ascii(4)) && (w.is(4, 'ftyp') || w.u32(0, false) >= 8);
}

function track(w: ByteWindow, trak: Atom): Mp4Track | undefined {
  const mdia = child(w, trak, 'mdia');
  const hdlr = mdia && child(w, mdia, 'hdlr');
  if (!mdia || !hdlr || !w.within(hdlr.body + 8, 4)) return undefined;
  const t: Mp4Track = { handler: w.ascii(hdlr.body + 8) };
  const minf = child(w, mdia, 'minf');
  const stbl = minf && child(w, minf, 'stbl');
  const stsd = stbl && child(w, stbl, 'stsd');
  // stsd: version/flags (4), entry count (4), then sample entries.
  const entry = stsd && w.within(stsd.body + 8, 8) ? stsd.body + 8 : undefined;
  if (entry === undefined) return t;
  t.codec = w.ascii(entry + 4);
  // An audio sample entry: 8-byte entry header, 8 reserved, 8 more, then channels, size, rate (16.16).
  if (t.handler === 'soun' && w.within(entry, 36)) {
    t.channels = w.u16(entry + 24, false);
    t.sampleRate = w.u16(entry + 32, false);
  }
  return t;
}

export function mp4Info(w: ByteWindow): Mp4Info {
  const info: Mp4Info = { tracks: [] };
  let moov: Atom | undefined;
  for (const a of atoms(w, 0, w.size)) if (a.type === 'moov') moov = a;
  if (!moov) return info;
  for (const a of atoms(w, moov.body, moov.end)) {
    if (a.type === 'mvhd' && w.within(a.body, 32)) {
      const v1 = w.u8(a.body) === 1;
      const timescale = w.u32(a.body + (v1 ? 20 : 12), false);
      const duration = v1 ? w.u64(a.body + 24, false) : w.u32(a.body + 16, false);
      if (timescale > 0 && duration > 0 && duration !== 0xffffffff) info.seconds = duration / timescale;
    }
    if (a.type === 'trak') {
      const t = track(w, a);
      if (t) info.tracks.push(t);
    }
  }
  return info;
}
