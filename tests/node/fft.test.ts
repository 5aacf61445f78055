import { describe, expect, it } from 'vitest';
import { convolve, inverseReal, nextPow2, realSpectrum } from '../../src/analysis/fft';

/** Direct O(n·m) convolution: the definition, to check the fast one against. */
function directConvolve(a: number[], b: number[]): number[] {
  const out = new Array(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

describe('fft helpers', () => {
  it('nextPow2 rounds up to a power of two', () => {
    expect([1, 2, 3, 1000, 1024, 1025].map(nextPow2)).toEqual([1, 2, 4, 1024, 1024, 2048]);
  });

  it('a forward and inverse transform give the signal back', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i * 0.37) + (i % 7) / 10);
    const back = inverseReal(realSpectrum(x, 512), 512);
    for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i], 9);
    expect(Math.abs(back[400])).toBeLessThan(1e-9);
  });

  it('fast convolution equals the direct sum', () => {
    const a = Array.from({ length: 123 }, (_, i) => Math.cos(i * 1.3) * (i % 5));
    const b = Array.from({ length: 57 }, (_, i) => Math.exp(-i / 10) * (i % 2 ? -1 : 1));
    const fast = convolve(a, b);
    const slow = directConvolve(a, b);
    expect(fast.length).toBe(slow.length);
    for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 9);
  });

  it('convolving with a delayed unit impulse delays the signal', () => {
    const x = [1, -2, 3];
    const delayed = convolve(x, [0, 0, 0, 0, 1]);
    expect(Array.from(delayed).map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([0, 0, 0, 0, 1, -2, 3]);
  });
});
