/**
 * Figure 8 in the page: a long stereo clip's spectrogram through the real SpectrogramView —
 * time to the first visible picture and to the whole clip, then long tasks while zooming and
 * scrolling — against one plain FFT pass over the clip (PFFFT, non-overlapping 2048-point frames).
 */
import { flushSync, mount, unmount } from 'svelte';
import SpectrogramBench from './SpectrogramBench.svelte';
import { pffftEngine } from '../../src/spectrogram/fft-pffft';

const SR = 48_000;

/** Noise under a slow sweep and a pulse every 157 ms: something to see at every zoom. */
function longClip(seconds: number): AudioBuffer {
  const buffer = new AudioBuffer({ length: seconds * SR, numberOfChannels: 2, sampleRate: SR });
  for (let c = 0; c < 2; c++) {
    const x = buffer.getChannelData(c);
    let seed = 12345 + c;
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      phase += (2 * Math.PI * (200 + ((i / SR) % 20) * 400)) / SR;
      x[i] = 0.01 * (seed / 2 ** 32 - 0.5) + 0.1 * Math.sin(phase) + (i % 7536 < 48 ? 0.5 : 0);
    }
  }
  return buffer;
}

let clip: AudioBuffer | null = null;
const clipOf = (seconds: number) => (clip?.duration === seconds ? clip : (clip = longClip(seconds)));
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface SpectrogramTimes {
  firstMs: number;
  wholeMs: number;
  /** Longest main-thread task while zooming and scrolling (0: none over 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  steps: number;
}

export async function timeSpectrogram(seconds: number): Promise<SpectrogramTimes> {
  const buffer = clipOf(seconds);
  const target = document.createElement('div');
  document.body.append(target);
  let firstMs = NaN;
  let wholeMs = NaN;
  let started = 0;
  const bench = mount(SpectrogramBench, {
    target,
    props: { onfirstpaint: () => (firstMs = performance.now() - started), onwhole: () => (wholeMs = performance.now() - started) },
  }) as { show: (b: AudioBuffer) => void; view: (z: number, s: number) => void };
  await sleep(1000); // the view's worker has started and compiled its FFT
  started = performance.now();
  bench.show(buffer);
  flushSync();
  while (Number.isNaN(wholeMs)) await sleep(10);
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  let steps = 0;
  for (const zoom of [0, 100, 1000, 5000, 20_000, 2000, 0]) {
    for (const at of [0, 0.25, 0.5, 0.9]) {
      bench.view(zoom, at * seconds);
      flushSync();
      await frame();
      await sleep(60); // the tile for this window arrives and is painted
      steps++;
    }
  }
  observer.disconnect();
  void unmount(bench);
  target.remove();
  return { firstMs, wholeMs, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, steps };
}

export async function timeFftPass(seconds: number): Promise<number> {
  const buffer = clipOf(seconds);
  const fft = await pffftEngine(2048);
  const frameData = new Float32Array(2048);
  const power = new Float32Array(1025);
  const started = performance.now();
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const x = buffer.getChannelData(c);
    for (let i = 0; i + 2048 <= x.length; i += 2048) {
      frameData.set(x.subarray(i, i + 2048));
      fft.power(frameData, power);
    }
  }
  return performance.now() - started;
}
