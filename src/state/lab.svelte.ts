/**
 * The lab's state, in one place. Components read these fields and call these methods;
 * they never talk to the audio engine themselves. Audio buffers are `$state.raw`:
 * Svelte must not wrap megabytes of samples in proxies.
 */
import { ABPlayer, type Side } from '../audio/player';
import { AudioInputError, fetchAndDecode } from '../audio/decode';
import { renderProcessed } from '../audio/render';
import { RERENDER_DEBOUNCE_MS } from '../audio/constants';
import { cloneSettings, defaultSettings, type ChainSettings } from '../audio/settings';
import { findSample, samplesOfKind, type CatalogEntry } from '../samples/catalog';
import type { Scene } from '../demo/scene-format';
import { addBed, RoomToneBed } from '../audio/room-tone';

export type MessageLevel = 'info' | 'warning' | 'error';
export interface Message {
  id: number;
  level: MessageLevel;
  text: string;
}

/** The clip the lab opens with: the story starts with the canned shot. */
const DEFAULT_CLIP_ID = 'gm-gunshot-canned';
/** …heard in a street. */
const DEFAULT_IR_ID = 'ir-antwerp-street';

export class LabState {
  readonly clips: CatalogEntry[] = samplesOfKind('clip');
  readonly impulseResponses: CatalogEntry[] = samplesOfKind('impulse-response');

  clipId = $state('');
  settings = $state<ChainSettings>(defaultSettings(''));
  original = $state.raw<AudioBuffer | null>(null);
  processed = $state.raw<AudioBuffer | null>(null);
  impulseResponse = $state.raw<AudioBuffer | null>(null);
  loading = $state(false);
  rendering = $state(false);
  playing = $state(false);
  position = $state(0);
  side = $state<Side>('A');
  /** The browser has not let audio start yet: a click or key press is needed. */
  needsGesture = $state(false);
  messages = $state<Message[]>([]);

  /** Common time axis of both views: the clip plus the reverb tail. */
  readonly timeline = $derived((this.original?.duration ?? 0) + (this.impulseResponse?.duration ?? 0));

  private player: ABPlayer | null = null;
  private readonly decoded = new Map<string, Promise<AudioBuffer>>();
  private renderTimer: ReturnType<typeof setTimeout> | null = null;
  private renderGeneration = 0;
  private frame = 0;
  private nextMessageId = 1;

  constructor() {
    this.clipId = pickDefault(this.clips, DEFAULT_CLIP_ID);
    this.settings = defaultSettings(pickDefault(this.impulseResponses, DEFAULT_IR_ID));
  }

  /** Load the default clip and IR, build the engine and render B. */
  async init(): Promise<void> {
    this.loading = true;
    try {
      const [clip, ir] = await Promise.all([this.decode(this.clipId), this.decode(this.settings.reverb.irId)]);
      this.player = new ABPlayer(cloneSettings(this.settings), ir);
      this.player.onEnded = () => this.onEnded();
      this.player.setClip(clip);
      this.impulseResponse = ir;
      this.original = clip;
      await this.renderNow();
    } catch (err) {
      this.report(err);
    } finally {
      this.loading = false;
    }
  }

  async selectClip(id: string): Promise<void> {
    if (id === this.clipId && this.original) return;
    this.clipId = id;
    this.loading = true;
    try {
      const clip = await this.decode(id);
      if (this.clipId !== id) return; // the user picked another one meanwhile
      this.pauseUi();
      this.player?.setClip(clip);
      this.position = 0;
      this.original = clip;
      this.processed = null;
      await this.renderNow();
    } catch (err) {
      this.report(err);
    } finally {
      this.loading = false;
    }
  }

  async selectImpulseResponse(id: string): Promise<void> {
    this.settings.reverb.irId = id;
    try {
      const ir = await this.decode(id);
      if (this.settings.reverb.irId !== id) return;
      this.player?.setImpulseResponse(ir, cloneSettings(this.settings));
      this.impulseResponse = ir;
      this.scheduleRender();
    } catch (err) {
      this.report(err);
    }
  }

  /** Change settings: heard at once (ramped), B's view re-rendered after a short pause. */
  changeSettings(mutate: (s: ChainSettings) => void): void {
    mutate(this.settings);
    this.player?.applySettings(cloneSettings(this.settings));
    this.scheduleRender();
  }

  async play(): Promise<void> {
    if (!this.player) return;
    const started = await this.player.play();
    this.needsGesture = !started;
    if (!started) {
      this.notify('warning', 'The browser has not allowed audio yet: click Play (or press Space) once more to start it.');
      return;
    }
    this.playing = true;
    this.tick();
  }

  pause(): void {
    this.player?.pause();
    this.pauseUi();
  }

  async togglePlay(): Promise<void> {
    if (this.playing) this.pause();
    else await this.play();
  }

  select(side: Side): void {
    this.side = side;
    this.player?.select(side);
  }

  seek(seconds: number): void {
    this.player?.seek(seconds);
    this.position = this.player?.position ?? 0;
  }

  dismiss(id: number): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  notify(level: MessageLevel, text: string): void {
    // The same message twice in a row is noise, not news.
    if (this.messages.at(-1)?.text === text) return;
    this.messages = [...this.messages, { id: this.nextMessageId++, level, text }];
  }

  dispose(): void {
    this.clearRoomTone();
    cancelAnimationFrame(this.frame);
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.player?.dispose();
    this.player = null;
  }

