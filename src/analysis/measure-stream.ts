/**
 * measureClip's figures of a clip that is never in one piece: the clip is read range by
 * range (`read`, which the analysis worker answers by asking the page for the samples),
 * in two passes of BLOCK frames and a few short reads. A long clip then costs the worker
 * a block of samples and its figures' small arrays, not a whole copy of it. Clips short
 * enough for octave bands (impulse responses, shots) are read whole and measured by
 * measureClip itself: the bands filter the whole signal backwards.
 */
import { PEAK_BLOCK_SAMPLES, blockPeaksAndEnergy, toDb } from './levels';
import { KWeighting, fileLoudness, loudnessOfChannels } from './loudness';
import { assemble, measureClip, MAX_BAND_SECONDS, type ClipMeasurements, type MeasureOptions } from './measure';
import {
  ONSET_FRACTION,
  arrivalSearch,
  decayFromEnergies,
  decayGrid,
  directSound,
  earlyFrames,
  energyAt,
  energySum,
  figuresOf,
  leadGrid,
  loudestSample,
  type ReverbFigures,
  type DecayAnalysis,
} from './reverb-metrics';
import { TRUE_PEAK_REACH, candidateStretches, stretchPeak, truePeakThreshold } from './true-peak';

/** Frames [from, to) of every channel, as arrays the caller owns until it releases them. */
export type ReadRange = (from: number, to: number) => Promise<Float32Array[]>;
/** Hands a read's arrays back once they are no longer used (the reader may refill them). */
export type Release = (channels: Float32Array[]) => void;

/** Frames per read: 64 k (256 KB a channel), a multiple of the block peaks' blocks. */
export const BLOCK = 1 << 16;

export interface StreamedClip {
  sampleRate: number;
  length: number;
  channelCount: number;
}

/**
 * `release`: every read but a whole short clip's is handed back once used, so the reader
 * can refill the same arrays (the analysis worker's blocks go back to the page: no garbage
 * the size of the clip piles up in the worker).
 */
export async function measureStreamed(
  read: ReadRange,
  clip: StreamedClip,
  options: MeasureOptions = {},
  release: Release = () => {},
): Promise<ClipMeasurements> {
  const { sampleRate, length: n, channelCount } = clip;
  if (options.bands ?? n / sampleRate <= MAX_BAND_SECONDS) return measureClip(await read(0, n), sampleRate, options);
  const used = async <T>(from: number, to: number, use: (x: Float32Array[]) => T): Promise<T> => {
    const x = await read(from, to);
    const result = use(x);
    release(x);
    return result;
  };
  const first = await firstPass(read, release, clip, Math.round((options.loudnessSpanSeconds ?? 0) * sampleRate));
  const own = first.meters.map((m) => m.finish());
  const l = loudnessOfChannels(channelCount === 1 ? [own[0], own[0]] : own, sampleRate);
  const ownIntegrated = channelCount === 1 ? loudnessOfChannels(own, sampleRate).integrated : l.integrated;
  const peak = first.blockPeaks.reduce((m, p) => p.reduce((a, v) => (v > a ? v : a), m), 0);
  const rms = n * channelCount > 0 ? Math.sqrt(first.sums.reduce((a, b) => a + b, 0) / (n * channelCount)) : 0;
  const tp = await streamedTruePeak(used, n, first.blockPeaks, peak);
  const r = await streamedReverb(read, release, used, clip, first.energyPeak, first.blockEnergyPeaks);
  const file = fileLoudness(own, sampleRate, n);
  return assemble({ channelCount, length: n, sampleRate, l, own: ownIntegrated, file, peak, rms, tp: toDb(tp), r, bands: [] });
}

/** A read whose arrays are used by `use` and released right after. */
type UsedRange = <T>(from: number, to: number, use: (x: Float32Array[]) => T) => Promise<T>;

/** Blocks [from, to) in order, the next one read while this one is used; each released once the loop moves on. */
async function* blocks(
  read: ReadRange,
  release: Release,
  from: number,
  to: number,
): AsyncGenerator<{ at: number; channels: Float32Array[] }> {
  let next = from < to ? read(from, Math.min(to, from + BLOCK)) : null;
  for (let at = from; next; at += BLOCK) {
    const channels = await next;
    next = at + BLOCK < to ? read(at + BLOCK, Math.min(to, at + 2 * BLOCK)) : null;
    yield { at, channels };
    release(channels);
  }
}

/** Levels, block peaks, K-weighted energies and the energy peaks the onset search needs. */
async function firstPass(read: ReadRange, release: Release, clip: StreamedClip, span: number) {
  const { sampleRate, length: n, channelCount } = clip;
  const meters = Array.from({ length: channelCount }, () => new KWeighting(sampleRate, Math.max(span, n)));
  const peakBlocks = Math.ceil(n / PEAK_BLOCK_SAMPLES);
  const blockPeaks = Array.from({ length: channelCount }, () => new Float32Array(peakBlocks));
  const blockEnergyPeaks = new Float64Array(peakBlocks);
  const sums = new Array<number>(channelCount).fill(0);
  let energyPeak = 0;
  for await (const { at, channels } of blocks(read, release, 0, n)) {
    const b0 = at / PEAK_BLOCK_SAMPLES;
    const frames = channels[0].length;
    channels.forEach((x, c) => {
      meters[c].push(x);
      sums[c] += blockPeaksAndEnergy(x, blockPeaks[c].subarray(b0, b0 + Math.ceil(frames / PEAK_BLOCK_SAMPLES)));
    });
    for (let i = 0; i < frames; i++) {
      const e = energyAt(channels, i);
      const b = b0 + Math.floor(i / PEAK_BLOCK_SAMPLES);
      if (e > blockEnergyPeaks[b]) blockEnergyPeaks[b] = e;
      if (e > energyPeak) energyPeak = e;
    }
  }
  return { meters, blockPeaks, sums, energyPeak, blockEnergyPeaks };
}

