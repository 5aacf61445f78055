/**
 * A clip as a source the playback clock starts and stops: a Tone.Player whose native
 * loop follows the clock's loop. An offset past the clip's end (in the reverb tail)
 * plays nothing but keeps the clock.
 */
import { Player, ToneAudioBuffer } from 'tone';
import type { LoopRange, Playable } from './playback-clock';

export class ClipSource implements Playable {
  readonly output: Player;
  private clipDuration = 0;

  constructor() {
    this.output = new Player();
  }

  /** Seconds of audio in the clip (0 before one is set). */
  get duration(): number {
    return this.clipDuration;
  }

  setClip(clip: AudioBuffer): void {
    this.output.buffer = new ToneAudioBuffer(clip);
    this.clipDuration = clip.duration;
  }

  start(when: number, offset: number): void {
    if (offset < this.clipDuration) this.output.start(when, offset);
  }

  stop(): void {
    if (this.output.state === 'started') this.output.stop();
  }

  setLoop(range: LoopRange | null): void {
    this.output.loop = range !== null;
    if (range) {
      this.output.loopStart = range.start;
      this.output.loopEnd = range.end;
    }
  }

  dispose(): void {
    this.output.dispose();
  }
}
