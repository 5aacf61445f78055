/**
 * A room-tone bed under B: the location's ambience, looped, at a set level, summed
 * after the processing chain so it is heard (and drawn) on B only and gets no second
 * dose of reverb — it was recorded in the space already.
 *
 * Live, it is a Tone.Player synced to the Transport (so play, pause and seek move it
 * with the clip) feeding the chain's output. Offline, `addBed` sums it into the
 * rendered B, sample by sample, the same way.
 */
import { Gain, Player, ToneAudioBuffer, type ToneAudioNode } from 'tone';
import { fromDb } from '../analysis/levels';

export class RoomToneBed {
  private readonly player: Player;
  private readonly gain: Gain<'decibels'>;

  /** `destination`: where B is summed, e.g. `ABPlayer.chain.output`. */
  constructor(bed: AudioBuffer, levelDb: number, destination: ToneAudioNode) {
    this.gain = new Gain(levelDb, 'decibels');
    this.gain.connect(destination);
    this.player = new Player(new ToneAudioBuffer(bed));
    this.player.loop = true;
    this.player.connect(this.gain);
    this.player.sync().start(0);
  }

  dispose(): void {
    this.player.unsync().dispose();
    this.gain.dispose();
  }
}

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
