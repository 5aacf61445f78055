/**
 * The processing chain, built from Tone.js nodes. The same class runs live (in the
 * page's AudioContext, changed while playing) and offline (inside Tone.Offline, where
 * Tone hands new nodes the OfflineContext), so what you hear is what B's view shows.
 *
 *   input ─┬─ Delay (= compressor look-ahead) ──────┐
 *          └─ Compressor ─ makeup ─ compensation ──┤ compSwitch (bypass | compressed)
 *                                      ├─ dry gain ─────────────────────────────────┐
 *                                      └─ pre-delay ─┬─ Convolver slot 0 ─┐           │
 *                                                    └─ Convolver slot 1 ─┤ irSwitch ─ wet gain ─┴─ output
 *
 * Every switch ramps gains rather than connecting or disconnecting, so toggles while
 * playing do not click, and "off" is exactly off. Tone.Convolver has no wet/dry of its
 * own (removed in Tone 14.7), hence the dry and wet gains, with the law of
 * wetDryGains(). Changing the impulse response loads it into the idle convolver slot
 * and crossfades: Tone replaces the ConvolverNode when a buffer is set, which would
 * otherwise cut the old tail off with a click.
 *
 * Only the slot being heard is fed. A faded-out slot would go on convolving the whole
 * input just to be multiplied by 0 — twice the cost of the chain's heaviest node (the
 * bench measured 2.3× the render time) — so its input is cut once its fade is over.
 *
 * The pre-delay delays only the reverb (the gap between a sound and its first
 * reflections); the dry path and so the chain's latency are untouched. The offline FFT
 * render (src/render/) applies the same delay, to the same fraction of a frame.
 */
import { Compressor, Convolver, Delay, Gain, ToneAudioBuffer, type Param } from 'tone';
import { CHAIN_LATENCY_FRAMES, LAB_SAMPLE_RATE } from './constants';
import { SideSelector } from './side-selector';
import { PRE_DELAY_RANGE, type ChainSettings } from './settings';

export class ProcessingChain {
  readonly input: Gain;
  readonly output: Gain;
  private readonly compressor: Compressor;
  private readonly makeup: Gain<'decibels'>;
  private readonly compensation: Gain<'decibels'>;
  private readonly bypassDelay: Delay;
  private readonly compSwitch: SideSelector<'bypass' | 'compressed'>;
  private readonly preDelay: Delay;
  private readonly slots: [Convolver, Convolver];
  private readonly irSwitch: SideSelector<'slot0' | 'slot1'>;
  private readonly dry: Gain;
  private readonly wet: Gain;
  private activeSlot: 0 | 1 = 0;
  private currentIr: AudioBuffer | null = null;
  /** Which slots get the signal: the active one, and the old one until its fade is over. */
  private readonly slotFed: [boolean, boolean] = [false, false];
  /** Tone context timeout that will cut the faded-out slot, or null. */
  private releaseTimer: number | null = null;

  constructor(settings: ChainSettings, ir: AudioBuffer | null, compensationDb = 0) {
    this.input = new Gain();
    this.output = new Gain();
    this.compressor = new Compressor();
    this.makeup = new Gain(0, 'decibels');
    this.compensation = new Gain(0, 'decibels');
    this.bypassDelay = new Delay(CHAIN_LATENCY_FRAMES / LAB_SAMPLE_RATE, 1);
    this.compSwitch = new SideSelector(['bypass', 'compressed'], 'bypass');
    this.preDelay = new Delay(0, PRE_DELAY_RANGE.max);
    this.slots = [new Convolver(), new Convolver()];
    this.irSwitch = new SideSelector(['slot0', 'slot1'], 'slot0');
    this.dry = new Gain(1);
    this.wet = new Gain(0);

    this.input.chain(this.bypassDelay, this.compSwitch.input('bypass'));
    this.input.chain(this.compressor, this.makeup, this.compensation, this.compSwitch.input('compressed'));
    this.compSwitch.output.connect(this.dry);
    this.compSwitch.output.connect(this.preDelay);
    // The slots' inputs are connected by setImpulseResponse: only a slot with an IR is fed.
    this.slots[0].connect(this.irSwitch.input('slot0'));
    this.slots[1].connect(this.irSwitch.input('slot1'));
    this.irSwitch.output.connect(this.wet);
    this.dry.connect(this.output);
    this.wet.connect(this.output);

    if (ir) this.setImpulseResponse(ir, 0);
    this.apply(settings, 0, compensationDb);
  }

