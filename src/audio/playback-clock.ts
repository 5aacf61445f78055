/**
 * The one clock every source plays by: the AudioContext's own. The position is computed
 * from the context time at which playback started; every source is scheduled on that
 * clock as segments of the shared timeline, never re-seeked from UI events (which
 * overshoot). A loop is played as back-to-back segments scheduled ahead on the audio
 * clock — sample-accurate, and the same for every slot whatever its length or time
 * offset (a source's native loop cannot hold the silence before a slot that starts late).
 */
import type { BaseContext } from 'tone';

/** A timeline source: plays the part [from, to) of the timeline that falls in its content. */
export interface Voice {
  /** Play timeline seconds [from, to) starting at context time `when`. */
  play(when: number, from: number, to: number): void;
  /** Stop everything scheduled, now. */
  stop(): void;
  /** Its samples are read from a file as it plays (chunked-source.ts): playback from "now" starts a moment later for it. */
  readonly readsFile?: boolean;
}

/** Something that runs on its own while playback runs (a room-tone bed): started and stopped, never looped. */
export interface Playable {
  /** Start at context time `when`, `offset` seconds into the timeline. */
  start(when: number, offset: number): void;
  stop(): void;
}

export interface LoopRange {
  start: number;
  end: number;
}

/** Shortest loop the clock accepts, seconds: anything shorter is a slip of the mouse. */
const MIN_LOOP_SECONDS = 0.01;
/** Loop iterations are scheduled this far ahead of the audio clock, seconds. */
const LOOP_HORIZON_SECONDS = 0.4;
/**
 * Playback from "now" starts this much later when a voice reads its file as it plays: its
 * first second is read from disk meanwhile (a few milliseconds; more on a busy machine),
 * and every slot starts together with it rather than it starting late.
 */
const FILE_LEAD_SECONDS = 0.06;

