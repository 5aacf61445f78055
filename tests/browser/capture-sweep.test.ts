import { describe, expect, it } from 'vitest';
import { impulseFromSweepRecording } from '../../src/capture/deconvolve';
import { defaultSweepSpec, exponentialSweep, type SweepSpec } from '../../src/capture/sweep';
import { argmaxAbs, correlation, syntheticRoomIr, t30Seconds } from '../shared/synthetic-room';

const SR = 48_000;

/**
 * The sweep played through a real ConvolverNode (normalize off, so it applies the IR as
 * it is) holding a known room, rendered offline by Chromium's Web Audio: the recording a
 * perfect loudspeaker and microphone would make in that room.
 */
async function renderThroughConvolver(
  sweep: Float32Array<ArrayBuffer>,
  room: Float32Array<ArrayBuffer>,
  tailSeconds: number,
): Promise<Float32Array> {
  const length = sweep.length + room.length + Math.round(tailSeconds * SR);
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: SR });
  const irBuffer = new AudioBuffer({ numberOfChannels: 1, length: room.length, sampleRate: SR });
  irBuffer.copyToChannel(room, 0);
  const convolver = new ConvolverNode(ctx, { disableNormalization: true });
  convolver.buffer = irBuffer;
  const sweepBuffer = new AudioBuffer({ numberOfChannels: 1, length: sweep.length, sampleRate: SR });
  sweepBuffer.copyToChannel(sweep, 0);
  const source = new AudioBufferSourceNode(ctx, { buffer: sweepBuffer });
  source.connect(convolver).connect(ctx.destination);
  source.start(0);
  const rendered = await ctx.startRendering();
  return Float32Array.from(rendered.getChannelData(0));
}

describe('sweep capture through real Web Audio (Chromium)', () => {
  it('recovers the IR held by a ConvolverNode: peak position exact, T30 within 5 %, correlation > 0.99', async () => {
    const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 2 };
    const rt60 = 0.7;
    const delay = 0.0171;
    const room = syntheticRoomIr({ sampleRate: SR, rt60, delay, seconds: 1.2, seed: 21 });
    const recording = await renderThroughConvolver(exponentialSweep(spec), room, 0.5);
    const result = impulseFromSweepRecording([recording], SR, spec);
    if (!result.ok) throw new Error(result.reason);
    const { ir } = result;
    const got = ir.channels[0];
    const truePeak = argmaxAbs(room);
    const span = Math.min(got.length, room.length - ir.sourceStart);
    const r = correlation(got.subarray(0, span), room.subarray(ir.sourceStart, ir.sourceStart + span));
    const t30True = t30Seconds(room, SR, truePeak);
    const t30Got = t30Seconds(got, SR, ir.peakIndex);
    console.info(
      `Web Audio sweep capture: peak at ${ir.sourceStart + ir.peakIndex} (true ${truePeak}), T30 ${t30Got.toFixed(4)} s ` +
        `(true ${t30True.toFixed(4)} s, ${((100 * (t30Got - t30True)) / t30True).toFixed(2)} %), correlation ${r.toFixed(5)}, ` +
        `IR ${(got.length / SR).toFixed(3)} s, noise floor ${ir.noiseFloorDb.toFixed(1)} dB`,
    );
    expect(truePeak).toBe(Math.round(delay * SR));
    expect(ir.sourceStart + ir.peakIndex).toBe(truePeak);
    expect(Math.abs(t30Got - t30True) / t30True).toBeLessThan(0.05);
    expect(Math.abs(t30True - rt60) / rt60).toBeLessThan(0.05);
    expect(r).toBeGreaterThan(0.99);
    // No noise in a digital render: the IR ends where the room's response does (1.2 s after its
    // start, 3 ms pre-roll and the convolver's float rounding aside), not at the recording's end.
    expect(Math.abs(ir.sourceStart + got.length - room.length)).toBeLessThan(0.01 * SR);
  });
});
