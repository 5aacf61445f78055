/**
 * Waveform peaks on a decibel scale, for views where the quiet part is the point: a
 * reverb tail 40 dB down is a flat line on a linear scale but fills half the height
 * here. Each value keeps its sign (wavesurfer draws max above and min below the axis);
 * its magnitude maps linearly in dB from `floorDb` (→ 0) to 0 dBFS (→ 1).
 */
import { toDb } from '../analysis/levels';

/** Default floor: 60 dB of range, the span a T60 reverb time is defined over. */
export const DEFAULT_FLOOR_DB = -60;

export function decibelHeight(value: number, floorDb = DEFAULT_FLOOR_DB): number {
  const db = toDb(Math.abs(value));
  if (!(db > floorDb)) return 0; // also catches −∞ for silence
  return Math.sign(value) * Math.min(1, (db - floorDb) / -floorDb);
}

export function toDecibelScale(peaks: readonly Float32Array[], floorDb = DEFAULT_FLOOR_DB): Float32Array[] {
  return peaks.map((channel) => channel.map((v) => decibelHeight(v, floorDb)));
}

/** The floors a view offers: 60 dB (a T60's span), 90 dB (a 16-bit file's range), 120 dB (a 24-bit file's quiet end). */
export const FLOOR_CHOICES = [-60, -90, -120] as const;

export type AmplitudeScale = 'linear' | 'decibels';

/**
 * What a view draws from its peaks: `gainDb` applied (the level the slot is heard at), then
 * the scale. Works on the peaks (≤ 200 k values a channel), never on the samples, so a gain or
 * scale change costs a few milliseconds whatever the clip's length. Linear values past full
 * scale are held at ±1 (drawn flat-topped: heard that loud, it would clip without the limiter).
 */
export function scaledPeaks(
  peaks: readonly Float32Array[],
  gainDb: number,
  scale: AmplitudeScale,
  floorDb = DEFAULT_FLOOR_DB,
): Float32Array[] {
  const gain = 10 ** (gainDb / 20);
  return peaks.map((channel) =>
    channel.map((v) => (scale === 'decibels' ? decibelHeight(v * gain, floorDb) : Math.max(-1, Math.min(1, v * gain)))),
  );
}
