/**
 * Live playback of every slot from one clock, composed of small units: each slot is a
 * SlotVoice (its source on the timeline, its own chain, its trim and loudness match) on
 * the PlaybackClock; a SideSelector picks what is heard — a slot, the DifferenceBus of
 * any two slots, or the low anchor of a rating test; the OutputStage sets the level,
 * limits and meters. Slots are sample-aligned by construction (one clock, one rate) and a
 * switch is a few-millisecond equal-power ramp that starts in the next render quantum —
 * never a restart.
 *
 *   SlotVoice 1 ─┬──────────────────────────────┐
 *   SlotVoice 2 ─┼─ DifferenceBus (X − Y) ──────┤ SideSelector ─ OutputStage
 *   …           ─┼─ low-pass 3.5 kHz (anchor) ──┤
 *   SlotVoice n ─┘                              │
 */
import { Filter, getContext, setContext, type BaseContext } from 'tone';
import { AB_CROSSFADE_SECONDS, CHAIN_LATENCY_FRAMES, PARAM_RAMP_SECONDS } from './constants';
import type { ProcessingChain } from './chain';
import { ensureLabContext, resumeAudio } from './context';
import { DifferenceBus } from './difference-bus';
import { LIMITER_LATENCY_FRAMES, OutputStage } from './output-stage';
import { PlaybackClock, type LoopRange } from './playback-clock';
import { RoomToneBed } from './room-tone-bed';
import type { ChainSettings } from './settings';
import { SideSelector } from './side-selector';
import { SlotVoice } from './slot-voice';
import type { ClipAudio } from './coded-audio';

export type { LoopRange } from './playback-clock';

/** What can be heard: a slot (by id), the difference of two slots, or a rating test's low anchor. */
import { DIFFERENCE, LOW_ANCHOR } from '../comparison/setup';
export { DIFFERENCE, LOW_ANCHOR };

/** Frames from a source to the output: the chain's latency plus the limiter's. */
export const OUTPUT_LATENCY_FRAMES = CHAIN_LATENCY_FRAMES + LIMITER_LATENCY_FRAMES;

/** BS.1534-3's low anchor: the reference low-passed at 3.5 kHz. */
const ANCHOR_CUTOFF_HZ = 3500;

export class SlotPlayer {
  private readonly voices = new Map<string, SlotVoice>();
  private readonly clock: PlaybackClock;
  private readonly selector: SideSelector<string>;
  private readonly difference: DifferenceBus;
  private readonly anchor: Filter;
  private anchorSource: SlotVoice | null = null;
  private readonly output: OutputStage;
  private heard = '';
  private bed: RoomToneBed | null = null;
  /** The context the player was built in: slots added later are built in it too. */
  private readonly context: BaseContext;
  /** Resolves once the limiter's hidden makeup has been measured and taken off. */
  readonly ready: Promise<void>;

  constructor() {
    ensureLabContext();
    this.context = getContext();
    this.output = new OutputStage();
    this.ready = this.output.ready;
    this.selector = new SideSelector<string>([DIFFERENCE, LOW_ANCHOR], null);
    this.difference = new DifferenceBus();
    this.difference.output.connect(this.selector.input(DIFFERENCE));
    this.anchor = new Filter({ type: 'lowpass', frequency: ANCHOR_CUTOFF_HZ, rolloff: -48 });
    this.anchor.connect(this.selector.input(LOW_ANCHOR));
    this.selector.output.connect(this.output.input);
    this.clock = new PlaybackClock(
      this.output.input.context,
      () => this.length,
      () => Math.max(0, ...[...this.voices.values()].map((v) => v.contentEnd)),
    );
  }

  /** Called when a slot playing from its file cannot read it (coded-audio.ts), once a play. */
  onReadError: (err: unknown) => void = () => {};

  /** Called when playback reaches the end of the longest slot and its reverb tail. */
  set onEnded(callback: () => void) {
    this.clock.onEnded = callback;
  }

  /** Add a slot (silent until selected); `id` must be new. */
  addSlot(id: string, settings: ChainSettings, ir: AudioBuffer | null, compensationDb = 0): void {
    if (this.voices.has(id)) throw new Error(`Slot “${id}” is already in the player.`);
    const voice = this.build(() => {
      const v = new SlotVoice(settings, ir, compensationDb, (err) => this.onReadError(err));
      v.output.connect(this.selector.add(id));
      return v;
    });
    this.voices.set(id, voice);
    this.clock.addVoice(voice);
  }

  removeSlot(id: string): void {
    const voice = this.voices.get(id);
    if (!voice) return;
    this.clock.removeVoice(voice);
    this.difference.release(voice);
    if (this.anchorSource === voice) this.setAnchorSource(null);
    this.selector.remove(id);
    voice.dispose();
    this.voices.delete(id);
    this.clock.lengthChanged();
  }

  /** A slot's audio and where it starts on the timeline, seconds. */
  setSource(id: string, buffer: ClipAudio | null, offset = 0): void {
    this.voice(id).setSource(buffer, offset);
    this.clock.lengthChanged();
  }

  applySettings(id: string, settings: ChainSettings, compensationDb = 0): void {
    this.voice(id).chain.apply(settings, PARAM_RAMP_SECONDS, compensationDb);
  }

