/**
 * Live A/B playback from one clock. One Tone.Player, synced to Tone's Transport, feeds
 * both sides: A straight through, B through the ProcessingChain. An equal-power
 * fade picks what is heard, so A and B are sample-aligned by construction and a
 * switch is a few-millisecond ramp, never a restart.
 *
 *   Player ─┬───────────────────┐
 *           └─ ProcessingChain ─┤ abFade (a: A original, b: B processed) ─ destination
 */
import { Player, ToneAudioBuffer, getTransport } from 'tone';
import { EqualPowerFade } from './equal-power-fade';
import { ensureLabContext, resumeAudio } from './context';
import { ProcessingChain } from './chain';
import { AB_CROSSFADE_SECONDS, PARAM_RAMP_SECONDS } from './constants';
import { tailSeconds } from './render';
import type { ChainSettings } from './settings';

export type Side = 'A' | 'B';

export class ABPlayer {
  readonly chain: ProcessingChain;
  private readonly player: Player;
  private readonly abFade: EqualPowerFade;
  private readonly transport: ReturnType<typeof getTransport>;
  private side: Side = 'A';
  private clipLength = 0;
  private endEvent: number | null = null;
  /** Called when playback reaches the end of the clip plus its reverb tail. */
  onEnded: () => void = () => {};

  constructor(settings: ChainSettings, ir: AudioBuffer | null) {
    ensureLabContext();
    this.transport = getTransport();
    this.chain = new ProcessingChain(settings, ir);
    this.player = new Player();
    this.abFade = new EqualPowerFade(0);
    this.player.connect(this.abFade.a);
    this.player.connect(this.chain.input);
    this.chain.output.connect(this.abFade.b);
    this.abFade.output.toDestination();
    this.player.sync().start(0);
  }

  /** Load a new clip; playback stops and returns to the start. */
  setClip(clip: AudioBuffer): void {
    this.stop();
    this.player.buffer = new ToneAudioBuffer(clip);
    this.clipLength = clip.duration;
    this.scheduleEnd();
  }

  /** Playback length: the clip plus the IR's tail, so B's reverb is heard out. */
  get length(): number {
    return this.clipLength + tailSeconds(this.chain.impulseResponse);
  }

  get position(): number {
    return Math.min(this.transport.seconds, this.length);
  }

  get playing(): boolean {
    return this.transport.state === 'started';
  }

  get selected(): Side {
    return this.side;
  }

  /**
   * Start (or resume) playback. Resolves to false when the browser has not allowed
   * audio yet (no user gesture): the caller should ask for a click.
   */
  async play(): Promise<boolean> {
    if (!(await resumeAudio())) return false;
    if (this.transport.seconds >= this.length) this.transport.seconds = 0;
    this.transport.start();
    return true;
  }

  pause(): void {
    this.transport.pause();
  }

  stop(): void {
    this.transport.stop();
  }

  seek(seconds: number): void {
    this.transport.seconds = Math.max(0, Math.min(seconds, this.length));
  }

  /** Switch what is heard with an equal-power crossfade; playback runs on untouched. */
  select(side: Side, crossfadeSeconds = AB_CROSSFADE_SECONDS): void {
    this.side = side;
    this.abFade.fadeTo(side === 'A' ? 0 : 1, crossfadeSeconds);
  }

  applySettings(settings: ChainSettings): void {
    this.chain.apply(settings, PARAM_RAMP_SECONDS);
  }

  setImpulseResponse(ir: AudioBuffer, settings: ChainSettings): void {
    this.chain.setImpulseResponse(ir, PARAM_RAMP_SECONDS);
    this.chain.apply(settings, PARAM_RAMP_SECONDS);
    this.scheduleEnd();
  }

  dispose(): void {
    this.stop();
    if (this.endEvent !== null) this.transport.clear(this.endEvent);
    this.player.unsync().dispose();
    this.abFade.dispose();
    this.chain.dispose();
  }

  private scheduleEnd(): void {
    if (this.endEvent !== null) this.transport.clear(this.endEvent);
    this.endEvent = this.transport.scheduleOnce((time) => {
      this.transport.stop(time);
      this.onEnded();
    }, this.length);
  }
}
