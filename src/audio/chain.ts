/**
 * The processing chain, built from Tone.js nodes. The same class runs live (in the
 * page's AudioContext, changed while playing) and offline (inside Tone.Offline, where
 * Tone hands new nodes the OfflineContext), so what you hear is what B's view shows.
 *
 *   input ─┬─ Delay (= compressor look-ahead) ──────┐
 *          └─ Compressor ─ makeup ─ compensation ──┤ compFade (a: bypass, b: compressed)
 *                                      ├──────────────────────────┐
 *                                      ├─ Convolver slot 0 ─┐     │
 *                                      └─ Convolver slot 1 ─┤ irFade
 *                                                           └─────┤ reverbFade (a: dry, b: wet) ─ output
 *
 * Every switch is an EqualPowerFade rather than a connect/disconnect, so toggles
 * while playing ramp instead of clicking, and "off" is exactly off. Tone.Convolver has no wet/dry of its
 * own (removed in Tone 14.7), hence reverbFade. Changing the impulse response loads it
 * into the idle convolver slot and crossfades: Tone replaces the ConvolverNode when a
 * buffer is set, which would otherwise cut the old tail off with a click.
 */
import { Compressor, Convolver, Delay, Gain, ToneAudioBuffer, type Param } from 'tone';
import { CHAIN_LATENCY_FRAMES, LAB_SAMPLE_RATE } from './constants';
import { EqualPowerFade } from './equal-power-fade';
import type { ChainSettings } from './settings';

export class ProcessingChain {
  readonly input: Gain;
  readonly output: Gain;
  private readonly compressor: Compressor;
  private readonly makeup: Gain<'decibels'>;
  private readonly compensation: Gain<'decibels'>;
  private readonly bypassDelay: Delay;
  private readonly compFade: EqualPowerFade;
  private readonly slots: [Convolver, Convolver];
  private readonly irFade: EqualPowerFade;
  private readonly reverbFade: EqualPowerFade;
  private activeSlot: 0 | 1 = 0;
  private currentIr: AudioBuffer | null = null;

  constructor(settings: ChainSettings, ir: AudioBuffer | null, compensationDb = 0) {
    this.input = new Gain();
    this.output = new Gain();
    this.compressor = new Compressor();
    this.makeup = new Gain(0, 'decibels');
    this.compensation = new Gain(0, 'decibels');
    this.bypassDelay = new Delay(CHAIN_LATENCY_FRAMES / LAB_SAMPLE_RATE, 1);
    this.compFade = new EqualPowerFade(0);
    this.slots = [new Convolver(), new Convolver()];
    this.irFade = new EqualPowerFade(0);
    this.reverbFade = new EqualPowerFade(0);

    this.input.chain(this.bypassDelay, this.compFade.a);
    this.input.chain(this.compressor, this.makeup, this.compensation, this.compFade.b);
    this.compFade.connect(this.reverbFade.a);
    this.compFade.connect(this.slots[0]);
    this.compFade.connect(this.slots[1]);
    this.slots[0].connect(this.irFade.a);
    this.slots[1].connect(this.irFade.b);
    this.irFade.connect(this.reverbFade.b);
    this.reverbFade.connect(this.output);

    if (ir) this.setImpulseResponse(ir, 0);
    this.apply(settings, 0, compensationDb);
  }

  /** The impulse response in use, or null before one is set. */
  get impulseResponse(): AudioBuffer | null {
    return this.currentIr;
  }

  /**
   * Set every parameter. `rampSeconds` > 0 glides from the current values (live use);
   * 0 sets them at once (offline renders, construction). `compensationDb` cancels the
   * browser's hidden automatic makeup gain (see compressor-makeup.ts), so the makeup
   * control alone decides how much louder the compressed signal gets.
   */
  apply(s: ChainSettings, rampSeconds: number, compensationDb = 0): void {
    const c = s.compressor;
    setParam(this.compressor.threshold, c.threshold, rampSeconds);
    setParam(this.compressor.ratio, c.ratio, rampSeconds);
    setParam(this.compressor.attack, c.attack, rampSeconds);
    setParam(this.compressor.release, c.release, rampSeconds);
    setParam(this.compressor.knee, c.knee, rampSeconds);
    setParam(this.makeup.gain, c.makeup, rampSeconds);
    setParam(this.compensation.gain, compensationDb, rampSeconds);
    this.compFade.fadeTo(c.enabled ? 1 : 0, rampSeconds);
    this.reverbFade.fadeTo(s.reverb.enabled && this.currentIr ? s.reverb.wet : 0, rampSeconds);
  }

  /** Swap the impulse response, crossfading from the old one over `rampSeconds`. */
  setImpulseResponse(ir: AudioBuffer, rampSeconds: number): void {
    const next: 0 | 1 = this.currentIr ? (this.activeSlot === 0 ? 1 : 0) : this.activeSlot;
    this.slots[next].buffer = new ToneAudioBuffer(ir);
    this.activeSlot = next;
    this.currentIr = ir;
    this.irFade.fadeTo(next, rampSeconds);
  }

  dispose(): void {
    for (const node of [this.input, this.output, this.compressor, this.makeup, this.compensation, this.bypassDelay, this.compFade, ...this.slots, this.irFade, this.reverbFade]) {
      node.dispose();
    }
  }
}

type RampableParam = Param<'decibels'> | Param<'time'> | Param<'positive'>;

function setParam(param: RampableParam, value: number, rampSeconds: number): void {
  if (rampSeconds > 0) param.rampTo(value, rampSeconds);
  else param.value = value;
}
