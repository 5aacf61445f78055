/**
 * A clip's own peaks: the (max, min) of every `bucket` samples from its start, on no time
 * axis (waveform-peaks.ts places them on a view's). They are a property of the clip, kept
 * as long as it, and can be gathered by any pass that reads the clip anyway: an import's
 * survey gathers them while it reads a file for the first time, so that a film reel's first
 * waveform needs no second read of its 230 MB (bench figure 11).
 */

import type { ClipAudio } from './coded-audio';

/** At most this many values per channel (pairs of max, min). */
export const MAX_VIEW_POINTS = 200_000;

export interface ClipPeaks {
  peaks: Float32Array[];
  /** Samples per pair (whole samples: the last pair may cover fewer). */
  bucket: number;
  sampleRate: number;
  /** Samples a channel. */
  length: number;
}

/** Samples per pair: every sample when the clip has few, else as few as keep MAX_VIEW_POINTS. */
const bucketOf = (length: number) => Math.max(1, Math.ceil(length / (MAX_VIEW_POINTS / 2)));

function emptyPeaks(length: number, channels: number, sampleRate: number): ClipPeaks {
  const bucket = bucketOf(length);
  const pairs = Math.ceil(length / bucket);
  return { peaks: Array.from({ length: channels }, () => new Float32Array(2 * pairs)), bucket, sampleRate, length };
}

/**
 * Widen `out`'s pairs by `data`, whose index 0 is sample `base`. Ranges may start and end
 * inside a bucket (a pass reads in its own steps): a pair starts at (0, 0) and only widens.
 */
function addToPeaks(data: Float32Array, out: Float32Array, bucket: number, base: number): void {
  for (let i = 0, b = Math.floor(base / bucket); i < data.length; b++) {
    const end = Math.min(data.length, (b + 1) * bucket - base);
    let max = out[2 * b];
    let min = out[2 * b + 1];
    for (; i < end; i++) {
      const v = data[i];
      if (v > max) max = v;
      if (v < min) min = v;
    }
    out[2 * b] = max;
    out[2 * b + 1] = min;
  }
}

/** A clip's peaks in one piece. */
export function clipPeaks(channels: readonly Float32Array[], sampleRate: number): ClipPeaks {
  const clip = emptyPeaks(channels[0]?.length ?? 0, channels.length, sampleRate);
  channels.forEach((data, c) => addToPeaks(data, clip.peaks[c], clip.bucket, 0));
  return clip;
}

/** Clips' peaks once read: one per clip, kept as long as the clip. */
const known = new WeakMap<ClipAudio, ClipPeaks>();

export const knownPeaks = (audio: ClipAudio): ClipPeaks | undefined => known.get(audio);

export const keepPeaks = (audio: ClipAudio, peaks: ClipPeaks): void => void known.set(audio, peaks);

/**
 * Gather `audio`'s peaks from a pass over it that reads it for its own ends: `add` every
 * range read, in any steps, and `keep` once the pass has read the whole clip (a pass that
 * stopped early keeps nothing, so no view draws half a clip).
 */
export function peaksAlongside(audio: ClipAudio): {
  add: (channels: readonly Float32Array[], from: number) => void;
  keep: () => ClipPeaks;
} {
  const clip = emptyPeaks(audio.length, audio.numberOfChannels, audio.sampleRate);
  return {
    add: (channels, from) => channels.forEach((data, c) => addToPeaks(data, clip.peaks[c], clip.bucket, from)),
    keep: () => (known.set(audio, clip), clip),
  };
}