/**
 * The true peak: only the stretches that can beat the sample peak are read again (as
 * truePeak reads them), every channel's in one sweep in order, neighbours read together
 * up to a block at a time (a reader from a file then streams forward once).
 */
async function streamedTruePeak(used: UsedRange, n: number, blockPeaks: Float32Array[], samplePeak: number): Promise<number> {
  const threshold = truePeakThreshold(samplePeak);
  const stretches = blockPeaks
    .flatMap((blocks, c) => candidateStretches(blocks, threshold, n).map(([from, to]) => ({ c, from, to })))
    .sort((x, y) => x.from - y.from || x.c - y.c);
  let peak = samplePeak;
  for (let s = 0; s < stretches.length;) {
    const a = Math.max(0, stretches[s].from - TRUE_PEAK_REACH);
    let e = s;
    let reach = stretches[s].to;
    while (e + 1 < stretches.length && Math.max(reach, stretches[e + 1].to) + TRUE_PEAK_REACH - a <= BLOCK)
      reach = Math.max(reach, stretches[++e].to);
    const b = Math.min(n, reach + TRUE_PEAK_REACH);
    const [first, last, before] = [s, e, peak];
    peak = await used(a, b, (x) => {
      let p = before;
      for (let k = first; k <= last; k++) {
        const { c, from, to } = stretches[k];
        p = Math.max(p, stretchPeak(x[c], from - a, to - a, threshold));
      }
      return p;
    });
    s = e + 1;
  }
  return peak;
}

/** reverbFigures, the onset found from the block energy peaks, the envelope and steps from a second pass. */
async function streamedReverb(
  read: ReadRange,
  release: Release,
  used: UsedRange,
  clip: StreamedClip,
  energyPeak: number,
  blockEnergyPeaks: Float64Array,
): Promise<ReverbFigures & DecayAnalysis> {
  const { sampleRate, length: n } = clip;
  const onset = await findOnset(used, n, energyPeak, blockEnergyPeaks);
  const { win, frames, step, steps } = decayGrid(n, onset, sampleRate);
  const { lead, origin } = leadGrid(onset, sampleRate);
  const grid = new Float64Array(lead + steps); // energy per step from `origin`: the steps before the onset, then after it
  const env = new Float64Array(frames);
  for await (const { at, channels } of blocks(read, release, Math.max(0, origin), n)) {
    for (let i = 0; i < channels[0].length; i++) {
      const t = at + i;
      const e = energyAt(channels, i);
      grid[Math.floor((t - origin) / step)] += e;
      const f = Math.floor((t - onset) / win);
      if (t >= onset && f < frames) env[f] += e;
    }
  }
  for (let f = 0; f < frames; f++) env[f] /= win;
  const stepEnergies = grid.subarray(lead);
  // The truncation point may cut the last step: its part is read once the point is known.
  const cut: { at?: [number, number] } = {};
  let analysis = decayFromEnergies(n, onset, sampleRate, env, stepEnergies, (from, to) => ((cut.at = [from, to]), 0));
  if (cut.at) {
    const [from, to] = cut.at;
    const part = await used(from, to, (x) => energySum(x, 0, to - from));
    analysis = decayFromEnergies(n, onset, sampleRate, env, stepEnergies, () => part);
  }
  const [from, to] = arrivalSearch(n, analysis, grid.subarray(0, lead), sampleRate);
  const arrival = from + (await used(from, Math.max(from + 1, to), (x) => loudestSample(x, 0, to - from)));
  const [d0, d1] = directSound(arrival, sampleRate);
  const lo = Math.max(0, Math.min(d0, onset));
  const [direct, afterDirect] = await used(lo, Math.min(n, Math.max(d1, onset)), (near) => [
    energySum(near, d0 - lo, d1 - lo),
    d1 >= onset ? -energySum(near, onset - lo, d1 - lo) : energySum(near, d1 - lo, onset - lo),
  ]);
  const [early50, early80] = await used(onset, Math.min(n, onset + earlyFrames(80, sampleRate)), (early) => [
    energySum(early, 0, earlyFrames(50, sampleRate)),
    energySum(early, 0, earlyFrames(80, sampleRate)),
  ]);
  return figuresOf(analysis, early50, early80, direct, afterDirect);
}

/** The first sample within 20 dB of the energy peak (as peakAndOnset): its block, then the sample in it. */
async function findOnset(used: UsedRange, n: number, energyPeak: number, blockEnergyPeaks: Float64Array): Promise<number> {
  const threshold = energyPeak * ONSET_FRACTION;
  const b = blockEnergyPeaks.findIndex((e) => e >= threshold);
  if (b < 0) return 0;
  const from = b * PEAK_BLOCK_SAMPLES;
  return used(from, Math.min(n, from + PEAK_BLOCK_SAMPLES), (x) => {
    for (let i = 0; i < x[0].length; i++) if (energyAt(x, i) >= threshold) return from + i;
    return 0;
  });
}
