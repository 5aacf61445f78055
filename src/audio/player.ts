/**
 * Live A/B playback from one clock, composed of small units: a ClipSource on the
 * PlaybackClock feeds every side — A straight through (delayed by the chain's fixed
 * latency, so the sides line up), B through the ProcessingChain, and the difference
 * A − B for the null test; a SideSelector picks what is heard; the OutputStage sets the
 * level, limits and meters. So the sides are sample-aligned by construction and a
 * switch is a few-millisecond equal-power ramp that starts in the next render quantum —
 * never a restart.
 *
 *   ClipSource ─┬─ Delay(chain latency) ─────────────────┬─────────────┐ A
 *               │                                        └─┐           │
 *               └─ ProcessingChain ─┬─ loudness trim ──────│───────────┤ B   SideSelector ─ OutputStage
 *                    (+ RoomToneBed)└─ × −1 ───────────────┴─ (A − B) ─┘ difference
 */
import { Delay, Gain } from 'tone';
import { ProcessingChain } from './chain';
import { ClipSource } from './clip-source';
import { ensureLabContext, resumeAudio } from './context';
import { AB_CROSSFADE_SECONDS, CHAIN_LATENCY_FRAMES, LAB_SAMPLE_RATE, PARAM_RAMP_SECONDS } from './constants';
import { LIMITER_LATENCY_FRAMES, OutputStage } from './output-stage';
import { PlaybackClock, type LoopRange } from './playback-clock';
import { tailSeconds } from './render';
import { RoomToneBed } from './room-tone-bed';
import { SideSelector } from './side-selector';
import type { ChainSettings } from './settings';

export { LIMITER, LIMITER_LATENCY_FRAMES } from './output-stage';
export type { LoopRange } from './playback-clock';

export const SIDES = ['A', 'B', 'difference'] as const;
export type Side = (typeof SIDES)[number];

/** Frames from the source to the output: the chain's (or A's matching) delay plus the limiter's. */
export const OUTPUT_LATENCY_FRAMES = CHAIN_LATENCY_FRAMES + LIMITER_LATENCY_FRAMES;

export class ABPlayer {
  readonly chain: ProcessingChain;
  private readonly source: ClipSource;
  private readonly clock: PlaybackClock;
  private readonly alignA: Delay;
  private readonly trimB: Gain<'decibels'>;
  private readonly invertB: Gain;
  private readonly selector: SideSelector<Side>;
  private readonly output: OutputStage;
  private side: Side = 'A';
  /** Room-tone bed under B (demo scenes), or null. */
  private bed: RoomToneBed | null = null;
  /** Resolves once the limiter's hidden makeup has been measured and taken off. */
  readonly ready: Promise<void>;

  constructor(settings: ChainSettings, ir: AudioBuffer | null) {
    ensureLabContext();
    this.chain = new ProcessingChain(settings, ir);
    this.source = new ClipSource();
    this.clock = new PlaybackClock(
      this.source.output.context,
      () => this.length,
      () => this.source.duration,
    );
    this.clock.add(this.source);
    this.alignA = new Delay(CHAIN_LATENCY_FRAMES / LAB_SAMPLE_RATE, 1);
    this.trimB = new Gain(0, 'decibels');
    this.invertB = new Gain(-1);
    this.selector = new SideSelector(SIDES, 'A');
    this.output = new OutputStage();
    this.ready = this.output.ready;

    this.source.output.connect(this.alignA);
    this.source.output.connect(this.chain.input);
    this.alignA.connect(this.selector.input('A'));
    this.chain.output.chain(this.trimB, this.selector.input('B'));
    this.alignA.connect(this.selector.input('difference'));
    this.chain.output.chain(this.invertB, this.selector.input('difference'));
    this.selector.output.connect(this.output.input);
  }

  /** Called when playback reaches the end of the clip plus its reverb tail. */
  set onEnded(callback: () => void) {
    this.clock.onEnded = callback;
  }

