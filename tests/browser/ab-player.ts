/**
 * The lab's default comparison as the engine plays it: two slots of one clip, A dry and
 * B through the chain — set up on the real SlotPlayer exactly as the comparison state
 * sets it up, under the names these tests were written with (A, B, difference, trim B).
 */
import { DIFFERENCE, SlotPlayer } from '../../src/audio/slot-player';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';

export type Side = 'A' | 'B' | 'difference';

/** A dry slot: reverb and compressor off, no IR (its convolver is never fed). */
export function drySettings(): ChainSettings {
  const s = defaultSettings('none');
  s.reverb.enabled = false;
  s.compressor.enabled = false;
  return s;
}

export class ABPlayer extends SlotPlayer {
  constructor(settings: ChainSettings, ir: AudioBuffer | null) {
    super();
    this.addSlot('A', drySettings(), null);
    this.addSlot('B', settings, ir);
    this.setDifference('A', 'B');
    this.select('A', 0); // the lab opens on A
  }

  /** The clip both slots play, from the start of the timeline. */
  setClip(clip: AudioBuffer): void {
    this.rewind();
    this.setSource('A', clip);
    this.setSource('B', clip);
  }

  /** B's chain. */
  get chain() {
    return this.chainOf('B');
  }

  setTrimB(db: number, rampSeconds?: number): void {
    this.setMatch('B', db, rampSeconds);
  }

  setDifferencePolarity(polarity: 1 | -1): void {
    this.setDifference('A', 'B', polarity);
  }

  override select(side: string, crossfadeSeconds?: number, atTime?: number): void {
    super.select(side === 'difference' ? DIFFERENCE : side, crossfadeSeconds, atTime);
  }

  override get selected(): Side {
    const s = super.selected;
    return (s === DIFFERENCE ? 'difference' : s) as Side;
  }

  override setBed(bed: AudioBuffer | null, levelDb = 0): void {
    super.setBed(bed, levelDb, 'B');
  }
}
