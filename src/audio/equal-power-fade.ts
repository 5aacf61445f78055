/**
 * An equal-power crossfade between two inputs whose resting gains are exact.
 *
 * Why not Tone.CrossFade: it derives its gains through a WaveShaper and a StereoPanner,
 * and at fade = 0 the "silent" side still leaks through at about −56 dB (measured in
 * Chromium 156). For an A/B switch that must give exactly A, a reverb that must be
 * exactly off, and null tests that must reach −120 dBFS, the rest positions have to be
 * exactly 0 and 1. Here the two gains are plain Tone.Gain params driven along the
 * equal-power path (a = cos, b = sin of position·π/2) by short ramps.
 */
import { Gain } from 'tone';

/** Points per fade: 32 linear segments stay within 0.0003 (absolute gain) of the true curve. */
const CURVE_POINTS = 33;

export function gainA(position: number): number {
  return position >= 1 ? 0 : Math.cos((Math.max(0, position) * Math.PI) / 2);
}

export function gainB(position: number): number {
  return position <= 0 ? 0 : Math.sin((Math.min(1, position) * Math.PI) / 2);
}

export class EqualPowerFade {
  readonly a: Gain;
  readonly b: Gain;
  readonly output: Gain;

  /** position 0 = only `a` is heard, 1 = only `b`. */
  constructor(position = 0) {
    this.a = new Gain(gainA(position));
    this.b = new Gain(gainB(position));
    this.output = new Gain();
    this.a.connect(this.output);
    this.b.connect(this.output);
  }

  /**
   * Glide to `position` over `seconds` (0: jump at once). A fade started mid-way through
   * another begins from wherever the gains are now, so nothing jumps.
   */
  fadeTo(position: number, seconds: number): void {
    const p = Math.min(1, Math.max(0, position));
    const now = this.output.now();
    if (seconds <= 0) {
      this.a.gain.cancelScheduledValues(now).setValueAtTime(gainA(p), now);
      this.b.gain.cancelScheduledValues(now).setValueAtTime(gainB(p), now);
      return;
    }
    this.a.gain.cancelAndHoldAtTime(now);
    this.b.gain.cancelAndHoldAtTime(now);
    const from = (Math.atan2(this.b.gain.getValueAtTime(now), this.a.gain.getValueAtTime(now)) * 2) / Math.PI;
    const curveA = new Array<number>(CURVE_POINTS);
    const curveB = new Array<number>(CURVE_POINTS);
    for (let i = 0; i < CURVE_POINTS; i++) {
      const q = from + ((p - from) * i) / (CURVE_POINTS - 1);
      curveA[i] = gainA(q);
      curveB[i] = gainB(q);
    }
    this.a.gain.setValueCurveAtTime(curveA, now, seconds);
    this.b.gain.setValueCurveAtTime(curveB, now, seconds);
  }

  connect(destination: Parameters<Gain['connect']>[0]): this {
    this.output.connect(destination);
    return this;
  }

  dispose(): void {
    this.a.dispose();
    this.b.dispose();
    this.output.dispose();
  }
}
