import { describe, expect, it } from 'vitest';
import { readSample } from './samples-helpers';
import { crestFactorDb, firstIndexAbove, rms, samplePeak } from '../../src/analysis/levels';
import { realSpectrum, nextPow2 } from '../../src/analysis/fft';
import { RIFLE } from '../../src/synthesis/gunshot';
import { shotArrivals } from '../../src/synthesis/blast-waves';

function onset(channels: Float32Array[]): number {
  return firstIndexAbove(channels, samplePeak(channels) * 0.01);
}

/** Share of the energy above `hz`, dB. */
function energyAboveDb(signal: Float32Array, sampleRate: number, hz: number): number {
  const size = nextPow2(signal.length);
  const s = realSpectrum(signal, size);
  let above = 0,
    total = 0;
  for (let k = 1; k < size / 2; k++) {
    const e = s[2 * k] ** 2 + s[2 * k + 1] ** 2;
    total += e;
    if ((k * sampleRate) / size >= hz) above += e;
  }
  return 10 * Math.log10(above / total);
}

describe('the story: canned against dry', () => {
  const dry = readSample('gunshot-dry-pistol');
  const canned = readSample('gunshot-canned');

  it("the canned shot's crest factor is at least 6 dB below the dry shot's over the same length", () => {
    const length = canned.channels[0].length - onset(canned.channels);
    const dryStart = onset(dry.channels);
    const dryCrest = crestFactorDb(dry.channels, dryStart, dryStart + length);
    const cannedCrest = crestFactorDb(canned.channels, onset(canned.channels));
    expect(dryCrest - cannedCrest).toBeGreaterThanOrEqual(6);
  });

  it('is shorter, louder on average, and has lost the highs', () => {
    expect(canned.channels[0].length).toBeLessThan(dry.channels[0].length);
    expect(rms(canned.channels)).toBeGreaterThan(rms(dry.channels) * 4); // > 12 dB
    const dryHighs = energyAboveDb(dry.channels[0], dry.sampleRate, 8000);
    const cannedHighs = energyAboveDb(canned.channels[0], canned.sampleRate, 8000);
    expect(cannedHighs).toBeLessThan(dryHighs - 20);
  });

  it("the rifle's crack leads its muzzle blast by what the bullet geometry predicts", () => {
    const { channels, sampleRate } = readSample('gunshot-dry-rifle');
    const x = channels[0];
    const crack = onset(channels);
    // The blast is the largest peak; it comes after the crack.
    let blast = 0;
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[blast])) blast = i;
    const { blastSec, crackSec } = shotArrivals(RIFLE.micDownrangeM, RIFLE.micOffsetM, RIFLE.bulletSpeedMs, RIFLE.soundSpeedMs);
    expect(Math.abs((blast - crack) / sampleRate - (blastSec - crackSec!))).toBeLessThan(0.0002);
  });

  it('the location shot keeps sounding where the dry shot has already stopped', () => {
    const located = readSample('location-pistol-canyon');
    // Level (re its own peak) of the 100 ms starting 0.65 s after the onset: past the dry shot's
    // case bounces, while the canyon is still ringing.
    const lateDb = (c: Float32Array[], sr: number) => {
      const start = onset(c) + Math.round(0.65 * sr);
      return 20 * Math.log10(rms(c, start, start + Math.round(0.1 * sr)) / samplePeak(c));
    };
    expect(lateDb(located.channels, located.sampleRate)).toBeGreaterThan(lateDb(dry.channels, dry.sampleRate) + 20);
    expect(located.channels[0].length).toBeGreaterThan(5 * dry.channels[0].length);
  });
});
