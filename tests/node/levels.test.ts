import { describe, expect, it } from 'vitest';
import { crestFactorDb, firstIndexAbove, fromDb, levelSummary, rms, samplePeak, toDb, windowRmsDb } from '../../src/analysis/levels';

const SR = 48_000;
function sine(freq: number, amp: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / SR);
  return out;
}

describe('levels', () => {
  it('a full-scale 1 kHz sine has 0 dBFS peak, -3.01 dBFS RMS and a 3.01 dB crest factor', () => {
    const s = levelSummary([sine(1000, 1, 1)]);
    expect(s.peakDb).toBeCloseTo(0, 3);
    expect(s.rmsDb).toBeCloseTo(-3.0103, 3);
    expect(s.crestDb).toBeCloseTo(3.0103, 3);
  });

  it('a square wave has a 0 dB crest factor; a single click in silence a very high one', () => {
    const square = Float32Array.from({ length: 4800 }, (_, i) => (Math.floor(i / 24) % 2 ? 0.5 : -0.5));
    expect(crestFactorDb([square])).toBeCloseTo(0, 6);
    const click = new Float32Array(48_000);
    click[100] = 1;
    // peak 1, rms = 1/sqrt(48000) → crest = 10·log10(48000) ≈ 46.8 dB
    expect(crestFactorDb([click])).toBeCloseTo(10 * Math.log10(48_000), 3);
  });

  it('scaling a signal moves peak and RMS by the same dB and leaves the crest factor alone', () => {
    const a = sine(440, 0.9, 0.5);
    const b = a.map((v) => v * fromDb(-12));
    expect(toDb(samplePeak([b])) - toDb(samplePeak([a]))).toBeCloseTo(-12, 4);
    expect(toDb(rms([b])) - toDb(rms([a]))).toBeCloseTo(-12, 4);
    expect(crestFactorDb([b])).toBeCloseTo(crestFactorDb([a]), 4);
  });

  it('levels combine all channels; silence is -Infinity dB and a 0 dB crest, not NaN', () => {
    const left = sine(1000, 1, 0.1);
    const right = new Float32Array(left.length);
    expect(rms([left, right])).toBeCloseTo(Math.SQRT1_2 / Math.SQRT2, 4);
    expect(toDb(rms([right]))).toBe(-Infinity);
    expect(crestFactorDb([right])).toBe(0);
  });

  it('windowed RMS finds a tone burst and the silence around it', () => {
    const x = new Float32Array(SR);
    x.set(sine(1000, 0.5, 0.1), SR / 2);
    expect(windowRmsDb([x], SR, 0.5, 0.6)).toBeCloseTo(toDb(0.5 / Math.SQRT2), 2);
    expect(windowRmsDb([x], SR, 0, 0.4)).toBe(-Infinity);
    expect(firstIndexAbove([x], 0.1)).toBeGreaterThan(SR / 2);
    expect(firstIndexAbove([x], 0.1)).toBeLessThan(SR / 2 + 10);
    expect(firstIndexAbove([x], 0.6)).toBe(-1);
  });
});
