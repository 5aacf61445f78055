import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/codec/wav';
import { STEP_SAMPLES } from '../../src/analysis/in-steps';
import { placedDifferenceInSteps, placedPolarityInSteps, type Placed } from '../../src/analysis/placed-difference';
import { samplesDir } from './samples-helpers';

/** A bundled recording repeated to `frames`: long enough to span several blocks of the stepped passes. */
function tiled(name: string, frames: number): Float32Array[] {
  return decodeWav(readFileSync(join(samplesDir, name))).channels.map((c) =>
    Float32Array.from({ length: frames }, (_, i) => c[i % c.length]),
  );
}

/** The null test as defined, one sample at a time (Math.fround: stored as float32). */
function expected(x: Placed, y: Placed, polarity: 1 | -1, n: number, c: number): number {
  const at = (p: Placed) => {
    const d = p.channels[Math.min(c, p.channels.length - 1)];
    const i = n - p.start;
    return i >= 0 && i < d.length ? p.gain * d[i] : 0;
  };
  return Math.fround(at(x) - polarity * at(y));
}

describe('the placed null test in steps', () => {
  // Two location recordings as one stereo clip against its left channel inverted, trimmed, starting later and ending sooner.
  const frames = Math.round(2.3 * STEP_SAMPLES);
  const stereo = [...tiled('location-pistol-canyon.wav', frames), ...tiled('location-rifle-canyon.wav', frames)];
  const x: Placed = { channels: stereo, start: 1234, gain: 0.8 };
  const y: Placed = { channels: [x.channels[0].slice(3000, frames - 5000).map((v) => -v)], start: 4234, gain: 1.25 };

  it('finds the polarity and X − polarity·Y sample for sample, across steps', async () => {
    const polarity = await placedPolarityInSteps(x, y);
    expect(polarity).toBe(-1);
    const stepped = await placedDifferenceInSteps(x, y, polarity);
    expect(stepped.map((c) => c.length)).toEqual([frames + 1234, frames + 1234]);
    expect(stepped[0][5000]).not.toBe(stepped[1][5000]);
    let mismatched = 0;
    stepped.forEach((ch, c) =>
      ch.forEach((v, n) => {
        if (v !== expected(x, y, polarity, n, c)) mismatched++;
      }),
    );
    expect(mismatched).toBe(0);
  });

  it('stops between steps once cancelled', async () => {
    const stop = new AbortController();
    const pass = placedDifferenceInSteps(x, y, 1, { signal: stop.signal });
    stop.abort();
    await expect(pass).rejects.toThrow(/abort/i);
  });
});
