import { describe, expect, it } from 'vitest';
import { clipPeaks, MAX_VIEW_POINTS } from '../../src/audio/clip-peaks';
import { axisPeaks, viewPeaks } from '../../src/ui/waveform-peaks';

describe('viewPeaks', () => {
  it('keeps the positive and negative extremes of every bucket', () => {
    const sr = 1000;
    const data = new Float32Array(sr * 1000); // 1000 s at 1 kHz: forces bucketing
    data[123_456] = 0.8;
    data[123_457] = -0.6;
    const { peaks } = viewPeaks([data], sr, 1000);
    expect(peaks[0].length).toBeLessThanOrEqual(MAX_VIEW_POINTS);
    expect(peaks[0].reduce((m, v) => Math.max(m, v), 0)).toBeCloseTo(0.8, 6);
    expect(peaks[0].reduce((m, v) => Math.min(m, v), 0)).toBeCloseTo(-0.6, 6);
  });

  it('pads a short clip with silence to the common duration, keeping time aligned', () => {
    const sr = 100;
    const clip = new Float32Array(100).fill(0.5); // 1 s of DC
    const { peaks, duration } = viewPeaks([clip], sr, 4); // shown on a 4 s axis
    expect(duration).toBe(4);
    const pairs = peaks[0].length / 2;
    expect(pairs).toBe(400);
    // first quarter of the axis holds the clip, the rest is silence
    expect(peaks[0][2 * 99]).toBeCloseTo(0.5, 6);
    expect(peaks[0][2 * 100]).toBe(0);
    expect(peaks[0][2 * 399]).toBe(0);
  });

  it('returns one array per channel', () => {
    const { peaks } = viewPeaks([new Float32Array(10), new Float32Array(10)], 10, 1);
    expect(peaks).toHaveLength(2);
  });
});

/** The (max, min) of the samples in each of `pairs` equal parts of the axis, read from the samples themselves. */
function pairsFromSamples(data: Float32Array, sr: number, duration: number, offset: number, pairs: number): Float32Array {
  const perPair = Math.round(duration * sr) / pairs;
  const shift = Math.round(offset * sr);
  const out = new Float32Array(2 * pairs);
  for (let k = 0; k < pairs; k++) {
    for (let i = Math.max(0, Math.floor(k * perPair) - shift); i < Math.min(data.length, Math.floor((k + 1) * perPair) - shift); i++) {
      out[2 * k] = Math.max(out[2 * k], data[i]);
      out[2 * k + 1] = Math.min(out[2 * k + 1], data[i]);
    }
  }
  return out;
}

function noise(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    x[i] = (s / 2 ** 32) * 2 - 1;
  }
  return x;
}

describe('axisPeaks', () => {
  it('draws one (max, min) pair a pixel, keeping every extreme where it was', () => {
    const sr = 1000;
    const data = new Float32Array(sr * 600); // 10 minutes at 1 kHz: 100 000 pairs of 6 samples
    data[123_456] = 0.8;
    data[400_001] = -0.6;
    const [drawn] = axisPeaks(clipPeaks([data], sr), 600, 0, 1366);
    expect(drawn).toHaveLength(2 * 1366);
    const at = (t: number) => Math.floor((t / 600) * 1366);
    expect(drawn[2 * at(123.456)]).toBeCloseTo(0.8, 6);
    expect(drawn[2 * at(400.001) + 1]).toBeCloseTo(-0.6, 6);
    expect(drawn.filter((v) => v !== 0)).toHaveLength(2);
  });

  it('at a pair a sample, gives on any axis what reading that axis from the samples gives', () => {
    const sr = 1000;
    const data = noise(3000, 1); // 3 s: one pair a sample
    const clip = clipPeaks([data], sr);
    expect(clip.bucket).toBe(1);
    for (const [duration, offset, pairs] of [
      [3, 0, 3000],
      [5, 1.25, 1366],
      [4, -0.5, 977],
      [61, 0.2, 882],
    ])
      expect(axisPeaks(clip, duration, offset, pairs)[0]).toEqual(pairsFromSamples(data, sr, duration, offset, pairs));
  });

  it('with coarser pairs, each drawn pair holds its samples’ extremes and nothing beyond the buckets it overlaps', () => {
    const sr = 1000;
    const data = noise(450_000, 2); // 5 samples a bucket
    const clip = clipPeaks([data], sr);
    expect(clip.bucket).toBe(5);
    const [drawn] = axisPeaks(clip, 500, 10, 1366);
    const exact = pairsFromSamples(data, sr, 500, 10, 1366);
    // One bucket either side of a pair: what its overlapping buckets may add.
    const widened = (k: number) => {
      const perPair = 500_000 / 1366;
      const from = Math.max(0, Math.floor(k * perPair) - 10_000 - 5);
      const to = Math.min(data.length, Math.floor((k + 1) * perPair) - 10_000 + 5);
      return to > from ? Math.max(...data.subarray(from, to)) : 0;
    };
    for (let k = 0; k < 1366; k++) {
      expect(drawn[2 * k]).toBeGreaterThanOrEqual(exact[2 * k]);
      expect(drawn[2 * k + 1]).toBeLessThanOrEqual(exact[2 * k + 1]);
      expect(drawn[2 * k]).toBeLessThanOrEqual(widened(k));
    }
    expect(drawn[0]).toBe(0); // the first 10 s of the axis are before the clip
  });

  it('zoomed in past the clip’s pairs, every drawn pair inside the clip shows the bucket it lies in', () => {
    const data = new Float32Array(300_000).fill(0.25); // 4 samples a bucket at 1 kHz
    const [drawn] = axisPeaks(clipPeaks([data], 1000), 300, 0, 100_000); // 3 samples a pair
    expect(drawn.every((v, i) => v === (i % 2 ? 0 : 0.25))).toBe(true);
  });
});