export class PlaybackClock {
  /** Called when playback reaches the end of the timeline (never while looping). */
  onEnded: () => void = () => {};
  private readonly voices = new Set<Voice>();
  private readonly playables = new Set<Playable>();
  /** Context time at which position `startOffset` was playing; null while paused. */
  private startedAt: number | null = null;
  private startOffset = 0;
  private loopRange: LoopRange | null = null;
  /** Context time of the next loop iteration not yet scheduled. */
  private nextIteration = 0;
  private loopTimer: number | null = null;
  private endTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param context the Tone context whose clock this is
   * @param length  the timeline's length, seconds (every slot with its reverb tail)
   * @param loopable where loops may lie, seconds from 0 (the slots' content: tails ring out on their own)
   */
  constructor(
    private readonly context: BaseContext,
    private readonly length: () => number,
    private readonly loopable: () => number,
  ) {}

  get playing(): boolean {
    return this.startedAt !== null;
  }

  get loop(): LoopRange | null {
    return this.loopRange;
  }

  /** Where playback is, seconds into the timeline, from the audio clock (follows loops). */
  get position(): number {
    if (this.startedAt === null) return this.startOffset;
    const elapsed = this.context.currentTime - this.startedAt;
    const p = this.startOffset + Math.max(0, elapsed);
    const loop = this.loopRange;
    if (loop && p >= loop.end) return loop.start + ((p - loop.start) % (loop.end - loop.start));
    return Math.min(p, this.length());
  }

  /** Add a timeline source; it joins in at once if playback is running. */
  addVoice(voice: Voice): void {
    this.voices.add(voice);
    if (this.startedAt !== null) this.restart(this.position);
  }

  removeVoice(voice: Voice): void {
    voice.stop();
    this.voices.delete(voice);
  }

  /** Add something that runs alongside (a bed); it starts with the others if playback is running. */
  add(playable: Playable): void {
    this.playables.add(playable);
    if (this.startedAt !== null) playable.start(this.context.currentTime, this.position);
  }

  remove(playable: Playable): void {
    playable.stop();
    this.playables.delete(playable);
  }

  /** Start from where the clock stands (from the loop's start, or 0, once at the end). */
  start(): void {
    if (this.playing) return;
    if (this.startOffset >= this.length()) this.startOffset = this.loopRange?.start ?? 0;
    this.startAll(this.startOffset);
  }

  /** Start at context time `when` from `offset` (offline renders, where there is no "now"). */
  startAt(when: number, offset = 0): void {
    this.halt();
    this.startAll(offset, when);
  }

  pause(): void {
    if (!this.playing) return;
    this.startOffset = this.position;
    this.halt();
  }

  /** Jump to `seconds`; keeps playing if it was playing. */
  seek(seconds: number): void {
    const target = Math.max(0, Math.min(seconds, this.length()));
    const wasPlaying = this.playing;
    this.halt();
    this.startOffset = target;
    if (wasPlaying) this.startAll(target);
  }

  /** Back to the start, stopped, without a loop (a new clip). */
  reset(): void {
    this.halt();
    this.startOffset = 0;
    this.loopRange = null;
  }

  /**
   * Loop [start, end) sample-accurately, or stop looping (null). Loops stay within the
   * loopable span; playing sources restart where they are so the new points apply.
   */
  setLoop(range: LoopRange | null): void {
    const position = this.position;
    let loop: LoopRange | null = null;
    if (range) {
      const limit = this.loopable();
      const rate = this.context.sampleRate;
      // Whole frames: iterations then join sample to sample.
      const start = Math.round(Math.max(0, Math.min(range.start, limit)) * rate) / rate;
      const end = Math.round(Math.max(0, Math.min(range.end, limit)) * rate) / rate;
      loop = end - start > MIN_LOOP_SECONDS ? { start, end } : null;
    }
    this.loopRange = loop;
    if (this.playing) this.restart(loop && (position < loop.start || position >= loop.end) ? loop.start : position);
  }

  /** The timeline's length changed (a new IR, a slot): the end of playback moves with it. */
  lengthChanged(): void {
    if (this.playing && !this.loopRange) this.restart(this.position);
  }

  dispose(): void {
    this.halt();
    this.voices.clear();
    this.playables.clear();
  }

  private restart(position: number): void {
    this.halt();
    this.startAll(position);
  }

  private startAll(
    offset: number,
    when = this.context.currentTime + ([...this.voices].some((v) => v.readsFile) ? FILE_LEAD_SECONDS : 0),
  ): void {
    const loop = this.loopRange;
    this.startedAt = when;
    this.startOffset = offset;
    if (loop) {
      // The first segment plays on to the loop's end (from wherever inside it, or before it).
      const from = offset >= loop.end ? loop.start + ((offset - loop.start) % (loop.end - loop.start)) : offset;
      for (const v of this.voices) v.play(when, from, loop.end);
      this.nextIteration = when + (loop.end - from);
      this.scheduleLoop();
    } else {
      for (const v of this.voices) v.play(when, offset, this.length());
    }
    for (const p of this.playables) p.start(when, offset);
    this.rescheduleEnd();
  }

  /** Schedule the loop's iterations up to the horizon, then come back for more. */
  private scheduleLoop = (): void => {
    this.loopTimer = null;
    const loop = this.loopRange;
    if (!loop || this.startedAt === null) return;
    const span = loop.end - loop.start;
    const horizon = this.context.currentTime + LOOP_HORIZON_SECONDS;
    while (this.nextIteration < horizon) {
      for (const v of this.voices) v.play(this.nextIteration, loop.start, loop.end);
      this.nextIteration += span;
    }
    this.loopTimer = this.context.setTimeout(this.scheduleLoop, LOOP_HORIZON_SECONDS / 4);
  };

  private halt(): void {
    for (const v of this.voices) v.stop();
    for (const p of this.playables) p.stop();
    this.startedAt = null;
    if (this.loopTimer !== null) this.context.clearTimeout(this.loopTimer);
    this.loopTimer = null;
    if (this.endTimer !== null) clearTimeout(this.endTimer);
    this.endTimer = null;
  }

  /** The end of the timeline; looping never ends. Wall-clock timer: it only updates the UI. */
  private rescheduleEnd(): void {
    if (this.endTimer !== null) clearTimeout(this.endTimer);
    this.endTimer = null;
    if (!this.playing || this.loopRange) return;
    const remaining = this.length() - this.position;
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
