/**
 * Sample peak and BS.1770 integrated loudness of a rendered channel, measured as its
 * blocks stream out of the convolver, so nobody walks B's samples again afterwards.
 *
 * The same figures as src/analysis/loudness.ts (K-weighting, energy per 100 ms segment,
 * 400 ms blocks every 100 ms, −70 LUFS absolute and −10 LU relative gates), split in two
 * halves: each worker sums the K-weighted energy of each segment of its channel; the
 * render then adds the channels' segments and gates once. The K-weighting is the
 * analysis's own (filterCascade over kWeightingFilters), run on each block with the last
 * RUN_IN_SECONDS of the channel in front instead of carrying filter state over: its
 * slowest part, the 38 Hz high-pass, has decayed to 2·10⁻¹¹ after 100 ms, so blocks and
 * workers join as if measured in one pass (a test compares with loudness.ts to 10⁻⁶ LU).
 */
import { filterCascade, type Biquad } from '../analysis/biquad';
import { kWeightingFilters } from '../analysis/kweighting';
import { samplePeak } from '../analysis/levels';
import { LOUDNESS_STEP_SECONDS } from '../analysis/loudness';

/** Signal the K-weighting runs over before the frames it measures, seconds. */
export const RUN_IN_SECONDS = 0.1;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
/** Segments in a 400 ms gating block. */
const BLOCK_SEGMENTS = 4;

export function segmentFrames(sampleRate: number): number {
  return Math.round(LOUDNESS_STEP_SECONDS * sampleRate);
}

/** What one channel's meter found over its frames [from, to). */
export interface ChannelMeasure {
  peak: number;
  /** Index of the first segment in `energies` (segments are counted from frame 0). */
  firstSegment: number;
  /** K-weighted sum of squares per complete segment inside [from, to). */
  energies: Float64Array;
}

export class StreamMeter {
  private readonly segment: number;
  private readonly filters: Biquad[];
  private readonly runIn: number;
  private readonly firstSegment: number;
  private readonly energies: Float64Array;
  /** The channel's last frames before `position`, run in front of the next block. */
  private history = new Float32Array(0);
  private peak = 0;
  private position: number;

  /** Measures frames [from, to) of a channel whose frames arrive from `streamFrom` ≤ from on. */
  constructor(
    sampleRate: number,
    private readonly from: number,
    private readonly to: number,
    streamFrom = from,
  ) {
    this.segment = segmentFrames(sampleRate);
    this.filters = kWeightingFilters(sampleRate);
    this.runIn = Math.round(RUN_IN_SECONDS * sampleRate);
    this.firstSegment = Math.ceil(from / this.segment);
    this.energies = new Float64Array(Math.max(0, Math.floor(to / this.segment) - this.firstSegment));
    this.position = streamFrom;
  }

  /** The next frames of the channel, in order, starting where the last call ended. */
  push(frames: Float32Array): void {
    const at = this.position;
    this.position += frames.length;
    this.peak = Math.max(this.peak, samplePeak([frames], this.from - at, this.to - at));
    const before = this.history.length;
    const joined = new Float32Array(before + frames.length);
    joined.set(this.history);
    joined.set(frames, before);
    const weighted = filterCascade(joined, this.filters);
    // One run per segment: frames [i, end) of `weighted` all fall in segment s.
    for (let i = before; i < joined.length;) {
      const frame = at + i - before;
      const end = Math.min(joined.length, i + this.segment - (frame % this.segment));
      const s = Math.floor(frame / this.segment) - this.firstSegment;
      if (s >= 0 && s < this.energies.length) {
        let sum = 0;
        for (let j = i; j < end; j++) sum += weighted[j] * weighted[j];
        this.energies[s] += sum;
      }
      i = end;
    }
    this.history = joined.slice(Math.max(0, joined.length - this.runIn));
  }

  result(): ChannelMeasure {
    return { peak: this.peak, firstSegment: this.firstSegment, energies: this.energies };
  }
}

/**
 * Integrated loudness, LUFS, from the K-weighted energy per segment summed over the
 * channels heard (a mono render counted on both speakers); null when nothing passes the
 * gates, as for a clip too short or too quiet.
 */
export function gatedLoudness(energies: Float64Array, segmentLength: number): number | null {
  const blocks: number[] = [];
  let running = 0;
  for (let s = 0; s < energies.length; s++) {
    running += energies[s] - (s >= BLOCK_SEGMENTS ? energies[s - BLOCK_SEGMENTS] : 0);
    if (s >= BLOCK_SEGMENTS - 1) blocks.push(Math.max(0, running) / (BLOCK_SEGMENTS * segmentLength));
  }
  const lufs = (meanSquare: number) => -0.691 + 10 * Math.log10(meanSquare);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const loud = blocks.filter((z) => z > 0 && lufs(z) > ABSOLUTE_GATE_LUFS);
  if (loud.length === 0) return null;
  const threshold = lufs(mean(loud)) + RELATIVE_GATE_LU;
  const passing = loud.filter((z) => lufs(z) > threshold);
  return passing.length ? lufs(mean(passing)) : null;
}

/** Add each channel's segments into one array of `segments` (the render's whole length). */
export function sumSegments(parts: readonly ChannelMeasure[], segments: number, weight = 1): Float64Array {
  const total = new Float64Array(segments);
  for (const p of parts) p.energies.forEach((e, i) => (total[p.firstSegment + i] += weight * e));
  return total;
}
