/**
 * Loudness per ITU-R BS.1770-4 and EBU R128: momentary (400 ms), short-term (3 s) and
 * gated integrated loudness, and loudness range (EBU Tech 3342).
 *
 * One K-weighting pass per channel fills energies per 100 ms segment; every window is a
 * sum of segments, so momentary, short-term, integrated and LRA all come from that one
 * pass (400 ms blocks overlap 75 %, i.e. start every 100 ms, as BS.1770 requires).
 */
import type { Biquad } from './biquad';
import { kWeightingFilters } from './kweighting';
import type { Channels } from './levels';

/** Seconds between successive momentary / short-term readings. */
export const LOUDNESS_STEP_SECONDS = 0.1;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const LRA_RELATIVE_GATE_LU = -20;

export interface LoudnessResult {
  /** Gated integrated loudness, LUFS; −Infinity when no 400 ms block passes the gates. */
  integrated: number;
  /** Momentary loudness of the 400 ms window ending at step k·0.1 s + 0.4 s, LUFS. */
  momentary: Float64Array;
  /** Short-term loudness of the 3 s window ending at step k·0.1 s + 3 s, LUFS (empty under 3 s). */
  shortTerm: Float64Array;
  momentaryMax: number;
  shortTermMax: number;
  /** Loudness range, LU; null when nothing passes the gates. */
  range: number | null;
  /** How many 400 ms blocks and 3 s windows the clip holds: none means too short, not too quiet. */
  blockCount: number;
  shortTermCount: number;
}

/** BS.1770's weight of a surround channel (+1.5 dB); the LFE channel is left out (0). */
const SURROUND = 1.41;

/** BS.1770 weights of the layouts ffmpeg assumes for 3 to 8 channels (see channelWeights). */
const LAYOUT_WEIGHTS: Readonly<Record<number, readonly number[]>> = {
  3: [1, 1, 0],
  4: [1, 1, 1, SURROUND],
  5: [1, 1, 1, SURROUND, SURROUND],
  6: [1, 1, 1, 0, SURROUND, SURROUND],
  7: [1, 1, 1, 0, SURROUND, SURROUND, SURROUND],
  8: [1, 1, 1, 0, SURROUND, SURROUND, SURROUND, SURROUND],
};

/**
 * BS.1770 channel weights of a file with `count` channels. A file's own speaker mask is not
 * read (decodeAudioData drops it), so the layout is the one ffmpeg assumes for that count —
 * the figures then agree with its ebur128 on the files people check us against: 3 = 2.1
 * (L R LFE), 4 = 4.0 (L R C, back centre), 5 = 5.0, 6 = 5.1, 7 = 6.1, 8 = 7.1; mono, stereo
 * and more than 8 channels weigh every channel 1.0.
 */
function channelWeights(count: number): readonly number[] {
  return LAYOUT_WEIGHTS[count] ?? Array.from({ length: count }, () => 1);
}

const toLufs = (meanSquare: number) => (meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : -Infinity);

/**
 * Weighted K-filtered energy (sum of squares) per 100 ms segment, summed over channels,
 * each channel followed by silence up to `span` frames.
 */
function segmentEnergies(channels: Channels, sampleRate: number, span = 0): { energy: Float64Array; segmentLength: number } {
  return { energy: sumChannels(channelEnergies(channels, sampleRate, span)), segmentLength: segmentFrames(sampleRate) };
}

/** Each channel's K-weighted energy per segment, followed by silence up to `span` frames (an array given twice is filtered once). */
export function channelEnergies(channels: Channels, sampleRate: number, span = 0): Float64Array[] {
  const length = Math.max(span, ...channels.map((c) => c.length));
  // A mono clip heard in stereo is the same array twice: filter it once.
  const filtered = new Map<Float32Array, Float64Array>();
  return channels.map((x) => {
    let e = filtered.get(x);
    if (!e) {
      const meter = new KWeighting(sampleRate, length);
      meter.push(x);
      filtered.set(x, (e = meter.finish()));
    }
    return e;
  });
}

