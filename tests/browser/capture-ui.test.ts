/**
 * The capture panel's states against the real lab in Chromium: the designer's IR decays
 * as its absorption says and the lab renders B with it; a sweep "recorded" through a real
 * ConvolverNode, and a clap in a synthetic room, go the way a microphone recording goes
 * after decoding and end up as the lab's reverb; exported WAVs decode (decodeAudioData)
 * to the very same samples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clear, createStore } from 'idb-keyval';
import { LabState } from '../../src/state/lab.svelte';
import { DesignerState, DESIGNED_IR_ID } from '../../src/state/designer.svelte';
import { CaptureState, CAPTURED_IR_ID } from '../../src/state/capture.svelte';
import { wavBytes, type IrResult } from '../../src/state/ir-result';
import { reverbFigures } from '../../src/analysis/reverb-metrics';
import { exponentialSweep, type SweepSpec, defaultSweepSpec } from '../../src/capture/sweep';
import { argmaxAbs, syntheticRoomIr, t30Seconds, xorshift } from '../shared/synthetic-room';
import { encodeWav } from '../../src/codec/wav';
import type { ClipAudio } from '../../src/audio/coded-audio';
import { channelsOf, clickBuffer } from './helpers';
import { slotA, slotB } from './default-slots';

const SR = 48_000;

/** B re-rendered after a change: wait for a new buffer and no render pending. */
async function nextRender(lab: LabState, before: ClipAudio | null): Promise<ClipAudio> {
  await expect.poll(() => slotB(lab).rendered !== before && !lab.comparison.rendering, { timeout: 20_000, interval: 50 }).toBe(true);
  return slotB(lab).rendered!;
}

/** What a microphone would have recorded: silence, then the sweep as the room returns it, then its decay. */
async function sweepThroughRoom(
  spec: SweepSpec,
  room: Float32Array<ArrayBuffer>,
  preRoll: number,
  tail: number,
  noiseDb = -90,
): Promise<AudioBuffer> {
  const sweep = exponentialSweep(spec);
  const length = Math.round(preRoll * SR) + sweep.length + Math.round(tail * SR);
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: SR });
  const ir = new AudioBuffer({ numberOfChannels: 1, length: room.length, sampleRate: SR });
  ir.copyToChannel(room, 0);
  const convolver = new ConvolverNode(ctx, { disableNormalization: true, buffer: ir });
  const source = new AudioBufferSourceNode(ctx, { buffer: new AudioBuffer({ numberOfChannels: 1, length: sweep.length, sampleRate: SR }) });
  source.buffer!.copyToChannel(sweep, 0);
  source.connect(convolver).connect(ctx.destination);
  source.start(preRoll);
  const rendered = await ctx.startRendering();
  // A quiet room: background noise far below the sweep, as a microphone always adds some.
  const data = rendered.getChannelData(0);
  const rnd = xorshift(5);
  const noise = 10 ** (noiseDb / 20) * Math.sqrt(12);
  for (let i = 0; i < data.length; i++) data[i] += noise * rnd();
  return rendered;
}

async function decodeWavBytes(bytes: Uint8Array<ArrayBuffer>): Promise<AudioBuffer> {
  const ctx = new OfflineAudioContext(1, 1, SR);
  return ctx.decodeAudioData(bytes.buffer.slice(0));
}

/** Exported WAV → decodeAudioData → the same samples, bit for bit (32-bit float). */
async function expectWavRoundTrip(result: IrResult): Promise<void> {
  const decoded = await decodeWavBytes(wavBytes(result));
  expect(decoded.sampleRate).toBe(result.buffer.sampleRate);
  expect(decoded.numberOfChannels).toBe(result.buffer.numberOfChannels);
  expect(decoded.length).toBe(result.buffer.length);
  for (let c = 0; c < decoded.numberOfChannels; c++) {
    const a = decoded.getChannelData(c);
    const b = result.buffer.getChannelData(c);
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
    expect(differing).toBe(0);
  }
}

