/**
 * Room-acoustic parameters of an impulse response (ISO 3382-1): where the direct sound
 * arrives, the noise floor and where the decay sinks into it, the noise-compensated
 * Schroeder curve, EDT / T20 / T30, clarity C50 / C80, definition D50 and the
 * direct-to-reverberant ratio — broadband and per octave band.
 *
 * The same figures describe any impulsive sound (a gunshot's own ring-out), which is
 * how the lab compares A, B and the IR on one decay plot.
 */
import { butterworthQs, filterCascade, highPass, lowPass, type Biquad } from './biquad';
import { fitDecay, lineFit, type DecayFit } from './decay';
import type { Channels } from './levels';

export const OCTAVE_CENTRES = [125, 250, 500, 1000, 2000, 4000, 8000] as const;
/** Envelope resolution for the noise-floor analysis, seconds. */
const ENVELOPE_WINDOW = 0.01;
/**
 * Resolution of the Schroeder curve, seconds. Integrating per 0.5 ms block rather than
 * per sample keeps a minute-long clip to 120 k logarithms, and a decay fit over even
 * the shortest EDT (~0.1 s) still has 200 points.
 */
export const CURVE_STEP_SECONDS = 0.0005;
/**
 * The direct sound for the direct-to-reverberant ratio: ±2.5 ms around the peak of the
 * first arrival (a common window in the DRR literature; ISO 3382-1 leaves it open). The
 * first arrival is the first pulse of the energy to come within 20 dB of
 * the strongest one (ISO 3382-1's onset criterion, applied to arrivals rather than single
 * samples; the energy is summed per CURVE_STEP_SECONDS); its peak is the highest sample
 * in the 2.5 ms after that. The strongest arrival
 * may come later (a facade reflection, a stage shell): it belongs to the reverberant part.
 */
const DIRECT_HALF_WIDTH = 0.0025;
/** The onset is the first sample within 20 dB of the peak energy (ISO 3382-1 A.3.4). */
export const ONSET_FRACTION = 0.01;

export interface DecayAnalysis {
  /** Sample where the direct sound arrives: first to come within 20 dB of the peak (ISO 3382-1 A.3.4). */
  onset: number;
  /** Background noise level, dB re the peak energy per sample (−Infinity for a noiseless response). */
  noiseFloorDb: number;
  /** Where the decay meets the noise floor, seconds after the onset (the end of the integration). */
  truncation: number;
  /** Noise-compensated Schroeder curve from the onset, dB (0 at the onset), one value per CURVE_STEP_SECONDS. */
  curveDb: Float64Array;
  /** Energy (sum of squares over channels) from the onset to the end of the clip. */
  energyAfterOnset: number;
  /** The same energy per CURVE_STEP_SECONDS step from the onset (the direct-sound search reuses it). */
  stepEnergies: Float64Array;
}

/**
 * Energy (x² summed over channels) is read straight from the channels in each pass rather
 * than stored: allocating a minute-long Float64Array cost more than all the passes over
 * it (80 ms against 8 ms per pass in Chromium and Node on the bench machine).
 */
function frameCount(channels: Channels): number {
  let n = 0;
  for (const ch of channels) n = Math.max(n, ch.length);
  return n;
}

/** Energy of sample i, summed over channels. */
export function energyAt(channels: Channels, i: number): number {
  let v = 0;
  for (let c = 0; c < channels.length; c++) {
    const x = channels[c][i] ?? 0;
    v += x * x;
  }
  return v;
}

/** Largest energy of any sample, and the first sample at or above `fraction` of it. */
export function peakAndOnset(channels: Channels, fraction = ONSET_FRACTION): { peak: number; onset: number } {
  const n = frameCount(channels);
  let peak = 0;
  if (channels.length === 1) {
    const x = channels[0];
    for (let i = 0; i < n; i++) if (x[i] * x[i] > peak) peak = x[i] * x[i];
  } else if (channels.length === 2 && channels[0].length === channels[1].length) {
    const [x, y] = channels;
    for (let i = 0; i < n; i++) {
      const v = x[i] * x[i] + y[i] * y[i];
      if (v > peak) peak = v;
    }
  } else {
    for (let i = 0; i < n; i++) peak = Math.max(peak, energyAt(channels, i));
  }
  const threshold = peak * fraction;
  for (let i = 0; i < n; i++) if (energyAt(channels, i) >= threshold) return { peak, onset: i };
  return { peak, onset: 0 };
}

