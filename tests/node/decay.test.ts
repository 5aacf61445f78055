import { describe, expect, it } from 'vitest';
import { edt, schroederCurveDb, t20, t30 } from '../../src/analysis/decay';

const SR = 48_000;

/** Deterministic white noise (xorshift) shaped by an exponential decay of the given RT60. */
function decayingNoise(rt60: number, seconds: number, seed = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  let s = seed >>> 0 || 1;
  // amplitude falls 60 dB in rt60 seconds: a(t) = 10^(-3 t / rt60)
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    const white = s / 0xffffffff - 0.5;
    out[i] = white * 10 ** ((-3 * i) / SR / rt60);
  }
  return out;
}

describe('decay', () => {
  it('the Schroeder curve starts at 0 dB and never rises', () => {
    const c = schroederCurveDb([decayingNoise(0.8, 1.5)]);
    expect(c[0]).toBeCloseTo(0, 9);
    for (let i = 1; i < c.length; i += 97) expect(c[i]).toBeLessThanOrEqual(c[i - 1] + 1e-9);
  });

  for (const rt of [0.3, 1.2, 3]) {
    it(`T30, T20 and EDT of an exponential decay with RT60 = ${rt} s come out within 3 %`, () => {
      const c = schroederCurveDb([decayingNoise(rt, rt * 1.6)]);
      for (const fit of [t30(c, SR), t20(c, SR), edt(c, SR)]) {
        expect(Math.abs(fit.seconds - rt) / rt).toBeLessThan(0.03);
        expect(fit.correlation).toBeLessThan(-0.99);
      }
    });
  }

  it('a slower decay gives a proportionally longer T30 on the same noise', () => {
    const short = t30(schroederCurveDb([decayingNoise(0.5, 1, 7)]), SR).seconds;
    const long = t30(schroederCurveDb([decayingNoise(2, 4, 7)]), SR).seconds;
    expect(long / short).toBeGreaterThan(3.8);
    expect(long / short).toBeLessThan(4.2);
  });
});
