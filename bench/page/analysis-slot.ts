/**
 * Figure 3 slot: full analysis of a 60 s stereo clip, once src/analysis/measure.ts exists
 * (written elsewhere; it exports measureClip(channels, sampleRate)). The glob is empty
 * while the file is missing, so the bench builds and reports "not available yet".
 * Baseline: one pass that only reads every sample (the least any analysis must do).
 */
import { burstChannels, collectGarbage } from './signals';
import { LAB_SAMPLE_RATE } from '../../src/audio/constants';

type MeasureClip = (channels: readonly Float32Array[], sampleRate: number) => unknown;

const modules = import.meta.glob<{ measureClip?: MeasureClip }>('../../src/analysis/measure.ts');

async function loadMeasureClip(): Promise<MeasureClip | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  const mod = await load();
  return typeof mod.measureClip === 'function' ? mod.measureClip : null;
}

export async function analysisAvailable(): Promise<boolean> {
  return (await loadMeasureClip()) !== null;
}

const clips = new Map<number, Float32Array[]>();
function clip(seconds: number): Float32Array[] {
  let c = clips.get(seconds);
  if (!c) clips.set(seconds, (c = burstChannels(seconds, 2)));
  return c;
}

/** Sink for results, so the engine cannot drop work whose result nobody reads. */
export let analysisSink: unknown = null;

export async function timeAnalysis(seconds: number): Promise<number> {
  const measureClip = await loadMeasureClip();
  if (!measureClip) throw new Error('src/analysis/measure.ts (measureClip) is not available');
  const channels = clip(seconds);
  collectGarbage();
  const t0 = performance.now();
  analysisSink = measureClip(channels, LAB_SAMPLE_RATE);
  return performance.now() - t0;
}

export function timeReadEverySample(seconds: number): number {
  const channels = clip(seconds);
  collectGarbage();
  const t0 = performance.now();
  let sum = 0;
  for (const data of channels) for (let i = 0; i < data.length; i++) sum += data[i];
  analysisSink = sum;
  return performance.now() - t0;
}
