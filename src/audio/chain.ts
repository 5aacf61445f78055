/**
 * The processing chain, built from Tone.js nodes. The same class runs live (in the
 * page's AudioContext, changed while playing) and offline (inside Tone.Offline, where
 * Tone hands new nodes the OfflineContext), so what you hear is what B's view shows.
 *
 *   input ─┬─ Delay (= compressor look-ahead) ──────┐
 *          └─ Compressor ─ makeup ─ compensation ──┤ compSwitch (bypass | compressed)
 *                                      ├─ dry gain ─────────────────────┐
 *                                      ├─ Convolver slot 0 ─┐           │
 *                                      └─ Convolver slot 1 ─┤ irSwitch ─ wet gain ─┴─ output
 *
 * Every switch ramps gains rather than connecting or disconnecting, so toggles while
 * playing do not click, and "off" is exactly off. Tone.Convolver has no wet/dry of its
 * own (removed in Tone 14.7), hence the dry and wet gains, with the law of
 * wetDryGains(). Changing the impulse response loads it into the idle convolver slot
 * and crossfades: Tone replaces the ConvolverNode when a buffer is set, which would
 * otherwise cut the old tail off with a click.
 */
import { Compressor, Convolver, Delay, Gain, ToneAudioBuffer, type Param } from 'tone';
import { CHAIN_LATENCY_FRAMES, LAB_SAMPLE_RATE } from './constants';
import { SideSelector } from './side-selector';
import type { ChainSettings } from './settings';

export class ProcessingChain {
  readonly input: Gain;
  readonly output: Gain;
  private readonly compressor: Compressor;
  private readonly makeup: Gain<'decibels'>;
  private readonly compensation: Gain<'decibels'>;
  private readonly bypassDelay: Delay;
  private readonly compSwitch: SideSelector<'bypass' | 'compressed'>;
  private readonly slots: [Convolver, Convolver];
  private readonly irSwitch: SideSelector<'slot0' | 'slot1'>;
  private readonly dry: Gain;
  private readonly wet: Gain;
  private activeSlot: 0 | 1 = 0;
  private currentIr: AudioBuffer | null = null;

  constructor(settings: ChainSettings, ir: AudioBuffer | null, compensationDb = 0) {
    this.input = new Gain();
    this.output = new Gain();
    this.compressor = new Compressor();
    this.makeup = new Gain(0, 'decibels');
    this.compensation = new Gain(0, 'decibels');
    this.bypassDelay = new Delay(CHAIN_LATENCY_FRAMES / LAB_SAMPLE_RATE, 1);
    this.compSwitch = new SideSelector(['bypass', 'compressed'], 'bypass');
    this.slots = [new Convolver(), new Convolver()];
    this.irSwitch = new SideSelector(['slot0', 'slot1'], 'slot0');
    this.dry = new Gain(1);
    this.wet = new Gain(0);

    this.input.chain(this.bypassDelay, this.compSwitch.input('bypass'));
    this.input.chain(this.compressor, this.makeup, this.compensation, this.compSwitch.input('compressed'));
    this.compSwitch.output.connect(this.dry);
    this.compSwitch.output.connect(this.slots[0]);
    this.compSwitch.output.connect(this.slots[1]);
    this.slots[0].connect(this.irSwitch.input('slot0'));
    this.slots[1].connect(this.irSwitch.input('slot1'));
    this.irSwitch.output.connect(this.wet);
    this.dry.connect(this.output);
    this.wet.connect(this.output);

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
    this.compSwitch.select(c.enabled ? 'compressed' : 'bypass', rampSeconds);
    const mix = wetDryGains(s.reverb.enabled && this.currentIr ? s.reverb.wet : 0);
    setParam(this.dry.gain, mix.dry, rampSeconds);
    setParam(this.wet.gain, mix.wet, rampSeconds);
  }

  /** Swap the impulse response, crossfading from the old one over `rampSeconds`. */
  setImpulseResponse(ir: AudioBuffer, rampSeconds: number): void {
    const next: 0 | 1 = this.currentIr ? (this.activeSlot === 0 ? 1 : 0) : this.activeSlot;
    this.slots[next].buffer = new ToneAudioBuffer(ir);
    this.activeSlot = next;
    this.currentIr = ir;
    this.irSwitch.select(next === 0 ? 'slot0' : 'slot1', rampSeconds);
  }

  dispose(): void {
    for (const node of [this.input, this.output, this.compressor, this.makeup, this.compensation, this.bypassDelay, this.compSwitch, ...this.slots, this.irSwitch, this.dry, this.wet]) {
      node.dispose();
    }
  }
}

type RampableParam = Param<'decibels'> | Param<'time'> | Param<'positive'> | Param<'gain'>;

/**
 * Wet/dry law: the dry signal stays at full level up to 50 % and the wet signal reaches
 * full level at 50 %; past that the dry fades out (100 % = wet only). Below 50 % the
 * reverb is *added* to an untouched dry signal, as with a console's send, so the null
 * test A − B shows exactly the reverb that was added.
 */
export function wetDryGains(wet: number): { dry: number; wet: number } {
  const w = Math.min(1, Math.max(0, wet));
  return { dry: Math.min(1, 2 * (1 - w)), wet: Math.min(1, 2 * w) };
}

function setParam(param: RampableParam, value: number, rampSeconds: number): void {
  if (rampSeconds > 0) param.rampTo(value, rampSeconds);
  else param.value = value;
}
