/**
 * The one clock every source plays by: the AudioContext's own. The position is computed
 * from the context time at which playback started; starts, loops and stops are scheduled
 * on that clock, never re-seeked from UI events (which overshoot). A loop is the sources'
 * native, sample-accurate loop.
 */
import type { BaseContext } from 'tone';

/** Something the clock starts and stops: a clip source, a room-tone bed. */
export interface Playable {
  /** Start at context time `when`, from `offset` seconds into the timeline. */
  start(when: number, offset: number): void;
  stop(): void;
  /** Loop [start, end) of the timeline natively, or stop looping (null). */
  setLoop?(range: LoopRange | null): void;
}

export interface LoopRange {
  start: number;
  end: number;
}

/** Shortest loop the clock accepts, seconds: anything shorter is a slip of the mouse. */
const MIN_LOOP_SECONDS = 0.01;

export class PlaybackClock {
  /** Called when playback reaches the end of the timeline (never while looping). */
  onEnded: () => void = () => {};
  private readonly playables = new Set<Playable>();
  /** Context time at which position `startOffset` was playing; null while paused. */
  private startedAt: number | null = null;
  private startOffset = 0;
  private loopRange: LoopRange | null = null;
  private endTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param context the Tone context whose clock this is
   * @param length  the timeline's length, seconds (the clip plus its reverb tail)
   * @param loopable where loops may lie, seconds from 0 (the clip itself: its tail rings out on its own)
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

  /** Add a source; it starts with the others if playback is running. */
  add(playable: Playable): void {
    this.playables.add(playable);
    playable.setLoop?.(this.loopRange);
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
    this.applyLoop(null);
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
      const start = Math.max(0, Math.min(range.start, limit));
      const end = Math.max(0, Math.min(range.end, limit));
      loop = end - start > MIN_LOOP_SECONDS ? { start, end } : null;
    }
    this.applyLoop(loop);
    if (this.playing) {
      const inside = loop && (position < loop.start || position >= loop.end) ? loop.start : position;
      this.halt();
      this.startAll(inside);
    }
  }

  /** The timeline's length changed (a new IR): the end of playback moves with it. */
  lengthChanged(): void {
    this.rescheduleEnd();
  }

  dispose(): void {
    this.halt();
    this.playables.clear();
  }

  private applyLoop(loop: LoopRange | null): void {
    this.loopRange = loop;
    for (const p of this.playables) p.setLoop?.(loop);
  }

  private startAll(offset: number, when = this.context.currentTime): void {
    for (const p of this.playables) p.start(when, offset);
    this.startedAt = when;
    this.startOffset = offset;
    this.rescheduleEnd();
  }

  private halt(): void {
    for (const p of this.playables) p.stop();
    this.startedAt = null;
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
