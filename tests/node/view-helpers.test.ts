import { describe, expect, it } from 'vitest';
import { labelRows } from '../../src/ui/regions';
import { scaledPeaks } from '../../src/ui/decibel-scale';
import { ZOOMS, formatZoom, zoomIn, zoomOut } from '../../src/ui/zoom-steps';
import { formatTick, formatTime, tickSpacing } from '../../src/ui/time-format';
import { viewWindow } from '../../src/ui/view-window';

describe('region label rows', () => {
  it("scene 2's labels at 1000 px/s: direct sound and early reflections collide, so they get two rows", () => {
    const rows = labelRows([
      { x: 40, width: 90 },
      { x: 60, width: 120 },
      { x: 130, width: 85 },
      { x: 750, width: 60 },
    ]);
    expect(rows).toEqual([0, 1, 2, 0]);
  });

  it('labels far apart share the first row, whatever order they come in', () => {
    expect(
      labelRows([
        { x: 500, width: 50 },
        { x: 0, width: 50 },
      ]),
    ).toEqual([0, 0]);
  });
});

describe('peaks drawn as heard', () => {
  it('a gain scales the peaks (held at full scale) and the dB scale follows it, without the samples', () => {
    const peaks = [Float32Array.of(0.1, -0.1, 0.5, -0.5)];
    expect(Array.from(scaledPeaks(peaks, 20, 'linear')[0])).toEqual([1, -1, 1, -1]);
    const db = scaledPeaks(peaks, 20, 'decibels', -60)[0];
    expect(db[0]).toBeCloseTo(1, 6); // 0.1 + 20 dB = 0 dBFS
    expect(scaledPeaks(peaks, 0, 'decibels', -120)[0][0]).toBeCloseTo(100 / 120, 6);
  });
});

describe('zoom and time labels', () => {
  it('zoom steps reach 20 000 px/s and step from any zoom', () => {
    expect(ZOOMS[ZOOMS.length - 1]).toBe(20_000);
    expect(zoomIn(0)).toBe(100);
    expect(zoomIn(1500)).toBe(2000);
    expect(zoomIn(20_000)).toBe(20_000);
    expect(zoomOut(100)).toBe(0);
    expect(zoomOut(3000)).toBe(2000);
    expect(formatZoom(20_000)).toBe('20\u2009000 px/s');
  });

  it('ruler ticks on a 1-2-5 series about 90 px apart, labelled in ms once zoomed in', () => {
    expect(tickSpacing(100)).toBe(1);
    expect(tickSpacing(1000)).toBe(0.1);
    expect(tickSpacing(20_000)).toBe(0.005);
    expect(formatTick(0.157, 0.001)).toBe('157 ms');
    expect(formatTick(2, 1)).toBe('2 s');
    expect(formatTime(0.15725, 20_000)).toBe('157.25 ms');
    expect(formatTime(12.5, 50)).toBe('12.50 s');
  });

  it('the visible window matches wavesurfer: fit stretches a short clip, zoom and scroll clamp to the end', () => {
    expect(viewWindow(2, 1000, 100, 0)).toEqual({ t0: 0, t1: 2, pxPerSec: 500 });
    expect(viewWindow(10, 1000, 1000, 9.5)).toEqual({ t0: 9, t1: 10, pxPerSec: 1000 });
  });
});
