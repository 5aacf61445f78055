/**
 * The parts of the FFT render that run in its workers, in Node: the ConvolverNode model
 * (normalisation, channel routing), one output channel's job (dry + delayed wet), a
 * channel split between two jobs, and the streaming meter against src/analysis/loudness.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { integratedLoudness } from '../../src/analysis/loudness';
import { samplePeak } from '../../src/analysis/levels';
import { decodeWav } from '../../src/codec/wav';
import { convolverNormalisation, convolverRouting } from '../../src/render/convolver-model';
import { ConvolveJob, delayedIr, delayedIrLength, type ConvolveTask } from '../../src/render/convolve-job';
import { gatedLoudness, segmentFrames, StreamMeter, sumSegments, type ChannelMeasure } from '../../src/render/stream-meter';
import { loadWasmFft, type PffftModule } from '../../src/render/wasm-fft';

const SR = 48_000;
const sample = (name: string) => decodeWav(readFileSync(join(__dirname, '../../samples', name)));

let fft: PffftModule;
beforeAll(async () => {
  fft = await loadWasmFft();
});

describe('ConvolverNode model', () => {
  it('normalises by the RMS over all channels, Chromium’s −58 dB calibration and 44.1 kHz / rate', () => {
    const ir = [new Float32Array(1000).fill(0.5), new Float32Array(1000).fill(-0.5)];
    expect(convolverNormalisation(ir, SR)).toBeCloseTo(((10 ** -2.9 / 0.5) * 44_100) / SR, 9);
    expect(convolverNormalisation(ir, 44_100)).toBeCloseTo(10 ** -2.9 / 0.5, 9);
  });

  it('halves a true-stereo IR and floors a silent one at MinPower', () => {
    const four = Array.from({ length: 4 }, () => new Float32Array(10).fill(0.25));
    expect(convolverNormalisation(four, SR)).toBeCloseTo(((10 ** -2.9 / 0.25) * 44_100) / SR / 2, 9);
    expect(convolverNormalisation([new Float32Array(10)], SR)).toBeCloseTo(((10 ** -2.9 / 0.000125) * 44_100) / SR, 6);
  });

  it('routes channels as Chromium’s Reverb::Process does', () => {
    expect(convolverRouting(1, 1)).toEqual([[{ input: 0, ir: 0 }]]);
    expect(convolverRouting(2, 1)).toEqual([[{ input: 0, ir: 0 }], [{ input: 1, ir: 0 }]]);
    expect(convolverRouting(1, 2)).toEqual([[{ input: 0, ir: 0 }], [{ input: 0, ir: 1 }]]);
    expect(convolverRouting(2, 2)).toEqual([[{ input: 0, ir: 0 }], [{ input: 1, ir: 1 }]]);
    expect(convolverRouting(1, 4)).toEqual([
      [
        { input: 0, ir: 0 },
        { input: 0, ir: 2 },
      ],
      [
        { input: 0, ir: 1 },
        { input: 0, ir: 3 },
      ],
    ]);
    expect(convolverRouting(2, 4)[1]).toEqual([
      { input: 0, ir: 1 },
      { input: 1, ir: 3 },
    ]);
    expect(() => convolverRouting(2, 3)).toThrow(/1, 2 or 4 channels/);
  });
});

describe('one output channel’s job', () => {
  it('a fractional pre-delay splits each IR frame between two neighbours, as a DelayNode interpolates', () => {
    const h = Float32Array.of(1, 0.5, -0.25);
    const d = delayedIr(h, 2, 3.25);
    expect(d.length).toBe(delayedIrLength(3, 3.25));
    expect(Array.from(d)).toEqual([0, 0, 0, 1.5, 0.5 + 0.75, -0.25 * 1.5 + 0.25, -0.125].map(Math.fround));
  });

  /** Run a task over [from, to) in chunks of `chunk` frames, as the pool feeds it. */
  function run(task: ConvolveTask, x: Float32Array, chunk: number): { out: Float32Array; measure: ChannelMeasure } {
    const job = new ConvolveJob(fft, task);
    const out = new Float32Array(task.to - task.from);
    for (let at = task.streamFrom; at < task.to; at += chunk) {
      const frames = Math.min(chunk, task.to - at);
      const piece = job.push([x.subarray(Math.min(at, x.length), at + frames)], frames);
      out.set(piece.data, piece.position - task.from);
    }
    const measure = job.finish();
    job.dispose();
    return { out, measure };
  }

  it('is dry · x + wet · (x ⊛ delayed IR), and two halves of it join into the whole', () => {
    const x = sample('speech-dry.wav').channels[0];
    const ir = sample('ir-boulevard.wav').channels[0];
    const length = x.length + ir.length;
    const partition = 8192;
    const base = { sampleRate: SR, paths: [{ input: 0, ir }], irGain: 0.01, delayFrames: 480, dry: { input: 0, gain: 0.75 }, partition };
    const irLength = delayedIrLength(ir.length, 480);
    const whole = run({ ...base, from: 0, to: length, filterFrom: 0, streamFrom: 0 }, x, 4 * partition);
    // Direct check of a few frames: the dry sound at once, the wet one 480 frames later.
    for (const n of [100, 1000, 50_000, 200_000]) {
      let wet = 0;
      for (let k = 0; k < ir.length; k++) if (n - 480 - k >= 0 && n - 480 - k < x.length) wet += x[n - 480 - k] * ir[k];
      expect(whole.out[n]).toBeCloseTo(0.75 * (x[n] ?? 0) + 0.01 * wet, 6);
    }
    const split = 48_000 * 4; // on a 100 ms segment boundary
    const run1 = Math.max(0, split - 4800);
    const halves = [
      run({ ...base, from: 0, to: split, filterFrom: 0, streamFrom: 0 }, x, 4 * partition),
      run({ ...base, from: split, to: length, filterFrom: run1, streamFrom: Math.max(0, run1 - irLength + 1) }, x, 4 * partition),
    ];
    const joined = new Float32Array(length);
    joined.set(halves[0].out);
    joined.set(halves[1].out, split);
    let worst = 0;
    for (let i = 0; i < length; i++) worst = Math.max(worst, Math.abs(joined[i] - whole.out[i]));
    expect(20 * Math.log10(worst / samplePeak([whole.out]))).toBeLessThan(-120);
    // The halves' measurements add up to the whole's.
    const segments = Math.floor(length / segmentFrames(SR));
    const a = gatedLoudness(sumSegments([whole.measure], segments), segmentFrames(SR));
    const b = gatedLoudness(
      sumSegments(
        halves.map((h) => h.measure),
        segments,
      ),
      segmentFrames(SR),
    );
    expect(Math.abs(a! - b!)).toBeLessThan(1e-6);
    expect(Math.max(halves[0].measure.peak, halves[1].measure.peak)).toBe(whole.measure.peak);
  });
});

