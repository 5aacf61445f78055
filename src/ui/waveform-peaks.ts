/**
 * Data for a wavesurfer.js view: min/max pairs per bucket, placed at the slot's offset
 * and padded with silence to a common duration, so that every slot (a dry clip, a
 * processed one with its reverb tail, a take that starts later) shares one time axis
 * and one click position means one time in every view.
 *
 * Why not hand wavesurfer the raw samples? A 10-minute clip is 29 M samples a channel;
 * wavesurfer only draws per pixel anyway, and alternating bucket max/min keeps the
 * envelope it draws exact at every zoom up to the bucket size.
 */

import { inSteps, STEP_SAMPLES } from '../analysis/in-steps';
import { channelViews } from '../audio/buffer-channels';

/** At most this many values per channel (pairs of max, min). */
export const MAX_VIEW_POINTS = 200_000;

export interface ViewData {
  peaks: Float32Array[];
  duration: number;
}

/** How the time axis is cut into buckets. */
interface Axis {
  shift: number;
  buckets: number;
  samplesPerBucket: number;
}

function axisOf(sampleRate: number, duration: number, offsetSeconds: number): Axis {
  const totalSamples = Math.max(1, Math.round(duration * sampleRate));
  const buckets = Math.max(1, Math.min(Math.floor(MAX_VIEW_POINTS / 2), totalSamples));
  return { shift: Math.round(offsetSeconds * sampleRate), buckets, samplesPerBucket: totalSamples / buckets };
}

/** Fill buckets [from, to) of `out` with the max and min of `data` in each. */
function fillBuckets(data: Float32Array, out: Float32Array, { shift, samplesPerBucket }: Axis, from: number, to: number): void {
  for (let b = from; b < to; b++) {
    const start = Math.max(0, Math.floor(b * samplesPerBucket) - shift);
    const end = Math.min(data.length, Math.floor((b + 1) * samplesPerBucket) - shift);
    let max = 0;
    let min = 0;
    for (let i = start; i < end; i++) {
      const v = data[i];
      if (v > max) max = v;
      if (v < min) min = v;
    }
    out[2 * b] = max;
    out[2 * b + 1] = min;
  }
}

/** `offsetSeconds`: where the audio starts on the time axis (negative: its start lies before 0 and is cut). */
export function viewPeaks(channels: readonly Float32Array[], sampleRate: number, duration: number, offsetSeconds = 0): ViewData {
  const axis = axisOf(sampleRate, duration, offsetSeconds);
  const peaks = channels.map((data) => {
    const out = new Float32Array(axis.buckets * 2);
    fillBuckets(data, out, axis, 0, axis.buckets);
    return out;
  });
  return { peaks, duration };
}

/**
 * viewPeaks in steps of about STEP_SAMPLES samples, a new task between them: a film reel's
 * view (115 M samples of stereo) never holds the page up. Stops once `signal` is aborted.
 */
export async function viewPeaksInSteps(
  channels: readonly Float32Array[],
  sampleRate: number,
  duration: number,
  offsetSeconds = 0,
  signal?: AbortSignal,
): Promise<ViewData> {
  const axis = axisOf(sampleRate, duration, offsetSeconds);
  const peaks = channels.map(() => new Float32Array(axis.buckets * 2));
  const bucketsPerStep = Math.max(1, Math.floor(STEP_SAMPLES / Math.max(1, channels.length) / axis.samplesPerBucket));
  await inSteps(
    axis.buckets,
    (from, to) => channels.forEach((data, c) => fillBuckets(data, peaks[c], axis, from, to)),
    signal ? { stepSamples: bucketsPerStep, signal } : { stepSamples: bucketsPerStep },
  );
  return { peaks, duration };
}

/** Device pixels across a whole waveform of `duration` s drawn at `zoom` px/s, at least `width` CSS px. */
export function devicePixelsAcross(duration: number, zoom: number, width: number, pixelRatio: number): number {
  return Math.ceil(duration * Math.max(zoom, width / Math.max(duration, 1e-9)) * (pixelRatio || 1));
}

/**
 * The peaks as drawn: at most `pixels` (max, min) pairs a channel, each the extremes of the
 * pairs it covers. wavesurfer.js draws every point it is given, so more than two a pixel
 * only costs the page time (200 000 a view on a long clip: 50–80 ms a draw).
 */
