import { describe, expect, it } from 'vitest';
import { analyseDecay, octaveBandFigures, reverbFigures } from '../../src/analysis/reverb-metrics';
import { schroederCurveDb, t30 } from '../../src/analysis/decay';
import { butterworthQs, filterCascade, highPass, lowPass } from '../../src/analysis/biquad';

const SR = 48_000;

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0xffffffff - 0.5;
  };
}

/**
 * A synthetic room: silence, then exponentially decaying noise with the given RT60,
 * optionally over a steady noise floor `floorDb` below the initial level.
 */
function syntheticIr(rt60: number, opts: { seconds?: number; floorDb?: number; delay?: number; seed?: number } = {}): Float32Array {
  const { seconds = rt60 * 1.5 + 0.5, floorDb, delay = 0.02, seed = 3 } = opts;
  const rnd = xorshift(seed);
  const floorRnd = xorshift(seed + 100);
  const x = new Float32Array(Math.round(seconds * SR));
  const d = Math.round(delay * SR);
  const floor = floorDb === undefined ? 0 : 10 ** (floorDb / 20);
  for (let i = 0; i < x.length; i++) {
    const t = (i - d) / SR;
    const decay = i >= d ? 10 ** ((-3 * t) / rt60) * rnd() : 0;
    x[i] = decay + floor * floorRnd();
  }
  return x;
}

describe('reverb figures on synthetic decays with known RT60', () => {
  for (const rt of [0.3, 0.6, 1, 2, 5]) {
    it(`RT60 = ${rt} s: T20 and T30 within 3 %`, () => {
      const f = reverbFigures([syntheticIr(rt)], SR);
      expect(Math.abs(f.t30.seconds / rt - 1)).toBeLessThan(0.03);
      expect(Math.abs(f.t20.seconds / rt - 1)).toBeLessThan(0.03);
      expect(f.t30.correlation).toBeLessThan(-0.99);
    });

    it(`RT60 = ${rt} s over a noise floor 60 dB down: T20 and T30 still within 3 %`, () => {
      const ir = syntheticIr(rt, { floorDb: -60, seconds: rt * 1.2 + 1.5 });
      const f = reverbFigures([ir], SR);
      expect(Math.abs(f.t30.seconds / rt - 1)).toBeLessThan(0.03);
      expect(Math.abs(f.t20.seconds / rt - 1)).toBeLessThan(0.03);
    });
  }

  it('without compensation the noise floor would bend T30 upward (the test can fail)', () => {
    const ir = syntheticIr(1, { floorDb: -50, seconds: 4 });
    const naive = t30(schroederCurveDb([ir], Math.round(0.02 * SR)), SR).seconds;
    const compensated = reverbFigures([ir], SR).t30.seconds;
    expect(Math.abs(naive - 1)).toBeGreaterThan(0.05);
    expect(Math.abs(compensated - 1)).toBeLessThan(0.03);
  });

  it('finds the onset of the direct sound and the noise floor', () => {
    const ir = syntheticIr(0.8, { floorDb: -60, delay: 0.05, seconds: 3 });
    const a = analyseDecay([ir], SR);
    expect(Math.abs(a.onset / SR - 0.05)).toBeLessThan(0.002);
    // Floor energy −60 dB re the decay's start, measured against the 10 ms envelope peak.
    expect(a.noiseFloorDb).toBeGreaterThan(-66);
    expect(a.noiseFloorDb).toBeLessThan(-54);
    // The decay reaches the −60 dB floor after one RT60.
    expect(Math.abs(a.truncation / 0.8 - 1)).toBeLessThan(0.1);
  });

  it('C50, C80 and D50 match the exponential decay’s closed form', () => {
    for (const rt of [0.4, 1.5]) {
      const f = reverbFigures([syntheticIr(rt)], SR);
      const k = (13.8155 / rt) * 1; // energy decay rate: 10^(−6t/T) = e^(−13.8155 t / T)
      const c = (t: number) => 10 * Math.log10((1 - Math.exp(-k * t)) / Math.exp(-k * t));
      expect(f.c50).toBeCloseTo(c(0.05), 0);
      expect(Math.abs(f.c50 - c(0.05))).toBeLessThan(0.5);
      expect(Math.abs(f.c80 - c(0.08))).toBeLessThan(0.5);
      expect(f.d50).toBeCloseTo(1 / (1 + 10 ** (-f.c50 / 10)), 6);
    }
  });

  it('direct-to-reverberant ratio of an impulse over a tail of known energy', () => {
    const x = new Float32Array(SR);
    x[1000] = 1; // direct: energy 1
    const rnd = xorshift(9);
    let tail = 0;
    for (let i = 1000 + 480; i < SR; i++) {
      x[i] = 0.01 * rnd() * Math.exp(-(i - 1480) / 4800);
      tail += x[i] * x[i];
    }
    expect(reverbFigures([x], SR).drr).toBeCloseTo(10 * Math.log10(1 / tail), 1);
  });
});

describe('octave bands', () => {
  it('a broadband decay has the same T30 in every band from 250 Hz to 8 kHz (within 5 %)', () => {
    const bands = octaveBandFigures([syntheticIr(1.2, { seconds: 2.5 })], SR);
    expect(bands.map((b) => b.centre)).toEqual([125, 250, 500, 1000, 2000, 4000, 8000]);
    for (const b of bands.filter((b) => b.centre >= 250)) expect(Math.abs(b.t30.seconds / 1.2 - 1)).toBeLessThan(0.05);
  });

  it('band filtering separates a slow low decay from a fast high one', () => {
    const n = 2 * SR;
    const low = syntheticIr(1.6, { seconds: 2, seed: 5 });
    const high = syntheticIr(0.4, { seconds: 2, seed: 6 });
    // The slow decay low-passed at 400 Hz, the fast one high-passed at 4 kHz (8th-order Butterworth).
    const q = butterworthQs(8);
    const lp = filterCascade(
      low,
      q.map((qq) => lowPass(400, qq, SR)),
    );
    const hp = filterCascade(
      high,
      q.map((qq) => highPass(4000, qq, SR)),
    );
    const x = Float32Array.from({ length: n }, (_, i) => lp[i] + hp[i]);
    const bands = octaveBandFigures([x], SR);
    const at = (f: number) => bands.find((b) => b.centre === f)!.t30.seconds;
    expect(at(250)).toBeGreaterThan(1.3);
    expect(at(8000)).toBeLessThan(0.6);
  });
});
