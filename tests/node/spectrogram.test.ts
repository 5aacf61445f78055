import { describe, expect, it } from 'vitest';
import { fftJsEngine } from '../../src/spectrogram/fft-engine';
import { pffftEngine } from '../../src/spectrogram/fft-pffft';
import { codeToDb, hann, overviewRange, stftTile, visibleRange } from '../../src/spectrogram/stft';
import { cutExcerpt, excerptColumns, spanOf, tileFromExcerpt, EXCERPT_MAX_SAMPLES } from '../../src/spectrogram/excerpt';
import { colourTable, frequencyTicks, heightOf, frequencyAt, paintTile, rowBins, sharpEnough } from '../../src/spectrogram/paint';

const SR = 48_000;
const sine = (hz: number, amp: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

describe('STFT', { timeout: 20_000 }, () => {
  it('a sine on a bin centre reads its amplitude in dBFS (periodic Hann, |X|·2/Σw)', () => {
    const hz = 40 * (SR / 2048); // bin 40 exactly
    const tile = stftTile([sine(hz, 0.25, SR)], SR, fftJsEngine(2048), { start: 10_000, hop: 4096, frames: 4 });
    for (let f = 0; f < 4; f++) {
      const row = tile.data.subarray(f * tile.bins, (f + 1) * tile.bins);
      expect(Math.abs(codeToDb(row[40]) - 20 * Math.log10(0.25))).toBeLessThan(0.3);
      expect(codeToDb(row[30])).toBeLessThan(-100);
    }
    expect(hann(8).reduce((a, b) => a + b)).toBeCloseTo(4, 6); // Σw = N/2
  });

  it('PFFFT (WebAssembly) and fft.js give the same picture above −110 dBFS (below it, float32 rounding noise differs)', async () => {
    const x = Float32Array.from(
      { length: SR / 2 },
      (_, i) => Math.sin(i * 0.05) * 0.5 + Math.sin(i * 1.3) * 0.01 + ((i * 7919) % 13) / 1e4,
    );
    const range = { start: 0, hop: 777.5, frames: 30 };
    const a = stftTile([x, x], SR, fftJsEngine(1024), range);
    const b = stftTile([x, x], SR, await pffftEngine(1024), range);
    let worst = 0;
    const audible = Math.round((40 * 255) / 150); // code of −110 dBFS
    let compared = 0;
    for (let i = 0; i < a.data.length; i++) {
      if (Math.max(a.data[i], b.data[i]) < audible) continue;
      compared++;
      worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
    }
    expect(compared).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(1); // at most one 0.59 dB code apart
  });

  it('an excerpt gives the tile the whole clip gives, zoomed in (contiguous) and zoomed out (one window per frame)', () => {
    const x = Float32Array.from({ length: 4 * SR }, (_, i) => Math.sin(i * (0.01 + i * 1e-7)) * 0.3);
    const fft = fftJsEngine(2048);
    for (const range of [visibleRange(1, 1.2, 300, SR), visibleRange(0, 4, 90, SR)]) {
      const whole = stftTile([x], SR, fft, range);
      const part = tileFromExcerpt(cutExcerpt([x], range, 2048), SR, fft, range);
      let mismatches = 0;
      for (let i = 0; i < whole.data.length; i++) if (part.data[i] !== whole.data[i]) mismatches++;
      expect(part.data.length).toBe(whole.data.length);
      expect(mismatches).toBe(0);
      expect([part.start, part.hop, part.frames]).toEqual([whole.start, whole.hop, whole.frames]);
    }
    expect(excerptColumns(1200, visibleRange(0, 300, 1200, SR), 2048, 2)).toBe(EXCERPT_MAX_SAMPLES / 4096);
    expect(spanOf({ start: 1024, hop: 512, frames: 3 }, 2048)).toEqual([0, 3072]);
  });

  it('the whole-clip hop: a quarter frame, doubled up to 8192 frames', () => {
    expect(overviewRange(3 * SR, 1024).hop).toBe(256);
    expect(overviewRange(300 * SR, 2048).hop).toBe(2048);
    expect(overviewRange(300 * SR, 2048).frames).toBeLessThanOrEqual(8192 + 1);
  });
});

describe('spectrogram painting', () => {
  const tile = stftTile([sine(1000, 0.5, SR)], SR, fftJsEngine(2048), visibleRange(0, 1, 100, SR));

  it('log and linear axes: rows cover every bin once from the top down, ticks sit where their frequency is', () => {
    for (const scale of ['linear', 'log'] as const) {
      const bins = rowBins(200, tile, scale);
      expect(bins[2 * 199]).toBeLessThanOrEqual(bins[0]); // bottom row holds lower bins than the top
      expect(heightOf(frequencyAt(0.3, scale, 24_000), scale, 24_000)).toBeCloseTo(0.3, 9);
    }
    expect(frequencyTicks('log', 24_000).map((t) => t.label)).toEqual([
      '50 Hz',
      '100 Hz',
      '200 Hz',
      '500 Hz',
      '1 kHz',
      '2 kHz',
      '5 kHz',
      '10 kHz',
      '20 kHz',
    ]);
  });

  it('paints the 1 kHz line brightest, in the row that holds 1 kHz, and the floor darkest', () => {
    const rows = 100;
    const pixels = new Uint32Array(50 * rows);
    const lut = colourTable(-100);
    paintTile(pixels, 50, rows, tile, { t0: 0, t1: 1 }, rowBins(rows, tile, 'log'), lut);
    const column = Array.from({ length: rows }, (_, r) => pixels[r * 50 + 25]);
    const brightest = column.indexOf(lut[Math.max(...Array.from(tile.data))]);
    const row1k = Math.round((1 - heightOf(1000, 'log', 24_000)) * rows);
    expect(Math.abs(brightest - row1k)).toBeLessThanOrEqual(1);
    expect(column[rows - 1]).toBe(lut[0]);
    expect(sharpEnough(tile, { t0: 0, t1: 1 }, 50)).toBe(true);
    expect(sharpEnough(tile, { t0: 0, t1: 1 }, 1000)).toBe(false);
  });

  it('the colour scale: floor and below darkest, 0 dBFS brightest, gain moves levels up', () => {
    const lut = colourTable(-60);
    const code = (db: number) => Math.round(((db + 150) * 255) / 150);
    expect(lut[code(-80)]).toBe(lut[0]);
    expect(lut[255]).not.toBe(lut[0]);
    expect(colourTable(-60, 20)[code(-20)]).toBe(lut[255]);
  });
});

describe('level codes', () => {
  it('track 10·log10(power) to within 0.52 of a code (0.31 dB) over 150 dB: the fast log2 is exact enough', () => {
    const fft = { size: 4, name: 'fft.js' as const, power: (_: Float32Array, p: Float32Array) => p.fill(power) };
    let power = 0;
    for (let db = -149; db <= 0; db += 0.37) {
      power = 10 ** (db / 10) / (2 / 2) ** 2; // undo the tile's amplitude scaling for size 4
      const code = stftTile([new Float32Array(8)], SR, fft, { start: 4, hop: 1, frames: 1 }).data[1];
      expect(Math.abs(code - ((db + 150) * 255) / 150), `${db} dB`).toBeLessThanOrEqual(0.52);
    }
  });
});
