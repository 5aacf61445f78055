/**
 * A long clip shown in two views on one axis (B's view shows A's clip while B renders)
 * has its peaks read once, and they are the peaks of the clip; a computation no view waits
 * for any more stops, and the next view asking starts anew.
 */
import { expect, it } from 'vitest';
import { bufferOf } from '../../src/audio/buffer-channels';
import { peaksOf, viewPeaks } from '../../src/ui/waveform-peaks';
import { loadSample } from './helpers';

async function longClip(seconds: number): Promise<AudioBuffer> {
  const shot = (await loadSample('location-pistol-canyon')).getChannelData(0);
  const x = new Float32Array(seconds * 48_000);
  for (let i = 0; i < x.length; i++) x[i] = shot[i % shot.length] * (1 - i / x.length);
  return bufferOf([x, x.map((v) => -0.5 * v)], 48_000);
}

it('two views of one long clip on one axis share one reading of its peaks, equal to the whole-clip peaks', async () => {
  const clip = await longClip(30);
  const [a, b] = [new AbortController(), new AbortController()];
  const first = peaksOf(clip, 32, 0.5, a.signal);
  const second = peaksOf(clip, 32, 0.5, b.signal);
  expect(first).toBeInstanceOf(Promise);
  expect(second).toBe(first);
  a.abort(); // one view moves on: the other still gets them
  const data = await second;
  expect(data).toEqual(viewPeaks([clip.getChannelData(0), clip.getChannelData(1)], 48_000, 32, 0.5));
  // Another axis (B landed, longer): read anew.
  expect(peaksOf(clip, 40, 0.5, new AbortController().signal)).not.toBe(first);
});

it('two views of one short clip on one axis share its peaks; another axis reads them anew', async () => {
  const clip = await loadSample('gm-gunshot-canned');
  const first = peaksOf(clip, 6, 0, new AbortController().signal);
  expect(first).not.toBeInstanceOf(Promise);
  expect(peaksOf(clip, 6, 0, new AbortController().signal)).toBe(first);
  expect(first).toEqual(viewPeaks([clip.getChannelData(0)], 48_000, 6, 0));
  const later = peaksOf(clip, 6, 0.25, new AbortController().signal);
  expect(later).not.toBe(first);
  expect(later).toEqual(viewPeaks([clip.getChannelData(0)], 48_000, 6, 0.25));
});

it('peaks no view waits for any more stop, and a view asking after that gets them afresh', async () => {
  const clip = await longClip(30);
  const only = new AbortController();
  const dropped = peaksOf(clip, 30, 0, only.signal) as Promise<unknown>;
  only.abort();
  await expect(dropped).rejects.toThrow();
  const again = peaksOf(clip, 30, 0, new AbortController().signal);
  expect(again).not.toBe(dropped);
  await expect(again).resolves.toEqual(viewPeaks([clip.getChannelData(0), clip.getChannelData(1)], 48_000, 30, 0));
});
