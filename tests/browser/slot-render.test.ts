/**
 * A processed slot rendered by the lab itself (LabState → SlotWork → the FFT render in
 * workers) on 30 s of stereo noise: while a render runs the slot is marked out of date
 * and its status shows the percentage; a newer change cancels it and only the newest
 * render lands; a removed slot's render never lands; the loudness kept is the workers'.
 */
import { afterAll, expect, it } from 'vitest';
import { clear, createStore } from 'idb-keyval';
import { LabState } from '../../src/state/lab.svelte';
import { encodeWav } from '../../src/codec/wav';
import { cloneSettings } from '../../src/audio/settings';
import { asAudioBuffer } from '../../src/audio/coded-audio';
import { renderProcessedFast } from '../../src/render/render-processed';
import { asHeardInStereo, integratedLoudness, padTo } from '../../src/analysis/loudness';
import { channelsOf } from './helpers';
import { slotB } from './default-slots';

const SR = 48_000;
let lab: LabState | null = null;

afterAll(async () => {
  lab?.dispose();
  await clear(createStore('canyon-lab', 'kv'));
});

/** Stereo noise in bursts, `seconds` long: long enough that a render can be caught midway. */
function noise(seconds: number): Float32Array[] {
  return [3, 5].map((seed) => {
    let s = seed;
    return Float32Array.from({ length: seconds * SR }, (_, i) => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return (s / 2 ** 30 - 1) * 0.3 * Math.exp(-(i % SR) / 6000);
    });
  });
}

it(
  'renders in workers with progress, cancels an outdated render, lands only the newest, measures in the workers',
  { timeout: 120_000 },
  async () => {
    lab = new LabState();
    await lab.init();
    await lab.addRecording(encodeWav({ sampleRate: SR, channels: noise(30) }, 'float32').buffer, 'half-minute.wav', 'clip');
    const { comparison } = lab;
    const b = slotB(lab);
    await expect.poll(() => (b.rendered?.length ?? 0) > 30 * SR && !b.rendering, { timeout: 60_000 }).toBe(true);
    const old = b.rendered;

    comparison.changeSettings(b.id, (s) => (s.reverb.wet = 0.3));
    expect(b.rendering).toBe(true); // out of date at once, before the render even starts
    await expect.poll(() => b.renders.status, { timeout: 30_000, interval: 10 }).toMatch(/^Rendering… \d+ %$/);
    expect(b.rendered).toBe(old); // still the old result, and marked so
    comparison.changeSettings(b.id, (s) => (s.reverb.wet = 0.9));
    expect(b.renders.progress).toBeNull(); // the wet 0.3 render was cancelled

    // A copy of B, removed while it renders: its render must never land.
    const copy = comparison.processedCopy(b.id)!;
    await expect.poll(() => copy.renders.progress !== null, { timeout: 30_000, interval: 10 }).toBe(true);
    comparison.remove(copy.id);

    await expect.poll(() => !b.rendering, { timeout: 60_000 }).toBe(true);
    const expected = await renderProcessedFast(
      await asAudioBuffer(b.audio!),
      b.ir,
      cloneSettings(b.settings),
      comparison.work.compensationDb(b),
    );
    const got = channelsOf(b.rendered!);
    const want = channelsOf(expected.buffer);
    expect(got.length).toBe(want.length);
    for (let c = 0; c < want.length; c++) expect(got[c].every((v, i) => v === want[c][i])).toBe(true); // the wet 0.9 render, to the bit
    // The loudness kept is the workers' and equals a pass over the result with the lab's 0.4 s of silence after it.
    const heard = integratedLoudness(padTo(asHeardInStereo(got), got[0].length + 0.4 * SR), SR);
    expect(Math.abs(b.loudness! - heard)).toBeLessThan(1e-6);
    expect(copy.rendered).toBeNull();
    expect(lab.notifications.messages.filter((m) => m.level === 'error')).toEqual([]);
  },
);
