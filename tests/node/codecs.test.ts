/**
 * The lab's own decoders (for what Chromium refuses) against sox's reading of the same
 * files: sox converts each to 32-bit float WAV, and both must give the same samples.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAiff } from '../../src/codec/aiff';
import { decodeWav, UnsupportedAudio } from '../../src/codec/wav';
import { decodeOwn } from '../../src/audio/own-decode';
import { sniffAudio } from '../../src/audio/sniff';
import { resample } from '../../src/analysis/resample';

const dir = mkdtempSync(join(tmpdir(), 'codecs-'));
const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

/** A test signal written by sox with `format` options into `name`, and sox's own float reading of it. */
function soxPair(name: string, format: string[], rate = 44100, channels = 2): { file: Uint8Array; reference: Float32Array[] } {
  const synth = ['synth', '0.3', 'sine', '300-5000', 'sine', '440', 'vol', '0.7'];
  execFileSync(
    'sox',
    ['-n', '-r', String(rate), '-c', String(channels), ...format, name, ...synth.slice(0, channels === 1 ? 4 : 6), 'vol', '0.7'],
    {
      cwd: dir,
    },
  );
  execFileSync('sox', [name, '-e', 'floating-point', '-b', '32', `${name}.f32.wav`], { cwd: dir });
  return { file: read(name), reference: decodeWav(read(`${name}.f32.wav`)).channels };
}

function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((x, c) => {
    expect(x.length).toBe(b[c].length);
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - b[c][i]));
  });
  return worst;
}

describe('WAV encodings Chromium refuses or the lab reads itself', { timeout: 30_000 }, () => {
  for (const [label, format, tolerance] of [
    ['64-bit float', ['-e', 'floating-point', '-b', '64'], 1e-7],
    ['8-bit unsigned PCM', ['-e', 'unsigned', '-b', '8'], 1e-9],
    ['32-bit PCM', ['-e', 'signed', '-b', '32'], 1e-7],
    ['µ-law', ['-e', 'mu-law'], 1e-9],
    ['A-law', ['-e', 'a-law'], 1e-9],
  ] as const) {
    it(`${label}: the same samples as sox reads`, () => {
      const { file, reference } = soxPair(`${label.replace(/\W/g, '')}.wav`, [...format]);
      expect(maxDifference(decodeWav(file).channels, reference)).toBeLessThanOrEqual(tolerance);
    });
  }
  it('WAVE_FORMAT_EXTENSIBLE (ffmpeg writes it for 3 channels): 64-bit float and 24-bit PCM sub-formats', () => {
    for (const [name, format, codec] of [
      ['ext-f64.wav', ['-e', 'floating-point', '-b', '64'], 'pcm_f64le'],
      ['ext-s24.wav', ['-e', 'signed', '-b', '24'], 'pcm_s24le'],
    ] as const) {
      soxPair(name, [...format], 48000, 1);
      // Three channels: EXTENSIBLE, its sub-format GUID naming the encoding; sox reads it as the reference.
      execFileSync('ffmpeg', ['-v', 'error', '-i', name, '-ac', '3', '-c:a', codec, '-y', `3ch-${name}`], { cwd: dir });
      execFileSync('sox', [`3ch-${name}`, '-e', 'floating-point', '-b', '32', `3ch-${name}.f32.wav`], { cwd: dir });
      const three = read(`3ch-${name}`);
      expect(new DataView(three.buffer, three.byteOffset).getUint16(20, true)).toBe(0xfffe);
      expect(maxDifference(decodeWav(three).channels, decodeWav(read(`3ch-${name}.f32.wav`)).channels)).toBeLessThanOrEqual(1e-7);
    }
  });
  it('IMA ADPCM and GSM are named as not supported', () => {
    for (const [encoding, name] of [
      ['ima-adpcm', 'IMA ADPCM'],
      ['gsm-full-rate', 'GSM 6.10'],
    ]) {
      execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-e', encoding, 'x.wav', 'synth', '0.2', 'sine', '440'], { cwd: dir });
      expect(() => decodeWav(read('x.wav'))).toThrow(UnsupportedAudio);
      expect(() => decodeWav(read('x.wav'))).toThrow(`${name} is not supported`);
      expect(sniffAudio(read('x.wav'))).toMatchObject({ label: `WAV with ${name} audio`, unsupported: `${name} is not supported` });
    }
  });
});

