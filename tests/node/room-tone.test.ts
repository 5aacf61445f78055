import { describe, expect, it } from 'vitest';
import { addBed } from '../../src/audio/room-tone';

describe('room-tone bed, offline', () => {
  it('adds the bed at its level in dB, looped to cover the whole target', () => {
    const target = [new Float32Array(7).fill(0.5)];
    addBed(target, [Float32Array.of(1, -1, 0.5)], -20); // −20 dB = ×0.1
    expect(Array.from(target[0])).toEqual([0.6, 0.4, 0.55, 0.6, 0.4, 0.55, 0.6].map((v) => Math.fround(v)));
  });

  it('puts a mono bed under every channel and a stereo bed channel by channel', () => {
    const stereo = [new Float32Array(2), new Float32Array(2)];
    addBed(stereo, [Float32Array.of(1, 1)], 0);
    expect(stereo.map((c) => Array.from(c))).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const split = [new Float32Array(1), new Float32Array(1)];
    addBed(split, [Float32Array.of(1), Float32Array.of(-1)], 0);
    expect(split.map((c) => c[0])).toEqual([1, -1]);
  });

  it('leaves the target alone for an empty bed', () => {
    const target = [Float32Array.of(0.25)];
    addBed(target, [new Float32Array(0)], 0);
    expect(target[0][0]).toBe(0.25);
  });
});
