/**
 * A dry slot's peak and loudness measured in the render workers (measureInWorkers) against
 * the main-thread computation it replaces (loudness.ts over the buffer padded with 0.4 s of
 * silence), on a 3-minute stereo clip and a mono sample; no main-thread task over 100 ms.
 */
import { describe, expect, it } from 'vitest';
import { asHeardInStereo, integratedLoudness, padTo } from '../../src/analysis/loudness';
import { samplePeak } from '../../src/analysis/levels';
import { bufferOf } from '../../src/audio/buffer-channels';
import { measureInWorkers } from '../../src/render/measure-in-workers';
import { channelsOf, loadSample } from './helpers';

const SR = 48_000;
const TAIL = 0.4;

function mainThreadFigures(b: AudioBuffer): { peak: number; loudness: number } {
  const channels = channelsOf(b);
  return {
    peak: samplePeak(channels),
    loudness: integratedLoudness(padTo(asHeardInStereo(channels), b.length + Math.round(TAIL * SR)), SR),
  };
}

describe('measureInWorkers', () => {
  it('gives a mono sample’s peak and loudness as heard on two speakers', async () => {
    const clip = await loadSample('speech-dry');
    const out = await measureInWorkers(clip, { loudnessTailSeconds: TAIL });
    const expected = mainThreadFigures(clip);
    expect(out.peak).toBe(expected.peak);
    expect(Math.abs(out.loudness! - expected.loudness)).toBeLessThan(0.01);
  });

  // Wall time: the end-to-end files' Chromium shares the 2 cores with this page, and a task that waits for a
  // core reads long; one more run tells that apart from a task that is long (a whole-clip pass: 300 ms and more).
  it('measures a 3-minute stereo clip with no main-thread task over 100 ms, equal to the main-thread figures', { retry: 1 }, async () => {
    const length = 180 * SR;
    // Tones whose level swells slowly, different in each channel.
    const channels = [440, 550].map((f, c) =>
      Float32Array.from({ length }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / SR) * (0.1 + Math.abs(Math.sin(i / (SR * (3 + c)))))),
    );
    const clip = bufferOf(channels, SR);
    const longTasks: number[] = [];
    const t0 = performance.now();
    // Only tasks from here on: making the clip above was one long task, reported late.
    const observer = new PerformanceObserver((list) =>
      longTasks.push(...list.getEntries().flatMap((e) => (e.startTime >= t0 ? [e.duration] : []))),
    );
    observer.observe({ type: 'longtask' });
    const out = await measureInWorkers(clip, { loudnessTailSeconds: TAIL });
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    const expected = mainThreadFigures(clip);
    expect(out.peak).toBe(expected.peak);
    expect(Math.abs(out.loudness! - expected.loudness)).toBeLessThan(0.01);
    expect(Math.max(0, ...longTasks)).toBeLessThan(100);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const clip = await loadSample('speech-dry');
    await expect(measureInWorkers(clip, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
