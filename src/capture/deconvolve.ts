/**
 * Impulse response from a recording of an exponential sweep: convolve the recording
 * with the sweep's inverse filter, keep the linear response and drop the harmonic
 * distortion products (Farina: the k-th harmonic lands L·ln(k) seconds *before* the
 * linear response, so everything at lags below the sweep's length belongs to them).
 */
import { convolve } from '../analysis/fft';
import { analyseDecay, onsetIndex } from '../analysis/reverb-metrics';
import { peakEnergyIndex, type CaptureResult } from './captured-ir';
import { cutSpan, fadeOutInPlace, lengthWithoutTrailingSilence, normalisePeakInPlace } from './shape';
import { exponentialSweep, harmonicLeadSeconds, inverseFilter, type SweepSpec } from './sweep';

export interface DeconvolveOptions {
  /** Kept before the direct sound's onset, seconds (room for the band-limited impulse's pre-ring). */
  preRollSeconds?: number;
  /** Raised-cosine fade at the tail, seconds (at most a quarter of the IR). */
  fadeOutSeconds?: number;
  /** Peak of the normalised IR. */
  targetPeak?: number;
  /** The linear IR must stand this far above the deconvolved noise, dB, or the sweep was not found. */
  minPeakToNoiseDb?: number;
  /** The inverse filter, if the caller already has it (it costs an FFT to make). */
  inverse?: Float32Array;
}

const DEFAULTS = { preRollSeconds: 0.003, fadeOutSeconds: 0.05, targetPeak: 1, minPeakToNoiseDb: 30 };

/** Recording ∗ inverse filter, per channel. Lag `sweepLength − 1` is "no delay". */
export function deconvolveFull(recording: readonly ArrayLike<number>[], inverse: Float32Array): Float64Array[] {
  return recording.map((ch) => convolve(ch, inverse));
}

/**
 * The recording must start no later than the sweep starts playing and should run on for
 * the whole decay plus some background noise after the sweep ends (the noise floor is
 * measured from the last tenth of that span).
 */
export function impulseFromSweepRecording(
  recording: readonly Float32Array[],
  recordingRate: number,
  spec: SweepSpec,
  options: DeconvolveOptions = {},
): CaptureResult {
  const o = { ...DEFAULTS, ...options };
  if (recordingRate !== spec.sampleRate) {
    return { ok: false, reason: `The recording runs at ${recordingRate} Hz but the sweep at ${spec.sampleRate} Hz; they must match.` };
  }
  const sweepLength = Math.round(spec.seconds * spec.sampleRate);
  const recLength = Math.max(0, ...recording.map((c) => c.length));
  if (recLength <= sweepLength) {
    return { ok: false, reason: 'The recording is shorter than the sweep: keep recording until the sound has died away.' };
  }
  if (recording.some((ch) => ch.some((v) => !Number.isFinite(v)))) {
    return { ok: false, reason: 'The recording contains invalid samples (NaN or infinity).' };
  }
  const inverse = o.inverse ?? inverseFilter(spec, exponentialSweep(spec));
  const full = deconvolveFull(recording, inverse);
  const zeroLag = sweepLength - 1;
  // Allow a little negative latency (recording started late), but stay clear of the
  // 2nd harmonic's product, L·ln 2 earlier.
  const searchFrom = Math.max(0, zeroLag - Math.round(0.25 * harmonicLeadSeconds(spec, 2) * spec.sampleRate));
  // Past the recording's end the inverse filter no longer overlaps the whole sweep.
  const linearEnd = recLength;
  const linear = full.map((ch) => ch.subarray(searchFrom, linearEnd));
  const peak = peakEnergyIndex(linear);
  const energy = new Float64Array(linearEnd - searchFrom);
  for (const ch of linear) for (let i = 0; i < ch.length; i++) energy[i] += ch[i] * ch[i];
  if (!(energy[peak] > 0) || !Number.isFinite(energy[peak])) {
    return { ok: false, reason: 'The recording is silent: no sweep was heard.' };
  }
  // Onset: first sample within 20 dB of the peak, searched over the peak's neighbourhood only.
  const neighbourhood = Math.round(0.05 * spec.sampleRate);
  const from = Math.max(0, peak - neighbourhood);
  const onset = from + onsetIndex(energy.subarray(from, peak + 1));
  const start = Math.max(0, onset - Math.round(o.preRollSeconds * spec.sampleRate));

  const segment = linear.map((ch) => Float32Array.from(ch.subarray(start)));
  const decay = analyseDecay(segment, spec.sampleRate);
  const peakToNoiseDb = -decay.noiseFloorDb;
  if (peakToNoiseDb < o.minPeakToNoiseDb) {
    return {
      ok: false,
      reason: `No clear sweep in the recording: its response stands only ${peakToNoiseDb.toFixed(0)} dB above the noise (need ${o.minPeakToNoiseDb} dB). Play the sweep louder or move the microphone closer.`,
    };
  }
  const end = Math.min(decay.onset + Math.round(decay.truncation * spec.sampleRate), lengthWithoutTrailingSilence(segment));
  const channels = cutSpan(segment, 0, end);
  fadeOutInPlace(channels, Math.min(o.fadeOutSeconds * spec.sampleRate, end / 4));
  const gain = normalisePeakInPlace(channels, o.targetPeak);
  return {
    ok: true,
    ir: {
      channels,
      sampleRate: spec.sampleRate,
      sourceStart: searchFrom + start - zeroLag,
      peakIndex: peakEnergyIndex(channels),
      noiseFloorDb: decay.noiseFloorDb,
      gain,
    },
  };
}
