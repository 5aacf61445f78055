/**
 * The FFT convolution of the offline render (PFFFT in WebAssembly, partitioned
 * overlap-save) against the definition (direct double-precision sums) on short signals,
 * and against scipy.signal.fftconvolve (float64) on a real gunshot through a real IR.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/codec/wav';
import { IrSpectraCache } from '../../src/render/ir-spectra-cache';
import { convolveWhole, IrSpectra, PartitionedConvolver, partitionFor, type ConvolutionTerm } from '../../src/render/partitioned-convolver';
import { loadWasmFft, type PffftModule } from '../../src/render/wasm-fft';

/** Direct O(n·m) convolution in double precision: the definition. */
function direct(x: ArrayLike<number>, h: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length + h.length - 1);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < h.length; j++) out[i + j] += x[i] * h[j];
  return out;
}

/** Largest |a − b| relative to b's peak, dB (−Infinity when identical). */
function errorDb(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let peak = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    peak = Math.max(peak, Math.abs(b[i]));
  }
  return 20 * Math.log10(worst / peak);
}

/** Repeatable noise in [-1, 1). */
function noise(length: number, seed: number, decay = Infinity): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s / 2 ** 30 - 1) * Math.exp(-i / decay);
  });
}

let fft: PffftModule;
beforeAll(async () => {
  fft = await loadWasmFft();
});

describe('partitioned FFT convolution (PFFFT, overlap-save)', () => {
  it('equals the direct sum within −120 dB of the peak, whatever the partition size', () => {
    const x = noise(5000, 1);
    const h = noise(3000, 2, 600);
    const reference = direct(x, h);
    for (const partition of [256, 512, 1024, 4096]) {
      const e = errorDb(convolveWhole(fft, x, h, partition), reference);
      console.info(`partition ${partition}: error ${e.toFixed(1)} dB re peak`);
      expect(e).toBeLessThan(-120);
    }
  });

  it('a pulse through the IR gives the IR back, delayed, and nothing before it', () => {
    const h = noise(700, 3, 200);
    const x = new Float32Array(1000);
    x[333] = 1;
    const y = convolveWhole(fft, x, h, 256);
    expect(Math.max(...y.subarray(0, 333).map(Math.abs))).toBeLessThan(1e-7);
    expect(errorDb(y.subarray(333, 333 + h.length), h)).toBeLessThan(-120);
  });

  it('sums terms (true stereo: two inputs into one output) and skips all-zero partitions exactly', () => {
    const left = noise(4000, 4);
    const right = noise(4000, 5);
    const h1 = noise(1500, 6, 400);
    // 1100 frames of silence first, as a pre-delay makes: its first partitions are all zeros.
    const h2 = new Float32Array(2600);
    h2.set(noise(1500, 7, 400), 1100);
    const reference = direct(left, h1);
    direct(right, h2).forEach((v, i) => (reference[i] += v));
    const partition = 256;
    const out = new Float32Array(reference.length);
    const convolver = new PartitionedConvolver(
      fft,
      [
        { input: 0, ir: h1 },
        { input: 1, ir: h2 },
      ],
      partition,
    );
    for (let s = 0; s < out.length; s += partition) {
      convolver.process([left.subarray(Math.min(s, 4000), s + partition), right.subarray(Math.min(s, 4000), s + partition)], out, s);
    }
    convolver.dispose();
    expect(errorDb(out, reference)).toBeLessThan(-120);
  });

  it('a convolver borrowing kept IR spectra gives the same samples; kept spectra outlive a forget while a job uses them', () => {
    const x = noise(9000, 3);
    const h = noise(2500, 4, 500);
    const run = (term: ConvolutionTerm) => {
      const c = new PartitionedConvolver(fft, [term], 1024);
      const out = new Float32Array(x.length);
      for (let at = 0; at < x.length; at += 1024) c.process([x.subarray(at, at + 1024)], out, at);
      c.dispose();
      return out;
    };
    const cache = new IrSpectraCache();
    const spectra = cache.acquire('h', () => IrSpectra.of(fft, h, 1024));
    expect(cache.acquire('h', null)).toBe(spectra); // a second job finds it
    cache.forget('h');
    expect(cache.size).toBe(1); // still in use by both
    expect(run({ input: 0, spectra })).toEqual(run({ input: 0, ir: h }));
    cache.release('h');
    cache.release('h');
    expect(cache.size).toBe(0);
    expect(() => cache.acquire('h', null)).toThrow(/no spectra for IR h/);
  });

  it('picks partitions of the whole IR when short, at most 2^15 frames when long', () => {
    expect(partitionFor(100)).toBe(1024);
    expect(partitionFor(19_200)).toBe(32_768);
    expect(partitionFor(48_000 * 20)).toBe(32_768);
  });
});

describe('against scipy.signal.fftconvolve on real recordings', () => {
  it.each([
    ['ufoai-pistol.wav', 'ir-boulevard.wav'],
    ['speech-dry.wav', 'ir-canyon-narrow.wav'], // 5.5 s IR: nine partitions
  ])(
    '%s through %s agrees within −120 dB of the peak',
    (clipFile, irFile) => {
      const read = (name: string) => decodeWav(readFileSync(join(__dirname, '../../samples', name))).channels[0];
      const shot = read(clipFile);
      const ir = read(irFile);
      const dir = mkdtempSync(join(tmpdir(), 'canyon-conv-'));
      try {
        writeFileSync(join(dir, 'x.f32'), shot);
        writeFileSync(join(dir, 'h.f32'), ir);
        const script = [
          'import numpy as np, scipy.signal, sys',
          'd = sys.argv[1]',
          "x = np.fromfile(d + '/x.f32', dtype=np.float32).astype(np.float64)",
          "h = np.fromfile(d + '/h.f32', dtype=np.float32).astype(np.float64)",
          "scipy.signal.fftconvolve(x, h).tofile(d + '/y.f64')",
        ].join('\n');
        try {
          execFileSync('python3', ['-c', script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (e) {
          throw new Error(`python3 with numpy and scipy is needed for this test (Debian: apt-get install python3-scipy): ${String(e)}`, {
            cause: e,
          });
        }
        const bytes = readFileSync(join(dir, 'y.f64'));
        const scipy = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
        const e = errorDb(convolveWhole(fft, shot, ir), scipy);
        console.info(`${shot.length} frames ⊛ ${ir.length} frames: error ${e.toFixed(1)} dB re peak`);
        expect(e).toBeLessThan(-120);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  ); // python3 and scipy take seconds to start on a loaded machine
});
