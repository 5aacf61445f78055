import { describe, expect, it } from 'vitest';
import { convolve } from '../../src/analysis/fft';
import { butterworthQs, filterCascade, highPass, lowPass } from '../../src/analysis/biquad';
import {
  defaultSweepSpec,
  exponentialSweep,
  harmonicLeadSeconds,
  inverseFilter,
  sweepRateConstant,
  type SweepSpec,
} from '../../src/capture/sweep';

const SR = 48_000;
const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 1.5 };

/** Zero-phase band-pass well inside the sweep's band, to compare against an ideal impulse in band. */
function inBand(x: ArrayLike<number>): Float64Array {
  const sections = [...butterworthQs(4).map((q) => highPass(100, q, SR)), ...butterworthQs(4).map((q) => lowPass(15_000, q, SR))];
  const forward = filterCascade(x, sections).reverse();
  return filterCascade(forward, sections).reverse();
}

describe('exponential sine sweep (Farina)', () => {
  const sweep = exponentialSweep(spec);
  const inverse = inverseFilter(spec, sweep);

  it('has the requested length and peak, and starts and ends at zero (faded)', () => {
    expect(sweep.length).toBe(1.5 * SR);
    const peak = sweep.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeCloseTo(0.5, 3);
    expect(sweep[0]).toBe(0);
    expect(Math.abs(sweep[sweep.length - 1])).toBeLessThan(1e-6);
    expect(inverse.length).toBe(sweep.length);
  });

  it('sweeps exponentially: the instantaneous frequency is f1·e^(t/L)', () => {
    const L = sweepRateConstant(spec);
    // Count zero crossings in 20 ms windows (30–200 cycles each) and compare to the formula at the window centre.
    for (const t of [0.8, 1.0, 1.2]) {
      const i0 = Math.round(t * SR);
      const w = Math.round(0.02 * SR);
      let crossings = 0;
      for (let i = i0; i < i0 + w; i++) if (sweep[i] <= 0 !== sweep[i + 1] <= 0) crossings++;
      const measured = crossings / 2 / 0.02;
      const expected = spec.f1 * Math.exp((t + 0.01) / L);
      expect(Math.abs(measured - expected) / expected).toBeLessThan(0.03);
    }
  });

  it('sweep ∗ inverse is a unit impulse at lag length − 1, clean to better than −40 dB in band', () => {
    const y = convolve(sweep, inverse);
    const lag = sweep.length - 1;
    let peakIndex = 0;
    for (let i = 0; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[peakIndex])) peakIndex = i;
    expect(peakIndex).toBe(lag);
    // Unit in-band gain: an ideal impulse band-limited to 20 Hz–20 kHz at 48 kHz peaks at 2·(f2 − f1)/fs.
    expect(y[lag]).toBeCloseTo((2 * (spec.f2 - spec.f1)) / SR, 1);

    const ideal = new Float64Array(y.length);
    ideal[lag] = 1;
    const got = inBand(y);
    const want = inBand(ideal);
    let errorEnergy = 0,
      idealEnergy = 0,
      outside = 0,
      inside = 0;
    const window = Math.round(0.005 * SR);
    for (let i = 0; i < y.length; i++) {
      errorEnergy += (got[i] - want[i]) ** 2;
      idealEnergy += want[i] ** 2;
      const residual = got[i] - want[i];
      if (Math.abs(i - lag) > window) outside += residual ** 2;
      else inside += got[i] ** 2;
    }
    const residualDb = 10 * Math.log10(errorEnergy / idealEnergy);
    const outsideDb = 10 * Math.log10(outside / inside);
    console.info(
      `sweep ∗ inverse: peak ${y[lag].toFixed(4)} at lag ${peakIndex}; in-band residual vs ideal ${residualDb.toFixed(1)} dB, outside ±5 ms ${outsideDb.toFixed(1)} dB`,
    );
    expect(residualDb).toBeLessThan(-40);
    expect(outsideDb).toBeLessThan(-40);
  });

  it('puts the 2nd harmonic L·ln 2 before the linear response', () => {
    // A sweep squared holds its own 2nd harmonic (sin² = (1 − cos 2φ)/2).
    const squared = Float32Array.from(sweep, (v) => v * v);
    const y = convolve(squared, inverse);
    const expectedLag = sweep.length - 1 - Math.round(harmonicLeadSeconds(spec, 2) * SR);
    // Search the earlier half, away from the DC term's smear near the end.
    let best = 0;
    for (let i = 0; i < sweep.length - 1 - SR * 0.05; i++) if (Math.abs(y[i]) > Math.abs(y[best])) best = i;
    expect(Math.abs(best - expectedLag)).toBeLessThanOrEqual(2);
  });

  it('refuses a band outside (0, Nyquist)', () => {
    expect(() => exponentialSweep({ ...spec, f2: 30_000 })).toThrow(/Nyquist/);
    expect(() => exponentialSweep({ ...spec, f1: 0 })).toThrow(RangeError);
  });
});