/**
 * The file's own loudness from its channels' segment energies (`own`, a mono file as one
 * channel): over its `length` frames only, as BS.1770 and ffmpeg's ebur128 read a file.
 * The lab gates each slot with silence after it (loudness matching: a clip shorter than a
 * block still gates); on a 0.45 s snare that silence moved the integrated loudness by
 * 2.9 LU and on 9 s of steam hiss the range by 1.7 LU, so a figure called the file's own is
 * taken without it. The segments inside the file are the same either way (the filters are
 * causal): no second pass.
 */
export function fileLoudness(own: readonly Float64Array[], sampleRate: number, length: number): LoudnessResult {
  const segments = Math.floor(length / segmentFrames(sampleRate));
  return loudnessOfChannels(
    own.map((e) => e.subarray(0, segments)),
    sampleRate,
  );
}

/** Frames per 100 ms segment. */
export const segmentFrames = (sampleRate: number) => Math.round(LOUDNESS_STEP_SECONDS * sampleRate);

/** The channels' segment energies summed with BS.1770's channel weights. */
function sumChannels(own: readonly Float64Array[]): Float64Array {
  const weights = channelWeights(own.length);
  const energy = new Float64Array(own[0]?.length ?? 0);
  own.forEach((e, c) => {
    if (weights[c] === 0) return;
    for (let s = 0; s < energy.length; s++) energy[s] += weights[c] * e[s];
  });
  return energy;
}

/**
 * One channel's K-weighted energy (sum of squares) per segment, fed in order block by
 * block (a long clip need never be in one piece); frames not fed before the end count as
 * silence (the filters ring on into it). Both K-weighting sections run inline in one loop
 * with the coefficients and state in locals: inside a closure or read from fields they
 * were loads on every sample, which made this loop 2.5× slower in Chromium.
 */
export class KWeighting {
  /** Energy per complete segment of the `length` frames measured. */
  readonly energy: Float64Array;
  private readonly filters: Biquad[];
  private readonly segmentLength: number;
  /** x1 x2 y1 y2 (shelf), v1 v2 (high-pass: its input is the shelf's output), the open segment's sum. */
  private readonly state = new Float64Array(7);
  private fed = 0;

  constructor(sampleRate: number, length: number) {
    this.segmentLength = segmentFrames(sampleRate);
    this.energy = new Float64Array(Math.floor(length / this.segmentLength));
    this.filters = kWeightingFilters(sampleRate);
  }

  /** The next frames of the channel, `x` (or `count` frames of silence when null). */
  push(x: Float32Array | null, count = x?.length ?? 0): void {
    const [shelf, highPass] = this.filters;
    const { b0: a0, b1: a1, b2: a2, a1: p1, a2: p2 } = shelf;
    const { b0: c0, b1: c1, b2: c2, a1: q1, a2: q2 } = highPass;
    const st = this.state;
    const energy = this.energy;
    const seg = this.segmentLength;
    let [x1, x2, y1, y2, v1, v2, sum] = st;
    let at = this.fed;
    const stop = Math.min(at + count, energy.length * seg);
    let next = (Math.floor(at / seg) + 1) * seg; // the end of the open segment
    for (let k = 0; at < stop; k++, at++) {
      const xi = x ? x[k] : 0;
      const y = a0 * xi + a1 * x1 + a2 * x2 - p1 * y1 - p2 * y2;
      const v = c0 * y + c1 * y1 + c2 * y2 - q1 * v1 - q2 * v2;
      x2 = x1;
      x1 = xi;
      y2 = y1;
      y1 = y;
      v2 = v1;
      v1 = v;
      sum += v * v;
      if (at + 1 === next) {
        energy[next / seg - 1] = sum;
        sum = 0;
        next += seg;
      }
    }
    this.fed = at;
    st.set([x1, x2, y1, y2, v1, v2, sum]);
  }

  /** Silence from where the feeding stopped to the end of the last segment. */
  finish(): Float64Array {
    this.push(null, this.energy.length * this.segmentLength - this.fed);
    return this.energy;
  }
}

/** Mean-square energy of each complete window of `span` segments, one window per segment step. */
function windows(energy: Float64Array, segmentLength: number, span: number): Float64Array {
  const first = span - 1;
  const out = new Float64Array(Math.max(0, energy.length - first));
  let running = 0;
  for (let s = 0; s < energy.length; s++) {
    running += energy[s];
    if (s >= span) running -= energy[s - span];
    if (s >= first) out[s - first] = Math.max(0, running) / (span * segmentLength);
  }
  return out;
}