describe('capture panel states with the real lab', () => {
  let lab: LabState;

  beforeAll(async () => {
    lab = new LabState();
    await lab.init();
    // A one-sample click as the clip and the reverb fully wet: B is then the IR itself, so
    // B's decay is the IR's decay (a wider click would low-pass the direct sound away).
    const click = encodeWav({ sampleRate: SR, channels: channelsOf(clickBuffer(0.5, 0.05, 1)) }, 'float32');
    await lab.addRecording(click.buffer.slice(0), 'click.wav', 'clip');
    lab.comparison.changeSettings(slotB(lab).id, (s) => (s.reverb.wet = 1));
    expect(lab.notifications.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(lab.library.userSamples.find((m) => m.id === slotA(lab).source)?.name).toBe('click.wav');
    expect(slotB(lab).rendered).not.toBeNull();
  }, 60_000);

  afterAll(async () => {
    lab?.dispose();
    // Leave no saved samples or settings behind for other tests on this origin.
    await clear(createStore('canyon-lab', 'kv'));
  });

  it('designer: more facade absorption → shorter T30 (measured), each design heard at once in B', async () => {
    const designer = new DesignerState(lab);
    const rows: { absorption: number; t30: number; model: number; bT30: number; bSeconds: number }[] = [];
    try {
      for (const absorption of [0.05, 0.3, 0.7]) {
        const before = slotB(lab).rendered;
        designer.set('facadeAbsorption', absorption);
        await designer.settled();
        const result = designer.result!;
        expect(result.usable).toBe(true);
        // Our own analysis, on the samples the lab holds (not the worker's figures).
        const t30 = reverbFigures(channelsOf(result.buffer), SR).t30.seconds;
        expect(result.measurements.t30.seconds).toBeCloseTo(t30, 6);
        expect(slotB(lab).settings.reverb.irId).toBe(DESIGNED_IR_ID);
        expect(slotB(lab).ir).toBe(result.buffer);
        const b = await nextRender(lab, before);
        // B spans the clip plus the new IR's tail, and its own decay follows the IR's.
        expect(b.duration).toBeCloseTo(slotA(lab).audio!.duration + result.buffer.duration, 2);
        const bT30 = reverbFigures(channelsOf(b), SR).t30.seconds;
        rows.push({ absorption, t30, model: result.details.modelRt60Seconds!, bT30, bSeconds: b.duration });
      }
    } finally {
      designer.dispose();
    }
    console.info(
      `designer: ${rows.map((r) => `α ${r.absorption}: IR T30 ${r.t30.toFixed(3)} s (model ${r.model.toFixed(3)} s), B T30 ${r.bT30.toFixed(3)} s, B ${r.bSeconds.toFixed(2)} s`).join('; ')}`,
    );
    for (let k = 1; k < rows.length; k++) {
      expect(rows[k].t30).toBeLessThan(rows[k - 1].t30 * 0.85);
      expect(rows[k].bSeconds).toBeLessThan(rows[k - 1].bSeconds);
    }
    for (const r of rows) {
      // B (click ∗ IR) decays as the IR does.
      expect(Math.abs(r.bT30 - r.t30) / r.t30).toBeLessThan(0.05);
      // The measured decay follows the model's Eyring RT60: the diffuse field's build-up
      // lengthens it a little when absorption is low; the specular early part shortens it when high.
      expect(Math.abs(r.t30 - r.model) / r.model).toBeLessThan(0.25);
    }
    expect(lab.library.impulseResponses.some((e) => e.id === DESIGNED_IR_ID)).toBe(true);
  }, 120_000);

  it('sweep: a recording through a real ConvolverNode becomes the lab IR via "Use as reverb", and is kept for a reload', async () => {
    const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 2 };
    const rt60 = 0.8;
    const room = syntheticRoomIr({ sampleRate: SR, rt60, delay: 0.01, seconds: 1.3, seed: 33 });
    const recording = await sweepThroughRoom(spec, room, 0.5, 1.6);
    const capture = new CaptureState(lab);
    try {
      const ok = await capture.processSweepRecording(recording, spec);
      expect(capture.problem).toBe('');
      expect(ok).toBe(true);
      const result = capture.result!;
      expect(result.usable).toBe(true);
      const t30True = t30Seconds(room, SR, argmaxAbs(room));
      const t30Got = result.measurements.t30.seconds!;
      console.info(
        `sweep capture via the UI path: T30 ${t30Got.toFixed(4)} s (true ${t30True.toFixed(4)} s), IR ${result.buffer.duration.toFixed(3)} s, noise floor ${result.details.noiseFloorDb?.toFixed(1)} dB`,
      );
      expect(Math.abs(t30Got - t30True) / t30True).toBeLessThan(0.05);

      const before = slotB(lab).rendered;
      await capture.useAsReverb();
      expect(slotB(lab).settings.reverb.irId).toBe(CAPTURED_IR_ID);
      expect(slotB(lab).ir).toBe(result.buffer);
      expect(lab.library.impulseResponses.find((e) => e.id === CAPTURED_IR_ID)?.title).toContain('(unsaved)');
      const b = await nextRender(lab, before);
      expect(b.duration).toBeCloseTo(slotA(lab).audio!.duration + result.buffer.duration, 2);
      const bT30 = reverbFigures(channelsOf(b), SR).t30.seconds;
      console.info(`B with the captured IR: T30 ${bT30.toFixed(3)} s, ${b.duration.toFixed(2)} s`);
      expect(Math.abs(bT30 - t30True) / t30True).toBeLessThan(0.05);

      await expectWavRoundTrip(result);

      // The last capture comes back in a fresh panel (what a reload does), sample for sample.
      const again = new CaptureState(lab);
      await again.restore();
      expect(again.result?.name).toBe(result.name);
      expect(Array.from(again.result!.buffer.getChannelData(0))).toEqual(Array.from(result.buffer.getChannelData(0)));
      again.dispose();
    } finally {
      capture.dispose();
    }
  }, 90_000);

  it("clap: a recorded impulse in a room goes the UI path to an IR with the room's T30", async () => {
    const room = syntheticRoomIr({ sampleRate: SR, rt60: 0.6, delay: 0, seconds: 1.0, seed: 12, zeroPhase: false });
    const recording = new AudioBuffer({ numberOfChannels: 1, length: 2 * SR, sampleRate: SR });
    const data = recording.getChannelData(0);
    const rnd = xorshift(8);
    const peak = Math.max(...Array.from(room, Math.abs));
    for (let i = 0; i < data.length; i++) data[i] = 1e-4 * rnd(); // the room's background, −80 dBFS
    room.forEach((v, i) => (data[SR / 2 + i] += (0.5 * v) / peak)); // the clap at 0.5 s, peak −6 dBFS
    const capture = new CaptureState(lab);
    try {
      expect(await capture.processClapRecording(recording)).toBe(true);
      const result = capture.result!;
      expect(result.source).toBe('clap');
      expect(result.usable).toBe(true);
      const t30True = t30Seconds(room, SR, argmaxAbs(room));
      const t30Got = result.measurements.t30.seconds!;
      console.info(
        `clap capture via the UI path: T30 ${t30Got.toFixed(4)} s (true ${t30True.toFixed(4)} s), IR ${result.buffer.duration.toFixed(3)} s`,
      );
      expect(Math.abs(t30Got - t30True) / t30True).toBeLessThan(0.05);
      expect(Math.max(...Array.from(result.buffer.getChannelData(0), Math.abs))).toBeCloseTo(1, 6); // normalised
    } finally {
      capture.dispose();
    }
  }, 90_000);

  it('sweep: a recording without the sweep in it gets a clear message, not an IR', async () => {
    const spec: SweepSpec = { ...defaultSweepSpec(SR), seconds: 2 };
    const rnd = xorshift(9);
    const noise = new AudioBuffer({ numberOfChannels: 1, length: 4 * SR, sampleRate: SR });
    noise.getChannelData(0).forEach((_, i, a) => (a[i] = 0.1 * rnd()));
    const capture = new CaptureState(lab);
    try {
      expect(await capture.processSweepRecording(noise, spec)).toBe(false);
      expect(capture.problem).toMatch(/^No clear sweep in the recording/);
      expect(capture.result).toBeNull();
      const silent = new AudioBuffer({ numberOfChannels: 1, length: 4 * SR, sampleRate: SR });
      expect(await capture.processSweepRecording(silent, spec)).toBe(false);
      expect(capture.problem).toMatch(/silent/);
      expect(capture.problem).toMatch(/picked up very little/);
    } finally {
      capture.dispose();
    }
  }, 90_000);

  it("designer and save: the designed IR is saved as the user's own, selected, and exports exactly", async () => {
    const designer = new DesignerState(lab);
    try {
      designer.set('widthM', 40);
      await designer.settled();
      const result = designer.result!;
      await expectWavRoundTrip(result);
      await designer.save();
      const saved = lab.library.userSamples.find((m) => m.kind === 'impulse-response' && m.name.startsWith('Designed street 40'));
      expect(saved).toBeDefined();
      expect(slotB(lab).settings.reverb.irId).toBe(saved!.id);
      expect(Array.from(slotB(lab).ir!.getChannelData(0))).toEqual(Array.from(result.buffer.getChannelData(0)));
      await lab.removeUserSample(saved!.id);
      expect(lab.library.impulseResponses.some((e) => e.id === saved!.id)).toBe(false);
    } finally {
      designer.dispose();
    }
  }, 90_000);
});
