/**
 * The audio engine's life in the page: Tone.js (most of the app's JavaScript, and it
 * makes an AudioContext as soon as it is evaluated) is loaded only after the first
 * waveform is drawn; the player is built once; and the browser's autoplay policy is
 * handled — audio held back until a click or key press says so.
 */
import type { SlotPlayer } from '../audio/slot-player';
import { FIRST_WAVEFORM_WAIT_MS, firstWaveformDrawn, markStartup } from './first-waveform';

type Engine = typeof import('../audio/engine');
let loaded: Engine | null = null;

/**
 * Tone.js and everything built on it (see src/audio/engine.ts). Kept once loaded: a
 * dynamic import() of a module already there still resolves in a task of its own, which
 * waited ~200 ms behind a new clip's peaks before B's render could start.
 */
export const loadEngine = async (): Promise<Engine> => loaded ?? (loaded = await import('../audio/engine'));

export class EngineHost {
  /** The browser has not let audio start yet: a click or key press is needed. */
  needsGesture = $state(false);
  /** The live player, once built (null before, or when building it failed). */
  player: SlotPlayer | null = null;
  /**
   * Settles once start() has built the player, or has failed to. A promise made up
   * front: a scene opened from the address (#demo-2) waits for it while the lab is
   * still reading IndexedDB and decoding.
   */
  readonly ready: Promise<void>;
  private settle: () => void = () => {};

  constructor() {
    this.ready = new Promise<void>((resolve) => (this.settle = resolve));
  }

  /** Load Tone.js once the first waveform is on screen, and build the player. */
  async start(): Promise<SlotPlayer> {
    try {
      const { SlotPlayer } = await firstWaveformDrawn(FIRST_WAVEFORM_WAIT_MS).then(loadEngine);
      markStartup('engine-loaded');
      this.player = new SlotPlayer();
      void this.checkSoundAllowed();
      return this.player;
    } catch (err) {
      this.settle(); // waiters then find no player and stop
      throw err;
    }
  }

  /** Whether the browser let audio start (a play attempt tells). */
  audioAllowed(allowed: boolean): void {
    this.needsGesture = !allowed;
  }

  /** The player is set up: whoever waited may use it now. */
  markReady(): void {
    this.settle();
  }

  /** The player, waiting for it if the engine is still loading; null if it never came. */
  async whenReady(): Promise<SlotPlayer | null> {
    if (!this.player) await this.ready;
    return this.player;
  }

  /**
   * Called on the page's first click or key press while the browser holds audio back
   * (autoplay policy): a user gesture is what lets the AudioContext start.
   */
  async enableSound(): Promise<void> {
    if (!this.needsGesture) return;
    const { resumeAudio } = await loadEngine();
    this.needsGesture = !(await resumeAudio());
  }

  /** Ask for the AudioContext without a gesture: if the browser refuses, the UI asks for a click. */
  private async checkSoundAllowed(): Promise<void> {
    const { audioRunning, resumeAudio } = await loadEngine();
    this.needsGesture = !(audioRunning() || (await resumeAudio(500)));
  }

  dispose(): void {
    this.settle();
    this.player?.dispose();
    this.player = null;
  }
}
