import { describe, expect, it } from 'vitest';
import { readSample, entry } from './samples-helpers';
import { schroederCurveDb, t30 } from '../../src/analysis/decay';
import { envelopeAutocorrelation, strongestLag } from '../../src/analysis/autocorrelation';
import { firstIndexAbove, samplePeak, windowRmsDb, type Channels } from '../../src/analysis/levels';
import { BOULEVARD, DINER, NARROW_CANYON } from '../../src/synthesis/spaces';
import { diffuseModel, directDistance } from '../../src/synthesis/street-canyon';

/** The direct sound: the first sample within 6 dB of the IR's peak. */
function directIndex(channels: Channels): number {
  return firstIndexAbove(channels, samplePeak(channels) / 2);
}

/**
 * Flutter period from the level envelope's autocorrelation, skipping the direct sound and
 * the first 50 ms of reflections, whose spacing the source and listener positions set.
 */
function flutterPeriodSec(id: string): number {
  const { channels, sampleRate } = readSample(id);
  const start = directIndex(channels) / sampleRate + 0.05;
  const r = envelopeAutocorrelation(channels, sampleRate, { startSec: start, endSec: start + 1.5, smoothSec: 0.002 });
  return strongestLag(r, Math.round(0.02 * sampleRate), Math.round(0.5 * sampleRate)) / sampleRate;
}

describe('street-canyon impulse responses', () => {
  it('narrow canyon: the flutter echo repeats every 2 × width / c (within 1 ms)', () => {
    const expected = (2 * NARROW_CANYON.widthM) / NARROW_CANYON.soundSpeedMs; // 157.4 ms
    expect(Math.abs(flutterPeriodSec('ir-canyon-narrow') - expected)).toBeLessThan(0.001);
  });

  it('boulevard: its slower flutter matches its own width (within 1 ms)', () => {
    const expected = (2 * BOULEVARD.widthM) / BOULEVARD.soundSpeedMs; // 349.9 ms
    expect(Math.abs(flutterPeriodSec('ir-boulevard') - expected)).toBeLessThan(0.001);
  });

  it('the direct sound arrives after distance / c', () => {
    const { channels, sampleRate } = readSample('ir-canyon-narrow');
    const expected = directDistance(NARROW_CANYON) / NARROW_CANYON.soundSpeedMs;
    expect(Math.abs(directIndex(channels) / sampleRate - expected)).toBeLessThan(2 / sampleRate);
  });

  for (const [id, space] of [
    ['ir-canyon-narrow', NARROW_CANYON],
    ['ir-boulevard', BOULEVARD],
    ['ir-diner', DINER],
  ] as const) {
    it(`${id}: T30 (Schroeder) within ±15 % of the model's RT60, which the manifest records`, () => {
      const target = entry(id).targetRt60;
      expect(target).toBeCloseTo(diffuseModel(space)!.rt60Sec, 3);
      const { channels, sampleRate } = readSample(id);
      const fit = t30(schroederCurveDb(channels, directIndex(channels)), sampleRate);
      expect(fit.correlation).toBeLessThan(-0.99);
      expect(Math.abs(fit.seconds - target!) / target!).toBeLessThan(0.15);
    });
  }

  it('the model orders the spaces as expected: canyon rings longest, the diner shortest', () => {
    const rt = (id: string) => entry(id).targetRt60!;
    expect(rt('ir-canyon-narrow')).toBeGreaterThan(rt('ir-boulevard'));
    expect(rt('ir-boulevard')).toBeGreaterThan(rt('ir-diner'));
    expect(rt('ir-diner')).toBeLessThan(0.8);
    expect(rt('ir-canyon-narrow')).toBeGreaterThan(3);
    expect(entry('ir-open-field').targetRt60).toBeUndefined();
  });

  it("open field: 200 ms after the direct sound its tail is at least 20 dB weaker than the canyon's", () => {
    const tailDb = (id: string) => {
      const { channels, sampleRate } = readSample(id);
      const t = directIndex(channels) / sampleRate + 0.2;
      // Both IRs are peak-normalised, so this is the tail relative to the direct sound.
      return windowRmsDb(channels, sampleRate, t, t + 0.05);
    };
    const canyon = tailDb('ir-canyon-narrow');
    expect(canyon).toBeGreaterThan(-80);
    expect(tailDb('ir-open-field')).toBeLessThanOrEqual(canyon - 20);
  });
});
