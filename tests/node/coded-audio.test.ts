/**
 * A clip kept in its file (coded-audio.ts): its codes read back as decodeAudioData scales them,
 * in any range, forward and back, and surveyed for silence and DC without ever being whole in Float32.
 */
import { describe, expect, it } from 'vitest';
import { CodedAudio, eachRange, rangeReader, readRange } from '../../src/audio/coded-audio';
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

/** The codes in a file with `offset` bytes of header before them (as a WAV's data chunk). */
function coded(codes: number[][], width: 2 | 3, offset = 44): CodedAudio {
  const blob = new Blob([new Uint8Array(offset).fill(0x7f), frames(codes, width), new Uint8Array([1, 2, 3])]);
  return new CodedAudio({ blob, offset, width }, codes[0].length, codes.length, 48_000);
}

describe('CodedAudio', () => {
  it('reads 16-bit codes as Chromium scales them (negative by 1/32768, positive by 1/32767 in float32)', async () => {
    const codes = [-32768, -32767, -1, 0, 1, 12345, 32767];
    const audio = coded([codes, codes.map((v) => -Math.max(-32767, v))], 2);
    const [left, right] = await readRange(audio, 0, codes.length);
    expect(Array.from(left)).toEqual(codes.map((v) => Math.fround(v < 0 ? v / 32768 : v * Math.fround(1 / 32767))));
    expect(left[0]).toBe(-1);
    expect(left[6]).toBe(Math.fround(32767 * Math.fround(1 / 32767)));
    expect(right[1]).toBe(Math.fround(32767 * Math.fround(1 / 32767)));
    expect(audio.bytes).toBe(2 * 2 * codes.length);
    expect(audio.duration).toBeCloseTo(codes.length / 48_000, 12);
  });

  it('reads 24-bit codes exactly, sign included, in ranges read forward, back and past the end', async () => {
    const codes = [-8388608, -8388607, -1, 0, 1, 4242424, 8388607];
    const audio = coded([codes, codes.map((v) => -v - 1)], 3, 58);
    const want = (c: number, from: number, to: number) => codes.slice(from, to).map((v) => (c ? -v - 1 : v) / 8388608);
    expect(Array.from((await readRange(audio, 0, codes.length))[0])).toEqual(want(0, 0, 7));
    const reader = rangeReader(audio, 3);
    for (const [from, to] of [
      [0, 3],
      [3, 6],
      [1, 4],
      [4, 10],
      [6, 7],
    ]) {
      const range = await reader.read(from, to);
      expect(range.map((x) => Array.from(x))).toEqual([want(0, from, to), want(1, from, to)]);
    }
    // Asked together, reads are answered in turn; a read longer than the reader's scratch goes into arrays of the caller's.
    const both = await Promise.all([
      reader.read(0, 2, [new Float32Array(2), new Float32Array(2)]),
      reader.read(2, 7, [new Float32Array(5), new Float32Array(5)]),
    ]);
    expect(both.map((r) => Array.from(r[1]))).toEqual([want(1, 0, 2), want(1, 2, 7)]);
    await expect(reader.read(0, 5)).rejects.toThrow(RangeError);
    reader.close();
  });

  it('refuses a file too short for its frames, and reads another copy of the same file once moved to it', async () => {
    expect(() => new CodedAudio({ blob: new Blob([new Uint8Array(10)]), offset: 4, width: 2 }, 4, 1, 48_000)).toThrow(RangeError);
    const audio = coded([[1, 2, 3]], 2);
    const copy = new Blob([await audio.file.blob.arrayBuffer()]);
    audio.moveTo(new Blob([new Uint8Array(3)])); // not the same file: ignored
    audio.moveTo(copy);
    expect(audio.file.blob).toBe(copy);
    expect(Array.from((await readRange(audio, 0, 3))[0])).toEqual([1, 2, 3].map((v) => Math.fround(v * Math.fround(1 / 32767))));
  });

  it('says which file can no longer be read, when its reads fail (moved or deleted on disk)', async () => {
    const file = new File([new Uint8Array(44 + 200)], 'hall take.wav');
    const gone = {
      arrayBuffer: () => Promise.reject(new DOMException('A requested file could not be read.', 'NotReadableError')),
      stream: () => {
        throw new TypeError('no stream');
      },
    };
    Object.defineProperty(file, 'slice', { value: () => gone });
    const audio = new CodedAudio({ blob: file, offset: 44, width: 2 }, 100, 1, 48_000);
    await expect(readRange(audio, 0, 50)).rejects.toThrow(
      '“hall take.wav” can no longer be read: was the file moved, changed or deleted since it was added?',
    );
  });

  it('visits every range of a clip in order, and stops when asked', async () => {
    const audio = coded([Array.from({ length: 1000 }, (_, i) => i)], 2);
    const seen: [number, number, number][] = [];
    await eachRange(audio, (x, from, to) => void seen.push([from, to, x[0].length]), { frames: 300 });
    expect(seen).toEqual([
      [0, 300, 300],
      [300, 600, 300],
      [600, 900, 300],
      [900, 1000, 100],
    ]);
    let visits = 0;
    await eachRange(audio, () => ++visits === 2, { frames: 300 });
    expect(visits).toBe(2);
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
      const floats = await readRange(audio, 0, audio.length);
      const want = await surveySamples(floats);
      expect(await surveyClipInSteps(audio)).toEqual(want);
    }
  });
});
