/**
 * Live A/B playback from one clock. One Tone.Player feeds every side: A straight
 * through (delayed by the chain's fixed latency, so the sides line up), B through the
 * ProcessingChain, and the difference A − B for the null test. A SideSelector picks
 * what is heard, so the sides are sample-aligned by construction and a switch is a
 * few-millisecond equal-power ramp that starts in the next render quantum — never a
 * restart.
 *
 *   Player ─┬─ Delay(chain latency) ─────────────────┬─────────────┐ A
 *           │                                        └─┐           │
 *           └─ ProcessingChain ─┬─ loudness trim ──────│───────────┤ B   SideSelector ─ master ─ limiter ─ trim ─ destination
 *                               └─ × −1 ───────────────┴─ (A − B) ─┘ difference               └─ analyser (meter)
 *
 * The clock is the AudioContext's own: the position is computed from when the source
 * was started, and loops are the AudioBufferSourceNode's native, sample-accurate loop —
 * not re-seeks from UI events, which overshoot.
 */
import { Analyser, Compressor, Delay, Gain, Player, ToneAudioBuffer, Volume } from 'tone';
import { ProcessingChain } from './chain';
import { hiddenMakeupDb } from './compressor-makeup';
import { ensureLabContext, resumeAudio } from './context';
import { AB_CROSSFADE_SECONDS, CHAIN_LATENCY_FRAMES, LAB_SAMPLE_RATE, PARAM_RAMP_SECONDS } from './constants';
import { tailSeconds } from './render';
import { SideSelector } from './side-selector';
import type { ChainSettings } from './settings';

export const SIDES = ['A', 'B', 'difference'] as const;
export type Side = (typeof SIDES)[number];

export interface LoopRange {
  start: number;
  end: number;
}

/**
 * Output safety: a brick-wall-like limiter at −1 dBFS. Not Tone.Limiter: it inherits
 * Tone.Compressor's 30 dB knee and would start squashing at −31 dBFS, which in a lab
 * that compares dynamics would falsify what is heard. Hard knee, 20:1, fast; its hidden
 * makeup gain is measured and taken off, so below the ceiling it is transparent.
 */
export const LIMITER = { threshold: -1, ratio: 20, knee: 0, attack: 0.001, release: 0.05 } as const;

/** The limiter's look-ahead: the same DynamicsCompressorNode delay as the chain's compressor. */
export const LIMITER_LATENCY_FRAMES = CHAIN_LATENCY_FRAMES;
/** Frames from the source to the output: the chain's (or A's matching) delay plus the limiter's. */
export const OUTPUT_LATENCY_FRAMES = CHAIN_LATENCY_FRAMES + LIMITER_LATENCY_FRAMES;

export class ABPlayer {
  readonly chain: ProcessingChain;
  private readonly player: Player;
  private readonly alignA: Delay;
  private readonly trimB: Gain<'decibels'>;
  private readonly invertB: Gain;
  private readonly selector: SideSelector<Side>;
  private readonly master: Volume;
  private readonly limiter: Compressor;
  private readonly limiterTrim: Gain<'decibels'>;
  private readonly analyser: Analyser;
  private side: Side = 'A';
  private clipLength = 0;
  /** Context time at which position `startOffset` was playing; null while paused. */
  private startedAt: number | null = null;
  private startOffset = 0;
  private loopRange: LoopRange | null = null;
  private endTimer: ReturnType<typeof setTimeout> | null = null;
  /** Room-tone bed under B (demo scenes), or null. */
  private bed: { player: Player; gain: Gain<'decibels'>; duration: number } | null = null;
  /** Called when playback reaches the end of the clip plus its reverb tail. */
  onEnded: () => void = () => {};
  /** Resolves once the limiter's hidden makeup has been measured and taken off. */
  readonly ready: Promise<void>;

