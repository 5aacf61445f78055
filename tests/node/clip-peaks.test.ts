/**
 * A clip's peaks gathered by a pass that reads it anyway (clip-peaks.ts): in ranges that
 * start and end inside buckets they equal the peaks read in one piece, and the import's
 * survey of a 16-bit WAV leaves them known, so the first waveform needs no second read.
 */
import { describe, expect, it } from 'vitest';
import { clipPeaks, knownPeaks, peaksAlongside, type ClipPeaks } from '../../src/audio/clip-peaks';
import { CodedAudio, readRange } from '../../src/audio/coded-audio';
import { decodeFile } from '../../src/audio/decode';
import { encodeWav } from '../../src/codec/wav';
import { surveyClipInSteps } from '../../src/analysis/sample-survey';
import { peaksOf } from '../../src/ui/waveform-peaks';
import { readSample } from './samples-helpers';

/** The rifle shot looped to 2 minutes of stereo (buckets of 58 samples, as a long clip's), as a 16-bit WAV. */
function longWav(): { bytes: Uint8Array<ArrayBuffer>; sampleRate: number } {
  const shot = readSample('gunshot-dry-rifle');
  const n = shot.sampleRate * 120;
  const channels = [0, 1].map((c) => {
    const src = shot.channels[Math.min(c, shot.channels.length - 1)];
    const out = new Float32Array(n);
    for (let i = 0; i < n; i += src.length) out.set(src.subarray(0, Math.min(src.length, n - i)), i);
    return out.map((v) => v * (c ? 0.5 : 1));
  });
  return { bytes: encodeWav({ sampleRate: shot.sampleRate, channels }, 'pcm16'), sampleRate: shot.sampleRate };
}

/** Pairs that differ between two clips' peaks (a deep equality of 200 000-value arrays is slow). */
const differing = (a: ClipPeaks, b: ClipPeaks) =>
  a.peaks.reduce((count, p, c) => count + p.filter((v, i) => v !== b.peaks[c][i]).length, 0);

describe('clip peaks', () => {
  const { bytes, sampleRate } = longWav();
  const frames = (bytes.length - 44) / 4;
  const coded = () => new CodedAudio({ blob: new Blob([bytes]), offset: 44, width: 2 }, frames, 2, sampleRate);

  it('gathered in ranges that cut buckets equal the peaks of the whole clip', async () => {
    const audio = coded();
    const whole = clipPeaks(await readRange(audio, 0, frames), sampleRate);
    expect(whole.bucket).toBeGreaterThan(50);
    const gathered = peaksAlongside(audio);
    for (let from = 0; from < frames; from += 100_003) gathered.add(await readRange(audio, from, from + 100_003), from);
    const peaks = gathered.keep();
    expect(differing(peaks, whole)).toBe(0);
    const [left, right] = peaks.peaks.map((p) => p.reduce((m, v) => Math.max(m, v), 0));
    expect(left).toBeGreaterThan(0.3);
    expect(right).toBeCloseTo(left / 2, 3);
  });

  it("a survey that gathers them leaves them known: the view's peaks come at once, equal to a read of their own", async () => {
    const audio = coded();
    const gathered = peaksAlongside(audio);
    await surveyClipInSteps(audio, undefined, gathered.add);
    expect(knownPeaks(audio)).toBeUndefined(); // not kept until the survey's verdict
    gathered.keep();
    const atOnce = peaksOf(audio, new AbortController().signal);
    expect(atOnce).not.toBeInstanceOf(Promise);
    const own = await peaksOf(coded(), new AbortController().signal);
    expect(differing(atOnce as ClipPeaks, own)).toBe(0);
  });

  it("an imported 16-bit WAV's peaks are known once it is decoded", async () => {
    const { buffer } = await decodeFile(new File([bytes], 'rifle-loop.wav'), {});
    expect(buffer).toBeInstanceOf(CodedAudio);
    expect(knownPeaks(buffer)?.length).toBe(frames);
  });
});