  /** How much the compressor is reducing the gain right now, dB (0 when it is off or idle). */
  get reduction(): number {
    return this.compressor.reduction;
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
    setParam(this.preDelay.delayTime, preDelaySeconds(s), rampSeconds);
    const mix = wetDryGains(s.reverb.enabled && this.currentIr ? s.reverb.wet : 0);
    setParam(this.dry.gain, mix.dry, rampSeconds);
    setParam(this.wet.gain, mix.wet, rampSeconds);
  }

  /** Swap the impulse response, crossfading from the old one over `rampSeconds`. */
  setImpulseResponse(ir: AudioBuffer, rampSeconds: number): void {
    const previous = this.activeSlot;
    const next: 0 | 1 = this.currentIr ? (previous === 0 ? 1 : 0) : previous;
    this.cancelRelease();
    this.feed(next, true);
    this.slots[next].buffer = new ToneAudioBuffer(ir);
    this.activeSlot = next;
    this.currentIr = ir;
    this.irSwitch.select(next === 0 ? 'slot0' : 'slot1', rampSeconds);
    if (next !== previous) this.releaseAfterFade(previous, rampSeconds);
  }

  /** How many convolver slots are fed the signal (and so cost render time): 1 at rest. */
  get convolvingSlots(): number {
    return this.slotFed.filter(Boolean).length;
  }

  dispose(): void {
    this.cancelRelease();
    for (const node of [
      this.input,
      this.output,
      this.compressor,
      this.makeup,
      this.compensation,
      this.bypassDelay,
      this.compSwitch,
      this.preDelay,
      ...this.slots,
      this.irSwitch,
      this.dry,
      this.wet,
    ]) {
      node.dispose();
    }
  }

  /**
   * Stop feeding `slot` once its fade-out is over (its output is then exactly 0, so the
   * cut is silent). Timed by Tone's context clock, which follows the audio clock. In an
   * offline context Tone runs such timeouts before rendering starts, so a timed cut would
   * land before the fade: there a ramped swap keeps both slots (renders use no ramps).
   */
  private releaseAfterFade(slot: 0 | 1, rampSeconds: number): void {
    if (rampSeconds <= 0) {
      this.feed(slot, false);
      return;
    }
    const context = this.input.context;
    if (context.isOffline) return;
    // lookAhead: Tone schedules the fade from now() = currentTime + lookAhead, timeouts fire on now().
    const delay = rampSeconds + context.lookAhead + RELEASE_MARGIN_SECONDS;
    this.releaseTimer = context.setTimeout(() => {
      this.releaseTimer = null;
      if (this.activeSlot !== slot) this.feed(slot, false);
    }, delay);
  }

  private cancelRelease(): void {
    if (this.releaseTimer === null) return;
    this.input.context.clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
  }

  private feed(slot: 0 | 1, on: boolean): void {
    if (this.slotFed[slot] === on) return;
    if (on) this.preDelay.connect(this.slots[slot]);
    else this.preDelay.disconnect(this.slots[slot]);
    this.slotFed[slot] = on;
  }
}

/** Extra wait after a fade before its slot is cut, seconds: timeouts fire a tick late or early. */
const RELEASE_MARGIN_SECONDS = 0.05;

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

/**
 * The reverb's pre-delay, seconds, within PRE_DELAY_RANGE; 0 for settings saved before
 * the field existed (they come back from IndexedDB without it).
 */
export function preDelaySeconds(s: ChainSettings): number {
  const d = s.reverb.preDelay;
  return Number.isFinite(d) ? Math.min(PRE_DELAY_RANGE.max, Math.max(PRE_DELAY_RANGE.min, d)) : 0;
}

function setParam(param: RampableParam, value: number, rampSeconds: number): void {
  if (rampSeconds > 0) param.rampTo(value, rampSeconds);
  else param.value = value;
}
