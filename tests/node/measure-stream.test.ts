/**
 * The figures of a clip read block by block (measureStreamed, what the analysis worker
 * does) against measureClip on the whole clip: real recordings and a long clip at 44.1 kHz
 * whose blocks, steps and envelope windows do not line up. Equal within 0.01 dB / 0.01 LU,
 * decay times within 1 %.
 */
import { describe, expect, it } from 'vitest';
import { measureClip, FIGURES, type ClipMeasurements, type MeasureOptions } from '../../src/analysis/measure';
import { BLOCK, measureStreamed, type ReadRange, type Release } from '../../src/analysis/measure-stream';
import { readSample } from './samples-helpers';

/** A reader over whole channels that counts the frames it hands out and the largest read. */
function readerOf(channels: Float32Array[]): { read: ReadRange; largest: () => number } {
  let largest = 0;
  return {
    read: (from, to) => {
      largest = Math.max(largest, to - from);
      return Promise.resolve(channels.map((c) => c.slice(from, to)));
    },
    largest: () => largest,
  };
}

/**
 * A reader that refills released arrays, as the analysis worker's page does, and poisons
 * each with NaN as it is released: a range used after its release spoils the figures.
 */
function recyclingReaderOf(channels: Float32Array[]): { read: ReadRange; release: Release; fresh: () => number; reads: () => number } {
  const spare: ArrayBuffer[] = [];
  let fresh = 0;
  let reads = 0;
  return {
    read: (from, to) => {
      reads++;
      return Promise.resolve(
        channels.map((c) => {
          const frames = Math.max(0, Math.min(to, c.length) - from);
          const i = spare.findIndex((b) => b.byteLength >= frames * 4);
          const x = i >= 0 ? new Float32Array(spare.splice(i, 1)[0], 0, frames) : (fresh++, new Float32Array(frames));
          x.set(c.subarray(from, from + frames));
          return x;
        }),
      );
    },
    release: (used) => {
      for (const x of used) {
        new Float32Array(x.buffer).fill(NaN);
        spare.push(x.buffer as ArrayBuffer);
      }
    },
    fresh: () => fresh,
    reads: () => reads,
  };
}

/** `length` frames of stereo: a location shot repeated from frame `shift` on, times `envelope`. */
function repeatedShot(length: number, shift: number, envelope: (i: number) => number): Float32Array[] {
  const shot = readSample('location-pistol-canyon');
  return [0, 1].map((c) => {
    const x = new Float32Array(length);
    const src = shot.channels[c % shot.channels.length];
    for (let i = 0; i < length; i++) x[i] = src[(i + shift) % src.length] * envelope(i);
    return x;
  });
}

function expectSame(streamed: ClipMeasurements, whole: ClipMeasurements, what: string): void {
  for (const f of FIGURES) {
    const [a, b] = [f.get(streamed), f.get(whole)];
    if (b === null) {
      expect(a, `${what} ${f.key}`).toBeNull();
      continue;
    }
    expect(a, `${what} ${f.key}`).not.toBeNull();
    const decay = ['edt', 't20', 't30'].includes(f.key);
    expect(Math.abs(a! - b), `${what} ${f.key}: ${a} vs ${b}`).toBeLessThanOrEqual(decay ? 0.01 * Math.abs(b) : 0.01);
  }
  expect(streamed.missing).toEqual(whole.missing);
  expect(streamed.momentaryLufs.length).toBe(whole.momentaryLufs.length);
  expect(streamed.onsetSeconds).toBe(whole.onsetSeconds);
}

async function compare(channels: Float32Array[], sampleRate: number, options: MeasureOptions, what: string): Promise<number> {
  const r = readerOf(channels);
  const streamed = await measureStreamed(r.read, { sampleRate, length: channels[0].length, channelCount: channels.length }, options);
  expectSame(streamed, measureClip(channels, sampleRate, options), what);
  return r.largest();
}

describe('measurements read block by block', () => {
  it('equal those of the whole clip on real recordings, with and without a loudness span', async () => {
    for (const [id, span] of [
      ['speech-dry', 0.4],
      ['ir-boulevard', 0],
      ['gm-gunshot-canned', 2],
    ] as const) {
      const { channels, sampleRate } = readSample(id);
      await compare(channels, sampleRate, { bands: false, loudnessSpanSeconds: channels[0].length / sampleRate + span }, id);
    }
  });

  it('a long clip at 44.1 kHz: equal, and never read more than a block at a time', async () => {
    // 25 s of a location shot repeated with a decaying noise tail: longer than the octave bands' limit, so streamed.
    const sampleRate = 44_100;
    const length = 25 * sampleRate + 123;
    const channels = repeatedShot(length, 7777, (i) => 0.3 + 0.7 * Math.exp(-i / (3 * sampleRate)));
    const largest = await compare(channels, sampleRate, { loudnessSpanSeconds: length / sampleRate + 0.4 }, 'long');
    expect(largest).toBeLessThanOrEqual(BLOCK);
  });

  it('hands every range back once used: the same few arrays are refilled, the figures unchanged', async () => {
    const sampleRate = 48_000;
    const length = 30 * sampleRate + 55;
    const channels = repeatedShot(length, 999, (i) => 0.2 + 0.8 * Math.exp(-i / (4 * sampleRate)));
    const options = { loudnessSpanSeconds: length / sampleRate + 0.4 };
    const r = recyclingReaderOf(channels);
    const streamed = await measureStreamed(r.read, { sampleRate, length, channelCount: 2 }, options, r.release);
    expectSame(streamed, measureClip(channels, sampleRate, options), 'recycled');
    // Two passes of 23 blocks and the short reads: all but the first few ranges come from released arrays.
    expect(r.reads()).toBeGreaterThan(2 * Math.ceil(length / BLOCK));
    expect(r.fresh()).toBeLessThanOrEqual(3 * 2);
  });

  it('works on the clip’s 0.5 ms step grid where it is: no copy of it for the first arrival', async () => {
    const sampleRate = 48_000;
    const length = 30 * sampleRate;
    const channels = repeatedShot(length, 999, (i) => 0.2 + 0.8 * Math.exp(-i / (4 * sampleRate)));
    const steps = length / (0.0005 * sampleRate);
    // Float64Arrays of the grid's size made while measuring (0.5 MB each for 30 s): the grid itself, and the decay curve(s).
    const gridSized: number[] = [];
    const Native = Float64Array;
    globalThis.Float64Array = new Proxy(Native, {
      construct(target, args: unknown[]) {
        if (typeof args[0] === 'number' && args[0] >= steps / 2) gridSized.push(args[0]);
        return Reflect.construct(target, args) as object;
      },
    });
    const r = recyclingReaderOf(channels);
    const options = { loudnessSpanSeconds: 30.4 };
    let streamed: ClipMeasurements;
    try {
      streamed = await measureStreamed(r.read, { sampleRate, length, channelCount: 2 }, options, r.release);
    } finally {
      globalThis.Float64Array = Native;
    }
    // The grid alone (this clip's decay curve is cut short by its noise floor): the first-arrival search made a second.
    expect(gridSized).toEqual([steps + 1]);
    expectSame(streamed, measureClip(channels, sampleRate, options), 'grid in place');
  });
});
