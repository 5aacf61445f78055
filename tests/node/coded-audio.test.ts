/**
 * A clip kept as its file's codes (coded-audio.ts): read back as decodeAudioData scales them,
 * in any range, and surveyed for silence and DC without ever being made Float32 whole.
 */
import { describe, expect, it } from 'vitest';
import { CodedAudio, rangeCopy } from '../../src/audio/coded-audio';
import { surveyClipInSteps, surveySamples } from '../../src/analysis/sample-survey';

/** Interleaved little-endian frames of `channels` codes of `width` bytes. */
function frames(codes: number[][], width: 2 | 3): Uint8Array<ArrayBuffer> {
  const n = codes[0].length;
  const out = new Uint8Array(n * codes.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++)
    codes.forEach((ch, c) => {
      const at = (i * codes.length + c) * width;
      if (width === 2) view.setInt16(at, ch[i], true);
      else {
        const v = ch[i] & 0xffffff;
        out[at] = v & 0xff;
        out[at + 1] = (v >> 8) & 0xff;
        out[at + 2] = (v >> 16) & 0xff;
      }
    });
  return out;
}

function coded(codes: number[][], width: 2 | 3): CodedAudio {
  const audio = new CodedAudio(width, codes[0].length, codes.length, 48_000);
  const bytes = frames(codes, width);
  for (let c = 0; c < codes.length; c++) audio.writeInterleaved(bytes, codes.length, c, 0, codes[0].length);
  return audio;
}

describe('CodedAudio', () => {
  it('reads 16-bit codes as Chromium scales them (negative by 1/32768, positive by 1/32767 in float32)', () => {
    const codes = [-32768, -32767, -1, 0, 1, 12345, 32767];
    const audio = coded([codes, codes.map((v) => -Math.max(-32767, v))], 2);
    const [left, right] = rangeCopy(audio, 0, codes.length);
    expect(Array.from(left)).toEqual(codes.map((v) => Math.fround(v < 0 ? v / 32768 : v * Math.fround(1 / 32767))));
    expect(left[0]).toBe(-1);
    expect(left[6]).toBe(Math.fround(32767 * Math.fround(1 / 32767)));
    expect(right[1]).toBe(Math.fround(32767 * Math.fround(1 / 32767)));
    expect(audio.bytes).toBe(2 * 2 * codes.length);
    expect(audio.duration).toBeCloseTo(codes.length / 48_000, 12);
  });

  it('reads 24-bit codes exactly, sign included, from any frame', () => {
    const codes = [-8388608, -8388607, -1, 0, 1, 4242424, 8388607];
    const audio = coded([codes], 3);
    const whole = rangeCopy(audio, 0, codes.length)[0];
    expect(Array.from(whole)).toEqual(codes.map((v) => v / 8388608));
    const tail = new Float32Array(10).fill(9);
    audio.copyFromChannel(tail, 0, 4);
    expect(Array.from(tail.subarray(0, 3))).toEqual([1, 4242424, 8388607].map((v) => v / 8388608));
    expect(tail[3]).toBe(9); // past the end nothing is written, as AudioBuffer.copyFromChannel
    expect(() => audio.copyFromChannel(tail, 1, 0)).toThrow(RangeError);
  });

  it('surveys codes a range at a time as the Float32 survey surveys the whole: silence, a DC-only file, and audio', async () => {
    const cases: [number[][], 2 | 3][] = [
      [[new Array<number>(500).fill(0), new Array<number>(500).fill(0)], 2],
      [[new Array<number>(500).fill(-1200)], 2],
      [[new Array<number>(500).fill(70000), new Array<number>(500).fill(70000)], 3],
      [[Array.from({ length: 500 }, (_, i) => Math.round(3000 * Math.sin(i / 7))), new Array<number>(500).fill(0)], 2],
      [[Array.from({ length: 500 }, (_, i) => (i === 250 ? 1 : 0))], 3],
      // Past one range (65 536 frames): silent until a sound near the end, and a DC file that changes only there.
      [[Array.from({ length: 70_000 }, (_, i) => (i === 69_000 ? 900 : 0))], 2],
      [[Array.from({ length: 70_000 }, (_, i) => (i === 69_000 ? 900 : 500))], 2],
    ];
    for (const [codes, width] of cases) {
      const audio = coded(codes, width);
      const floats = rangeCopy(audio, 0, audio.length);
      const want = surveySamples(floats);
      expect(await surveyClipInSteps(audio)).toEqual(want);
    }
  });
});
