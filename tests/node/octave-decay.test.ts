import { describe, expect, it } from 'vitest';
import { octaveDecayCurves } from '../../src/analysis/octave-decay';
import { octaveBandFigures } from '../../src/analysis/reverb-metrics';
import { createPrng } from '../../src/synthesis/prng';
import { readSample } from './samples-helpers';

describe('per-octave decay curves', () => {
  it('exponentially decaying noise with T60 = 0.8 s decays at 75 dB/s in every band (T30 within 5 %; 10 % at 125 Hz, where 2 s hold few cycles of noise to average)', () => {
    const sr = 48_000;
    const prng = createPrng(3);
    const x = Float32Array.from({ length: 2 * sr }, (_, i) => prng.gaussian() * 10 ** ((-60 * i) / sr / 0.8 / 20));
    const curves = octaveDecayCurves([x], sr);
    expect(curves.map((c) => c.centre)).toEqual([125, 250, 500, 1000, 2000, 4000, 8000]);
    for (const c of curves) {
      expect(Math.abs(c.t30.seconds / 0.8 - 1), `${c.centre} Hz`).toBeLessThan(c.centre === 125 ? 0.1 : 0.05);
      expect(c.curveDb[0]).toBeCloseTo(0, 6);
      expect(c.curveDb[Math.round(0.4 / c.stepSec)]).toBeLessThan(-25);
    }
  }, 20_000);

  it("gives the same T30 as the measurement table's octave figures on the diner IR", () => {
    const { channels, sampleRate } = readSample('ir-diner');
    const table = octaveBandFigures(channels, sampleRate);
    octaveDecayCurves(channels, sampleRate).forEach((c, i) => expect(c.t30.seconds).toBeCloseTo(table[i].t30.seconds, 9));
  }, 20_000);
});