  setImpulseResponse(id: string, ir: AudioBuffer, settings: ChainSettings, compensationDb = 0, rampSeconds = PARAM_RAMP_SECONDS): void {
    const chain = this.voice(id).chain;
    chain.setImpulseResponse(ir, rampSeconds);
    chain.apply(settings, rampSeconds, compensationDb);
    this.clock.lengthChanged();
  }

  /** The user's level trim of a slot, dB (0 s ramp: at once, for renders). */
  setTrim(id: string, db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    this.voice(id).setTrim(db, rampSeconds);
  }

  /** A slot's loudness match, dB (heard; not part of a null test). */
  setMatch(id: string, db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    this.voice(id).setMatch(db, rampSeconds);
  }

  /** The null test: slot x − slot y (with `polarity` −1: x + y). */
  setDifference(x: string | null, y: string | null, polarity: 1 | -1 = 1): void {
    this.difference.connect(x ? (this.voices.get(x) ?? null) : null, y ? (this.voices.get(y) ?? null) : null);
    this.difference.setPolarity(polarity);
  }

  /** The slot whose low-passed copy is the rating test's low anchor (null: none). */
  setAnchorSource(id: string | null): void {
    this.anchorSource?.output.disconnect(this.anchor);
    this.anchorSource = id ? (this.voices.get(id) ?? null) : null;
    this.anchorSource?.output.connect(this.anchor);
  }

  /** Switch what is heard (a slot id, DIFFERENCE or LOW_ANCHOR) with an equal-power crossfade; playback runs on. */
  select(key: string, crossfadeSeconds = AB_CROSSFADE_SECONDS, atTime?: number): void {
    this.heard = key;
    this.selector.select(key, crossfadeSeconds, atTime);
  }

  get selected(): string {
    return this.heard;
  }

  /**
   * A room-tone bed summed into slot `id` after its chain (so it gets no reverb of its
   * own), started and stopped with playback. null removes it.
   */
  setBed(bed: AudioBuffer | null, levelDb = 0, id?: string): void {
    if (this.bed) {
      this.clock.remove(this.bed);
      this.bed.dispose();
      this.bed = null;
    }
    if (!bed || !id) return;
    const into = this.voice(id).chain.output;
    this.bed = this.build(() => new RoomToneBed(bed, levelDb, into));
    this.clock.add(this.bed);
  }

  /** Playback length: the longest slot with its reverb tail. */
  get length(): number {
    return Math.max(0, ...[...this.voices.values()].map((v) => v.end));
  }

  get playing(): boolean {
    return this.clock.playing;
  }

  get loop(): LoopRange | null {
    return this.clock.loop;
  }

  /** Where playback is, seconds into the timeline, from the audio clock (follows loops). */
  get position(): number {
    return this.clock.position;
  }

  /** Start (or resume). Resolves to false when the browser has not allowed audio yet (no user gesture). */
  async play(): Promise<boolean> {
    if (!(await resumeAudio())) return false;
    this.clock.start();
    return true;
  }

  pause(): void {
    this.clock.pause();
  }

  seek(seconds: number): void {
    this.clock.seek(seconds);
  }

  /** Stop and go back to the start without a loop (a new comparison). */
  rewind(): void {
    this.clock.reset();
  }

  /** Loop [start, end) of the timeline sample-accurately, or stop looping (null). */
  setLoop(range: LoopRange | null): void {
    this.clock.setLoop(range);
  }

  /** Start at context time `when` from `offset` seconds (offline renders: tests, benchmarks). */
  startAt(when: number, offset = 0): void {
    this.clock.startAt(when, offset);
  }

  /** Output level before the limiter, dB (0 s ramp: at once, for renders). */
  setOutputLevel(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    this.output.setLevel(db, rampSeconds);
  }

  /** Peak of the last ~43 ms of output (after the limiter), linear. */
  outputPeak(): number {
    return this.output.peak();
  }

  /** Slot `id`'s processing chain (read its state; change it through this player's methods). */
  chainOf(id: string): ProcessingChain {
    return this.voice(id).chain;
  }

  /** The compressor of slot `id` is reducing the gain by this much right now, dB (≤ 0). */
  gainReduction(id: string): number {
    return this.voices.get(id)?.chain.reduction ?? 0;
  }

  dispose(): void {
    this.setBed(null);
    this.clock.dispose();
    // Let go of the voices before they go: a disposed node cannot be disconnected.
    this.difference.connect(null, null);
    this.setAnchorSource(null);
    for (const v of this.voices.values()) v.dispose();
    this.voices.clear();
    for (const node of [this.difference, this.anchor, this.selector, this.output]) node.dispose();
  }

  /**
   * Make Tone nodes in this player's context. Tone gives new nodes the global context,
   * which may have moved on since the player was built (an offline render in between).
   */
  private build<T>(make: () => T): T {
    const previous = getContext();
    setContext(this.context);
    try {
      return make();
    } finally {
      setContext(previous);
    }
  }

  private voice(id: string): SlotVoice {
    const v = this.voices.get(id);
    if (!v) throw new Error(`No slot “${id}” in the player.`);
    return v;
  }
}
