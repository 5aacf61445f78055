/**
 * The null test of any two slots: X − Y, at their own levels (after each slot's trim,
 * before loudness matching: matching would mix a level change into what the null test
 * shows). `polarity` −1 means Y came out inverted relative to X, so X + Y nulls.
 */
import { Gain } from 'tone';
import type { SlotVoice } from './slot-voice';

export class DifferenceBus {
  readonly output: Gain;
  private readonly minus: Gain;
  private pair: [SlotVoice, SlotVoice] | null = null;

  constructor() {
    this.output = new Gain(1);
    this.minus = new Gain(-1);
    this.minus.connect(this.output);
  }

  /** Which two voices are subtracted (null: none, silence). */
  connect(x: SlotVoice | null, y: SlotVoice | null): void {
    if (this.pair) {
      this.pair[0].trimmed.disconnect(this.output);
      this.pair[1].trimmed.disconnect(this.minus);
    }
    this.pair = x && y && x !== y ? [x, y] : null;
    if (this.pair) {
      this.pair[0].trimmed.connect(this.output);
      this.pair[1].trimmed.connect(this.minus);
    }
  }

  /** −1 when Y is polarity-inverted relative to X: the bus then adds them. */
  setPolarity(polarity: 1 | -1): void {
    this.minus.gain.value = -polarity;
  }

  /** A voice is going away: let go of it first. */
  release(voice: SlotVoice): void {
    if (this.pair?.includes(voice)) this.connect(null, null);
  }

  dispose(): void {
    this.connect(null, null);
    this.minus.dispose();
    this.output.dispose();
  }
}
