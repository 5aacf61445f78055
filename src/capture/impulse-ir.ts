/**
 * Impulse response from a recorded clap or balloon pop: find the impulse, check that it
 * is one clear impulse well above the background, cut from just before its onset to
 * where its decay sinks into the noise, fade, normalise.
 */
import { analyseDecay } from '../analysis/reverb-metrics';
import { energyEnvelope } from '../analysis/decay';
import { peakEnergyIndex, type CaptureResult } from './captured-ir';
import { cutSpan, fadeOutInPlace, lengthWithoutTrailingSilence, normalisePeakInPlace } from './shape';

export interface ImpulseOptions {
  /** Kept before the onset, seconds. */
  preRollSeconds?: number;
  fadeOutSeconds?: number;
  targetPeak?: number;
  /** The loudest 5 ms must stand this far above the background, dB. */
  minPeakToNoiseDb?: number;
  /** The onset is where the level first rises this far above the background, dB... */
  onsetAboveNoiseDb?: number;
  /** ...but never further below the peak than this, dB. */
  onsetBelowPeakDb?: number;
  /** 50–100 ms before its peak, an impulse's level is at least this far below the peak, dB... */
  minRiseDb?: number;
  /** ...and 50–100 ms after it, at least this far, dB. */
  minEarlyDecayDb?: number;
  /** Time the recording must run on after the peak, seconds. */
  minTailSeconds?: number;
}

const DEFAULTS: Required<ImpulseOptions> = {
  preRollSeconds: 0.002,
  fadeOutSeconds: 0.05,
  targetPeak: 1,
  minPeakToNoiseDb: 30,
  onsetAboveNoiseDb: 20,
  onsetBelowPeakDb: 40,
  minRiseDb: 12,
  minEarlyDecayDb: 1,
  minTailSeconds: 0.1,
};
/** Level-envelope frame, seconds: shorter than a clap's decay, longer than a cycle of its lowest energy. */
const FRAME_SECONDS = 0.005;
/** Another impulse this close to the main one's level (dB), this far away (s), means "two claps". */
const SECOND_IMPULSE_DB = 6;
const SECOND_IMPULSE_GAP = 0.1;

const db = (ratio: number) => (ratio > 0 ? 10 * Math.log10(ratio) : -Infinity);

/** Mean energy per sample in consecutive frames. */
function frameEnergies(energy: Float64Array, frame: number): Float64Array {
  const frames = Math.floor(energy.length / frame);
  const out = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let s = 0;
    for (let i = f * frame; i < (f + 1) * frame; i++) s += energy[i];
    out[f] = s / frame;
  }
  return out;
}

/** Background level: the 10th percentile of frame energies (the quiet part before and after the impulse). */
function noiseFloorEnergy(frames: Float64Array): number {
  const sorted = Float64Array.from(frames).sort();
  return sorted[Math.floor(sorted.length * 0.1)] ?? 0;
}

/**
 * Walk back from the peak while the energy, averaged over ±`half` samples, stays at or
 * above `threshold`: the onset is the start of that run, so a noise burst earlier in the
 * recording cannot pull it forward.
 */
function onsetBefore(energy: Float64Array, peak: number, threshold: number, half: number): number {
  const prefix = new Float64Array(energy.length + 1);
  for (let i = 0; i < energy.length; i++) prefix[i + 1] = prefix[i] + energy[i];
  const smoothed = (i: number) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(energy.length, i + half + 1);
    return (prefix[hi] - prefix[lo]) / (hi - lo);
  };
  let i = peak;
  while (i > 0 && smoothed(i - 1) >= threshold) i--;
  return i;
}

