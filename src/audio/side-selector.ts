/**
 * Picks one of several inputs to be heard, switching with an equal-power crossfade:
 * the outgoing gain follows cos, the incoming one sin (cos² + sin² = 1: constant power
 * for uncorrelated sides), over a few milliseconds. At rest
 * the gains are exactly 1 (the chosen input) and 0 (all others) — the chosen side is
 * passed sample for sample, with nothing of the others leaking in.
 *
 * Why not Tone.CrossFade: it derives its gains through a WaveShaper and a StereoPanner,
 * and at rest the "silent" side still leaks through at about −56 dB (measured in
 * Chromium 156). An A/B switch must give exactly A, "reverb off" must be off, and a null
 * test must reach −120 dBFS, so the rest positions here are exact.
 */
import { Gain } from 'tone';

/**
 * Points in a fade curve. Web Audio interpolates linearly between them; each corner is a
 * tiny slope step, and 128 segments keep the high-frequency residue of a switch far
 * below −60 dBFS (tested).
 */
const CURVE_POINTS = 129;

/**
 * Angle along the equal-power path at fraction u of the fade: a raised-cosine S-curve
 * rather than a straight line, so both gains start and end with zero slope — a kink
 * in a gain is what makes a crossfade audible as a click.
 */
function fadeAngle(u: number): number {
  return ((Math.PI / 2) * (1 - Math.cos(Math.PI * u))) / 2;
}

export class SideSelector<K extends string> {
  readonly output: Gain;
  private readonly gains = new Map<K, Gain>();
  private current: K | null;

  /** `initial` null: nothing is heard until the first select(). */
  constructor(keys: readonly K[], initial: K | null) {
    this.output = new Gain();
    for (const key of keys) {
      const g = new Gain(key === initial ? 1 : 0);
      g.connect(this.output);
      this.gains.set(key, g);
    }
    this.current = initial;
  }

  input(key: K): Gain {
    const g = this.gains.get(key);
    if (!g) throw new Error(`SideSelector has no input “${key}”`);
    return g;
  }

  /** Add an input (silent until selected); a slot added to the comparison. */
  add(key: K): Gain {
    const existing = this.gains.get(key);
    if (existing) return existing;
    const g = new Gain(0);
    g.connect(this.output);
    this.gains.set(key, g);
    return g;
  }

  /** Remove an input; if it was selected, nothing is heard until the next select(). */
  remove(key: K): void {
    const g = this.gains.get(key);
    if (!g) return;
    g.dispose();
    this.gains.delete(key);
  }

  get selected(): K | null {
    return this.current;
  }

  /**
   * Crossfade to `key` over `seconds`, starting at `atTime` (context seconds; default
   * now). A switch during an unfinished one starts from the gains as they are then.
   */
  select(key: K, seconds: number, atTime?: number): void {
    const t = atTime ?? this.output.now();
    this.current = key;
    for (const [k, g] of this.gains) {
      const target = k === key ? 1 : 0;
      g.gain.cancelAndHoldAtTime(t);
      const from = g.gain.getValueAtTime(t);
      if (seconds <= 0 || from === target) {
        g.gain.setValueAtTime(target, t);
        continue;
      }
      const curve = new Array<number>(CURVE_POINTS);
      for (let i = 0; i < CURVE_POINTS; i++) {
        const theta = fadeAngle(i / (CURVE_POINTS - 1));
        curve[i] = target === 1 ? from + (1 - from) * Math.sin(theta) : from * Math.cos(theta);
      }
      curve[CURVE_POINTS - 1] = target; // exact at rest
      g.gain.setValueCurveAtTime(curve, t, seconds);
    }
  }

  dispose(): void {
    for (const g of this.gains.values()) g.dispose();
    this.output.dispose();
  }
}
