import { describe, expect, it } from 'vitest';
import { difference, relativePolarity } from '../../src/analysis/null-test';

describe('null test', () => {
  const a = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5));

  it('A − A is silence, over the longer B with A padded', () => {
    const b = new Float32Array(150);
    b.set(a);
    const [d] = difference([a], [b]);
    expect(d).toHaveLength(150);
    expect(d.every((v) => v === 0)).toBe(true);
  });

  it('detects an inverted B and nulls it with A + B', () => {
    const inverted = a.map((v) => -v);
    expect(relativePolarity([a], [inverted])).toBe(-1);
    expect(relativePolarity([a], [a])).toBe(1);
    const [d] = difference([a], [inverted], -1);
    expect(Math.max(...d.map(Math.abs))).toBe(0);
  });

  it('what processing added is what is left', () => {
    const added = Float32Array.from({ length: 100 }, (_, i) => (i > 50 ? 0.1 : 0));
    const b = a.map((v, i) => v + added[i]);
    const [d] = difference([a], [b]);
    for (let i = 0; i < 100; i++) expect(d[i]).toBeCloseTo(-added[i], 6);
  });

  it('compares a mono A with each channel of a stereo B', () => {
    const [l, r] = difference([a], [a, a.map((v) => v * 0.5)]);
    expect(l.every((v) => v === 0)).toBe(true);
    expect(r[10]).toBeCloseTo(a[10] * 0.5, 6);
  });
});