  constructor(settings: ChainSettings, ir: AudioBuffer | null) {
    ensureLabContext();
    this.chain = new ProcessingChain(settings, ir);
    this.player = new Player();
    this.alignA = new Delay(CHAIN_LATENCY_FRAMES / LAB_SAMPLE_RATE, 1);
    this.trimB = new Gain(0, 'decibels');
    this.invertB = new Gain(-1);
    this.selector = new SideSelector(SIDES, 'A');
    this.master = new Volume(0);
    this.limiter = new Compressor(LIMITER);
    this.limiterTrim = new Gain(0, 'decibels');
    this.ready = hiddenMakeupDb(LIMITER).then((db) => {
      this.limiterTrim.gain.value = -db;
    });
    this.analyser = new Analyser('waveform', 2048);

    this.player.connect(this.alignA);
    this.player.connect(this.chain.input);
    this.alignA.connect(this.selector.input('A'));
    this.chain.output.chain(this.trimB, this.selector.input('B'));
    this.alignA.connect(this.selector.input('difference'));
    this.chain.output.chain(this.invertB, this.selector.input('difference'));
    this.selector.output.chain(this.master, this.limiter, this.limiterTrim);
    this.limiterTrim.toDestination();
    this.limiterTrim.connect(this.analyser);
  }

  /** Load a new clip; playback stops and returns to the start. */
  setClip(clip: AudioBuffer): void {
    this.halt();
    this.player.buffer = new ToneAudioBuffer(clip);
    this.clipLength = clip.duration;
    this.startOffset = 0;
    this.loopRange = null;
    this.player.loop = false;
  }

  /** Playback length: the clip plus the IR's tail, so B's reverb is heard out. */
  get length(): number {
    return this.clipLength + tailSeconds(this.chain.impulseResponse);
  }

  get clipDuration(): number {
    return this.clipLength;
  }

  get playing(): boolean {
    return this.startedAt !== null;
  }

  get selected(): Side {
    return this.side;
  }

  get loop(): LoopRange | null {
    return this.loopRange;
  }

  /** Where playback is, seconds into the clip, from the audio clock (follows loops). */
  get position(): number {
    if (this.startedAt === null) return this.startOffset;
    const elapsed = this.player.context.currentTime - this.startedAt;
    const p = this.startOffset + Math.max(0, elapsed);
    const loop = this.loopRange;
    if (loop && p >= loop.end) return loop.start + ((p - loop.start) % (loop.end - loop.start));
    return Math.min(p, this.length);
  }

  /**
   * Start (or resume) playback. Resolves to false when the browser has not allowed
   * audio yet (no user gesture): the caller should ask for a click.
   */
  async play(): Promise<boolean> {
    if (!(await resumeAudio())) return false;
    if (this.playing) return true;
    if (this.startOffset >= this.length) this.startOffset = this.loopRange?.start ?? 0;
    this.startSource(this.startOffset);
    return true;
  }

  pause(): void {
    if (!this.playing) return;
    this.startOffset = this.position;
    this.halt();
  }

  /** Jump to `seconds`; keeps playing if it was playing. */
  seek(seconds: number): void {
    const target = Math.max(0, Math.min(seconds, this.length));
    const wasPlaying = this.playing;
    this.halt();
    this.startOffset = target;
    if (wasPlaying) this.startSource(target);
  }

  /**
   * Loop [start, end) sample-accurately with the source's native loop, or stop looping
   * (null). The loop is limited to the clip itself: the tail after it is the chain's.
   */
  setLoop(range: LoopRange | null): void {
    const position = this.position;
    if (range) {
      const start = Math.max(0, Math.min(range.start, this.clipLength));
      const end = Math.max(0, Math.min(range.end, this.clipLength));
      this.loopRange = end - start > 0.01 ? { start, end } : null;
    } else {
      this.loopRange = null;
    }
    const loop = this.loopRange;
    this.player.loop = loop !== null;
    if (loop) {
      this.player.loopStart = loop.start;
      this.player.loopEnd = loop.end;
    }
    // Restart the source where we are so the new loop points apply to it.
    if (this.playing) {
      const inside = loop && (position < loop.start || position >= loop.end) ? loop.start : position;
      this.halt();
      this.startSource(inside);
    }
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
    this.rescheduleEnd();
  }

