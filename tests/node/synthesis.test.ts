import { describe, expect, it } from 'vitest';
import { friedlanderPulse, nWave, shotArrivals } from '../../src/synthesis/blast-waves';
import { createPrng } from '../../src/synthesis/prng';
import { filter } from '../../src/analysis/biquad';
import { compress } from '../../src/synthesis/dynamics';
import { diffuseModel, imageSources, type SpaceParams } from '../../src/synthesis/street-canyon';
import { rms, toDb } from '../../src/analysis/levels';

const SR = 48_000;

function sine(freqHz: number, amplitude: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, i) => amplitude * Math.sin((2 * Math.PI * freqHz * i) / SR));
}

describe('blast waves', () => {
  it('Friedlander pulse: peak at t = 0, zero at T+, deepest suction at T+·(1 + 1/b)', () => {
    const tPlus = 0.001;
    const b = 1.5;
    const p = friedlanderPulse(2, tPlus, b, 0.01, SR);
    expect(p[0]).toBe(2);
    expect(Math.abs(p[Math.round(tPlus * SR)])).toBeLessThan(1e-9);
    let minIndex = 0;
    for (let i = 0; i < p.length; i++) if (p[i] < p[minIndex]) minIndex = i;
    expect(minIndex / SR).toBeCloseTo(tPlus * (1 + 1 / b), 4);
    expect(p[minIndex]).toBeCloseTo(-2 * (1 / b) * Math.exp(-(b + 1)), 4);
  });

  it('N-wave: jumps to +P, falls linearly to −P over its duration, returns to 0', () => {
    const w = nWave(0.5, 0.0003, SR); // 14.4 → 14 samples
    expect(w[0]).toBeCloseTo(0.5, 6);
    expect(w[w.length - 2]).toBeCloseTo(-0.5, 6);
    expect(w[w.length - 1]).toBe(0);
    const step = w[1] - w[0];
    for (let i = 2; i < w.length - 1; i++) expect(w[i] - w[i - 1]).toBeCloseTo(step, 6);
  });

  it("a supersonic bullet's crack arrives first, at the minimum over the trajectory of flight + sound time", () => {
    const { blastSec, crackSec } = shotArrivals(6, 2, 900, 343);
    expect(blastSec).toBeCloseTo(Math.hypot(6, 2) / 343, 12);
    let brute = Infinity;
    for (let x = 0; x <= 6; x += 1e-5) brute = Math.min(brute, x / 900 + Math.hypot(6 - x, 2) / 343);
    expect(crackSec).not.toBeNull();
    expect(crackSec!).toBeCloseTo(brute, 8);
    expect(crackSec!).toBeLessThan(blastSec);
  });

  it("no crack from a subsonic bullet, nor behind the Mach cone's origin", () => {
    expect(shotArrivals(6, 2, 300, 343).crackSec).toBeNull();
    expect(shotArrivals(1, 5, 390, 343).crackSec).toBeNull();
  });
});

