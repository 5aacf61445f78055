/**
 * The null test of two slots that sit at different places on the timeline and at
 * different levels: X − polarity·Y with each shifted by its offset and scaled by its
 * trim, over the timeline from 0 to where the later one ends. Channel rules as in
 * null-test.ts: a mono slot is compared with every channel of a stereo one.
 */
import type { Channels } from './levels';

export interface Placed {
  channels: Channels;
  /** Frame of the timeline where the audio starts (negative: its start is cut off). */
  start: number;
  /** Linear gain (the slot's trim). */
  gain: number;
}

const endOf = (p: Placed) => p.start + Math.max(0, ...p.channels.map((c) => c.length));

function sampleAt(p: Placed, channel: number, frame: number): number {
  const data = p.channels[Math.min(channel, p.channels.length - 1)];
  const i = frame - p.start;
  return i >= 0 && i < data.length ? p.gain * data[i] : 0;
}

/** +1 when Y follows X's polarity where they overlap, −1 when it is inverted. */
export function placedPolarity(x: Placed, y: Placed): 1 | -1 {
  const from = Math.max(0, x.start, y.start);
  const to = Math.min(endOf(x), endOf(y));
  const channels = Math.max(x.channels.length, y.channels.length);
  let dot = 0;
  for (let c = 0; c < channels; c++) for (let n = from; n < to; n++) dot += sampleAt(x, c, n) * sampleAt(y, c, n);
  return dot < 0 ? -1 : 1;
}

/** X − polarity·Y over frames [0, the later end). */
export function placedDifference(x: Placed, y: Placed, polarity: 1 | -1 = 1): Float32Array<ArrayBuffer>[] {
  const length = Math.max(1, endOf(x), endOf(y));
  const channels = Math.max(x.channels.length, y.channels.length);
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(length);
    for (let n = 0; n < length; n++) out[n] = sampleAt(x, c, n) - polarity * sampleAt(y, c, n);
    return out;
  });
}