/** Energy of samples [from, to), summed over channels. */
export function energySum(channels: Channels, from: number, to: number): number {
  let s = 0;
  for (const x of channels) {
    const end = Math.min(x.length, to);
    for (let i = Math.max(0, from); i < end; i++) s += x[i] * x[i];
  }
  return s;
}

export function onsetIndex(e: Float64Array, peak?: number): number {
  let top = peak ?? 0;
  if (peak === undefined) for (let i = 0; i < e.length; i++) if (e[i] > top) top = e[i];
  const threshold = top * ONSET_FRACTION;
  for (let i = 0; i < e.length; i++) if (e[i] >= threshold) return i;
  return 0;
}

/**
 * Noise floor, truncation point and compensated Schroeder curve, after the first
 * iteration of Lundeby et al. (1995): the floor is the mean energy of the last 10 %;
 * a line fitted to the 10 ms envelope from 0 dB down to 10 dB above the floor meets
 * the floor at the truncation point; the energy the decay would still have had after
 * it (the fitted exponential's integral) is added back so the curve does not dive at
 * the end, and the noise beyond it does not bend it up.
 */
export function analyseDecay(channels: Channels, sampleRate: number): DecayAnalysis {
  const n = frameCount(channels);
  const { onset } = peakAndOnset(channels, ONSET_FRACTION);
  const { win, frames, step, steps } = decayGrid(n, onset, sampleRate);
  const env = new Float64Array(frames); // mean energy per sample in each window
  for (let f = 0; f < frames; f++) env[f] = energySum(channels, onset + f * win, onset + (f + 1) * win) / win;
  // Energy per curve step from the onset to the end of the clip, in one pass: the
  // Schroeder curve integrates them up to the truncation point, C50/C80/DRR need the total.
  const stepEnergies = new Float64Array(steps);
  for (let k = 0; k < steps; k++) stepEnergies[k] = energySum(channels, onset + k * step, onset + (k + 1) * step);
  return decayFromEnergies(n, onset, sampleRate, env, stepEnergies, (from, to) => energySum(channels, from, to));
}

/** The envelope's windows (10 ms) and the curve's steps (0.5 ms) from the onset, in samples, and how many of each. */
export function decayGrid(n: number, onset: number, sampleRate: number): { win: number; frames: number; step: number; steps: number } {
  const win = Math.max(1, Math.round(ENVELOPE_WINDOW * sampleRate));
  const step = Math.max(1, Math.round(CURVE_STEP_SECONDS * sampleRate));
  return { win, frames: Math.floor((n - onset) / win), step, steps: Math.ceil((n - onset) / step) };
}

/**
 * The decay analysis from the energies on decayGrid (the envelope, mean energy per sample
 * per window; the energy per step); `partial(from, to)` is the energy of a stretch inside
 * one step, where the truncation point cuts it.
 */