export function impulseFromRecording(recording: readonly Float32Array[], sampleRate: number, options: ImpulseOptions = {}): CaptureResult {
  const o = { ...DEFAULTS, ...options };
  const energy = energyEnvelope(recording);
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
  if (energy.length < frame * 10) {
    return { ok: false, reason: 'The recording is too short to hold a clap and its echo.' };
  }
  if (energy.some((e) => !Number.isFinite(e))) {
    return { ok: false, reason: 'The recording contains invalid samples (NaN or infinity).' };
  }
  let clippedRun = 0;
  for (const ch of recording) {
    let run = 0;
    for (let i = 0; i < ch.length; i++) {
      run = Math.abs(ch[i]) >= 0.999 ? run + 1 : 0;
      clippedRun = Math.max(clippedRun, run);
    }
  }
  if (clippedRun >= 3) {
    return {
      ok: false,
      reason: 'The clap is clipped (too loud for the input): lower the input level or clap further from the microphone.',
    };
  }
  const frames = frameEnergies(energy, frame);
  const noise = noiseFloorEnergy(frames);
  let loudestFrame = 0;
  for (let f = 1; f < frames.length; f++) if (frames[f] > frames[loudestFrame]) loudestFrame = f;
  const loudest = frames[loudestFrame];
  if (!(loudest > 0)) return { ok: false, reason: 'The recording is silent: no clap was heard.' };
  const peakToNoise = db(loudest / noise);
  if (peakToNoise < o.minPeakToNoiseDb) {
    return {
      ok: false,
      reason: `No clear impulse: the loudest sound is only ${peakToNoise.toFixed(0)} dB above the background (need ${o.minPeakToNoiseDb} dB). Clap louder, closer, or in a quieter moment.`,
    };
  }
  // A clap rises out of the background: 50–100 ms before its peak it is quiet, whereas
  // speech and music build up to their loudest moment. And it dies away: a sound whose
  // level has not fallen at all 50–100 ms after its peak is held (a tone, a hum), while
  // even a 4 s reverb has fallen 1 dB by then.
  const meanOf = (a: Float64Array) => (a.length > 0 ? a.reduce((x, y) => x + y, 0) / a.length : 0);
  const before = meanOf(frames.subarray(Math.max(0, loudestFrame - 20), Math.max(0, loudestFrame - 10)));
  const after = meanOf(frames.subarray(loudestFrame + 10, loudestFrame + 20));
  if (db(before / loudest) > -o.minRiseDb || db(after / loudest) > -o.minEarlyDecayDb) {
    return {
      ok: false,
      reason:
        'The loudest sound does not start and die away like a clap: it sounds sustained (speech, music or a held tone). Record a single sharp clap or balloon pop.',
    };
  }
  const gapFrames = Math.round(SECOND_IMPULSE_GAP / FRAME_SECONDS);
  for (let f = 0; f < frames.length; f++) {
    if (Math.abs(f - loudestFrame) >= gapFrames && db(frames[f] / loudest) > -SECOND_IMPULSE_DB) {
      return { ok: false, reason: 'More than one loud impulse in the recording (two claps?). Record a single clap or pop.' };
    }
  }
  const peak = peakEnergyIndex(recording);
  if ((energy.length - peak) / sampleRate < o.minTailSeconds) {
    return { ok: false, reason: 'The recording stops too soon after the clap: keep recording until its echo has died away.' };
  }
  const threshold = Math.max(noise * 10 ** (o.onsetAboveNoiseDb / 10), energy[peak] * 10 ** (-o.onsetBelowPeakDb / 10));
  const onset = onsetBefore(energy, peak, threshold, Math.max(1, Math.round(0.00025 * sampleRate)));
  const start = Math.max(0, onset - Math.round(o.preRollSeconds * sampleRate));
  const segment = cutSpan(recording, start, energy.length);
  const decay = analyseDecay(segment, sampleRate);
  const end = Math.min(decay.onset + Math.round(decay.truncation * sampleRate), lengthWithoutTrailingSilence(segment));
  const channels = cutSpan(segment, 0, end);
  fadeOutInPlace(channels, Math.min(o.fadeOutSeconds * sampleRate, end / 4));
  const gain = normalisePeakInPlace(channels, o.targetPeak);
  return {
    ok: true,
    ir: { channels, sampleRate, sourceStart: start, peakIndex: peak - start, noiseFloorDb: decay.noiseFloorDb, gain },
  };
}
