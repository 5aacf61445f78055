/**
 * How the views draw what they show: amplitude in dB or linear (and the dB floor), each
 * slot at the level heard (after its trim and the loudness match) or at its raw level,
 * and whether a spectrogram (its window size, frequency axis and floor) runs under each
 * waveform. A class-demo scene sets the scale it needs and gives it back when it is left.
 */
import type { WaveScale as AmplitudeScale } from '../demo/scene-fields';

/** The dB view's floor when none is chosen, dBFS: where a gunshot's tail still shows. */
const DEFAULT_FLOOR_DB = -60;

export type FrequencyAxis = 'log' | 'linear';

export class ViewOptions {
  scale = $state<AmplitudeScale>('linear');
  floorDb = $state(DEFAULT_FLOOR_DB);
  /** Draw each slot at the level heard (trim + loudness match), not at its raw sample level. */
  asHeard = $state(true);
  spectrogram = $state(false);
  fftSize = $state(2048);
  frequencyAxis = $state<FrequencyAxis>('log');
  spectrogramFloorDb = $state(-100);
  private before: AmplitudeScale | null = null;

  setScale(scale: AmplitudeScale): void {
    this.scale = scale;
  }

  setFloor(db: number): void {
    if (Number.isFinite(db)) this.floorDb = Math.max(-140, Math.min(-30, db));
  }

  setAsHeard(on: boolean): void {
    this.asHeard = on;
  }

  setSpectrogram(on: boolean): void {
    this.spectrogram = on;
  }

  setFftSize(n: number): void {
    if (Number.isInteger(Math.log2(n)) && n >= 256 && n <= 8192) this.fftSize = n;
  }

  setFrequencyAxis(axis: FrequencyAxis): void {
    this.frequencyAxis = axis;
  }

  setSpectrogramFloor(db: number): void {
    if (Number.isFinite(db)) this.spectrogramFloorDb = Math.max(-140, Math.min(-60, db));
  }

  /** A scene's scale, until leaveScene(). */
  sceneScale(scale: AmplitudeScale): void {
    this.before ??= this.scale;
    this.scale = scale;
  }

  leaveScene(): void {
    if (this.before) this.scale = this.before;
    this.before = null;
  }
}
