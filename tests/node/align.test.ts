/**
 * Alignment of independent recordings (GCC-PHAT on the onset region): a real recording
 * shifted by a known lag, filtered and reverberated, is found to the sample; a library
 * shot against its location take is aligned on the direct sound.
 */
import { describe, expect, it } from 'vitest';
import { findLag } from '../../src/analysis/align';
import { convolve, inverseReal, nextPow2, realSpectrum } from '../../src/analysis/fft';
import { readSample } from './samples-helpers';

const readSampleChannels = (id: string) => readSample(id).channels;

const RATE = 48_000;

/** Zero-phase band-pass (a mask on the spectrum): filters without moving anything in time. */
function bandPass(x: Float32Array, lowHz: number, highHz: number): Float64Array {
  const size = nextPow2(2 * x.length);
  const spectrum = realSpectrum(x, size);
  for (let k = 0; k < size; k++) {
    const f = (Math.min(k, size - k) * RATE) / size;
    if (f < lowHz || f > highHz) spectrum[2 * k] = spectrum[2 * k + 1] = 0;
  }
  return inverseReal(spectrum, size).subarray(0, x.length);
}

/** A room: the direct sound at 0, then exponentially decaying noise from 3 ms (deterministic). */
function reverb(seconds: number, t60: number): Float64Array {
  const ir = new Float64Array(Math.round(seconds * RATE));
  ir[0] = 1;
  let s = 12345;
  for (let i = Math.round(0.003 * RATE); i < ir.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    ir[i] = 0.3 * (s / 2 ** 32 - 0.5) * 10 ** ((-3 * i) / (t60 * RATE));
  }
  return ir;
}

describe('alignment of independent recordings', () => {
  it('finds a lag of 12,345 samples to the sample through a band-pass and a reverb', () => {
    const [shot] = readSampleChannels('ufoai-pistol');
    const lag = 12_345;
    const delayed = new Float32Array(shot.length + lag);
    delayed.set(shot, lag);
    const other = convolve(bandPass(delayed, 300, 4000), reverb(1.5, 1.2));
    const found = findLag([shot], [Float32Array.from(other)], RATE)!;
    expect(found.lagSamples).toBe(lag);
    expect(found.confidence).toBeGreaterThan(20);
  });

  it('finds a negative lag (the other recording starts earlier) just as well', () => {
    const [take] = readSampleChannels('location-pistol-canyon');
    const early = take.subarray(2_000); // still holds the shot, which sits 69 ms in
    expect(findLag([take], [early], RATE)!.lagSamples).toBe(-2_000);
  });

  it('aligns independent recordings on the direct sound: dry shot, library copy, location take', () => {
    const [dry] = readSampleChannels('gunshot-dry-pistol');
    const [canned] = readSampleChannels('gunshot-canned');
    const [location] = readSampleChannels('location-pistol-canyon');
    const [canyon] = readSampleChannels('ir-canyon-narrow');
    // The location take is the dry shot through the canyon IR: it lags by the IR's first arrival.
    const irOnset = canyon.findIndex((v) => v !== 0);
    expect(findLag([dry], [location], RATE)!.lagSamples).toBe(irOnset);
    // The library copy was trimmed and processed; the lags still add up, to the sample.
    const dryToCanned = findLag([dry], [canned], RATE)!.lagSamples;
    const cannedToLocation = findLag([canned], [location], RATE)!.lagSamples;
    expect(dryToCanned).toBeLessThan(0);
    expect(Math.abs(cannedToLocation - (irOnset - dryToCanned))).toBeLessThanOrEqual(1);
  });

  it('says nothing rather than guess when a signal is silent', () => {
    expect(findLag([new Float32Array(1000)], [new Float32Array(1000).fill(0.1)], RATE)).toBeNull();
  });
});