describe('streaming meter', () => {
  it('gives loudness.ts’s integrated loudness and samplePeak’s peak, block by block and in two parts', () => {
    const [left, right] = sample('ir-antwerp-street.wav').channels.map((c) => {
      // A louder, longer stereo signal: the street IR tiled with a changing gain.
      const out = new Float32Array(c.length * 8);
      for (let k = 0; k < 8; k++) for (let i = 0; i < c.length; i++) out[k * c.length + i] = c[i] * (0.2 + 0.1 * k);
      return out;
    });
    const length = left.length;
    const seg = segmentFrames(SR);
    const split = Math.round(length / 2 / seg) * seg;
    const measure = (x: Float32Array, from: number, to: number, block: number) => {
      const start = Math.max(0, from - 4800);
      const meter = new StreamMeter(SR, from, to, start);
      for (let at = start; at < to; at += block) meter.push(x.subarray(at, Math.min(to, at + block)));
      return meter.result();
    };
    const parts = [left, right].flatMap((x) => [measure(x, 0, split, 1000), measure(x, split, length, 7777)]);
    const ours = gatedLoudness(sumSegments(parts, Math.floor(length / seg)), seg);
    const reference = integratedLoudness([left, right], SR);
    expect(Math.abs(ours! - reference)).toBeLessThan(1e-6);
    expect(Math.max(...parts.map((p) => p.peak))).toBe(samplePeak([left, right]));
  });

  it('says null when nothing passes the gates', () => {
    expect(gatedLoudness(new Float64Array(10), 4800)).toBeNull();
    expect(gatedLoudness(new Float64Array(3).fill(1000), 4800)).toBeNull(); // under 400 ms
  });
});
