/**
 * The spectrogram worker in Chromium (PFFFT compiled to WebAssembly, in its own worker) on
 * signals with known answers.
 */
import { describe, expect, it } from 'vitest';
import { SpectrogramSource } from '../../src/spectrogram/client';
import { codeToDb, type SpectrogramTile } from '../../src/spectrogram/stft';

const SR = 48_000;

function bufferOfSignal(seconds: number, f: (t: number) => number): AudioBuffer {
  const buffer = new AudioBuffer({ length: Math.round(seconds * SR), sampleRate: SR, numberOfChannels: 2 });
  const data = Float32Array.from({ length: buffer.length }, (_, i) => f(i / SR));
  buffer.copyToChannel(data, 0);
  buffer.copyToChannel(data, 1);
  return buffer;
}

function visibleTile(buffer: AudioBuffer, fftSize: number, columns: number): Promise<{ tile: SpectrogramTile; engine: string }> {
  return new Promise((resolve, reject) => {
    const source = new SpectrogramSource({
      ontile: (tile, info) => {
        source.dispose();
        resolve({ tile, engine: info.engine });
      },
      onerror: reject,
    });
    source.load(buffer, fftSize);
    source.requestTile(0, buffer.duration, columns);
  });
}

/** |DTFT of the periodic Hann window| at δ bins off centre, relative to its centre: the scalloping loss. */
function hannResponse(delta: number, n: number): number {
  let re = 0;
  let im = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    re += w * Math.cos((2 * Math.PI * delta * i) / n);
    im -= w * Math.sin((2 * Math.PI * delta * i) / n);
    sum += w;
  }
  return Math.hypot(re, im) / sum;
}

describe('spectrogram', () => {
  it('a 1 kHz sine at −12 dBFS peaks in the 1 kHz bin at −12 dB less Hann scalloping (±0.35 dB)', async () => {
    const amp = 10 ** (-12 / 20);
    const { tile, engine } = await visibleTile(
      bufferOfSignal(1, (t) => amp * Math.sin(2 * Math.PI * 1000 * t)),
      2048,
      50,
    );
    expect(engine).toBe('pffft-wasm');
    const binHz = SR / 2048;
    const expectedBin = Math.round(1000 / binHz); // 43 (1007.8 Hz)
    const expectedDb = -12 + 20 * Math.log10(hannResponse(1000 / binHz - expectedBin, 2048));
    for (const f of [10, 25, 40]) {
      const row = tile.data.subarray(f * tile.bins, (f + 1) * tile.bins);
      let best = 0;
      for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
      expect(best).toBe(expectedBin);
      // Codes step 0.59 dB: half a step, plus float rounding.
      expect(Math.abs(codeToDb(row[best]) - expectedDb)).toBeLessThan(0.35);
      // 10 bins away Hann has fallen by far more than 60 dB.
      expect(codeToDb(row[best + 10])).toBeLessThan(expectedDb - 60);
    }
  });

  it('an exponential sweep 100 Hz → 10 kHz draws a rising line where the sweep is', async () => {
    const T = 2;
    const [f0, f1] = [100, 10_000];
    const k = Math.log(f1 / f0);
    const phase = (t: number) => ((2 * Math.PI * f0 * T) / k) * (Math.exp((t / T) * k) - 1);
    const { tile } = await visibleTile(
      bufferOfSignal(T, (t) => 0.5 * Math.sin(phase(t))),
      2048,
      100,
    );
    const binHz = SR / 2048;
    let previous = 0;
    for (let f = 5; f < 95; f++) {
      const row = tile.data.subarray(f * tile.bins, (f + 1) * tile.bins);
      let best = 0;
      for (let b = 1; b < row.length; b++) if (row[b] > row[best]) best = b;
      const t = (tile.start + f * tile.hop) / SR;
      const expectedHz = f0 * Math.exp((t / T) * k);
      expect(best).toBeGreaterThanOrEqual(previous);
      expect(Math.abs(best * binHz - expectedHz), `frame ${f} at ${t.toFixed(3)} s`).toBeLessThan(Math.max(2 * binHz, 0.05 * expectedHz));
      previous = best;
    }
  });

  it('computes the whole clip once, and the visible tile follows the zoom (one frame per column)', async () => {
    const buffer = bufferOfSignal(3, (t) => 0.1 * Math.sin(2 * Math.PI * 440 * t));
    const overview = await new Promise<SpectrogramTile>((resolve, reject) => {
      const source = new SpectrogramSource({
        onoverview: (tile) => {
          source.dispose();
          resolve(tile);
        },
        onerror: reject,
      });
      source.load(buffer, 1024);
    });
    expect(overview.hop).toBe(256);
    expect(overview.frames * overview.hop).toBeGreaterThanOrEqual(buffer.length);
    const { tile } = await visibleTile(buffer, 1024, 800);
    expect(tile.frames).toBe(800);
    expect(tile.hop).toBeCloseTo((3 * SR) / 800, 9);
  });
});
