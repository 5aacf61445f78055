import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffAudio } from '../../src/audio/sniff';

/** Real files of each format, made by sox and ffmpeg (independent encoders). */
function encode(ext: string, rate: number, channels: number): ArrayBuffer {
  const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
  const file = join(dir, `t.${ext}`);
  const codec = ext === 'opus' ? ['-c:a', 'libopus'] : ext === 'm4a' ? ['-c:a', 'aac'] : ext === 'ogg' ? ['-c:a', 'libvorbis'] : [];
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=0.5`, '-ac', String(channels), ...codec, '-y', file]);
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
    expect(sniffAudio(new TextEncoder().encode('hello, not audio').buffer as ArrayBuffer).format).toBe('unknown');
    expect(sniffAudio(new ArrayBuffer(0)).format).toBe('unknown');
  });
});