export function decayFromEnergies(
  n: number,
  onset: number,
  sampleRate: number,
  env: Float64Array,
  steps: Float64Array,
  partial: (from: number, to: number) => number,
): DecayAnalysis {
  const { win, frames, step } = decayGrid(n, onset, sampleRate);
  const ref = env.reduce((m, v) => Math.max(m, v), 0) || 1;
  const db = (v: number) => (v > 0 ? 10 * Math.log10(v / ref) : -Infinity);

  const tailStart = Math.floor(frames * 0.9);
  let noise = 0;
  for (let f = tailStart; f < frames; f++) noise += env[f];
  noise = frames - tailStart > 0 ? noise / (frames - tailStart) : 0;
  const noiseDb = db(noise);

  // Fit the envelope (dB) from its peak down to 10 dB above the noise floor.
  const peakFrame = env.indexOf(ref);
  let last = peakFrame + 1;
  while (last < frames && db(env[last]) > noiseDb + 10) last++;
  const fitFrames = Array.from({ length: Math.max(0, last - peakFrame) }, (_, k) => db(env[peakFrame + k]));
  const line = fitFrames.length >= 3 ? lineFit(fitFrames, 1 / ENVELOPE_WINDOW) : { slope: NaN, intercept: NaN };
  let truncationFrames = frames;
  let slope = NaN; // dB per second
  if (Number.isFinite(line.slope) && line.slope < 0 && Number.isFinite(noiseDb)) {
    slope = line.slope;
    const tCross = (noiseDb - line.intercept) / slope + peakFrame * ENVELOPE_WINDOW;
    truncationFrames = Math.min(frames, Math.max(peakFrame + 1, Math.round(tCross / ENVELOPE_WINDOW)));
  }
  const end = Math.min(n, onset + truncationFrames * win);

  // Backward integration to the truncation point, plus the decay's missing tail.
  let tail = 0;
  if (Number.isFinite(slope) && end < n) {
    const eAtEnd = ref * 10 ** ((line.intercept + slope * (truncationFrames * ENVELOPE_WINDOW - peakFrame * ENVELOPE_WINDOW)) / 10);
    // ∫ e(t_c)·10^(S·τ/10) dτ over τ ≥ 0, in samples.
    tail = (eAtEnd * sampleRate * 10) / (-slope * Math.LN10);
  }
  let energyAfterOnset = 0;
  for (let k = 0; k < steps.length; k++) energyAfterOnset += steps[k];
  const curve = new Float64Array(Math.ceil((end - onset) / step));
  let acc = tail;
  for (let k = curve.length - 1; k >= 0; k--) {
    const from = onset + k * step;
    // The last step may end at the truncation point, inside a step.
    acc += from + step <= end ? steps[k] : partial(from, end);
    curve[k] = acc;
  }
  const total = curve[0] || 1;
  for (let k = 0; k < curve.length; k++) curve[k] = curve[k] > 0 ? 10 * Math.log10(curve[k] / total) : -Infinity;
  return { onset, noiseFloorDb: noiseDb, truncation: (end - onset) / sampleRate, curveDb: curve, energyAfterOnset, stepEnergies: steps };
}

/**
 * Sample at the peak of the first arrival (see DIRECT_HALF_WIDTH). The energy per 0.5 ms
 * step after the onset comes from the decay analysis; only the steps before it (the
 * pre-delay, usually short) are summed here, on the same grid.
 */
export function firstArrivalPeak(channels: Channels, sampleRate: number, decay = analyseDecay(channels, sampleRate)): number {
  const { lead, origin, width } = leadGrid(decay.onset, sampleRate);
  const before = new Float64Array(lead);
  for (let k = 0; k < lead; k++) before[k] = energySum(channels, origin + k * width, origin + (k + 1) * width);
  const [from, to] = arrivalSearch(frameCount(channels), decay, before, sampleRate);
  return loudestSample(channels, from, to);
}

/** The steps before the onset on the curve's grid: how many, where the first starts (may be before the clip), how wide. */
export function leadGrid(onset: number, sampleRate: number): { lead: number; origin: number; width: number } {
  const width = Math.max(1, Math.round(CURVE_STEP_SECONDS * sampleRate));
  const lead = Math.ceil(onset / width);
  return { lead, origin: onset - lead * width, width };
}

/**
 * Where the first arrival's peak lies, [from, to): from the energies of the steps before the
 * onset and after it, read where they are (one array of both was a copy of the clip's whole
 * step grid, 0.9 MB a minute of clip, at every measurement: bench figure 10).
 */
export function arrivalSearch(n: number, decay: DecayAnalysis, before: Float64Array, sampleRate: number): [number, number] {
  const { lead, origin, width } = leadGrid(decay.onset, sampleRate);
  const after = decay.stepEnergies;
  const count = lead + after.length;
  const at = (k: number) => (k < lead ? before[k] : after[k - lead]);
  let top = 0;
  for (let k = 0; k < count; k++) if (at(k) > top) top = at(k);
  let first = 0;
  while (first < count && at(first) < top * ONSET_FRACTION) first++;
  // The pulse may straddle two steps: its peak lies from the step before to 2.5 ms on.
  return [Math.max(0, origin + (first - 1) * width), Math.min(n, origin + first * width + Math.round(DIRECT_HALF_WIDTH * sampleRate))];
}

/** The sample of [from, to) with the most energy (the first of equals). */
export function loudestSample(channels: Channels, from: number, to: number): number {
  let peak = from;
  for (let i = from; i < to; i++) if (energyAt(channels, i) > energyAt(channels, peak)) peak = i;
  return peak;
}

