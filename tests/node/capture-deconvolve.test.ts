import { describe, expect, it } from 'vitest';
import { convolve } from '../../src/analysis/fft';
import { deconvolveFull, impulseFromSweepRecording } from '../../src/capture/deconvolve';
import { defaultSweepSpec, exponentialSweep, harmonicLeadSeconds, inverseFilter, type SweepSpec } from '../../src/capture/sweep';
import type { CapturedIr } from '../../src/capture/captured-ir';
import { argmaxAbs, correlation, syntheticRoomIr, t30Seconds, xorshift } from '../shared/synthetic-room';

const SR = 48_000;
const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 1.5 };
const sweep = exponentialSweep(spec);
const inverse = inverseFilter(spec, sweep);
const RT60 = 0.6;
const DELAY = 0.0123; // s: propagation + system latency
const room = syntheticRoomIr({ sampleRate: SR, rt60: RT60, delay: DELAY, seconds: 1.0 });

/**
 * What a microphone would record: the sweep (optionally distorted by the loudspeaker,
 * before the room) through the room, scaled to peak at −6 dBFS as a sensible input level
 * would, optionally distorted by the microphone chain (after the room), then
 * `tailSeconds` more of recording, plus noise.
 */
function recordSweep(
  opts: { speakerSquareTerm?: number; micSquareTerm?: number; noiseAmplitude?: number; tailSeconds?: number } = {},
): Float32Array {
  const { speakerSquareTerm = 0, micSquareTerm = 0, noiseAmplitude = 0, tailSeconds = 0.4 } = opts;
  const played = Float32Array.from(sweep, (v) => v + speakerSquareTerm * v * v);
  const wet = convolve(played, room);
  const scale = 0.5 / Math.max(...Array.from(wet, Math.abs));
  const out = new Float32Array(sweep.length + room.length + Math.round(tailSeconds * SR));
  const noise = xorshift(99);
  for (let i = 0; i < out.length; i++) {
    const x = i < wet.length ? scale * wet[i] : 0;
    out[i] = x + micSquareTerm * x * x + noiseAmplitude * noise();
  }
  return out;
}

function compareWithRoom(ir: CapturedIr, label: string) {
  const got = ir.channels[0];
  const truePeak = argmaxAbs(room);
  const span = Math.min(got.length, room.length - ir.sourceStart);
  const reference = room.subarray(ir.sourceStart, ir.sourceStart + span);
  const r = correlation(got.subarray(0, span), reference);
  const t30True = t30Seconds(room, SR, truePeak);
  const t30Got = t30Seconds(got, SR, ir.peakIndex);
  console.info(
    `${label}: peak at ${ir.sourceStart + ir.peakIndex} (true ${truePeak}), T30 ${t30Got.toFixed(4)} s (true ${t30True.toFixed(4)} s, ` +
      `${((100 * (t30Got - t30True)) / t30True).toFixed(2)} %), correlation ${r.toFixed(5)}, length ${(got.length / SR).toFixed(3)} s, ` +
      `noise floor ${ir.noiseFloorDb.toFixed(1)} dB`,
  );
  expect(truePeak).toBe(Math.round(DELAY * SR));
  expect(ir.sourceStart + ir.peakIndex).toBe(truePeak);
  expect(Math.abs(t30Got - t30True) / t30True).toBeLessThan(0.05);
  expect(Math.abs(t30True - RT60) / RT60).toBeLessThan(0.05);
  expect(r).toBeGreaterThan(0.99);
  // Normalised, and starting a few ms before the direct sound.
  expect(Math.max(...got.map(Math.abs))).toBeCloseTo(1, 6);
  expect(ir.peakIndex / SR).toBeGreaterThan(0.001);
  expect(ir.peakIndex / SR).toBeLessThan(0.01);
}

