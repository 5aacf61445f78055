import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffAudio, sniffFile } from '../../src/audio/sniff';
import { encodeWav } from '../../src/codec/wav';

const dir = mkdtempSync(join(tmpdir(), 'sniff-'));

/** Run ffmpeg or sox in the temporary folder and return the file it wrote. */
function make(program: 'ffmpeg' | 'sox', args: string[], output: string): Uint8Array<ArrayBuffer> {
  execFileSync(program, program === 'ffmpeg' ? ['-v', 'error', ...args, '-y', output] : args, { cwd: dir });
  const b = readFileSync(join(dir, output));
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Real files of each format, made by ffmpeg (an independent encoder). */
function encode(ext: string, rate: number, channels: number, seconds = 0.5): Uint8Array<ArrayBuffer> {
  const codec = ext === 'opus' ? ['-c:a', 'libopus'] : ext === 'm4a' ? ['-c:a', 'aac'] : ext === 'ogg' ? ['-c:a', 'libvorbis'] : [];
  const source = ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=${seconds}`, '-ac', String(channels)];
  return make('ffmpeg', [...source, ...codec], `t.${ext}`);
}

/**
 * A File-like Blob that counts the bytes read from it: the length check must read the
 * headers wherever they are, and nothing like the whole file.
 */
function counted(bytes: Uint8Array<ArrayBuffer>): { blob: Blob; read: () => number } {
  const real = new Blob([bytes]);
  let read = 0;
  const blob = {
    size: real.size,
    slice: (from: number, to: number) => {
      read += to - from;
      return real.slice(from, to);
    },
  } as Blob;
  return { blob, read: () => read };
}

// Each case starts ffmpeg; on a loaded CI machine that can take seconds, not milliseconds.
describe('sniffAudio', { timeout: 30_000 }, () => {
  it('reads rate and channels of WAV, FLAC, Ogg Vorbis/Opus and MP3, and recognises MP4', () => {
    expect(sniffAudio(encode('wav', 8000, 1))).toMatchObject({
      format: 'wav',
      label: 'WAV',
      encoding: '16-bit PCM',
      sampleRate: 8000,
      channels: 1,
    });
    expect(sniffAudio(encode('wav', 192000, 2))).toMatchObject({ format: 'wav', sampleRate: 192000, channels: 2, decoder: 'browser' });
    expect(sniffAudio(encode('flac', 44100, 2))).toMatchObject({ format: 'flac', sampleRate: 44100, channels: 2 });
    expect(sniffAudio(encode('ogg', 22050, 1))).toMatchObject({ format: 'ogg-vorbis', sampleRate: 22050, channels: 1 });
    expect(sniffAudio(encode('opus', 48000, 2))).toMatchObject({ format: 'ogg-opus', channels: 2 });
    expect(sniffAudio(encode('mp3', 32000, 1))).toMatchObject({ format: 'mp3', sampleRate: 32000 });
    expect(sniffAudio(encode('m4a', 44100, 2))).toMatchObject({ format: 'mp4', channels: 2, sampleRate: 44100 });
  });
  it('says unknown for anything else, including nothing, and names what is not audio', () => {
    expect(sniffAudio(new Uint8Array(0)).format).toBe('unknown');
    expect(sniffAudio(new TextEncoder().encode('hello, not audio'))).toMatchObject({ format: 'unknown', notAudio: 'a text file' });
    const png = make('ffmpeg', ['-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1'], 'red.png');
    expect(sniffAudio(png).notAudio).toBe('a PNG image');
  });
});

describe('the length, from the headers alone (before decoding)', { timeout: 60_000 }, () => {
  it('of WAV, FLAC, MP3 (Info frame), Ogg Vorbis/Opus (last page) and M4A (mvhd) files made by ffmpeg', async () => {
    // 30 s: long enough that the Ogg and M4A lengths lie past the first 64 KB.
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
      for (const result of [sniffAudio(file), await sniffFile(new Blob([file]))]) {
        // Encoders add up to a few frames of padding (MP3, AAC, Opus pre-skip).
        expect(result.seconds, `${ext} ${rate}`).toBeGreaterThan(29.99);
        expect(result.seconds, `${ext} ${rate}`).toBeLessThan(30.1);
        expect(result.declaredSeconds).toBeUndefined();
      }
    }
  });

  it('of an hour-long MP3 behind 2 MB of cover art, reading about 200 KB of its 5.6 MB', async () => {
    make('ffmpeg', ['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '3600', '-c:a', 'libmp3lame', '-b:a', '8k'], 'hour.mp3');
    make('ffmpeg', ['-f', 'lavfi', '-i', 'nullsrc=s=1300x1300,geq=random(1)*255:128:128', '-frames:v', '1'], 'cover.png');
    for (const xing of ['1', '0']) {
      const mp3 = make(
        'ffmpeg',
        ['-i', 'hour.mp3', '-i', 'cover.png', '-map', '0', '-map', '1', '-c', 'copy', '-id3v2_version', '3', '-write_xing', xing],
        `cover-${xing}.mp3`,
      );
      const tag = 10 + ((mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]);
      expect(tag).toBeGreaterThan(2_000_000); // the cover art really is that big
      const { blob, read } = counted(mp3);
      const result = await sniffFile(blob);
      expect(result.format).toBe('mp3');
      // With a Xing frame: exact. Without: from the first frames' bit rate, constant here, and the file's size.
      expect(result.seconds, `xing ${xing}`).toBeCloseTo(3600, -1);
      expect(result.approximate, `xing ${xing}`).toBeUndefined();
      expect(read()).toBeLessThan(300_000);
    }
  });

  it('of an hour-long M4A whose moov atom (113 KB) sits at the end', async () => {
    const m4a = make('ffmpeg', ['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '3600', '-c:a', 'aac', '-b:a', '8k'], 'hour.m4a');
    const moov = Buffer.from(m4a).indexOf('moov');
    expect(moov).toBeGreaterThan(m4a.length / 3); // after the media data
    const { blob, read } = counted(m4a);
    expect((await sniffFile(blob)).seconds).toBeCloseTo(3600, 0);
    expect(read()).toBeLessThan(m4a.length);
  });

  it('of a WAV with a 3 MB chunk before its data, reading about 130 KB of 60 MB', async () => {
    const header = encodeWav({ sampleRate: 8000, channels: [new Float32Array(0)] }, 'pcm16');
    const junk = new Uint8Array(8 + 3_000_000);
    junk.set([0x4a, 0x55, 0x4e, 0x4b]); // 'JUNK'
    new DataView(junk.buffer).setUint32(4, 3_000_000, true);
    const data = new Uint8Array(8 + 3600 * 8000 * 2);
    data.set([0x64, 0x61, 0x74, 0x61]); // 'data'
    new DataView(data.buffer).setUint32(4, 3600 * 8000 * 2, true);
    const file = new Uint8Array(36 + junk.length + data.length);
    file.set(header.subarray(0, 36));
    file.set(junk, 36);
    file.set(data, 36 + junk.length);
    const { blob, read } = counted(file);
    expect((await sniffFile(blob)).seconds).toBe(3600);
    expect(read()).toBeLessThan(200_000);
    expect(sniffAudio(file).seconds).toBe(3600);
  });

  it('of a WAV whose byteRate field is wrong: from the sample rate, block align and data size', () => {
    const wav = encodeWav({ sampleRate: 48000, channels: [new Float32Array(48000), new Float32Array(48000)] }, 'pcm16');
    new DataView(wav.buffer).setUint32(28, 200, true); // byteRate: 200 instead of 192 000
    expect(sniffAudio(wav).seconds).toBe(1);
  });

  it('of RF64 and AIFF/AIFF-C files made by ffmpeg and sox', () => {
    const rf64 = make('ffmpeg', ['-f', 'lavfi', '-i', 'sine=d=2:sample_rate=44100', '-rf64', 'always'], 'rf.wav');
    expect(sniffAudio(rf64)).toMatchObject({ label: 'WAV (RF64)', encoding: '16-bit PCM', seconds: 2, sampleRate: 44100 });
    const aiff = make('sox', ['-n', '-r', '22050', '-b', '24', '-c', '2', 'a.aiff', 'synth', '1.5', 'sine', '440'], 'a.aiff');
    expect(sniffAudio(aiff)).toMatchObject({
      format: 'aiff',
      label: 'AIFF',
      encoding: '24-bit PCM',
      decoder: 'aiff',
      seconds: 1.5,
      channels: 2,
    });
    const aifc = make('sox', ['-n', '-e', 'floating-point', '-b', '32', 'a.aifc', 'synth', '0.5', 'sine', '440'], 'a.aifc');
    expect(sniffAudio(aifc)).toMatchObject({ label: 'AIFF-C', encoding: '32-bit float', seconds: 0.5, sampleRate: 48000 });
    const sowt = make('ffmpeg', ['-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'pcm_s16le', '-f', 'aiff'], 's.aifc');
    expect(sniffAudio(sowt)).toMatchObject({ label: 'AIFF-C', encoding: '16-bit PCM', seconds: 0.5 });
  });

  it('counts the frames of an MP3 without a Xing/Info frame (CBR and VBR), given the whole file', async () => {
    for (const [rate, quality] of [
      [44100, ['-b:a', '128k']],
      [8000, ['-b:a', '8k']],
      [44100, ['-q:a', '5']],
    ] as const) {
      const source = ['-f', 'lavfi', '-i', `anoisesrc=d=30:c=pink:r=${rate}:a=0.3`, '-ac', '1'];
      const mp3 = make('ffmpeg', [...source, '-c:a', 'libmp3lame', ...quality, '-write_xing', '0'], 't.mp3');
      const length = sniffAudio(mp3);
      expect(length.seconds, `${rate} ${quality.join(' ')}`).toBeGreaterThan(29.99);
      // Whole frames, with the encoder's delay and padding (a frame is 72 ms at 8 kHz).
      expect(length.seconds, `${rate} ${quality.join(' ')}`).toBeLessThan(30.25);
      expect(length.approximate).toBeUndefined();
      // From a File (first frames and size only): a variable bit rate is marked as an estimate.
      const fromFile = await sniffFile(new Blob([mp3]));
      expect(fromFile.approximate, quality.join(' ')).toBe(quality[0] === '-q:a' ? true : undefined);
      expect(Math.abs(fromFile.seconds! / 30 - 1), quality.join(' ')).toBeLessThan(0.2);
    }
  });

  it('notices a WAV cut short and says what its header promised', () => {
    const file = encode('wav', 48000, 1, 2); // 16-bit mono: 96 000 bytes a second
    const cut = file.slice(0, 44 + 96_000 / 2);
    expect(sniffAudio(cut).seconds).toBeCloseTo(0.5, 3);
    expect(sniffAudio(cut).declaredSeconds).toBeCloseTo(2, 3);
  });

  it('says nothing when the header does not tell (a live WebM, not audio)', () => {
    // A pipe: ffmpeg cannot seek back to write the duration, as MediaRecorder's streams.
    execFileSync('sh', ['-c', 'ffmpeg -v error -f lavfi -i sine=d=1 -c:a libopus -f webm - > live.webm'], { cwd: dir });
    const webm = readFileSync(join(dir, 'live.webm'));
    expect(sniffAudio(webm)).toMatchObject({ format: 'webm' });
    expect(sniffAudio(webm).seconds).toBeUndefined();
    expect(sniffAudio(encode('webm', 48000, 1, 1)).seconds).toBeCloseTo(1, 1); // a file: ffmpeg writes its duration
    expect(sniffAudio(new TextEncoder().encode('hello, not audio')).seconds).toBeUndefined();
  });
});

describe('odd headers are named for what they are', () => {
  const wav = () => encodeWav({ sampleRate: 48000, channels: [new Float32Array(4800).fill(0.1)] }, 'pcm16');
  const patched = (f: (v: DataView) => void) => {
    const b = wav();
    f(new DataView(b.buffer));
    return b;
  };
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

  it('WAVs with no channels, a 0 Hz rate, no data chunk, cut inside the header, or a format chunk of noise', () => {
    expect(sniffAudio(patched((v) => v.setUint16(22, 0, true))).unsupported).toBe('its header says it has no channels');
    expect(sniffAudio(patched((v) => v.setUint32(24, 0, true))).unsupported).toBe('its header gives a sample rate of 0 Hz');
    expect(sniffAudio(wav().slice(0, 36)).unsupported).toBe('it has no data chunk: it holds no audio');
    expect(sniffAudio(wav().slice(0, 30)).unsupported).toBe('it ends inside its header: the file is cut off');
    // 65 535 channels: not a codec the lab lacks, a damaged header (left to the decoder to fail as corrupt).
    expect(sniffAudio(patched((v) => v.setUint16(22, 65535, true)))).toMatchObject({ format: 'wav', decoder: 'browser' });
    expect(sniffAudio(patched((v) => v.setUint16(22, 65535, true))).unsupported).toBeUndefined();
  });

  it('streaming sizes (0 and all ones) read to the end of the file; rates the browser refuses go to the lab’s decoder', () => {
    expect(sniffAudio(patched((v) => v.setUint32(40, 0xffffffff, true))).seconds).toBe(0.1);
    expect(sniffAudio(patched((v) => v.setUint32(40, 0, true))).seconds).toBe(0.1);
    expect(sniffAudio(encodeWav({ sampleRate: 2000, channels: [new Float32Array(200)] }, 'pcm16')).decoder).toBe('wav');
    expect(sniffAudio(encodeWav({ sampleRate: 800_000, channels: [new Float32Array(800)] }, 'pcm16')).decoder).toBe('wav');
    expect(sniffAudio(encodeWav({ sampleRate: 8000, channels: [new Float32Array(800)] }, 'pcm16')).decoder).toBe('browser');
  });

  it('containers the browser cannot read, and files that are not audio', () => {
    const riffAvi = Uint8Array.from([...ascii('RIFF'), 4, 0, 0, 0, ...ascii('AVI LIST'), 0, 0, 0, 0]);
    expect(sniffAudio(riffAvi)).toMatchObject({ format: 'other', label: 'AVI video' });
    expect(sniffAudio(Uint8Array.from([...ascii('MThd'), 0, 0, 0, 6, 0, 0, 0, 1, 0, 96])).notAudio).toMatch(/^a MIDI file/);
    expect(sniffAudio(new TextEncoder().encode('<!DOCTYPE html><html></html>')).notAudio).toBe('a web page (HTML)');
    expect(sniffAudio(Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0])).notAudio).toBe('a ZIP archive (or an Office document)');
    const id3Only = Uint8Array.from([...ascii('ID3'), 3, 0, 0, 0, 0, 0, 10, ...new Array<number>(10).fill(0)]);
    expect(sniffAudio(id3Only).unsupported).toBe('it holds a tag (ID3: title, artist, picture) and no audio after it');
    const ac3 = make('ffmpeg', ['-f', 'lavfi', '-i', 'sine=d=0.2', '-c:a', 'ac3'], 'x.ac3');
    expect(sniffAudio(ac3).label).toBe('Dolby Digital (AC-3)');
    const au = make('sox', ['-n', '-b', '16', 'x.au', 'synth', '0.5', 'sine', '440'], 'x.au');
    expect(sniffAudio(au)).toMatchObject({ format: 'au', decoder: 'au', seconds: 0.5, encoding: '16-bit PCM' });
  });

  it('FLAC behind an ID3v2 tag, and FLAC in Ogg, give their rate', () => {
    const flac = encode('flac', 44100, 1);
    const tag = Uint8Array.from([...ascii('ID3'), 3, 0, 0, 0, 0, 0, 20, ...new Array<number>(20).fill(0)]);
    const tagged = new Uint8Array(tag.length + flac.length);
    tagged.set(tag);
    tagged.set(flac, tag.length);
    expect(sniffAudio(tagged)).toMatchObject({ format: 'flac', sampleRate: 44100, seconds: 0.5 });
    const oggFlac = make('ffmpeg', ['-f', 'lavfi', '-i', 'sine=d=0.5:sample_rate=22050', '-c:a', 'flac'], 'x.oga');
    expect(sniffAudio(oggFlac)).toMatchObject({ format: 'ogg-flac', sampleRate: 22050 });
  });
});