  /** Load a new clip; playback stops and returns to the start. */
  setClip(clip: AudioBuffer): void {
    this.clock.reset();
    this.source.setClip(clip);
  }

  /** Playback length: the clip plus the IR's tail, so B's reverb is heard out. */
  get length(): number {
    return this.source.duration + tailSeconds(this.chain.impulseResponse);
  }

  get clipDuration(): number {
    return this.source.duration;
  }

  get playing(): boolean {
    return this.clock.playing;
  }

  get selected(): Side {
    return this.side;
  }

  get loop(): LoopRange | null {
    return this.clock.loop;
  }

  /** Where playback is, seconds into the clip, from the audio clock (follows loops). */
  get position(): number {
    return this.clock.position;
  }

  /**
   * Start (or resume) playback. Resolves to false when the browser has not allowed
   * audio yet (no user gesture): the caller should ask for a click.
   */
  async play(): Promise<boolean> {
    if (!(await resumeAudio())) return false;
    this.clock.start();
    return true;
  }

  pause(): void {
    this.clock.pause();
  }

  /** Jump to `seconds`; keeps playing if it was playing. */
  seek(seconds: number): void {
    this.clock.seek(seconds);
  }

  /** Loop [start, end) sample-accurately, or stop looping (null); loops stay within the clip. */
  setLoop(range: LoopRange | null): void {
    this.clock.setLoop(range);
  }

  /** Switch what is heard with an equal-power crossfade; playback runs on untouched. */
  select(side: Side, crossfadeSeconds = AB_CROSSFADE_SECONDS, atTime?: number): void {
    this.side = side;
    this.selector.select(side, crossfadeSeconds, atTime);
  }

  applySettings(settings: ChainSettings, compensationDb = 0): void {
    this.chain.apply(settings, PARAM_RAMP_SECONDS, compensationDb);
  }

  setImpulseResponse(ir: AudioBuffer, settings: ChainSettings, compensationDb = 0): void {
    this.chain.setImpulseResponse(ir, PARAM_RAMP_SECONDS);
    this.chain.apply(settings, PARAM_RAMP_SECONDS, compensationDb);
    this.clock.lengthChanged();
  }

  /**
   * A room-tone bed under B: looped, summed into the chain's output (so it is on B, with
   * no reverb of its own), started and stopped with the clip. null removes it.
   */
  setBed(bed: AudioBuffer | null, levelDb = 0): void {
    if (this.bed) {
      this.clock.remove(this.bed);
      this.bed.dispose();
      this.bed = null;
    }
    if (!bed) return;
    this.bed = new RoomToneBed(bed, levelDb, this.chain.output);
    this.clock.add(this.bed);
  }

  /** Gain on B alone (loudness matching), dB; ramped, never a jump (0 s: set at once, for renders). */
  setTrimB(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    if (rampSeconds > 0) this.trimB.gain.rampTo(db, rampSeconds);
    else this.trimB.gain.value = db;
  }

  /** Output level before the limiter, dB (0 s ramp: set at once, for renders). */
  setOutputLevel(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    this.output.setLevel(db, rampSeconds);
  }

  /** Peak of the last ~43 ms of output (after the limiter), linear. */
  outputPeak(): number {
    return this.output.peak();
  }

  dispose(): void {
    this.setBed(null);
    this.clock.dispose();
    for (const node of [this.source, this.alignA, this.trimB, this.invertB, this.output, this.selector, this.chain]) node.dispose();
  }

  /** Start at context time `when` from `offset` seconds (offline renders: tests, benchmarks). */
  startAt(when: number, offset = 0): void {
    this.clock.startAt(when, offset);
  }

  /** Polarity of B used for the difference: −1 when B is inverted relative to A, so A + B nulls. */
  setDifferencePolarity(polarity: 1 | -1): void {
    this.invertB.gain.value = -polarity;
  }
}
