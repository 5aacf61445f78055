import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav, type WavSampleFormat } from '../../src/codec/wav';

const SR = 48_000;

function sine(freqHz: number, amplitude: number, frames: number, phase = 0): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / SR + phase);
  return out;
}

function maxError(a: Float32Array, b: Float32Array): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

/** `sox FILE -n stats` figure by name, e.g. "Pk lev dB", as sox prints it. */
function soxStatText(path: string, name: string): string {
  // sox prints its stats on stderr.
  const stats = execFileSync('sh', ['-c', `sox "${path}" -n stats 2>&1`], { encoding: 'utf8' });
  const line = stats.split('\n').find((l) => l.startsWith(name));
  if (!line) throw new Error(`sox stats has no ${name}`);
  return line.slice(name.length).trim().split(/\s+/)[0];
}

function soxStat(path: string, name: string): number {
  return Number(soxStatText(path, name));
}

describe('WAV codec', () => {
  const cases: Array<[WavSampleFormat, number]> = [
    ['pcm16', 1 / 32768],
    ['pcm24', 1 / 8388608],
    ['float32', 0],
  ];
  for (const [format, step] of cases) {
    it(`round-trips ${format} within half a quantisation step`, () => {
      const left = sine(997, 0.8, 4801);
      const right = sine(311, -0.5, 4801, 1);
      const decoded = decodeWav(encodeWav({ sampleRate: SR, channels: [left, right] }, format));
      expect(decoded.format).toBe(format);
      expect(decoded.sampleRate).toBe(SR);
      expect(decoded.channels).toHaveLength(2);
      expect(decoded.channels[0]).toHaveLength(4801);
      expect(maxError(decoded.channels[0], left)).toBeLessThanOrEqual(step / 2 + 1e-12);
      expect(maxError(decoded.channels[1], right)).toBeLessThanOrEqual(step / 2 + 1e-12);
    });
  }

  it('writes a valid header: RIFF size, byte rate, block align, and pads an odd data chunk', () => {
    const bytes = encodeWav({ sampleRate: SR, channels: [new Float32Array(3)] }, 'pcm24');
    const view = new DataView(bytes.buffer);
    expect(bytes.length % 2).toBe(0);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint32(28, true)).toBe(SR * 3); // byte rate
    expect(view.getUint16(32, true)).toBe(3); // block align
    expect(view.getUint32(40, true)).toBe(9); // data bytes, without the pad byte
  });

  it('clips out-of-range samples to the integer code range instead of wrapping', () => {
    const decoded = decodeWav(encodeWav({ sampleRate: SR, channels: [Float32Array.from([1.5, 1, -1, -2])] }, 'pcm16'));
    expect(Array.from(decoded.channels[0])).toEqual([32767 / 32768, 32767 / 32768, -1, -1]);
  });

  it('writes more than two channels as WAVE_FORMAT_EXTENSIBLE and reads them back in order', () => {
    const chans = [0.1, -0.2, 0.3, -0.4, 0.5].map((v) => new Float32Array(10).fill(v));
    const bytes = encodeWav({ sampleRate: 44_100, channels: chans }, 'float32');
    expect(new DataView(bytes.buffer).getUint16(20, true)).toBe(0xfffe);
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRate).toBe(44_100);
    expect(decoded.channels.map((c) => c[7])).toEqual(chans.map((c) => c[0]));
  });

  it('skips chunks it does not know (LIST) and rejects non-WAV data', () => {
    const plain = encodeWav({ sampleRate: SR, channels: [Float32Array.from([0.25, -0.25])] }, 'pcm16');
    // Insert a 5-byte LIST chunk (odd, so a pad byte follows) between fmt and data.
    const list = Uint8Array.from([0x4c, 0x49, 0x53, 0x54, 5, 0, 0, 0, 1, 2, 3, 4, 5, 0]);
    const withList = new Uint8Array(plain.length + list.length);
    withList.set(plain.subarray(0, 36));
    withList.set(list, 36);
    withList.set(plain.subarray(36), 36 + list.length);
    expect(Array.from(decodeWav(withList).channels[0])).toEqual([0.25, -0.25]);
    expect(() => decodeWav(new Uint8Array(64))).toThrow(/RIFF/);
  });

  it('agrees with sox both ways: sox reads our files, we read sox files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    const ours = join(dir, 'ours.wav');
    writeFileSync(ours, encodeWav({ sampleRate: SR, channels: [sine(1000, 0.5, SR / 2)] }, 'pcm24'));
    expect(soxStat(ours, 'Pk lev dB')).toBeCloseTo(-6.02, 1);
    expect(soxStat(ours, 'Length s')).toBeCloseTo(0.5, 3);
    expect(soxStatText(ours, 'Bit-depth')).toMatch(/\/24$/); // bits used / container bits

    for (const [bits, encoding] of [
      ['24', 'signed-integer'],
      ['32', 'floating-point'],
      ['16', 'signed-integer'],
    ]) {
      const theirs = join(dir, `sox-${bits}.wav`);
      // A 3-channel 1 kHz sine at -6 dBFS, 0.1 s.
      execFileSync('sox', [
        '-n',
        '-r',
        String(SR),
        '-e',
        encoding,
        '-b',
        bits,
        '-c',
        '3',
        theirs,
        'synth',
        '0.1',
        'sine',
        '1000',
        'gain',
        '-6',
      ]);
      const d = decodeWav(readFileSync(theirs));
      expect(d.channels).toHaveLength(3);
      expect(d.channels[2]).toHaveLength(4800);
      let peak = 0;
      let crossings = 0;
      for (let i = 1; i < d.channels[2].length; i++) {
        peak = Math.max(peak, Math.abs(d.channels[2][i]));
        if (d.channels[2][i - 1] < 0 && d.channels[2][i] >= 0) crossings++;
      }
      expect(20 * Math.log10(peak)).toBeCloseTo(-6.02, 1);
      expect(crossings).toBeGreaterThanOrEqual(99); // 100 cycles of 1 kHz in 0.1 s
      expect(crossings).toBeLessThanOrEqual(100);
    }
  });
});