  // ── Demo scenes (issue 6) ──────────────────────────────────────────────────────
  // Additive block: the demo drives the lab only through these members.

  /** True while the class demo is shown; keyboard handlers outside it leave ←/→ alone then. */
  demoActive = $state(false);
  /** Regions of the current scene, drawn on the views. */
  sceneRegions = $state.raw<Scene['regions']>([]);
  /** Amplitude scale of both views for the current scene. */
  sceneScale = $state<Scene['scale']>('linear');
  private sceneRequest = 0;
  /** The current scene's room-tone bed under B: live node and what the render adds. */
  private roomTone: { live: RoomToneBed; buffer: AudioBuffer; levelDb: number } | null = null;

  /**
   * Load a scene's clip, IR and complete settings, open on its side, render B.
   * Resolves to false when the scene cannot be loaded (its samples are not bundled:
   * the caller says so; a decoding error: reported as a message); the lab then stays
   * as it was.
   */
  async applyScene(scene: Scene): Promise<boolean> {
    const request = ++this.sceneRequest;
    if (scene.missingSamples.length) {
      // The demo panel says which samples are missing; the lab keeps what it has.
      this.loading = false; // an older scene still loading will not land now
      this.sceneRegions = [];
      this.sceneScale = 'linear';
      return false;
    }
    this.pause();
    this.loading = true;
    try {
      const [clip, ir, bed] = await Promise.all([
        this.decode(scene.clipId),
        this.decode(scene.settings.reverb.irId),
        scene.roomTone ? this.decode(scene.roomTone.sampleId) : null,
      ]);
      if (request !== this.sceneRequest || !this.player) return false; // a newer scene won
      this.clearRoomTone();
      this.clipId = scene.clipId;
      this.settings = cloneSettings(scene.settings);
      this.player.setClip(clip);
      this.player.setImpulseResponse(ir, cloneSettings(this.settings));
      this.impulseResponse = ir;
      this.original = clip;
      this.processed = null;
      this.position = 0;
      this.sceneRegions = scene.regions;
      this.sceneScale = scene.scale;
      this.select(scene.side);
      if (bed && scene.roomTone) {
        this.roomTone = { live: new RoomToneBed(bed, scene.roomTone.levelDb, this.player.chain.output), buffer: bed, levelDb: scene.roomTone.levelDb };
      }
      await this.renderNow();
      return true;
    } catch (err) {
      this.report(err);
      return false;
    } finally {
      if (request === this.sceneRequest) this.loading = false;
    }
  }

  /** Leave the demo: the lab stays on the last scene's sounds, without its markings. */
  leaveDemo(): void {
    if (this.roomTone) {
      this.clearRoomTone();
      this.scheduleRender();
    }
    this.demoActive = false;
    this.sceneRegions = [];
    this.sceneScale = 'linear';
  }
  private clearRoomTone(): void {
    this.roomTone?.live.dispose();
    this.roomTone = null;
  }

  private addRoomToneTo(rendered: AudioBuffer): void {
    if (!this.roomTone) return;
    const { buffer, levelDb } = this.roomTone;
    const channels = (b: AudioBuffer) => Array.from({ length: b.numberOfChannels }, (_, c) => b.getChannelData(c));
    addBed(channels(rendered), channels(buffer), levelDb);
  }
  // ── end of demo scenes block ───────────────────────────────────────────────────

  private decode(id: string): Promise<AudioBuffer> {
    let pending = this.decoded.get(id);
    if (!pending) {
      const entry = findSample(id);
      if (!entry) return Promise.reject(new AudioInputError(`No bundled sample with id “${id}”.`));
      pending = fetchAndDecode(entry.url, entry.title).then((d) => d.buffer);
      // A failed decode may succeed on retry (network hiccup); do not cache failures.
      pending.catch(() => this.decoded.delete(id));
      this.decoded.set(id, pending);
    }
    return pending;
  }

  private scheduleRender(): void {
    this.rendering = true;
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => void this.renderNow(), RERENDER_DEBOUNCE_MS);
  }

  private async renderNow(): Promise<void> {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = null;
    const clip = this.original;
    if (!clip) return;
    const generation = ++this.renderGeneration;
    this.rendering = true;
    try {
      const out = await renderProcessed(clip, this.impulseResponse, cloneSettings(this.settings));
      this.addRoomToneTo(out); // demo scenes: a bed under B, drawn as heard
      // Only the newest request may land: an older, slower render must not overwrite it.
      if (generation === this.renderGeneration) this.processed = out;
    } catch (err) {
      this.report(err);
    } finally {
      if (generation === this.renderGeneration) this.rendering = false;
    }
  }

  private tick = (): void => {
    if (!this.player || !this.playing) return;
    this.position = this.player.position;
    this.frame = requestAnimationFrame(this.tick);
  };

  private onEnded(): void {
    this.pauseUi();
    this.position = 0;
  }

  private pauseUi(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    if (this.player) this.position = this.player.position;
  }

  private report(err: unknown): void {
    if (err instanceof AudioInputError) this.notify('error', err.message);
    else this.notify('error', `Something went wrong: ${err instanceof Error ? err.message : String(err)}`);
    console.error(err);
  }
}

function pickDefault(entries: CatalogEntry[], preferred: string): string {
  return entries.find((e) => e.id === preferred)?.id ?? entries[0]?.id ?? '';
}
