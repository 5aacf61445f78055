/**
 * The figures of a clip read block by block (measureStreamed, what the analysis worker
 * does) against measureClip on the whole clip: real recordings and a long clip at 44.1 kHz
 * whose blocks, steps and envelope windows do not line up. Equal within 0.01 dB / 0.01 LU,
 * decay times within 1 %.
 */
import { describe, expect, it } from 'vitest';
import { measureClip, FIGURES, type ClipMeasurements, type MeasureOptions } from '../../src/analysis/measure';
import { BLOCK, measureStreamed, type ReadRange } from '../../src/analysis/measure-stream';
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
    const shot = readSample('location-pistol-canyon');
    const sampleRate = 44_100;
    const length = 25 * sampleRate + 123;
    const channels = [0, 1].map((c) => {
      const x = new Float32Array(length);
      const src = shot.channels[c % shot.channels.length];
      for (let i = 0; i < length; i++) x[i] = src[(i + 7777) % src.length] * (0.3 + 0.7 * Math.exp(-i / (3 * sampleRate)));
      return x;
    });
    const largest = await compare(channels, sampleRate, { loudnessSpanSeconds: length / sampleRate + 0.4 }, 'long');
    expect(largest).toBeLessThanOrEqual(BLOCK);
  });
});
