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
