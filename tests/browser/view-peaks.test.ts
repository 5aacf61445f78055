/**
 * A clip's peaks are read once, whatever the axis: a long clip shown in two views (B's view
 * shows A's clip while B renders) waits for one reading, and a new axis (a longer slot
 * added) reads nothing again; a reading no view waits for any more stops, and the next view
 * asking starts anew.
 */
import { expect, it } from 'vitest';
import { bufferOf } from '../../src/audio/buffer-channels';
import { codedWav, streamableWav } from '../../src/audio/wav-stream';
import { encodeWav } from '../../src/codec/wav';
import { clipPeaks } from '../../src/audio/clip-peaks';
import { axisPeaks, peaksOf } from '../../src/ui/waveform-peaks';
import { loadSample } from './helpers';

async function longClip(seconds: number): Promise<AudioBuffer> {
  const shot = (await loadSample('location-pistol-canyon')).getChannelData(0);
  const x = new Float32Array(seconds * 48_000);
  for (let i = 0; i < x.length; i++) x[i] = shot[i % shot.length] * (1 - i / x.length);
  return bufferOf([x, x.map((v) => -0.5 * v)], 48_000);
}

it('two views of one long clip share one reading of its peaks, equal to the whole-clip peaks', async () => {
  const clip = await longClip(30);
  const [a, b] = [new AbortController(), new AbortController()];
  const first = peaksOf(clip, a.signal);
  const second = peaksOf(clip, b.signal);
  expect(first).toBeInstanceOf(Promise);
  expect(second).toBe(first);
  a.abort(); // one view moves on: the other still gets them
  const data = await second;
  expect(data).toEqual(clipPeaks([clip.getChannelData(0), clip.getChannelData(1)], 48_000));
});

it('a clip read once serves every axis: a view on a new axis (a longer slot landed) reads nothing again', async () => {
  const clip = await longClip(30);
  const data = await peaksOf(clip, new AbortController().signal);
  // At once and the very same arrays: on main (peaks per axis) this was a new reading of 200 000 values a channel.
  expect(peaksOf(clip, new AbortController().signal)).toBe(data);
  // Drawn on either axis, the clip keeps its highest sample.
  const highest = Math.max(...[0, 1].map((c) => clip.getChannelData(c).reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  for (const duration of [32, 61]) {
    const drawn = axisPeaks(data, duration, 0.5, 882);
    expect(Math.max(...drawn.map((ch) => ch.reduce((m, v) => Math.max(m, Math.abs(v)), 0)))).toBe(highest);
  }
});

it('a short clip’s peaks are read at once, once for every view and axis', async () => {
  const clip = await loadSample('gm-gunshot-canned');
  const first = peaksOf(clip, new AbortController().signal);
  expect(first).not.toBeInstanceOf(Promise);
  expect(peaksOf(clip, new AbortController().signal)).toBe(first);
  expect(first).toEqual(clipPeaks([clip.getChannelData(0)], 48_000));
});

it('peaks no view waits for any more stop, and a view asking after that gets them afresh', async () => {
  const clip = await longClip(30);
  const only = new AbortController();
  const dropped = peaksOf(clip, only.signal) as Promise<unknown>;
  only.abort();
  await expect(dropped).rejects.toThrow();
  const again = peaksOf(clip, new AbortController().signal);
  expect(again).not.toBe(dropped);
  await expect(again).resolves.toEqual(clipPeaks([clip.getChannelData(0), clip.getChannelData(1)], 48_000));
});

it('a clip kept as its file’s codes gives the peaks of its decoded samples, short or long, read in ranges', async () => {
  for (const seconds of [2, 30]) {
    const clip = await longClip(seconds);
    const file = new File(
      [encodeWav({ sampleRate: 48_000, channels: [clip.getChannelData(0), clip.getChannelData(1)] }, 'pcm16')],
      'take.wav',
    );
    const coded = codedWav(file, (await streamableWav(file))!);
    const decoded = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer());
    const data = await peaksOf(coded, new AbortController().signal);
    expect(data).toEqual(clipPeaks([decoded.getChannelData(0), decoded.getChannelData(1)], 48_000));
    expect(peaksOf(coded, new AbortController().signal)).toBe(data);
  }
});
