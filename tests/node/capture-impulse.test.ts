import { describe, expect, it } from 'vitest';
import { convolve } from '../../src/analysis/fft';
import { impulseFromRecording } from '../../src/capture/impulse-ir';
import { argmaxAbs, correlation, syntheticRoomIr, t30Seconds, xorshift } from '../shared/synthetic-room';

const SR = 48_000;
const RT60 = 0.5;
const ROOM_DELAY = 0.004; // s from the hands to the microphone
const room = syntheticRoomIr({ sampleRate: SR, rt60: RT60, delay: ROOM_DELAY, seconds: 0.9, seed: 11, zeroPhase: false });

/** A clap: 4 ms of noise with a 1 ms exponential decay, peak about `level`. */
function clapSource(level: number, seed = 3): Float32Array {
  const rnd = xorshift(seed);
  return Float32Array.from({ length: Math.round(0.004 * SR) }, (_, i) => level * 2 * rnd() * Math.exp(-i / SR / 0.001));
}

/**
 * A recording: background noise of RMS `noiseRms` for `seconds`, with claps (through the
 * room) starting at the given times.
 */
function recording(opts: { seconds?: number; claps?: number[]; level?: number; noiseRms?: number } = {}): Float32Array {
  const { seconds = 2, claps = [0.5], level = 0.5, noiseRms = 10 ** (-80 / 20) } = opts;
  const out = new Float32Array(Math.round(seconds * SR));
  const noise = xorshift(42);
  // Uniform noise of RMS r has amplitude r·√12.
  for (let i = 0; i < out.length; i++) out[i] = noiseRms * Math.sqrt(12) * noise();
  claps.forEach((at, k) => {
    const wet = convolve(clapSource(level, 3 + k), room);
    const start = Math.round(at * SR);
    for (let i = 0; i < wet.length && start + i < out.length; i++) out[start + i] += wet[i];
  });
  return out;
}

describe('impulse response from a clap or balloon pop', () => {
  it('finds the onset, trims with a 2 ms pre-roll, ends at the noise floor, fades and normalises', () => {
    const rec = recording();
    const result = impulseFromRecording([rec], SR);
    if (!result.ok) throw new Error(result.reason);
    const { ir } = result;
    const firstArrival = Math.round((0.5 + ROOM_DELAY) * SR);
    const onset = ir.sourceStart + Math.round(0.002 * SR);
    console.info(
      `clap: onset ${onset} (first arrival ${firstArrival}), peak ${ir.sourceStart + ir.peakIndex} (recording's ${argmaxAbs(rec)}), ` +
        `length ${(ir.channels[0].length / SR).toFixed(3)} s, noise floor ${ir.noiseFloorDb.toFixed(1)} dB`,
    );
    // The onset lies at the first arrival (the ±0.25 ms smoothing may see it a few samples early).
    expect(Math.abs(onset - firstArrival)).toBeLessThanOrEqual(Math.round(0.00025 * SR));
    expect(ir.sourceStart + ir.peakIndex).toBe(argmaxAbs(rec));
    const x = ir.channels[0];
    expect(Math.max(...x.map(Math.abs))).toBeCloseTo(1, 6);
    expect(Math.abs(x.at(-1)!)).toBe(0);
    // Ends where the decay meets the background: before the recording ends (1.5 s after the clap), and
    // not before the decay has fallen 40 dB (0.5 s RT60 → 40 dB at 0.33 s), which T30 needs.
    expect(ir.noiseFloorDb).toBeLessThan(-40);
    expect(x.length / SR).toBeGreaterThan(0.33);
    expect(x.length / SR).toBeLessThan(1.2);
    // Same decay as the room: T30 within 5 %.
    const t30Room = t30Seconds(room, SR, argmaxAbs(room));
    const t30Ir = t30Seconds(x, SR, ir.peakIndex);
    console.info(`clap IR T30 ${t30Ir.toFixed(4)} s, room ${t30Room.toFixed(4)} s`);
    expect(Math.abs(t30Ir - t30Room) / t30Room).toBeLessThan(0.05);
  });

  it('keeps the IR shape of the recording (the trimmed span is the recording, scaled)', () => {
    const rec = recording();
    const result = impulseFromRecording([rec], SR);
    if (!result.ok) throw new Error(result.reason);
    const { channels, sourceStart, gain } = result.ir;
    const span = channels[0].length - Math.round(0.05 * SR); // before the fade
    expect(correlation(channels[0].subarray(0, span), rec.subarray(sourceStart, sourceStart + span))).toBeGreaterThan(0.99999);
    expect(channels[0][100] / rec[sourceStart + 100]).toBeCloseTo(gain, 3);
  });

  it('rejects a recording with no clear impulse', () => {
    const quiet = recording({ level: 0.0005 }); // the clap only ~15 dB over the background
    const r = impulseFromRecording([quiet], SR);
    expect(r).toEqual({
      ok: false,
      reason: expect.stringMatching(/No clear impulse: the loudest sound is only \d+ dB above the background/),
    });
  });

  it('rejects a sustained sound (speech, music), two claps, a recording cut short, a clipped clap', () => {
    // A held tone, and speech-like syllables (a 220 Hz buzz swelling and fading four times a second).
    const tone = recording({ claps: [] });
    for (let i = Math.round(0.5 * SR); i < Math.round(0.9 * SR); i++) tone[i] += 0.3 * Math.sin((2 * Math.PI * 220 * i) / SR);
    expect(impulseFromRecording([tone], SR)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not start and die away like a clap/),
    });
    const syllables = recording({ claps: [] });
    for (let i = Math.round(0.5 * SR); i < Math.round(1.25 * SR); i++) {
      const t = i / SR - 0.5;
      const buzz = Array.from({ length: 8 }, (_, h) => Math.sin(2 * Math.PI * 220 * (h + 1) * t) / (h + 1)).reduce((a, b) => a + b, 0);
      syllables[i] += 0.2 * Math.sin(Math.PI * t * 4) ** 2 * (1 + 0.1 * Math.sin(2 * Math.PI * 1.3 * t)) * buzz;
    }
    expect(impulseFromRecording([syllables], SR)).toEqual({
      ok: false,
      reason: expect.stringMatching(/does not start and die away like a clap/),
    });

    const twoClaps = recording({ claps: [0.4, 1.2] });
    expect(impulseFromRecording([twoClaps], SR)).toEqual({ ok: false, reason: expect.stringMatching(/More than one loud impulse/) });

    const cutShort = recording({ claps: [1.95] });
    expect(impulseFromRecording([cutShort], SR)).toEqual({ ok: false, reason: expect.stringMatching(/stops too soon/) });

    const clipped = recording().map((v) => Math.max(-1, Math.min(1, v * 20)));
    expect(impulseFromRecording([clipped], SR)).toEqual({ ok: false, reason: expect.stringMatching(/clipped/) });
  });

  it('rejects silence, invalid samples and a recording too short to hold a clap', () => {
    expect(impulseFromRecording([new Float32Array(SR)], SR)).toEqual({ ok: false, reason: expect.stringMatching(/silent/) });
    const broken = recording();
    broken[1234] = NaN;
    expect(impulseFromRecording([broken], SR)).toEqual({ ok: false, reason: expect.stringMatching(/NaN/) });
    expect(impulseFromRecording([new Float32Array(5)], SR)).toEqual({ ok: false, reason: expect.stringMatching(/too short/) });
  });
});