/**
 * The blocks that pass the absolute gate and a gate `relativeLu` below their mean.
 * BS.1770-4 keeps blocks *above* its gates; Tech 3342's LRA keeps short-term values at
 * or above its relative gate (`inclusiveRelative`), which matters when a value sits
 * exactly 20 LU down — as the tail of a short gunshot can.
 */
function gated(blocks: Float64Array, relativeLu: number, inclusiveRelative = false): number[] {
  const absolute: number[] = [];
  for (const z of blocks) if (toLufs(z) > ABSOLUTE_GATE_LUFS) absolute.push(z);
  if (absolute.length === 0) return [];
  const threshold = toLufs(absolute.reduce((a, b) => a + b, 0) / absolute.length) + relativeLu;
  return absolute.filter((z) => (inclusiveRelative ? toLufs(z) >= threshold - 1e-9 : toLufs(z) > threshold));
}

/**
 * Percentile by nearest rank, as EBU Tech 3342's reference computation (and libebur128)
 * takes it: sorted[round((n − 1)·p)]. With the few short-term values of a short clip the
 * choice matters: interpolating, or ffmpeg's rank rule (one rank lower at the 10th
 * percentile), moves the LRA of a decaying gunshot tail by over 1 LU.
 */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.round((sorted.length - 1) * p)];
}

/**
 * Loudness of `channels` followed by silence up to `span` frames (if longer than they are):
 * what padTo would measure, without a padded copy of a long clip.
 */
export function loudness(channels: Channels, sampleRate: number, span = 0): LoudnessResult {
  const { energy, segmentLength } = segmentEnergies(channels, sampleRate, span);
  return loudnessOf(energy, segmentLength);
}

/** Loudness from each channel's K-weighted segment energies (KWeighting, fed and finished). */
export function loudnessOfChannels(own: readonly Float64Array[], sampleRate: number): LoudnessResult {
  return loudnessOf(sumChannels(own), segmentFrames(sampleRate));
}

function loudnessOf(energy: Float64Array, segmentLength: number): LoudnessResult {
  const momentaryZ = windows(energy, segmentLength, 4);
  const shortZ = windows(energy, segmentLength, 30);

  const passing = gated(momentaryZ, RELATIVE_GATE_LU);
  const integrated = passing.length ? toLufs(passing.reduce((a, b) => a + b, 0) / passing.length) : -Infinity;

  const stPassing = gated(shortZ, LRA_RELATIVE_GATE_LU, true)
    .map(toLufs)
    .sort((a, b) => a - b);
  const range = stPassing.length ? percentile(stPassing, 0.95) - percentile(stPassing, 0.1) : null;

  const momentary = momentaryZ.map(toLufs);
  const shortTerm = shortZ.map(toLufs);
  return {
    integrated,
    momentary,
    shortTerm,
    momentaryMax: momentary.reduce((m, v) => Math.max(m, v), -Infinity),
    shortTermMax: shortTerm.reduce((m, v) => Math.max(m, v), -Infinity),
    range,
    blockCount: momentaryZ.length,
    shortTermCount: shortZ.length,
  };
}

/**
 * The channels as a stereo listener hears them: Web Audio plays a mono clip on a stereo
 * output by sending it to both speakers, which BS.1770 measures 3 dB louder than the
 * mono file itself. Compare A and B this way, or a mono A and a stereo B (a stereo IR
 * makes B stereo) would be 3 dB apart before any processing.
 */
export function asHeardInStereo(channels: Channels): Channels {
  return channels.length === 1 ? [channels[0], channels[0]] : channels;
}

/**
 * Channels padded with silence to `length` frames. Integrated loudness of a short clip
 * depends on how much silence follows it (400 ms blocks that straddle its end can pass
 * the relative gate), so A and B are compared over the same span: A as heard while B's
 * reverb tail rings out.
 */
export function padTo(channels: Channels, length: number): Channels {
  return channels.map((c) => {
    if (c.length >= length) return c;
    const out = new Float32Array(length);
    out.set(c);
    return out;
  });
}

/** Integrated loudness alone, LUFS (−Infinity when too short or too quiet to gate), over `span` frames as in `loudness`. */
export function integratedLoudness(channels: Channels, sampleRate: number, span = 0): number {
  return loudness(channels, sampleRate, span).integrated;
}
