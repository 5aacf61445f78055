import { describe, expect, it } from 'vitest';
import { autocorrelation, envelopeAutocorrelation, strongestLag } from '../../src/analysis/autocorrelation';
import { createPrng } from '../../src/synthesis/prng';

const SR = 48_000;

describe('autocorrelation', () => {
  it('of an impulse train with period P peaks at P with (N − 1)/N of the zero-lag value', () => {
    const x = new Float64Array(1000);
    for (let i = 0; i < 10; i++) x[37 + 90 * i] = 1;
    const r = autocorrelation(x);
    expect(r[0]).toBeCloseTo(1, 12);
    expect(r[90]).toBeCloseTo(9 / 10, 9);
    expect(r[180]).toBeCloseTo(8 / 10, 9);
    expect(Math.abs(r[45])).toBeLessThan(1e-9);
    expect(strongestLag(r, 1, 999)).toBe(90);
  });

  it('is linear, not circular: no wrap-around from the end of the signal', () => {
    const x = Float64Array.from([1, 0, 0, 0, 1]);
    const r = autocorrelation(x);
    expect(r[4]).toBeCloseTo(0.5, 12); // the two ones, 4 apart
    expect(r[1]).toBeCloseTo(0, 12); // a circular version would see them 1 apart
  });

  it('strongestLag skips the main lobe around zero lag', () => {
    // Smooth bump correlation: large at small lags, a weaker repeat at 50.
    const r = Array.from({ length: 100 }, (_, k) => Math.exp(-k / 5) - 0.1 + (k === 50 ? 0.3 : 0));
    expect(strongestLag(r, 1, 99)).toBe(50);
  });

  it('finds the echo period of a decaying noise tail with periodic echoes from its level envelope', () => {
    const prng = createPrng(7);
    const n = SR * 1.5;
    const ir = new Float32Array(n);
    const periodSec = 0.157;
    for (let i = 0; i < n; i++) ir[i] = 0.05 * prng.gaussian() * Math.exp(-i / SR / 0.3);
    for (let k = 0; k * periodSec < 1.4; k++) ir[Math.round((0.02 + k * periodSec) * SR)] += Math.exp((-k * periodSec) / 0.3);
    const r = envelopeAutocorrelation([ir], SR, { startSec: 0, endSec: 1.5, smoothSec: 0.002 });
    const lag = strongestLag(r, Math.round(0.02 * SR), Math.round(0.5 * SR));
    expect(Math.abs(lag / SR - periodSec)).toBeLessThan(0.0005);
  });
});
