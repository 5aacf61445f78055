/**
 * A room-tone bed under B: the location's ambience, looped, at a set level, summed
 * after the processing chain so it is heard (and drawn) on B only and gets no second
 * dose of reverb — it was recorded in the space already.
 *
 * Live, ABPlayer.setBed plays it (a looping Tone.Player into the chain's output, started
 * and stopped with the clip). Offline, `addBed` sums it into the rendered B, sample by
 * sample, the same way.
 */
import { fromDb } from '../analysis/levels';

/**
 * Add `bed` (looped to cover the whole target, channel i of the bed into channel i of
 * the target, a mono bed into every channel) at `levelDb`, in place.
 */
export function addBed(target: readonly Float32Array[], bed: readonly Float32Array[], levelDb: number): void {
  if (!bed.length || !bed[0].length) return;
  const gain = fromDb(levelDb);
  target.forEach((out, c) => {
    const src = bed[Math.min(c, bed.length - 1)];
    for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === src.length ? 0 : j + 1) out[i] += gain * src[j];
  });
}
