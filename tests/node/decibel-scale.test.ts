import { describe, expect, it } from 'vitest';
import { decibelHeight, toDecibelScale } from '../../src/ui/decibel-scale';

describe('decibel-scaled waveform peaks', () => {
  it('maps 0 dBFS to full height and the floor to the axis, linearly in dB', () => {
    expect(decibelHeight(1)).toBe(1);
    expect(decibelHeight(0.1)).toBeCloseTo(2 / 3, 12); // −20 dB of a 60 dB range
    expect(decibelHeight(0.01)).toBeCloseTo(1 / 3, 12); // −40 dB
    expect(decibelHeight(0.001)).toBeCloseTo(0, 12); // −60 dB: the floor
    expect(decibelHeight(0.0001)).toBe(0); // below the floor
    expect(decibelHeight(0)).toBe(0);
  });

  it('keeps the sign, so minima stay below the axis', () => {
    expect(decibelHeight(-0.1)).toBeCloseTo(-2 / 3, 12);
    expect(toDecibelScale([Float32Array.of(0.5, -0.5, 0)], -40)[0][1]).toBeCloseTo(-(40 + 20 * Math.log10(0.5)) / 40, 6);
  });

  it('honours another floor', () => {
    expect(decibelHeight(0.1, -40)).toBeCloseTo(0.5, 12);
  });
});
