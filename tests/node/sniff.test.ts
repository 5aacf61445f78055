import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNIFF_BYTES, estimateLength, sniffAudio } from '../../src/audio/sniff';

/** Real files of each format, made by sox and ffmpeg (independent encoders). */
function encode(ext: string, rate: number, channels: number, seconds = 0.5): ArrayBuffer {
  const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
  const file = join(dir, `t.${ext}`);
  const codec = ext === 'opus' ? ['-c:a', 'libopus'] : ext === 'm4a' ? ['-c:a', 'aac'] : ext === 'ogg' ? ['-c:a', 'libvorbis'] : [];
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=${rate}:duration=${seconds}`,
    '-ac',
    String(channels),
    ...codec,
    '-y',
    file,
  ]);
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

// Each case starts ffmpeg; on a loaded CI machine that can take seconds, not milliseconds.
describe('sniffAudio', { timeout: 30_000 }, () => {
  it('reads WAV rate and channels', () => {
    expect(sniffAudio(encode('wav', 8000, 1))).toEqual({ format: 'wav', sampleRate: 8000, channels: 1 });
    expect(sniffAudio(encode('wav', 192000, 2))).toEqual({ format: 'wav', sampleRate: 192000, channels: 2 });
  });
  it('reads FLAC STREAMINFO', () => {
    expect(sniffAudio(encode('flac', 44100, 2))).toEqual({ format: 'flac', sampleRate: 44100, channels: 2 });
  });
  it('reads Ogg Vorbis and Opus headers', () => {
    expect(sniffAudio(encode('ogg', 22050, 1))).toEqual({ format: 'ogg-vorbis', sampleRate: 22050, channels: 1 });
    expect(sniffAudio(encode('opus', 48000, 2))).toMatchObject({ format: 'ogg-opus', channels: 2 });
  });
  it('reads MP3 frame headers (after an ID3 tag) and recognises MP4', () => {
    expect(sniffAudio(encode('mp3', 32000, 1))).toMatchObject({ format: 'mp3', sampleRate: 32000 });
    expect(sniffAudio(encode('m4a', 44100, 2)).format).toBe('mp4');
  });
  it('says unknown for anything else, including nothing', () => {
    expect(sniffAudio(new TextEncoder().encode('hello, not audio').buffer).format).toBe('unknown');
    expect(sniffAudio(new ArrayBuffer(0)).format).toBe('unknown');
  });
});

/** The length as the app reads it from a File: its first and last 64 KB and its size. */
function lengthOf(file: ArrayBuffer) {
  const all = new Uint8Array(file);
  return estimateLength(all.subarray(0, SNIFF_BYTES), all.length, all.subarray(Math.max(0, all.length - SNIFF_BYTES)));
}

describe('estimateLength (before decoding)', { timeout: 60_000 }, () => {
  it('reads the length of WAV, FLAC, MP3 (Info frame), Ogg Vorbis/Opus (last page) and M4A (mvhd) files made by ffmpeg', () => {
    // 30 s: long enough that the Ogg and M4A lengths lie past the first 64 KB, in the tail.
    for (const [ext, rate] of [
      ['wav', 8000],
      ['wav', 192000],
      ['flac', 44100],
      ['mp3', 44100],
      ['mp3', 16000],
      ['ogg', 22050],
      ['opus', 48000],
      ['m4a', 44100],
    ] as const) {
      const file = encode(ext, rate, 2, 30);
      const length = lengthOf(file);
      expect(length, `${ext} ${rate}`).toBeDefined();
      // Encoders add up to a few frames of padding (MP3, AAC, Opus pre-skip).
      expect(length!.seconds, `${ext} ${rate}`).toBeGreaterThan(29.99);
      expect(length!.seconds, `${ext} ${rate}`).toBeLessThan(30.1);
      expect(length!.declaredSeconds).toBeUndefined();
    }
  });
  it('counts the frames of an MP3 without a Xing/Info frame (CBR and VBR), given the whole file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
    for (const [rate, quality] of [
      [44100, ['-b:a', '128k']],
      [8000, ['-b:a', '8k']],
      [44100, ['-q:a', '5']],
    ] as const) {
      const file = join(dir, 't.mp3');
      execFileSync('ffmpeg', [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        `anoisesrc=d=30:c=pink:r=${rate}:a=0.3`,
        '-ac',
        '1',
        '-c:a',
        'libmp3lame',
        ...quality,
        '-write_xing',
        '0',
        '-y',
        file,
      ]);
      const bytes = readFileSync(file);
      const all = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const length = estimateLength(all, all.length);
      expect(length!.seconds, `${rate} ${quality.join(' ')}`).toBeGreaterThan(29.99);
      // Whole frames, with the encoder's delay and padding (a frame is 72 ms at 8 kHz).
      expect(length!.seconds, `${rate} ${quality.join(' ')}`).toBeLessThan(30.25);
      // From its first 64 KB alone a longer such file's length is unknown, not guessed.
      if (all.length > SNIFF_BYTES)
        expect(estimateLength(all.subarray(0, SNIFF_BYTES), all.length, all.subarray(all.length - SNIFF_BYTES))).toBeUndefined();
    }
  });
  it('notices a WAV cut short and says what its header promised', () => {
    const file = encode('wav', 48000, 1, 2); // 16-bit mono: 96 000 bytes a second
    const cut = file.slice(0, 44 + 96_000 / 2);
    expect(lengthOf(cut)!.seconds).toBeCloseTo(0.5, 3);
    expect(lengthOf(cut)!.declaredSeconds).toBeCloseTo(2, 3);
  });
  it('says nothing when the header does not tell (WebM, not audio)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
    const file = join(dir, 't.webm');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000:duration=1',
      '-c:a',
      'libopus',
      '-y',
      file,
    ]);
    const webm = readFileSync(file);
    expect(sniffAudio(webm.buffer.slice(webm.byteOffset, webm.byteOffset + webm.byteLength)).format).toBe('webm');
    expect(lengthOf(webm.buffer.slice(webm.byteOffset, webm.byteOffset + webm.byteLength))).toBeUndefined();
    expect(lengthOf(new TextEncoder().encode('hello, not audio').buffer)).toBeUndefined();
  });
});
