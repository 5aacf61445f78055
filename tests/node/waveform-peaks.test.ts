import { describe, expect, it } from 'vitest';
import { MAX_VIEW_POINTS, peaksForPixels, viewPeaks } from '../../src/ui/waveform-peaks';

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

describe('peaksForPixels', () => {
  it('draws one (max, min) pair a pixel, keeping every extreme where it was', () => {
    const sr = 1000;
    const data = new Float32Array(sr * 600); // 10 minutes at 1 kHz: 100 000 pairs
    data[123_456] = 0.8;
    data[400_001] = -0.6;
    const { peaks } = viewPeaks([data], sr, 600);
    const [drawn] = peaksForPixels(peaks, 1366);
    expect(drawn).toHaveLength(2 * 1366);
    const at = (t: number) => Math.floor((t / 600) * 1366);
    expect(drawn[2 * at(123.456)]).toBeCloseTo(0.8, 6);
    expect(drawn[2 * at(400.001) + 1]).toBeCloseTo(-0.6, 6);
    expect(drawn.filter((v) => v !== 0)).toHaveLength(2);
  });

  it('leaves peaks that are already fewer than the pixels as they are', () => {
    const { peaks } = viewPeaks([new Float32Array(100).fill(0.5)], 100, 1);
    expect(peaksForPixels(peaks, 1366)).toBe(peaks);
  });
});
