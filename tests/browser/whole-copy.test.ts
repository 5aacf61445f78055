/**
 * A clip kept in its file made whole (coded-audio.ts asAudioBuffer): every caller at a time
 * shares one read of the file, a copy still held is not read again, a caller that leaves
 * stops nobody else's read and the last to leave stops it; an import for a slot about to be
 * rendered makes the copy in its survey, and the survey's peaks give the clip's sample peak
 * with no pass. Every copy equals the browser's own decoding of the file, sample for sample.
 */
import { describe, expect, it } from 'vitest';
import { samplePeak, toDb } from '../../src/analysis/levels';
import { channelViews } from '../../src/audio/buffer-channels';
import { asAudioBuffer, CodedAudio, wholeChannelsInSteps } from '../../src/audio/coded-audio';
import { decodeFile } from '../../src/audio/decode';
import { codedWav, streamableWav } from '../../src/audio/wav-stream';
import { encodeWav } from '../../src/codec/wav';
import { PeakCache } from '../../src/state/peak-cache.svelte';
import { loadSample } from './helpers';

const SR = 48_000;

/** A 40 s stereo 16-bit take of two real recordings, each looped, as a user's file; and the browser's decoding of it. */
async function take(): Promise<{ file: File; decoded: AudioBuffer }> {
  const looped = async (id: string) => {
    const x = (await loadSample(id)).getChannelData(0);
    const out = new Float32Array(40 * SR);
    for (let i = 0; i < out.length; i += x.length) out.set(x.subarray(0, Math.min(x.length, out.length - i)), i);
    return out;
  };
  const channels = [await looped('speech-dry'), await looped('location-pistol-canyon')];
  const file = new File([encodeWav({ sampleRate: SR, channels }, 'pcm16')], 'take.wav');
  const decoded = await new OfflineAudioContext(1, 1, SR).decodeAudioData(await file.arrayBuffer());
  return { file, decoded };
}

const coded = async (file: File) => codedWav(file, (await streamableWav(file))!);

/** Counts the file reads opened on `audio` and the ranges decoded from them. */
function counted(audio: CodedAudio): { opens: number; ranges: number } {
  const count = { opens: 0, ranges: 0 };
  const [open, decode] = [audio.open.bind(audio), audio.decode.bind(audio)];
  audio.open = (...args) => (count.opens++, open(...args));
  audio.decode = (...args) => (count.ranges++, decode(...args));
  return count;
}

/** Samples that differ between a copy and the browser's decoding. */
function differences(a: AudioBuffer, b: AudioBuffer): number {
  let n = 0;
  for (let c = 0; c < b.numberOfChannels; c++) {
    const [x, y] = [a.getChannelData(c), b.getChannelData(c)];
    for (let i = 0; i < y.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n + Math.abs(a.length - b.length);
}

describe('a clip kept in its file, made whole', () => {
  it('is read once for every caller at a time, and not again while a copy is held', async () => {
    const { file, decoded } = await take();
    const audio = await coded(file);
    const count = counted(audio);
    const [a, b, channels] = await Promise.all([asAudioBuffer(audio), asAudioBuffer(audio), wholeChannelsInSteps(audio)]);
    expect(count.opens).toBe(1);
    expect(b).toBe(a);
    expect(channels[1]).toBe(a.getChannelData(1));
    expect(differences(a, decoded)).toBe(0);
    expect(await asAudioBuffer(audio)).toBe(a); // `a` still holds it
    expect(count.opens).toBe(1);
  });

  it('goes on for those still waiting when one leaves; stops when the last leaves, and starts anew when asked again', async () => {
    const { file, decoded } = await take();
    const audio = await coded(file);
    const count = counted(audio);
    const leaving = new AbortController();
    const left = asAudioBuffer(audio, leaving.signal);
    const staying = asAudioBuffer(audio);
    leaving.abort();
    await expect(left).rejects.toThrow(/abort/i);
    expect(differences(await staying, decoded)).toBe(0);
    expect(count.opens).toBe(1);

    // Each read of this one waits a little, as a disk's would: the callers leave while it is under way.
    const other = await coded(file);
    const open = other.open.bind(other);
    let closed = 0;
    other.open = (...args) => {
      const bytes = open(...args);
      const close = () => (closed++, bytes.close());
      return { ...bytes, close, next: async (n) => (await new Promise((r) => setTimeout(r, 5)), bytes.next(n)) };
    };
    const otherCount = counted(other);
    const all = new AbortController();
    const gone = asAudioBuffer(other, all.signal);
    const tick = () => new Promise((r) => setTimeout(r, 0));
    while (otherCount.ranges < 2) await tick(); // under way
    all.abort();
    await expect(gone).rejects.toThrow(/abort/i);
    while (!closed) await tick(); // the read finished the range under way when the caller left, and closed its file
    const stoppedAt = otherCount.ranges;
    await new Promise((r) => setTimeout(r, 300));
    expect(otherCount.ranges).toBe(stoppedAt); // and no other is read
    expect(stoppedAt).toBeLessThan(Math.ceil(other.length / (1 << 16)));
    expect(differences(await asAudioBuffer(other), decoded)).toBe(0);
    expect(otherCount.opens).toBe(2);
  });

  it('is made by the survey of an import for a slot about to be rendered: no second read of the file', async () => {
    const { file, decoded } = await take();
    const { buffer } = await decodeFile(file, { whole: true });
    expect(buffer).toBeInstanceOf(CodedAudio);
    const count = counted(buffer as CodedAudio);
    const whole = await asAudioBuffer(buffer);
    expect(count.opens).toBe(0);
    expect(differences(whole, decoded)).toBe(0);
    // Not asked for (a dry slot): nothing is made, and the copy is read when wanted.
    const { buffer: dry } = await decodeFile(file, {});
    const dryCount = counted(dry as CodedAudio);
    expect(differences(await asAudioBuffer(dry), decoded)).toBe(0);
    expect(dryCount.opens).toBe(1);
  });

  it("has its sample peak at once from its survey's peaks, equal to the decoded samples' peak", async () => {
    const { file, decoded } = await take();
    const { buffer } = await decodeFile(file, {});
    const count = counted(buffer as CodedAudio);
    const db = new PeakCache().db(buffer);
    expect(db).toBe(toDb(samplePeak(channelViews(decoded))));
    expect(db).toBeGreaterThan(-20);
    expect(count.opens).toBe(0);
  });
});
