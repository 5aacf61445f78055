/** What both capture paths (sine sweep, clap / balloon pop) hand back to the UI. */

export interface CapturedIr {
  /** The trimmed, faded, normalised impulse response (planar channels). */
  channels: Float32Array<ArrayBuffer>[];
  sampleRate: number;
  /** Where the IR's first sample lay in the source timeline, samples (sweep: lag after the sweep's start). */
  sourceStart: number;
  /** Index of the largest |sample| (the direct sound) inside `channels`. */
  peakIndex: number;
  /** Background noise relative to the loudest 10 ms of the response, dB (−Infinity when there was none). */
  noiseFloorDb: number;
  /** Gain applied by the normalisation (multiply back by 1/gain for the captured level). */
  gain: number;
}

/** Success, or a reason in words the UI can show as it is. */
export type CaptureResult = { ok: true; ir: CapturedIr } | { ok: false; reason: string };

/** Index of the largest summed energy over channels in [from, to). */
export function peakEnergyIndex(channels: readonly ArrayLike<number>[], from = 0, to = Infinity): number {
  const n = Math.min(to, Math.max(0, ...channels.map((c) => c.length)));
  let best = -1;
  let bestIndex = -1;
  for (let i = Math.max(0, from); i < n; i++) {
    let e = 0;
    for (const ch of channels) if (i < ch.length) e += ch[i] * ch[i];
    if (e > best) {
      best = e;
      bestIndex = i;
    }
  }
  return bestIndex;
}
