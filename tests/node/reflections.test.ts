import { describe, expect, it } from 'vitest';
import { readSample } from './samples-helpers';
import { energyTimeCurve, flutterEcho, strongestReflections, SPEED_OF_SOUND } from '../../src/analysis/reflections';
import { BOULEVARD, NARROW_CANYON } from '../../src/synthesis/spaces';
import { directDistance, imageSources } from '../../src/synthesis/street-canyon';

describe('reflections of the bundled impulse responses', { timeout: 20_000 }, () => {
  it("ir-canyon-narrow: the flutter echo's 157 ms period and the 27 m it implies", () => {
    const { channels, sampleRate } = readSample('ir-canyon-narrow');
    const f = flutterEcho(channels, sampleRate)!;
    expect(f).not.toBeNull();
    expect(Math.abs(f.periodSec - 0.1574)).toBeLessThan(0.001);
    expect(Math.abs(f.spacingM - NARROW_CANYON.widthM)).toBeLessThan(0.2);
  });

  it('ir-boulevard: its own, slower flutter (2 × 60 m / c = 350 ms)', () => {
    const { channels, sampleRate } = readSample('ir-boulevard');
    const f = flutterEcho(channels, sampleRate)!;
    expect(Math.abs(f.periodSec - (2 * BOULEVARD.widthM) / BOULEVARD.soundSpeedMs)).toBeLessThan(0.001);
    expect(Math.abs(f.spacingM - 60)).toBeLessThan(0.3);
  });

  it('the open field has no flutter echo (no parallel facades)', () => {
    const { channels, sampleRate } = readSample('ir-open-field');
    expect(flutterEcho(channels, sampleRate)).toBeNull();
  });

  it("ir-canyon-narrow: the strongest early reflections arrive when the model's image sources do (±0.2 ms)", () => {
    const { channels, sampleRate } = readSample('ir-canyon-narrow');
    const direct = directDistance(NARROW_CANYON);
    const expected = imageSources(NARROW_CANYON, direct + SPEED_OF_SOUND * 0.3)
      .map((s) => (s.distanceM - direct) / SPEED_OF_SOUND)
      .filter((d) => d > 0.003);
    // Seven facade reflections in the first 300 ms (22.6, 39.8, 62.9, 155.7, 179.0, 196.5, 219.7 ms).
    const found = strongestReflections(channels, sampleRate, { count: 7, maxDelaySec: 0.3 });
    expect(found.length).toBe(7);
    for (const r of found) {
      const nearest = Math.min(...expected.map((d) => Math.abs(d - r.delaySec)));
      expect(nearest, `reflection at ${(r.delaySec * 1000).toFixed(2)} ms`).toBeLessThan(0.0002);
      expect(r.extraPathM).toBeCloseTo(SPEED_OF_SOUND * r.delaySec, 9);
      expect(r.levelDb).toBeLessThan(0);
    }
    // Distinct arrivals, strongest first.
    const delays = found.map((r) => r.delaySec).sort((a, b) => a - b);
    for (let i = 1; i < delays.length; i++) expect(delays[i] - delays[i - 1]).toBeGreaterThanOrEqual(0.001);
    for (let i = 1; i < found.length; i++) expect(found[i].levelDb).toBeLessThanOrEqual(found[i - 1].levelDb);
  });

  it('ETC: 0 dB at the direct sound, which it places where the model puts it', () => {
    const { channels, sampleRate } = readSample('ir-canyon-narrow');
    const etc = energyTimeCurve(channels, sampleRate);
    const at = Math.floor(etc.directSec / etc.stepSec + 1e-9); // the step that holds the direct peak
    expect(etc.db[at]).toBeCloseTo(0, 6);
    expect(Math.max(...etc.db)).toBeCloseTo(0, 6);
    expect(Math.abs(etc.directSec - directDistance(NARROW_CANYON) / SPEED_OF_SOUND)).toBeLessThan(0.0005);
  });
});

describe('reflections of a synthetic response', () => {
  it('finds two clicks at 10 and 25 ms after the direct sound, the louder first, with c·t', () => {
    const sr = 48_000;
    const x = new Float32Array(sr / 2);
    x[1000] = 1;
    x[1000 + 480] = 0.25; // −12 dB
    x[1000 + 1200] = 0.5; // −6 dB
    const found = strongestReflections([x], sr);
    expect(found.map((r) => Math.round(r.delaySec * 1000))).toEqual([25, 10]);
    expect(found[0].levelDb).toBeCloseTo(-6.02, 1);
    expect(found[0].extraPathM).toBeCloseTo(343 * 0.025, 6);
  });
});