describe('AIFF and AIFF-C', { timeout: 30_000 }, () => {
  for (const [label, name, format] of [
    ['16-bit AIFF', 'a16.aiff', ['-b', '16']],
    ['24-bit AIFF', 'a24.aiff', ['-b', '24']],
    ['8-bit AIFF', 'a8.aiff', ['-b', '8']],
    ['32-bit float AIFF-C (fl32)', 'f32.aifc', ['-e', 'floating-point', '-b', '32']],
    ['64-bit float AIFF-C (fl64)', 'f64.aifc', ['-e', 'floating-point', '-b', '64']],
    ['µ-law AIFF-C', 'ulaw.aifc', ['-e', 'mu-law']],
  ] as const) {
    it(`${label}: the same samples as sox reads`, () => {
      const { file, reference } = soxPair(name, [...format], 22050);
      const decoded = decodeAiff(file);
      expect(decoded.sampleRate).toBe(22050);
      expect(maxDifference(decoded.channels, reference)).toBeLessThanOrEqual(1e-7);
    });
  }
  it("little-endian 'sowt' (ffmpeg writes it for pcm_s16le)", () => {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=0.3:f=440', '-c:a', 'pcm_s16le', '-f', 'aiff', '-y', 's.aifc'], {
      cwd: dir,
    });
    execFileSync('sox', ['s.aifc', '-e', 'floating-point', '-b', '32', 's.f32.wav'], { cwd: dir });
    expect(maxDifference(decodeAiff(read('s.aifc')).channels, decodeWav(read('s.f32.wav')).channels)).toBe(0);
  });
});

it('Sun audio (.au), 16-bit big-endian: the same samples as sox reads', () => {
  const { file, reference } = soxPair('s.au', ['-b', '16', '-e', 'signed'], 16000, 1);
  const decoded = decodeOwn(file, 'au');
  expect(decoded.sampleRate).toBe(16000);
  expect(maxDifference(decoded.channels, reference)).toBe(0);
});

describe('band-limited resampling (rates the browser refuses)', () => {
  const tone = (freq: number, rate: number, seconds: number) =>
    Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / rate));
  /** Level of `freq` in `x` by correlation with a sine and cosine (a one-bin DFT), dB re amplitude 0.5. */
  function levelDb(x: Float32Array, freq: number, rate: number): number {
    let re = 0;
    let im = 0;
    for (let i = 0; i < x.length; i++) {
      re += x[i] * Math.cos((2 * Math.PI * freq * i) / rate);
      im += x[i] * Math.sin((2 * Math.PI * freq * i) / rate);
    }
    return 20 * Math.log10((2 * Math.hypot(re, im)) / x.length / 0.5);
  }

  it('1 kHz → 48 kHz keeps a 100 Hz tone at its level and adds no images of it', () => {
    const out = resample(tone(100, 1000, 2), 1000, 48000);
    expect(out.length).toBe(96000);
    const middle = out.subarray(24000, 72000); // away from the edges
    expect(levelDb(middle, 100, 48000)).toBeCloseTo(0, 1);
    // Images of 100 Hz around multiples of the old rate: 900, 1100, 1900 Hz.
    for (const image of [900, 1100, 1900, 2100]) expect(levelDb(middle, image, 48000)).toBeLessThan(-80);
  });

  it('going down, what lies above the new Nyquist frequency is removed, not folded back', () => {
    const out = resample(tone(1500, 48000, 1), 48000, 2000); // 1.5 kHz would alias to 500 Hz at 2 kHz
    expect(levelDb(out.subarray(200, 1800), 500, 2000)).toBeLessThan(-80);
    const kept = resample(tone(300, 48000, 1), 48000, 2000);
    expect(levelDb(kept.subarray(200, 1800), 300, 2000)).toBeCloseTo(0, 1);
  });
});
