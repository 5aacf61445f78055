/**
 * Sample peak and BS.1770 integrated loudness of a rendered channel, measured as its
 * blocks stream out of the convolver, so nobody walks B's samples again afterwards.
 *
 * The same figures as src/analysis/loudness.ts (K-weighting with kWeightingFilters'
 * coefficients, energy per 100 ms segment, 400 ms blocks every 100 ms, −70 LUFS absolute
 * and −10 LU relative gates), split in two halves: each worker sums the K-weighted energy
 * of each segment of its channel; the render then adds the channels' segments and gates
 * once. A worker that starts mid-channel runs the filter over RUN_IN_SECONDS before its
 * first segment: the K-weighting's slowest part, the 38 Hz high-pass, has decayed to
 * 2·10⁻¹¹ after 100 ms, so the parts join as if measured in one pass (tests compare with
 * loudness.ts to 10⁻⁶ LU).
 *
 * Why its own filter loop rather than the analysis's filterCascade: the filter state must
 * carry over from block to block, and in Chromium's workers filterCascade ran the K-
 * weighting at 60 ns a sample (coefficients read from objects, a Float64 copy per call)
 * — 5× the FFT convolution it measures; this loop, with the coefficients in locals, in
 * transposed direct form II, runs at a tenth of that.
 */
import { kWeightingFilters } from '../analysis/kweighting';
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
  /** Shelf then high-pass, each b0 b1 b2 a1 a2. */
  private readonly k: Float64Array;
  /** Transposed direct form II state: shelf s1 s2, high-pass t1 t2. */
  private readonly state = new Float64Array(4);
  private readonly firstSegment: number;
  private readonly energies: Float64Array;
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
    this.k = Float64Array.from(kWeightingFilters(sampleRate).flatMap((f) => [f.b0, f.b1, f.b2, f.a1, f.a2]));
    this.firstSegment = Math.ceil(from / this.segment);
    this.energies = new Float64Array(Math.max(0, Math.floor(to / this.segment) - this.firstSegment));
    this.position = streamFrom;
  }

  /** The next frames of the channel, in order, starting where the last call ended. */
  push(frames: Float32Array): void {
    // Runs that stay inside one segment and on one side of `from` and of `to`.
    for (let i = 0; i < frames.length;) {
      const at = this.position + i;
      const edges = [
        this.segment - (at % this.segment),
        at < this.from ? this.from - at : Infinity,
        at < this.to ? this.to - at : Infinity,
      ];
      const end = Math.min(frames.length, i + Math.min(...edges));
      const sum = this.weighAndPeak(frames, i, end, at >= this.from && at < this.to);
      const s = Math.floor(at / this.segment) - this.firstSegment;
      if (s >= 0 && s < this.energies.length) this.energies[s] += sum;
      i = end;
    }
    this.position += frames.length;
  }

  /** Zeros from where the last call ended up to `frame` (nothing when it is already past). */
  silenceUntil(frame: number): void {
    if (frame > this.position) this.push(new Float32Array(frame - this.position));
  }

  result(): ChannelMeasure {
    return { peak: this.peak, firstSegment: this.firstSegment, energies: this.energies };
  }

  /** K-weighted sum of squares of x[start..end), the filters' state carried on; the peak too when `measured`. */
  private weighAndPeak(x: Float32Array, start: number, end: number, measured: boolean): number {
    const k = this.k;
    const b0 = k[0],
      b1 = k[1],
      b2 = k[2],
      a1 = k[3],
      a2 = k[4];
    const c0 = k[5],
      c1 = k[6],
      c2 = k[7],
      d1 = k[8],
      d2 = k[9];
    const st = this.state;
    let s1 = st[0],
      s2 = st[1],
      t1 = st[2],
      t2 = st[3];
    let sum = 0;
    let peak = this.peak;
    for (let i = start; i < end; i++) {
      const xi = x[i];
      const v = b0 * xi + s1;
      s1 = b1 * xi - a1 * v + s2;
      s2 = b2 * xi - a2 * v;
      const w = c0 * v + t1;
      t1 = c1 * v - d1 * w + t2;
      t2 = c2 * v - d2 * w;
      sum += w * w;
      if (measured && Math.abs(xi) > peak) peak = Math.abs(xi);
    }
    st[0] = s1;
    st[1] = s2;
    st[2] = t1;
    st[3] = t2;
    this.peak = peak;
    return sum;
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
