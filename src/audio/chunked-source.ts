/**
 * Plays a clip kept in its file (coded-audio.ts) through Web Audio's own one-shot sources: a
 * second at a time, each second read from the file ahead of the clock into a small
 * AudioBuffer and started back to back with the last. The clip is never in memory whole.
 *
 * Every start is on the context's frame grid, and each piece starts at its own first frame
 * (offset 0): the pieces then join sample to sample, and the output equals one source of the
 * whole clip started on the grid, bit for bit. Off the grid a source interpolates its
 * sub-sample start on its own, and the joins would differ (by up to 1.15 in a trial).
 *
 * Pieces are read AHEAD_SECONDS before they are due, on the Tone context's own timer and
 * clock. The first piece of a play() is read when it is asked for: playback that starts
 * "now" (playback-clock.ts starts a little ahead when a voice reads its file) gets it
 * a few milliseconds later; a piece that comes late anyway starts where the clock is, its
 * late part skipped, so the slot stays in time with the others.
 */
import { connect, type BaseContext, type InputNode } from 'tone';
import { channelViews } from './buffer-channels';
import { rangeReader, type CodedAudio, type RangeReader } from './coded-audio';

/** Frames per piece: one second at the lab rate (about 0.4 MB a stereo piece in Float32). */
const PIECE_FRAMES = 48_000;
/** Pieces are asked for this far ahead of the audio clock, seconds: longer than any main-thread task the lab allows itself, and a file read. */
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

  /** Counts stop()s: a piece read for an earlier play is dropped when it comes. */
  private generation = 0;
  private reader: RangeReader | null = null;
  /** The play whose unreadable piece was reported: one message a play, not one a second. */
  private reported = -1;

  /** `onError`: a piece could not be read (the file is gone): said once per play by the owner. */
  constructor(
    private readonly context: BaseContext,
    private readonly audio: CodedAudio,
    private readonly destination: InputNode,
    private readonly onError: (err: unknown) => void = () => {},
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
    this.generation++;
    this.reader?.close();
    this.reader = null;
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

  /** Read source frames [from, from + frames) and start them at context frame `at` (stop() drops what is still being read). */
  private startPiece(at: number, from: number, frames: number): void {
    const { audio, context } = this;
    const generation = this.generation;
    const buffer = context.createBuffer(audio.numberOfChannels, frames, audio.sampleRate);
    this.reader ??= rangeReader(audio, PIECE_FRAMES);
    void this.reader
      .read(from, from + frames, channelViews(buffer))
      .then(() => {
        if (generation !== this.generation) return;
        const source = context.createBufferSource();
        source.buffer = buffer;
        connect(source, this.destination);
        source.onended = () => {
          this.active.delete(source);
          source.disconnect();
        };
        this.active.add(source);
        // Late (a slow read): start where the audio is, the late part skipped, in time with the other slots. The raw context's
        // clock: an offline render's has not started while Tone's steps ahead through it, so nothing is late there.
        const late = Math.ceil(context.rawContext.currentTime * context.sampleRate) - at;
        if (late <= 0) source.start(at / context.sampleRate);
        else if (late < frames) source.start((at + late) / context.sampleRate, late / context.sampleRate);
      })
      .catch((err: unknown) => {
        if (generation !== this.generation || this.reported === generation) return;
        this.reported = generation;
        this.onError(err);
      });
  }
}