export interface ReverbFigures {
  edt: DecayFit;
  t20: DecayFit;
  t30: DecayFit;
  /** Clarity, dB: early (0–50 / 0–80 ms) to late energy. */
  c50: number;
  c80: number;
  /** Definition: share of the energy in the first 50 ms, 0–1. */
  d50: number;
  /** Direct-to-reverberant ratio, dB. */
  drr: number;
}

const ratioDb = (a: number, b: number) => (b > 0 ? 10 * Math.log10(a / b) : Infinity);

export function reverbFigures(channels: Channels, sampleRate: number): ReverbFigures & DecayAnalysis {
  const analysis = analyseDecay(channels, sampleRate);
  const { onset } = analysis;
  // The early windows are a few ms each; the total came with the decay analysis.
  const early = (ms: number) => energySum(channels, onset, onset + earlyFrames(ms, sampleRate));
  const [d0, d1] = directSound(firstArrivalPeak(channels, sampleRate, analysis), sampleRate);
  const afterDirect = d1 >= onset ? -energySum(channels, onset, d1) : energySum(channels, d1, onset);
  return figuresOf(analysis, early(50), early(80), energySum(channels, d0, d1), afterDirect);
}

/** The first `ms` milliseconds after the onset, in samples (C50, C80, D50). */
export const earlyFrames = (ms: number, sampleRate: number) => Math.round((ms / 1000) * sampleRate);

/** The direct sound around the first arrival's peak, [d0, d1). */
export function directSound(arrival: number, sampleRate: number): [number, number] {
  const half = Math.round(DIRECT_HALF_WIDTH * sampleRate);
  return [Math.max(0, arrival - half), arrival + half + 1];
}

/**
 * The figures from the decay analysis and a few energies: the first 50 and 80 ms after
 * the onset, the direct sound, and what to add to the total after the onset to get the
 * energy after the direct sound (negative when the direct sound ends after the onset).
 */
export function figuresOf(
  analysis: DecayAnalysis,
  e50: number,
  e80: number,
  direct: number,
  afterDirect: number,
): ReverbFigures & DecayAnalysis {
  // Everything after the direct sound, from the total after the onset (no second pass over the clip).
  const total = analysis.energyAfterOnset;
  const l50 = Math.max(0, total - e50);
  const l80 = Math.max(0, total - e80);
  const reverberant = Math.max(0, total + afterDirect);
  const c = analysis.curveDb;
  const rate = 1 / CURVE_STEP_SECONDS;
  return {
    ...analysis,
    edt: fitDecay(c, rate, 0, -10),
    t20: fitDecay(c, rate, -5, -25),
    t30: fitDecay(c, rate, -5, -35),
    c50: ratioDb(e50, l50),
    c80: ratioDb(e80, l80),
    d50: e50 + l50 > 0 ? e50 / (e50 + l50) : 0,
    drr: ratioDb(direct, reverberant),
  };
}

/** 6th-order Butterworth octave band-pass around `centre` (edges centre·2^∓½). */
export function octaveBand(centre: number, sampleRate: number): Biquad[] {
  const lo = centre / Math.SQRT2;
  const hi = Math.min(centre * Math.SQRT2, sampleRate * 0.45);
  const qs = butterworthQs(6);
  return [...qs.map((q) => highPass(lo, q, sampleRate)), ...qs.map((q) => lowPass(hi, q, sampleRate))];
}

/**
 * One octave band of a response, filtered backwards in time (then turned round): the
 * band filter's own ring then lies before the onset, not on top of a short decay
 * (Jacobsen & Rindel's time-reversed filtering, as ISO 3382-1 suggests for short RT).
 */
export function bandFiltered(channels: Channels, centre: number, sampleRate: number): Float32Array[] {
  const sections = octaveBand(centre, sampleRate);
  return channels.map((ch) => {
    const reversed = Float64Array.from(ch).reverse();
    return Float32Array.from(filterCascade(reversed, sections).reverse());
  });
}

export interface BandFigures extends ReverbFigures {
  centre: number;
  noiseFloorDb: number;
}

export function octaveBandFigures(channels: Channels, sampleRate: number): BandFigures[] {
  return OCTAVE_CENTRES.filter((f) => f * Math.SQRT2 < sampleRate / 2).map((centre) => {
    const { edt, t20, t30, c50, c80, d50, drr, noiseFloorDb } = reverbFigures(bandFiltered(channels, centre, sampleRate), sampleRate);
    return { centre, edt, t20, t30, c50, c80, d50, drr, noiseFloorDb };
  });
}
