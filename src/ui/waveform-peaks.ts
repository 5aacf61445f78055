/**
 * Data for a wavesurfer.js view: a clip's own min/max pairs per bucket, read once per clip,
 * and from them the pairs a view draws on its time axis (placed at the slot's offset and
 * padded with silence to a common duration, so that every slot — a dry clip, a processed one
 * with its reverb tail, a take that starts later — shares one time axis and one click
 * position means one time in every view).
 *
 * Why not hand wavesurfer the raw samples? A 10-minute clip is 29 M samples a channel;
 * wavesurfer only draws per pixel anyway, and alternating bucket max/min keeps the
 * envelope it draws exact at every zoom up to the bucket size.
 *
 * Why per clip and not per axis: a slot added with a longer clip changes every view's axis.
 * Peaks per axis were read again for every view (200 000 values a channel each, 1.6 MB a
 * stereo view, the old ones garbage): bench figure 10 lost 16 MB of its peak to them. A
 * clip's peaks do not depend on the axis; a view's pairs are a pass over them.
 */

import { STEP_SAMPLES } from '../analysis/in-steps';
import { channelViews } from '../audio/buffer-channels';
import { clipPeaks, keepPeaks, knownPeaks, MAX_VIEW_POINTS, peaksAlongside, type ClipPeaks } from '../audio/clip-peaks';
import { CodedAudio, eachRange, type ClipAudio } from '../audio/coded-audio';
import { SharedWork } from '../audio/shared-work';

/** What a view draws: (max, min) pairs over `duration` seconds. */
export interface ViewData {
  peaks: Float32Array[];
  duration: number;
}

/**
 * A clip's peaks a range at a time, a new task between them: a film reel (115 M samples of
 * stereo) never holds the page up, and one kept in its file is never whole in Float32.
 * Stops once `signal` is aborted.
 */
async function rangedPeaksInSteps(audio: ClipAudio, signal: AbortSignal): Promise<ClipPeaks> {
  const peaks = peaksAlongside(audio);
  await eachRange(audio, (channels, from) => peaks.add(channels, from), { signal });
  return peaks.keep();
}

/**
 * The clip's peaks on a time axis of `duration` s, the clip starting at `offsetSeconds`
 * (negative: its start lies before 0 and is cut), in `pairs` (max, min) pairs: each the
 * extremes of the clip's pairs that overlap it, silence outside the clip. A pair narrower
 * than a bucket (a view zoomed in past the clip's resolution) shows the bucket it lies in.
 */
export function axisPeaks(clip: ClipPeaks, duration: number, offsetSeconds: number, pairs: number): Float32Array[] {
  const { bucket, length, sampleRate } = clip;
  const count = Math.max(1, Math.round(pairs));
  const perPair = Math.max(1, Math.round(duration * sampleRate)) / count;
  const shift = Math.round(offsetSeconds * sampleRate);
  return clip.peaks.map((ch) => {
    const out = new Float32Array(2 * count);
    for (let k = 0; k < count; k++) {
      const start = Math.floor(k * perPair) - shift;
      // A pair narrower than a sample shows the sample it lies in.
      const [from, to] = [Math.max(0, start), Math.min(length, Math.max(Math.floor((k + 1) * perPair) - shift, start + 1))];
      if (from >= to) continue;
      let max = 0;
      let min = 0;
      for (let b = Math.floor(from / bucket), last = Math.floor((to - 1) / bucket); b <= last; b++) {
        if (ch[2 * b] > max) max = ch[2 * b];
        if (ch[2 * b + 1] < min) min = ch[2 * b + 1];
      }
      out[2 * k] = max;
      out[2 * k + 1] = min;
    }
    return out;
  });
}

/** A clip's peaks on an axis at up to MAX_VIEW_POINTS values a channel (no more pairs than samples). */
export function viewPeaks(channels: readonly Float32Array[], sampleRate: number, duration: number, offsetSeconds = 0): ViewData {
  const pairs = Math.min(MAX_VIEW_POINTS / 2, Math.max(1, Math.round(duration * sampleRate)));
  return { peaks: axisPeaks(clipPeaks(channels, sampleRate), duration, offsetSeconds, pairs), duration };
}

/**
 * Pairs a view draws across a whole waveform of `duration` s at `zoom` px/s, at least `width`
 * CSS px: one a device pixel (wavesurfer.js draws every point it is given, and more than two
 * a pixel only cost the page time), at most MAX_VIEW_POINTS values a channel.
 */
export function devicePixelsAcross(duration: number, zoom: number, width: number, pixelRatio: number): number {
  const pixels = Math.ceil(duration * Math.max(zoom, width / Math.max(duration, 1e-9)) * (pixelRatio || 1));
  return Math.min(MAX_VIEW_POINTS / 2, pixels);
}

/** The highest peak of any channel at time `t` (s) of peaks drawn over `duration`, linear. */
export function peakAt(peaks: readonly Float32Array[], t: number, duration: number): number {
  const pairs = peaks[0].length / 2;
  const i = Math.min(pairs - 1, Math.floor((t / duration) * pairs));
  let peak = 0;
  for (const ch of peaks) peak = Math.max(peak, ch[2 * i], -ch[2 * i + 1]);
  return peak;
}

/** Long buffers' peaks being read, one reading for every view that waits for them. */
const readings = new SharedWork(rangedPeaksInSteps);

/**
 * A buffer's peaks, read once for every view and every axis: at once for a short clip, in
 * steps (the page stays responsive) for a long one, whose view shows its previous picture
 * meanwhile. While B renders, B's view shows A's clip: both views wait for one reading. A
 * reading no view waits for any more stops (a view asking later starts it anew).
 */
export function peaksOf(buffer: ClipAudio, signal: AbortSignal): ClipPeaks | Promise<ClipPeaks> {
  const done = knownPeaks(buffer);
  if (done) return done;
  if (!(buffer instanceof CodedAudio) && buffer.length * buffer.numberOfChannels <= STEP_SAMPLES) {
    const clip = clipPeaks(channelViews(buffer), buffer.sampleRate);
    keepPeaks(buffer, clip);
    return clip;
  }
  return readings.join(buffer, signal);
}
