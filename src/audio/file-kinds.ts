/**
 * Files that are not what the lab can open, known by their first bytes: audio formats the
 * browser does not decode (so the message can name them), and things that are not audio
 * at all but were given an audio name (a cover picture saved as .mp3, a text file as .wav).
 */
import type { ByteWindow } from '../codec/byte-window';

/** Audio containers and codecs the browser does not decode: their magic, name and why. */
const OTHER_AUDIO: { at: number; magic: string; label: string; reason: string }[] = [
  { at: 0, magic: 'caff', label: 'Core Audio Format (CAF)', reason: 'the browser cannot read CAF files' },
  { at: 0, magic: 'riff.\x91\xcf\x11', label: 'Sony Wave64 (W64)', reason: 'the browser cannot read Wave64 files' },
  { at: 0, magic: 'wvpk', label: 'WavPack', reason: 'the browser cannot decode WavPack' },
  { at: 0, magic: 'MAC ', label: "Monkey's Audio (APE)", reason: "the browser cannot decode Monkey's Audio" },
  { at: 0, magic: 'TTA1', label: 'True Audio (TTA)', reason: 'the browser cannot decode TTA' },
  { at: 0, magic: 'DSD ', label: 'DSD audio (DSF)', reason: 'the browser cannot decode DSD' },
  { at: 0, magic: 'FRM8', label: 'DSD audio (DSDIFF)', reason: 'the browser cannot decode DSD' },
  { at: 0, magic: '#!AMR', label: 'AMR speech', reason: 'the browser cannot decode AMR' },
  { at: 0, magic: '\x0b\x77', label: 'Dolby Digital (AC-3)', reason: 'the browser cannot decode AC-3' },
  { at: 8, magic: 'AVI ', label: 'AVI video', reason: 'the browser cannot read AVI files' },
];

const NOT_AUDIO: { at: number; magic: string; what: string }[] = [
  { at: 0, magic: '\x89PNG', what: 'a PNG image' },
  { at: 0, magic: '\xff\xd8\xff', what: 'a JPEG image' },
  { at: 0, magic: 'GIF8', what: 'a GIF image' },
  { at: 8, magic: 'WEBP', what: 'a WebP image' },
  { at: 0, magic: 'MThd', what: 'a MIDI file (notes for a synthesiser, not recorded sound)' },
  { at: 8, magic: 'RMID', what: 'a MIDI file (notes for a synthesiser, not recorded sound)' },
  { at: 0, magic: '%PDF', what: 'a PDF document' },
  { at: 0, magic: 'PK\x03\x04', what: 'a ZIP archive (or an Office document)' },
  { at: 0, magic: '\x1f\x8b', what: 'a gzip archive' },
  { at: 0, magic: 'Rar!', what: 'a RAR archive' },
  { at: 0, magic: '7z\xbc\xaf', what: 'a 7-Zip archive' },
  { at: 0, magic: '\x7fELF', what: 'a program' },
  { at: 0, magic: 'MZ', what: 'a Windows program' },
];

const matches = (w: ByteWindow, at: number, magic: string) =>
  w.within(at, magic.length) && [...w.bytes(at, magic.length)].every((b, i) => b === magic.charCodeAt(i));

export function otherAudioKind(w: ByteWindow): { label: string; reason: string } | undefined {
  const found = OTHER_AUDIO.find((k) => matches(w, k.at, k.magic) && (k.at === 0 || matches(w, 0, 'RIFF')));
  return found && { label: found.label, reason: found.reason };
}

/** What a file that is not audio is, when its bytes say; undefined for unknown binary data. */
export function notAudioKind(w: ByteWindow): string | undefined {
  const known = NOT_AUDIO.find((k) => matches(w, k.at, k.magic) && (k.at === 0 || matches(w, 0, 'RIFF')));
  if (known) return known.what;
  // Text: the first bytes are printable ASCII, whitespace or UTF-8.
  const head = w.bytes(0, 512);
  if (head.length === 0 || !head.every((b) => b >= 0x20 || b === 9 || b === 10 || b === 13)) return undefined;
  const text = new TextDecoder().decode(head).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'a web page (HTML)';
  if (text.startsWith('<?xml') || text.startsWith('<svg')) return 'an XML document';
  return 'a text file';
}
