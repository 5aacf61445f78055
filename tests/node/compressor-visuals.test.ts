import { describe, expect, it } from 'vitest';
import { levelHistogram, levelHistogramInSteps } from '../../src/analysis/level-histogram';
import { gainReductionTrace } from '../../src/analysis/gain-reduction';
import { compressionGainDb, staticCurve, transferCurve } from '../../src/analysis/compressor-curve';

const SR = 48_000;
const sine = (amp: number, seconds: number) =>
  Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => amp * Math.sin((2 * Math.PI * 997 * i) / SR));

describe('level histogram', () => {
  it('puts 1 s at −20.5 dBFS and 0.5 s at −40.5 dBFS in their bins, 2:1, and leaves silence out', () => {
    const x = new Float32Array(2 * SR);
    x.set(sine(10 ** (-20.5 / 20), 1), 0);
    x.set(sine(10 ** (-40.5 / 20), 0.5), SR);
    const h = levelHistogram([x], SR, { windowSec: 0.01, fromDb: -90, binDb: 1 });
    const bin = (db: number) => h.counts[Math.floor(db - h.fromDb)];
    expect(bin(-20.5)).toBe(100);
    expect(bin(-40.5)).toBe(50);
    expect(h.total).toBe(150);
  });

  it('counts the same in steps (no copy of the clip) as in one pass, over many steps and channels of unequal length', async () => {
    // 50 s of a rising, beating level: 5000 windows, 2.4 M frames a channel, several steps.
    const frames = 50 * SR;
    const left = Float32Array.from({ length: frames }, (_, i) => (i / frames) * Math.sin(i * 0.031) * (1 + Math.sin(i * 1e-4)) * 0.5);
    const right = left.subarray(0, frames - 12_345).map((v) => v * 0.3);
    const once = levelHistogram([left, right], SR);
    const stepped = await levelHistogramInSteps([left, right], SR);
    expect(stepped.total).toBe(once.total);
    expect([...stepped.counts]).toEqual([...once.counts]);
    expect(once.total).toBeGreaterThan(4000);
  });
});

describe('gain-reduction trace', () => {
  it('recovers a known gain envelope from input and output, less the makeup', () => {
    const x = sine(0.5, 1);
    const y = x.map((v, i) => v * (i < SR / 2 ? 1 : 10 ** (-6 / 20)) * 10 ** (3 / 20));
    const t = gainReductionTrace([x], [y], SR, { stepSec: 0.01, makeupDb: 3 });
    expect(t.db[10]).toBeCloseTo(0, 3);
    expect(t.db[80]).toBeCloseTo(-6, 3);
  });

  it('says nothing (NaN) where the input is silent', () => {
    const x = new Float32Array(SR);
    expect(Number.isNaN(gainReductionTrace([x], [x], SR).db[5])).toBe(true);
  });
});

describe('compressor static curve', () => {
  it('unity below the threshold, ratio above the knee, the knee between', () => {
    const s = { threshold: -30, knee: 6, ratio: 8 };
    expect(compressionGainDb(s, -40)).toBeCloseTo(0, 9);
    const above = compressionGainDb(s, -10) - compressionGainDb(s, -20);
    expect(above).toBeCloseTo(10 / 8 - 10, 2);
    const inKnee = compressionGainDb(s, -27);
    expect(inKnee).toBeLessThan(0);
    expect(inKnee).toBeGreaterThan(-3 * (1 - 1 / 8));
  });

  it('its hidden makeup gain at the lab defaults is the +14.6 dB the README reports', () => {
    expect(staticCurve({ threshold: -30, knee: 6, ratio: 8 }).hiddenMakeupDb).toBeCloseTo(14.6, 1);
  });

  it('uncompensated, the curve carries the hidden makeup', () => {
    const s = { threshold: -30, knee: 6, ratio: 8, makeup: 0 };
    const raw = transferCurve(s, { compensateHidden: false, fromDb: -50, toDb: -50 })[0];
    expect(raw.outputDb - -50).toBeCloseTo(staticCurve(s).hiddenMakeupDb, 6);
  });
});