export function peaksForPixels(peaks: readonly Float32Array[], pixels: number): readonly Float32Array[] {
  const have = peaks[0].length / 2;
  const pairs = Math.max(1, Math.min(have, Math.round(pixels)));
  if (pairs === have) return peaks;
  return peaks.map((ch) => {
    const out = new Float32Array(2 * pairs);
    for (let k = 0; k < pairs; k++) {
      const from = Math.floor((k * have) / pairs);
      const to = Math.max(from + 1, Math.floor(((k + 1) * have) / pairs));
      let max = 0;
      let min = 0;
      for (let i = from; i < to; i++) {
        if (ch[2 * i] > max) max = ch[2 * i];
        if (ch[2 * i + 1] < min) min = ch[2 * i + 1];
      }
      out[2 * k] = max;
      out[2 * k + 1] = min;
    }
    return out;
  });
}

/** The highest peak of any channel at time `t` (s) of peaks drawn over `duration`, linear. */
export function peakAt(peaks: readonly Float32Array[], t: number, duration: number): number {
  const pairs = peaks[0].length / 2;
  const i = Math.min(pairs - 1, Math.floor((t / duration) * pairs));
  let peak = 0;
  for (const ch of peaks) peak = Math.max(peak, ch[2 * i], -ch[2 * i + 1]);
  return peak;
}

/**
 * A view's peaks: computed at once for a short clip, in steps (the page stays responsive)
 * for a long one, whose view shows its previous picture meanwhile.
 */
export function peaksOf(buffer: AudioBuffer, duration: number, offsetSeconds: number, signal: AbortSignal): ViewData | Promise<ViewData> {
  if (buffer.length * buffer.numberOfChannels > STEP_SAMPLES) return sharedPeaks(buffer, duration, offsetSeconds, signal);
  // Two views show the opening clip before B is rendered: one reading for both, before the first waveform.
  const key = `${duration} ${offsetSeconds}`;
  const kept = shortPeaks.get(buffer);
  if (kept?.key === key) return kept.data;
  const data = viewPeaks(channelViews(buffer), buffer.sampleRate, duration, offsetSeconds);
  shortPeaks.set(buffer, { key, data });
  return data;
}

/** A short buffer's peaks on the axis they were last read for. */
const shortPeaks = new WeakMap<AudioBuffer, { key: string; data: ViewData }>();

/** A long buffer's peaks on one axis, and the views waiting for them. */
interface Shared {
  data: Promise<ViewData>;
  users: number;
  stop: AbortController;
  done: boolean;
}
const shared = new WeakMap<AudioBuffer, Map<string, Shared>>();

/**
 * A long buffer's peaks, computed once for every view that shows it on the same axis: while
 * B renders, B's view shows A's clip, and both views read a 106 s clip's 41 MB on the page,
 * whose thread the render needs. Stopped once no view waits for them; the newest finished
 * axis of each buffer is kept.
 */
function sharedPeaks(buffer: AudioBuffer, duration: number, offsetSeconds: number, signal: AbortSignal): Promise<ViewData> {
  let axes = shared.get(buffer);
  if (!axes) shared.set(buffer, (axes = new Map<string, Shared>()));
  const byAxis = axes;
  const key = `${duration} ${offsetSeconds}`;
  let entry = byAxis.get(key);
  if (!entry) {
    const stop = new AbortController();
    const made: Shared = {
      data: viewPeaksInSteps(channelViews(buffer), buffer.sampleRate, duration, offsetSeconds, stop.signal),
      users: 0,
      stop,
      done: false,
    };
    made.data.then(
      () => {
        made.done = true;
        for (const [k, other] of byAxis) if (k !== key && other.done) byAxis.delete(k);
      },
      () => byAxis.get(key) === made && byAxis.delete(key),
    );
    byAxis.set(key, (entry = made));
  }
  const e = entry;
  const leave = () => {
    if (--e.users > 0 || e.done) return;
    e.stop.abort();
    if (byAxis.get(key) === e) byAxis.delete(key);
  };
  e.users++;
  if (signal.aborted) leave();
  else signal.addEventListener('abort', leave, { once: true });
  return e.data;
}
