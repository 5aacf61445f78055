/**
 * Playback as the user drives it: play, pause, seek, loop, and the shared view window
 * (zoom and scroll) every waveform follows; the output level and its meter. The
 * position is read from the engine's audio clock once a frame while playing.
 */
import type { LoopRange, SlotPlayer } from '../audio/slot-player';
import { toDb } from '../analysis/levels';
import type { EngineHost } from './engine-host.svelte';
import type { Notifications } from './notifications.svelte';

/** Output peaks above this get a warning (the limiter engages at the same ceiling). */
export const OUTPUT_WARNING_DBFS = -1;

export class Transport {
  playing = $state(false);
  position = $state(0);
  /** Loop region (applies to every view) and whether looping is on. */
  loop = $state<LoopRange | null>(null);
  loopEnabled = $state(false);
  /** Waveform zoom, pixels per second; 0 fits the whole timeline. Shared by every view. */
  zoom = $state(0);
  /** Left edge of the visible window, seconds, shared so the views scroll together. */
  scrollTime = $state(0);
  /** Output level before the limiter, dB. */
  outputLevelDb = $state(-6);
  /** Peak output level of the last frame, dBFS (after the limiter). */
  outputPeakDb = $state(-Infinity);
  /** Gain reduction of the metered slot's compressor in the last frame, dB (≤ 0). */
  reductionDb = $state(0);
  /** Which slot's compressor the meter reads (set by the owner: the selected slot). */
  meteredSlot: () => string = () => '';

  private frame = 0;

  /**
   * @param timeline the common time axis of all views, seconds
   * @param loopable where loops may lie: the slots' audio (reverb tails ring out on their own)
   */
  constructor(
    private readonly engine: EngineHost,
    private readonly notes: Notifications,
    private readonly timeline: () => number,
    private readonly loopable: () => number,
  ) {}

  /** Hand the freshly built player what was set while the engine loaded. */
  attach(player: SlotPlayer): void {
    player.onEnded = () => {
      this.stopUi();
      this.position = 0;
    };
    // A slot playing from a file that can no longer be read goes silent: say which and why (once a play).
    player.onReadError = (err) => this.notes.report(err);
    player.setOutputLevel(this.outputLevelDb);
    player.setLoop(this.loopEnabled ? this.loop : null);
  }

  async play(): Promise<void> {
    // Play is offered as soon as A is drawn, which can be a moment before the engine is built.
    const player = await this.engine.whenReady();
    if (!player) return;
    const started = await player.play();
    this.engine.audioAllowed(started);
    if (!started) {
      this.notes.notify('warning', 'The browser has not allowed audio yet: click Play (or press Space) once more to start it.');
      return;
    }
    this.playing = true;
    this.tick();
  }

  pause(): void {
    this.engine.player?.pause();
    this.stopUi();
  }

  async togglePlay(): Promise<void> {
    if (this.playing) this.pause();
    else await this.play();
  }

  seek(seconds: number): void {
    this.engine.player?.seek(seconds);
    this.position = this.engine.player?.position ?? 0;
  }

  /** Seek by a step (arrow keys), staying inside the timeline. */
  nudge(seconds: number): void {
    this.seek(Math.max(0, Math.min(this.timeline(), this.position + seconds)));
  }

  /** Set the loop region (drawn on any view); looping turns on with it. */
  setLoop(range: LoopRange | null): void {
    this.loop = range ? { start: Math.min(range.start, range.end), end: Math.max(range.start, range.end) } : null;
    this.loopEnabled = this.loop !== null;
    const player = this.engine.player;
    player?.setLoop(this.loopEnabled ? this.loop : null);
    if (this.loop && player && this.loop.end > this.loopable() + 1e-6) {
      this.notes.notify('info', 'Loops stay within the recordings; the reverb tails after them ring out on their own.');
    }
  }

  toggleLoop(): void {
    if (!this.loop) {
      this.notes.notify('info', 'Drag across a waveform, or press [ and ] on a focused one, to choose a loop region first.');
      return;
    }
    this.loopEnabled = !this.loopEnabled;
    this.engine.player?.setLoop(this.loopEnabled ? this.loop : null);
  }

  setZoom(pxPerSecond: number): void {
    this.zoom = Math.max(0, pxPerSecond);
  }

  /** The views were scrolled: every view follows. */
  scrollTo(seconds: number): void {
    this.scrollTime = Math.max(0, seconds);
  }

  setOutputLevel(db: number): void {
    this.outputLevelDb = db;
    this.engine.player?.setOutputLevel(db);
  }

  /** A new clip: stopped, at the start, no loop. */
  reset(): void {
    this.stopUi();
    this.position = 0;
    this.loop = null;
    this.loopEnabled = false;
  }

  /** A new view of the timeline (a scene): zoom and scroll from the start. */
  setView(zoom: number): void {
    this.zoom = zoom;
    this.scrollTime = 0;
  }

  /** Stopped by something other than the user (a new clip): keep the UI in step. */
  stopUi(): void {
    this.playing = false;
    this.outputPeakDb = -Infinity;
    this.reductionDb = 0;
    cancelAnimationFrame(this.frame);
    if (this.engine.player) this.position = this.engine.player.position;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
  }

  private tick = (): void => {
    const player = this.engine.player;
    if (!player || !this.playing) return;
    this.position = player.position;
    this.outputPeakDb = toDb(player.outputPeak());
    this.reductionDb = player.gainReduction(this.meteredSlot());
    this.frame = requestAnimationFrame(this.tick);
  };
}
