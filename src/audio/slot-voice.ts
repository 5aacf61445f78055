/**
 * One slot as the engine plays it: its source on the shared timeline (starting `offset`
 * seconds in), its own ProcessingChain, the user's level trim and the loudness match.
 * Every segment the clock asks for is a fresh AudioBufferSourceNode started on the audio
 * clock — Web Audio's own one-shot sources, sample-accurate; a clip read from its file plays as
 * such sources a second at a time (chunked-source.ts).
 *
 *   buffer sources ─ ProcessingChain ─ trim ─┬─ match ─ output      (heard)
 *                                            └─ trimmed              (null tests: levels as set, not as matched)
 */
import { Gain, connect } from 'tone';
import { ProcessingChain } from './chain';
import { ChunkedSource } from './chunked-source';
import { CodedAudio, type ClipAudio } from './coded-audio';
import { PARAM_RAMP_SECONDS } from './constants';
import type { Voice } from './playback-clock';
import { tailSeconds } from './render-length';
import type { ChainSettings } from './settings';

export class SlotVoice implements Voice {
  readonly chain: ProcessingChain;
  /** The slot after its trim: what a null test subtracts. */
  readonly trimmed: Gain<'decibels'>;
  /** The slot as heard: after its trim and the loudness match. */
  readonly output: Gain<'decibels'>;
  private buffer: ClipAudio | null = null;
  private chunked: ChunkedSource | null = null;
  private offset = 0;
  private readonly active = new Set<AudioBufferSourceNode>();

  /** `onReadError`: a source read from its file could not be read (chunked-source.ts). */
  constructor(
    settings: ChainSettings,
    ir: AudioBuffer | null,
    compensationDb = 0,
    private readonly onReadError: (err: unknown) => void = () => {},
  ) {
    this.chain = new ProcessingChain(settings, ir, compensationDb);
    this.trimmed = new Gain(0, 'decibels');
    this.output = new Gain(0, 'decibels');
    this.chain.output.chain(this.trimmed, this.output);
  }

  /** The slot's audio, starting `offset` seconds into the timeline (negative: its start is cut). */
  setSource(buffer: ClipAudio | null, offset = this.offset): void {
    if (buffer !== this.buffer) {
      this.chunked?.stop();
      this.chunked =
        buffer instanceof CodedAudio ? new ChunkedSource(this.output.context, buffer, this.chain.input, this.onReadError) : null;
    }
    this.buffer = buffer;
    this.offset = offset;
  }

  get readsFile(): boolean {
    return this.buffer instanceof CodedAudio;
  }

  /** Where the slot's audio ends on the timeline, seconds (0 without audio). */
  get contentEnd(): number {
    return this.buffer ? Math.max(0, this.offset + this.buffer.duration) : 0;
  }

  /** Where the slot falls silent on the timeline: its audio plus the reverb's tail. */
  get end(): number {
    return this.buffer ? this.contentEnd + tailSeconds(this.chain.impulseResponse) : 0;
  }

  play(when: number, from: number, to: number): void {
    const buffer = this.buffer;
    if (!buffer) return;
    const start = Math.max(from, this.offset);
    const stop = Math.min(to, this.offset + buffer.duration);
    if (stop <= start) return;
    if (buffer instanceof CodedAudio) {
      const rate = buffer.sampleRate;
      this.chunked?.play(when + (start - from), (start - this.offset) * rate, (stop - this.offset) * rate);
      return;
    }
    const context = this.output.context;
    const source = context.createBufferSource();
    source.buffer = buffer;
    connect(source, this.chain.input);
    source.onended = () => {
      this.active.delete(source);
      source.disconnect();
    };
    this.active.add(source);
    source.start(when + (start - from), start - this.offset, stop - start);
  }

  stop(): void {
    this.chunked?.stop();
    for (const source of this.active) {
      source.onended = null;
      source.stop();
      source.disconnect();
    }
    this.active.clear();
  }

  /** The user's level trim, dB; ramped (0 s: at once, for renders). */
  setTrim(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    setDb(this.trimmed, db, rampSeconds);
  }

  /** The loudness match, dB: heard, but not part of a null test. */
  setMatch(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    setDb(this.output, db, rampSeconds);
  }

  dispose(): void {
    this.stop();
    this.chain.dispose();
    this.trimmed.dispose();
    this.output.dispose();
  }
}

function setDb(node: Gain<'decibels'>, db: number, rampSeconds: number): void {
  if (rampSeconds > 0) node.gain.rampTo(db, rampSeconds);
  else node.gain.value = db;
}