describe('impulse response from a sweep recording', () => {
  it('recovers a known room through noise: peak exact, T30 within 5 %, correlation > 0.99, trimmed at the noise floor', () => {
    const result = impulseFromSweepRecording([recordSweep({ noiseAmplitude: 1e-4 })], SR, spec, { inverse });
    if (!result.ok) throw new Error(result.reason);
    compareWithRoom(result.ir, 'noisy recording');
    // The decay meets the noise (about −80 dB here) before the room's 1 s end, and the tail is faded to zero.
    expect(result.ir.noiseFloorDb).toBeLessThan(-60);
    expect(result.ir.noiseFloorDb).toBeGreaterThan(-110);
    expect(result.ir.channels[0].length / SR).toBeLessThan(0.98);
    expect(Math.abs(result.ir.channels[0].at(-1)!)).toBe(0);
  });

  it('is not spoiled by loudspeaker distortion: the harmonic products land before the linear IR and are cut away', () => {
    const recording = recordSweep({ speakerSquareTerm: 0.05, noiseAmplitude: 1e-4 });
    // The distortion is really there: the 2nd-harmonic product shows up L·ln 2 early.
    const full = deconvolveFull([recording], inverse)[0];
    const harmonicAt = sweep.length - 1 + Math.round((DELAY - harmonicLeadSeconds(spec, 2)) * SR);
    const linearAt = sweep.length - 1 + Math.round(DELAY * SR);
    const around = (c: number) => Math.max(...Array.from(full.subarray(c - 200, c + 200), Math.abs));
    const harmonicDb = 20 * Math.log10(around(harmonicAt) / around(linearAt));
    console.info(`2nd-harmonic product ${harmonicDb.toFixed(1)} dB re the linear IR`);
    expect(harmonicDb).toBeGreaterThan(-50);
    const result = impulseFromSweepRecording([recording], SR, spec, { inverse });
    if (!result.ok) throw new Error(result.reason);
    compareWithRoom(result.ir, 'loudspeaker distortion');
  });

  it('is not spoiled by a weak square term in the microphone chain (0.05·x² on a recording peaking at −6 dBFS)', () => {
    const recording = recordSweep({ micSquareTerm: 0.05, noiseAmplitude: 1e-4 });
    const result = impulseFromSweepRecording([recording], SR, spec, { inverse });
    if (!result.ok) throw new Error(result.reason);
    compareWithRoom(result.ir, 'microphone distortion');
  });

  it('deconvolves each channel of a stereo recording with one common trim', () => {
    const rec = recordSweep({ noiseAmplitude: 1e-4 });
    const quieter = Float32Array.from(rec, (v) => 0.5 * v);
    const result = impulseFromSweepRecording([rec, quieter], SR, spec, { inverse });
    if (!result.ok) throw new Error(result.reason);
    const [left, right] = result.ir.channels;
    expect(right.length).toBe(left.length);
    expect(correlation(left, right)).toBeGreaterThan(0.999);
    expect(Math.max(...right.map(Math.abs))).toBeCloseTo(0.5, 2);
  });

  it('says so when the recording holds no sweep, is silent, stops too early, has the wrong rate or invalid samples', () => {
    const noise = xorshift(5);
    const onlyNoise = Float32Array.from({ length: sweep.length + SR }, () => 0.1 * noise());
    const r1 = impulseFromSweepRecording([onlyNoise], SR, spec, { inverse });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.reason).toMatch(/No clear sweep/);

    const silent = new Float32Array(sweep.length + SR);
    const r2 = impulseFromSweepRecording([silent], SR, spec, { inverse });
    expect(r2).toEqual({ ok: false, reason: expect.stringMatching(/silent/) });

    const short = recordSweep().subarray(0, sweep.length - 10);
    const r3 = impulseFromSweepRecording([short], SR, spec, { inverse });
    expect(r3).toEqual({ ok: false, reason: expect.stringMatching(/shorter than the sweep/) });

    const r4 = impulseFromSweepRecording([recordSweep()], 44_100, spec, { inverse });
    expect(r4).toEqual({ ok: false, reason: expect.stringMatching(/44100 Hz/) });

    const broken = recordSweep();
    broken[5000] = NaN;
    const r5 = impulseFromSweepRecording([broken], SR, spec, { inverse });
    expect(r5).toEqual({ ok: false, reason: expect.stringMatching(/invalid samples \(NaN or infinity\)/) });
  });
});
