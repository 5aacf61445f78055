/**
 * Small shaping steps shared by the IR capture paths: cut a span, fade its end, scale
 * its peak. Planar channels in, new arrays out (inputs are never modified).
 */
import { samplePeak, type Channels } from '../analysis/levels';

/** Copy samples [start, end) of every channel (clamped to the data). */
export function cutSpan(channels: Channels, start: number, end: number): Float32Array<ArrayBuffer>[] {
  return channels.map((ch) => ch.slice(Math.max(0, start), Math.max(0, Math.min(end, ch.length))));
}

/**
 * Length without the trailing stretch that stays more than `belowPeakDb` under the peak:
 * a noiseless response (synthetic, or rendered digitally) has no noise floor to stop at,
 * so its digital silence is dropped here instead.
 */
export function lengthWithoutTrailingSilence(channels: Channels, belowPeakDb = 120): number {
  const floor = samplePeak(channels) * 10 ** (-belowPeakDb / 20);
  let last = -1;
  for (const ch of channels) {
    for (let i = ch.length - 1; i > last; i--) {
      if (Math.abs(ch[i]) > floor) {
        last = i;
        break;
      }
    }
  }
  return last + 1;
}

/** Raised-cosine fade to zero over the last `fadeSamples` samples, in place. */
export function fadeOutInPlace(channels: Float32Array[], fadeSamples: number): void {
  for (const ch of channels) {
    const n = Math.min(Math.round(fadeSamples), ch.length);
    for (let k = 0; k < n; k++) {
      // k = 0 is the last sample (gain 0); k = n − 1 is where the fade starts (gain ≈ 1).
      ch[ch.length - 1 - k] *= 0.5 - 0.5 * Math.cos((Math.PI * k) / n);
    }
  }
}

/** Scale every channel by one gain so the largest |sample| becomes `targetPeak`; returns the gain (1 for silence). */
export function normalisePeakInPlace(channels: Float32Array[], targetPeak = 1): number {
  const peak = samplePeak(channels);
  if (!(peak > 0) || !Number.isFinite(peak)) return 1;
  const gain = targetPeak / peak;
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= gain;
  return gain;
}

/**
 * Shorten a response to at most `maxSeconds` with a fade over the last `fadeSeconds`
 * (the "trim it" offer for an over-long IR).
 */
export function trimToSeconds(channels: Channels, sampleRate: number, maxSeconds: number, fadeSeconds = 0.05): Float32Array<ArrayBuffer>[] {
  const end = Math.round(maxSeconds * sampleRate);
  const out = cutSpan(channels, 0, end);
  const length = out[0]?.length ?? 0;
  if (length === end) fadeOutInPlace(out, Math.min(fadeSeconds * sampleRate, length / 4));
  return out;
}