  /**
   * A room-tone bed under B: looped, summed into the chain's output (so it is on B, with
   * no reverb of its own), started and stopped with the clip. null removes it. The
   * render adds the same bed with addBed(), at the position the live one plays.
   */
  setBed(bed: AudioBuffer | null, levelDb = 0): void {
    if (this.bed) {
      this.bed.player.dispose();
      this.bed.gain.dispose();
      this.bed = null;
    }
    if (!bed) return;
    const gain = new Gain(levelDb, 'decibels');
    gain.connect(this.chain.output);
    const player = new Player(new ToneAudioBuffer(bed));
    player.loop = true;
    player.connect(gain);
    this.bed = { player, gain, duration: bed.duration };
    if (this.startedAt !== null) this.startBed(this.position, player.context.currentTime);
  }

  /** Gain on B alone (loudness matching), dB; ramped, never a jump (0 s: set at once, for renders). */
  setTrimB(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    if (rampSeconds > 0) this.trimB.gain.rampTo(db, rampSeconds);
    else this.trimB.gain.value = db;
  }

  /** Output level before the limiter, dB (0 s ramp: set at once, for renders). */
  setOutputLevel(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    if (rampSeconds > 0) this.master.volume.rampTo(db, rampSeconds);
    else this.master.volume.value = db;
  }

  /** Peak of the last ~43 ms of output (after the limiter), linear. */
  outputPeak(): number {
    const frame = this.analyser.getValue();
    let peak = 0;
    for (let i = 0; i < frame.length; i++) peak = Math.max(peak, Math.abs(frame[i]));
    return peak;
  }

  dispose(): void {
    this.setBed(null);
    this.halt();
    for (const node of [this.player, this.alignA, this.trimB, this.invertB, this.master, this.limiter, this.limiterTrim, this.analyser])
      node.dispose();
    this.selector.dispose();
    this.chain.dispose();
  }

  /**
   * Start the source at context time `when` from `offset` seconds into the clip. Public
   * for offline renders (tests, benchmarks), where there is no "now" to play from.
   */
  startAt(when: number, offset = 0): void {
    this.halt();
    this.startSource(offset, when);
  }

  /** Polarity of B used for the difference: −1 when B is inverted relative to A, so A + B nulls. */
  setDifferencePolarity(polarity: 1 | -1): void {
    this.invertB.gain.value = -polarity;
  }

  private startSource(offset: number, when = this.player.context.currentTime): void {
    const now = when;
    // An offset past the clip (in the tail region) plays nothing but keeps the clock.
    if (offset < this.clipLength) this.player.start(now, offset);
    this.startBed(offset, now);
    this.startedAt = now;
    this.startOffset = offset;
    this.rescheduleEnd();
  }

  private startBed(offset: number, when: number): void {
    if (this.bed) this.bed.player.start(when, offset % this.bed.duration);
  }

  private halt(): void {
    if (this.player.state === 'started') this.player.stop();
    if (this.bed?.player.state === 'started') this.bed.player.stop();
    this.startedAt = null;
    if (this.endTimer !== null) clearTimeout(this.endTimer);
    this.endTimer = null;
  }

  /** The end of clip + tail; looping never ends. Wall-clock timer: it only updates the UI. */
  private rescheduleEnd(): void {
    if (this.endTimer !== null) clearTimeout(this.endTimer);
    this.endTimer = null;
    if (!this.playing || this.loopRange) return;
    const remaining = this.length - this.position;
    this.endTimer = setTimeout(
      () => {
        this.halt();
        this.startOffset = 0;
        this.onEnded();
      },
      Math.max(0, remaining * 1000),
    );
  }
}
