/**
 * The null test of two slots that sit at different places on the timeline and at
 * different levels: X − polarity·Y with each shifted by its offset and scaled by its
 * trim, over the timeline from 0 to where the later one ends. Channel rules as in
 * null-test.ts: a mono slot is compared with every channel of a stereo one.
 *
 * Both passes go over the timeline in steps (in-steps.ts) with a new task between
 * them (a film reel's pair is 230 M samples: seconds in one piece) and stop when their
 * signal is aborted.
 */
import { inSteps } from './in-steps';
import type { Channels } from './levels';

export interface Placed {
  channels: Channels;
  /** Frame of the timeline where the audio starts (negative: its start is cut off). */
  start: number;
  /** Linear gain (the slot's trim). */
  gain: number;
}

const endOf = (p: Placed) => p.start + Math.max(0, ...p.channels.map((c) => c.length));
const channelOf = (p: Placed, c: number) => p.channels[Math.min(c, p.channels.length - 1)];

/** Σ x·y over frames [from, to) of every channel (the gains applied as each sample is read). */
function dotOver(x: Placed, y: Placed, from: number, to: number): number {
  let dot = 0;
  const channels = Math.max(x.channels.length, y.channels.length);
  for (let c = 0; c < channels; c++) {
    const xd = channelOf(x, c);
    const yd = channelOf(y, c);
    const lo = Math.max(from, x.start, y.start);
    const hi = Math.min(to, x.start + xd.length, y.start + yd.length);
    for (let n = lo; n < hi; n++) dot += x.gain * xd[n - x.start] * (y.gain * yd[n - y.start]);
  }
  return dot;
}

/** Frames [from, to) of X − polarity·Y into `out` (one array per channel), with the same arithmetic sample for sample. */
function differenceOver(out: Float32Array[], x: Placed, y: Placed, polarity: 1 | -1, from: number, to: number): void {
  out.forEach((o, c) => {
    const xd = channelOf(x, c);
    const yd = channelOf(y, c);
    for (let n = from; n < to; n++) {
      const i = n - x.start;
      const j = n - y.start;
      const a = i >= 0 && i < xd.length ? x.gain * xd[i] : 0;
      const b = j >= 0 && j < yd.length ? y.gain * yd[j] : 0;
      o[n] = a - polarity * b;
    }
  });
}

/** The overlap of X and Y on the timeline: [from, to). */
const overlap = (x: Placed, y: Placed): [number, number] => [Math.max(0, x.start, y.start), Math.min(endOf(x), endOf(y))];
const signOf = (dot: number): 1 | -1 => (dot < 0 ? -1 : 1);
const channelsOf = (x: Placed, y: Placed) => Math.max(x.channels.length, y.channels.length);
const lengthOf = (x: Placed, y: Placed) => Math.max(1, endOf(x), endOf(y));
const newDifference = (x: Placed, y: Placed) => Array.from({ length: channelsOf(x, y) }, () => new Float32Array(lengthOf(x, y)));

/** Blocks [start, end) of [from, to), whole frames of about STEP_SAMPLES samples of all channels, in order, a new task between them; stops once `signal` is aborted. */
const blocksInSteps = (from: number, to: number, channels: number, step: (start: number, end: number) => void, signal?: AbortSignal) =>
  inSteps(Math.max(0, to - from), (s, e) => step(from + s, from + e), { channels, ...(signal && { signal }) });

/** +1 when Y follows X's polarity where they overlap, −1 when it is inverted. */
export async function placedPolarityInSteps(x: Placed, y: Placed, signal?: AbortSignal): Promise<1 | -1> {
  let dot = 0;
  await blocksInSteps(...overlap(x, y), channelsOf(x, y), (s, e) => (dot += dotOver(x, y, s, e)), signal);
  return signOf(dot);
}

/**
 * X − polarity·Y over frames [0, the later end), written into the arrays `into(length, channels)` gives (an
 * AudioBuffer's own channels, say: no copy afterwards); new arrays by default.
 */
export async function placedDifferenceInSteps(
  x: Placed,
  y: Placed,
  polarity: 1 | -1,
  options: { signal?: AbortSignal; into?: (length: number, channels: number) => Float32Array[] } = {},
): Promise<Float32Array[]> {
  const out = options.into ? options.into(lengthOf(x, y), channelsOf(x, y)) : newDifference(x, y);
  await blocksInSteps(0, out[0].length, out.length, (s, e) => differenceOver(out, x, y, polarity, s, e), options.signal);
  return out;
}