describe('seeded noise', () => {
  it('repeats exactly for a seed, differs between seeds, and is standard normal', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const xs = Array.from({ length: 20_000 }, () => a.gaussian());
    expect(Array.from({ length: 20_000 }, () => b.gaussian())).toEqual(xs);
    expect(c.gaussian()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});

describe('biquad and compressor', () => {
  it('a Butterworth low-pass follows the bilinear-transform magnitude: −3 dB at cutoff, ≈ −43 dB at 10× cutoff', () => {
    // |H(f)|² = 1 / (1 + (tan(πf/fs) / tan(πfc/fs))⁴): the analogue Butterworth with warped frequency.
    const expectedDb = (f: number) => -10 * Math.log10(1 + (Math.tan((Math.PI * f) / SR) / Math.tan((Math.PI * 1000) / SR)) ** 4);
    const gainDb = (f: number) => {
      const out = filter(sine(f, 1, 0.5), 'lowpass', 1000, SR);
      return toDb(rms([out], SR / 4) / rms([sine(f, 1, 0.5)], SR / 4));
    };
    for (const f of [100, 1000, 3000, 10_000]) expect(gainDb(f)).toBeCloseTo(expectedDb(f), 1);
    expect(expectedDb(1000)).toBeCloseTo(-3.01, 2);
  });

  it('a steady tone 20 dB over threshold comes out 5 dB over it at ratio 4', () => {
    const threshold = -30;
    const input = sine(1000, 10 ** ((threshold + 20) / 20), 0.5);
    const out = compress(input, { thresholdDb: threshold, ratio: 4, attackSec: 0.001, releaseSec: 0.05, lookaheadSec: 0.001 }, SR);
    // Peak level of the tone after the detector has settled.
    let peak = 0;
    for (let i = SR / 4; i < out.length; i++) peak = Math.max(peak, Math.abs(out[i]));
    expect(toDb(peak)).toBeCloseTo(threshold + 5, 0);
  });
});

describe('street-canyon image sources', () => {
  const base: SpaceParams = {
    widthM: 20,
    heightM: 30,
    lengthM: 100,
    facadeAbsorption: 0,
    groundAbsorption: 0,
    ceilingAbsorption: null,
    endWallAbsorption: null,
    scattering: 0,
    airAttenuationDbPerKm: 0,
    soundSpeedMs: 343,
    source: [0, 5, 1.5],
    listener: [10, 12, 1.5],
  };

  it('open field (no buildings): exactly the direct sound and one ground reflection', () => {
    const images = imageSources({ ...base, heightM: 0 }, 1000).sort((a, b) => a.distanceM - b.distanceM);
    expect(images).toHaveLength(2);
    expect(images[0].distanceM).toBeCloseTo(Math.hypot(10, 7), 9);
    expect(images[1].distanceM).toBeCloseTo(Math.hypot(10, 7, 3), 9);
    expect(images[0].amplitude).toBeCloseTo(1 / images[0].distanceM, 9);
  });

  it('first facade reflections sit where the mirror images say, with 1/r amplitude when nothing absorbs', () => {
    const images = imageSources(base, 60).filter((i) => i.facadeReflections === 1);
    const distances = images.map((i) => i.distanceM).sort((a, b) => a - b);
    // Mirror in y = 0: y = −5; in y = 20: y = 35. Each with and without the ground bounce.
    const expected = [Math.hypot(10, 17), Math.hypot(10, 17, 3), Math.hypot(10, 23), Math.hypot(10, 23, 3)].sort((a, b) => a - b);
    distances.forEach((d, k) => expect(d).toBeCloseTo(expected[k], 9));
    for (const i of images) expect(i.amplitude * i.distanceM).toBeCloseTo(1, 9);
  });

  it('the building height limits the images: a source above the roofs loses facade paths that would hit the sky', () => {
    const rooftop: SpaceParams = { ...base, source: [0, 5, 40] };
    const low = imageSources({ ...rooftop, heightM: 30 }, 400);
    const tall = imageSources({ ...rooftop, heightM: 200 }, 400);
    expect(low.filter((i) => i.facadeReflections > 0).length).toBeLessThan(tall.filter((i) => i.facadeReflections > 0).length);
    // In the street (both below the roofs) the height makes no difference to the specular paths.
    expect(imageSources({ ...base, heightM: 5 }, 400)).toHaveLength(imageSources({ ...base, heightM: 200 }, 400).length);
  });

  it('each reflection multiplies the pressure by √((1 − α)(1 − s))', () => {
    const lossy = { ...base, facadeAbsorption: 0.19, scattering: 0.1, groundAbsorption: 0.19 };
    const r = Math.sqrt(0.81 * 0.9);
    for (const i of imageSources(lossy, 100)) {
      const groundBounce = Math.abs(i.amplitude * i.distanceM - r ** i.facadeReflections) > 1e-9;
      expect(i.amplitude * i.distanceM).toBeCloseTo(r ** (i.facadeReflections + (groundBounce ? 1 : 0)), 9);
    }
  });
});

describe('diffuse model', () => {
  it('a closed box with little absorption agrees with Sabine (0.161 V / A)', () => {
    const room: SpaceParams = {
      widthM: 5,
      heightM: 3,
      lengthM: 8,
      facadeAbsorption: 0.02,
      groundAbsorption: 0.02,
      ceilingAbsorption: 0.02,
      endWallAbsorption: 0.02,
      scattering: 0.5,
      airAttenuationDbPerKm: 0,
      soundSpeedMs: 343,
      source: [1, 1, 1],
      listener: [4, 3, 1.5],
    };
    const d = diffuseModel(room)!;
    const surface = 2 * (5 * 3 + 5 * 8 + 3 * 8);
    expect(d.surfaceM2).toBeCloseTo(surface, 9);
    expect(d.meanFreePathM).toBeCloseTo((4 * 120) / surface, 9);
    const sabine = (0.161 * 120) / (surface * 0.02);
    expect(Math.abs(d.rt60Sec - sabine) / sabine).toBeLessThan(0.02);
  });

  it('open sky and open ends count as full absorbers; no buildings means no reverberation time', () => {
    const street: SpaceParams = {
      widthM: 20,
      heightM: 20,
      lengthM: 100,
      facadeAbsorption: 0.1,
      groundAbsorption: 0.1,
      ceilingAbsorption: null,
      endWallAbsorption: null,
      scattering: 0.2,
      airAttenuationDbPerKm: 0,
      soundSpeedMs: 343,
      source: [0, 5, 1.5],
      listener: [10, 12, 1.5],
    };
    const open = diffuseModel(street)!;
    const closed = diffuseModel({ ...street, ceilingAbsorption: 0.1, endWallAbsorption: 0.1 })!;
    const expectedMean = (2 * 100 * 20 * 0.1 + 100 * 20 * 0.1 + 100 * 20 + 2 * 20 * 20) / (2 * 100 * 20 + 2 * 100 * 20 + 2 * 20 * 20);
    expect(open.meanAbsorption).toBeCloseTo(expectedMean, 12);
    expect(open.rt60Sec).toBeLessThan(closed.rt60Sec / 2);
    expect(diffuseModel({ ...street, heightM: 0 })).toBeNull();
  });
});
