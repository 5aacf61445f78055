/**
 * Plays a clip kept as codes (coded-audio.ts) through Web Audio's own one-shot sources: a
 * second at a time, each second made into a small AudioBuffer just before it is due and
 * started back to back with the last. The whole clip is never in Float32.
 *
 * Every start is on the context's frame grid, and each piece starts at its own first frame
 * (offset 0): the pieces then join sample to sample, and the output equals one source of the
 * whole clip started on the grid, bit for bit. Off the grid a source interpolates its
 * sub-sample start on its own, and the joins would differ (by up to 1.15 in a trial).
 *
 * The pieces are made on the Tone context's own timer and clock: in Tone's offline renders
 * that clock steps through the render before the audio is made, so the same code runs there.
 */
import { connect, type BaseContext, type InputNode } from 'tone';
import type { CodedAudio } from './coded-audio';

/** Frames per piece: one second at the lab rate (about 0.4 MB a stereo piece in Float32). */
const PIECE_FRAMES = 48_000;
/** Pieces are made this far ahead of the audio clock, seconds: longer than any main-thread task the lab allows itself. */
const AHEAD_SECONDS = 1.5;
/** How often the schedule is topped up, seconds. */
const TOP_UP_SECONDS = 0.25;

/** One play(): source frames [from, to) from context frame `at`. */
interface Run {
  at: number;
  from: number;
  to: number;
}

export class ChunkedSource {
  private runs: Run[] = [];
  private readonly active = new Set<AudioBufferSourceNode>();
  private timer: number | null = null;

  constructor(
    private readonly context: BaseContext,
    private readonly audio: CodedAudio,
    private readonly destination: InputNode,
  ) {}

  /**
   * Play source frames [from, to) of the clip from context time `when` (rounded to the frame
   * grid; `from` and `to` are whole frames).
   */
  play(when: number, from: number, to: number): void {
    const first = Math.max(0, Math.round(from));
    const last = Math.min(this.audio.length, Math.round(to));
    if (last <= first) return;
    this.runs.push({ at: Math.round(when * this.context.sampleRate), from: first, to: last });
    this.topUp();
  }

  stop(): void {
    this.runs = [];
    if (this.timer !== null) this.context.clearTimeout(this.timer);
    this.timer = null;
    for (const source of this.active) {
      source.onended = null;
      source.stop();
      source.disconnect();
    }
    this.active.clear();
  }

  private topUp = (): void => {
    this.timer = null;
    const rate = this.context.sampleRate;
    const horizon = Math.ceil((this.context.currentTime + AHEAD_SECONDS) * rate);
    for (const run of this.runs) {
      while (run.from < run.to && run.at < horizon) {
        const frames = Math.min(PIECE_FRAMES, run.to - run.from);
        this.startPiece(run.at, run.from, frames);
        run.at += frames;
        run.from += frames;
      }
    }
    this.runs = this.runs.filter((r) => r.from < r.to);
    if (this.runs.length) this.timer = this.context.setTimeout(this.topUp, TOP_UP_SECONDS);
  };

  private startPiece(at: number, from: number, frames: number): void {
    const { audio, context } = this;
    const buffer = context.createBuffer(audio.numberOfChannels, frames, audio.sampleRate);
    for (let c = 0; c < audio.numberOfChannels; c++) audio.copyFromChannel(buffer.getChannelData(c), c, from);
    const source = context.createBufferSource();
    source.buffer = buffer;
    connect(source, this.destination);
    source.onended = () => {
      this.active.delete(source);
      source.disconnect();
    };
    this.active.add(source);
    source.start(at / context.sampleRate);
  }
}
