/**
 * The live room-tone bed (class demo): a looping player summed into a node at a set
 * level, started and stopped by the playback clock with everything else. The render adds
 * the same bed with addBed() (room-tone.ts), so what is drawn is what is heard.
 */
import { Gain, Player, ToneAudioBuffer, type ToneAudioNode } from 'tone';
import type { Playable } from './playback-clock';

export class RoomToneBed implements Playable {
  private readonly player: Player;
  private readonly gain: Gain<'decibels'>;
  private readonly duration: number;

  constructor(bed: AudioBuffer, levelDb: number, into: ToneAudioNode) {
    this.gain = new Gain(levelDb, 'decibels');
    this.gain.connect(into);
    this.player = new Player(new ToneAudioBuffer(bed));
    this.player.loop = true;
    this.player.connect(this.gain);
    this.duration = bed.duration;
  }

  /** Start at context time `when`, `offset` seconds into the timeline (the bed wraps around). */
  start(when: number, offset: number): void {
    this.player.start(when, offset % this.duration);
  }

  stop(): void {
    if (this.player.state === 'started') this.player.stop();
  }

  dispose(): void {
    this.player.dispose();
    this.gain.dispose();
  }
}
