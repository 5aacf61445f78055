/**
 * What is compared and how: the clip (A), its processed copy (B) through the chain
 * settings and impulse response, which side is heard, fair levels (loudness matching,
 * the browser compressor's hidden makeup taken off), B's offline render, the null test
 * A − B, and the measurements of all of them.
 */
import { bufferOf, channelViews } from '../audio/buffer-channels';
import { hiddenMakeupDb } from '../audio/compressor-makeup';
import { AB_CROSSFADE_SECONDS } from '../audio/constants';
import type { ABPlayer, Side } from '../audio/player';
import { addBed } from '../audio/room-tone';
import { cloneSettings, defaultSettings, type ChainSettings } from '../audio/settings';
import { samplePeak, toDb } from '../analysis/levels';
import { asHeardInStereo, integratedLoudness, padTo } from '../analysis/loudness';
import { difference, relativePolarity } from '../analysis/null-test';
import type { EngineHost } from './engine-host.svelte';
import { loadEngine } from './engine-host.svelte';
import type { Library } from './library.svelte';
import { MeasurementsState } from './measurements.svelte';
import type { Notifications } from './notifications.svelte';
import { RenderQueue } from './render-queue.svelte';
import type { Transport } from './transport.svelte';

/** A level jump bigger than this between what is heard now and next gets a warning. */
export const LEVEL_JUMP_WARNING_DB = 6;

/** Everything that makes up one comparison, as a scene or a restored session sets it. */
export interface ComparisonSetup {
  clipId: string;
  settings: ChainSettings;
  clip: AudioBuffer;
  ir: AudioBuffer;
}

/** How the comparison is heard: kept with the session. */
export interface ListeningSetup {
  loudnessMatching: boolean;
  compensateHiddenMakeup: boolean;
  crossfade: number;
}

export class Comparison {
  clipId = $state('');
  settings = $state<ChainSettings>(defaultSettings(''));
  original = $state.raw<AudioBuffer | null>(null);
  processed = $state.raw<AudioBuffer | null>(null);
  impulseResponse = $state.raw<AudioBuffer | null>(null);
  /** A clip is being loaded. */
  loading = $state(false);
  /** What the listener hears. In ABX mode the engine may route X elsewhere; this stays what the UI shows. */
  side = $state<Side>('A');
  /** A/B switch crossfade, seconds. */
  crossfade = $state(AB_CROSSFADE_SECONDS);
  /** Match B's integrated loudness to A's (BS.1770) so louder cannot win: on by default. */
  loudnessMatching = $state(true);
  /** Integrated loudness of A and of the rendered B, LUFS (null until measured or when too quiet to gate). */
  loudnessA = $state<number | null>(null);
  loudnessB = $state<number | null>(null);
  /** Take the browser compressor's hidden makeup gain off (on by default: honest A/B). */
  compensateHiddenMakeup = $state(true);
  /** The browser compressor's hidden makeup at the current settings, dB (measured). */
  hiddenMakeupDb = $state(0);
  /** A − B of the rendered B (polarity-corrected): what the processing added or removed. */
  differenceBuffer = $state.raw<AudioBuffer | null>(null);
  /** −1 when B came out polarity-inverted relative to A. */
  polarity = $state<1 | -1>(1);
  /** Show the null test (A − B) view. */
  showDifference = $state(false);

  /** Common time axis of all views: the clip plus the reverb tail. */
  readonly timeline = $derived((this.original?.duration ?? 0) + (this.impulseResponse?.duration ?? 0));
  /** Gain applied to B alone (loudness matching), dB. */
  readonly trimBDb = $derived(
    this.loudnessMatching && this.loudnessA !== null && this.loudnessB !== null ? this.loudnessA - this.loudnessB : 0,
  );
  /** Sample peaks of the buffers, dBFS: read from every sample once per buffer, not per trim or level change. */
  private readonly bufferPeaks = $derived({ A: peakDb(this.original), B: peakDb(this.processed) });
  /** Sample peaks of what each side would play, dBFS, before the output level (B after its trim). */
  readonly peaks = $derived({ A: this.bufferPeaks.A, B: this.bufferPeaks.B + this.trimBDb });

  /** Figures of A, B and the IR (computed in a worker after every render). */
  readonly measurements = new MeasurementsState();
  private readonly renders: RenderQueue;
  /** The current scene's room-tone bed under B: live node and what the render adds. */
  private roomTone: { buffer: AudioBuffer; levelDb: number } | null = null;

  constructor(
    private readonly library: Library,
    private readonly engine: EngineHost,
    private readonly transport: Transport,
    private readonly notes: Notifications,
  ) {
    this.renders = new RenderQueue(
      (current) => this.render(current),
      (err) => notes.report(err),
    );
  }

  /** B is being rendered, or will be in a moment: B's view and figures are not current. */
  get rendering(): boolean {
    return this.renders.busy;
  }

  /** A clip (or a scene's sounds) is being loaded, or no longer. */
  setLoading(on: boolean): void {
    this.loading = on;
  }

  /** Start from a clip and settings (restored or shared), and how to listen, before anything is loaded. */
  configure(clipId: string, settings: ChainSettings, listening?: ListeningSetup): void {
    this.clipId = clipId;
    this.settings = cloneSettings(settings);
    if (listening) {
      this.loudnessMatching = listening.loudnessMatching;
      this.compensateHiddenMakeup = listening.compensateHiddenMakeup;
      this.crossfade = listening.crossfade;
    }
  }

  /** Hand the freshly built player the clip and what was chosen while the engine loaded. */
  attach(player: ABPlayer, clip: AudioBuffer): void {
    player.setClip(clip);
    player.select(this.side, 0);
  }

  /** The gain that cancels the browser compressor's hidden makeup, when that is wanted. */
  get compensationDb(): number {
    return this.compensateHiddenMakeup ? -this.hiddenMakeupDb : 0;
  }

  async selectClip(id: string): Promise<void> {
    if (id === this.clipId && this.original) return;
    this.clipId = id;
    this.loading = true;
    try {
      const clip = await this.library.decode(id);
      if (this.clipId !== id) return; // the user picked another one meanwhile
      this.transport.reset();
      this.engine.player?.setClip(clip);
      this.original = clip;
      this.processed = null;
      this.differenceBuffer = null;
      await this.renderNow();
    } catch (err) {
      this.notes.report(err);
    } finally {
      this.loading = false;
    }
  }

  async selectImpulseResponse(id: string): Promise<void> {
    this.settings.reverb.irId = id;
    try {
      const ir = await this.library.decode(id);
      if (this.settings.reverb.irId !== id) return;
      this.engine.player?.setImpulseResponse(ir, cloneSettings(this.settings), this.compensationDb);
      this.impulseResponse = ir;
      this.renders.schedule();
    } catch (err) {
      this.notes.report(err);
    }
  }

  /** Change settings: heard at once (ramped), B's view re-rendered after a short pause. */
  changeSettings(mutate: (s: ChainSettings) => void): void {
    mutate(this.settings);
    this.engine.player?.applySettings(cloneSettings(this.settings), this.compensationDb);
    this.renders.schedule();
    void this.updateCompensation();
  }

  /** Replace clip, IR and settings at once (a scene); B is rendered by the caller. */
  async replace(setup: ComparisonSetup): Promise<void> {
    const player = this.engine.player;
    this.clearRoomTone();
    this.clipId = setup.clipId;
    this.settings = cloneSettings(setup.settings);
    player?.setClip(setup.clip);
    this.impulseResponse = setup.ir;
    this.original = setup.clip;
    this.processed = null;
    this.differenceBuffer = null;
    this.transport.reset();
    await this.updateCompensation(); // the new compressor settings have their own hidden makeup
    player?.setImpulseResponse(setup.ir, cloneSettings(this.settings), this.compensationDb);
  }

  setLoudnessMatching(on: boolean): void {
    this.loudnessMatching = on;
    this.engine.player?.setTrimB(this.trimBDb);
  }

  setCompensateHiddenMakeup(on: boolean): void {
    this.compensateHiddenMakeup = on;
    this.changeSettings(() => {});
  }

  setCrossfade(seconds: number): void {
    this.crossfade = seconds;
  }

  setShowDifference(on: boolean): void {
    this.showDifference = on;
  }

  /** Switch what is heard (crossfaded, never a restart), warning of a big jump in level. */
  select(side: Side): void {
    if (side !== this.side && side !== 'difference') {
      const jump = Math.abs(this.peaks[side] - this.peaks[this.side === 'difference' ? 'A' : this.side]);
      if (Number.isFinite(jump) && jump > LEVEL_JUMP_WARNING_DB) {
        this.notes.notify('warning', `Switching to ${side} changes the peak level by ${jump.toFixed(1)} dB — mind your ears.`);
      }
    }
    this.side = side;
    this.route(side);
  }

  /**
   * Send `side` to the output. Separate from `select` so the ABX mode can play the
   * hidden X without `side` (which the UI shows) ever naming it.
   */
  route(side: Side): void {
    this.engine.player?.select(side, this.crossfade);
  }

  /** A room-tone bed under B (class demo), heard live and added to B's render; null removes it. */
  setRoomTone(bed: { buffer: AudioBuffer; levelDb: number } | null): void {
    const had = this.roomTone !== null;
    this.clearRoomTone();
    if (bed) {
      this.roomTone = bed;
      this.engine.player?.setBed(bed.buffer, bed.levelDb);
    }
    if (had || bed) this.renders.schedule();
  }

  /** Measure the browser compressor's hidden makeup at the current settings; re-render if it changed. */
  async updateCompensation(): Promise<void> {
    const measured = await hiddenMakeupDb(this.settings.compressor);
    if (measured === this.hiddenMakeupDb) return;
    this.hiddenMakeupDb = measured;
    this.engine.player?.applySettings(cloneSettings(this.settings), this.compensationDb);
    this.renders.schedule();
  }

  /** Render B now (and drop a scheduled render). */
  renderNow(): Promise<void> {
    return this.renders.now();
  }

  dispose(): void {
    this.clearRoomTone();
    this.renders.dispose();
    this.measurements.dispose();
  }

  private clearRoomTone(): void {
    if (this.roomTone) this.engine.player?.setBed(null);
    this.roomTone = null;
  }

  private async render(current: () => boolean): Promise<void> {
    const clip = this.original;
    if (!clip) return;
    const { renderProcessed } = await loadEngine();
    const out = await renderProcessed(clip, this.impulseResponse, cloneSettings(this.settings), this.compensationDb);
    // Demo scenes: a bed under B, drawn as heard.
    if (this.roomTone) addBed(channelViews(out), channelViews(this.roomTone.buffer), this.roomTone.levelDb);
    if (!current()) return;
    const before = this.peaks.B;
    this.processed = out;
    // Both over B's span: A followed by the silence during which B's tail rings.
    this.loudnessA = loudnessAsHeard(clip, out.length);
    this.loudnessB = loudnessAsHeard(out, out.length);
    this.engine.player?.setTrimB(this.trimBDb);
    const jump = this.peaks.B - before;
    if (this.side === 'B' && Number.isFinite(jump) && Math.abs(jump) > LEVEL_JUMP_WARNING_DB) {
      this.notes.notify('warning', `That change moved B's peak level by ${jump > 0 ? '+' : ''}${jump.toFixed(1)} dB — mind your ears.`);
    }
    this.updateDifference(clip, out);
    this.measurements.update({ A: clip, B: out, IR: this.settings.reverb.enabled ? this.impulseResponse : null });
  }

  private updateDifference(a: AudioBuffer, b: AudioBuffer): void {
    const ca = channelViews(a);
    const cb = channelViews(b);
    const polarity = relativePolarity(ca, cb);
    if (polarity !== this.polarity) {
      this.polarity = polarity;
      this.engine.player?.setDifferencePolarity(polarity);
      if (polarity < 0) this.notes.notify('info', 'B comes out polarity-inverted relative to A; the null test uses A + B.');
    }
    this.differenceBuffer = bufferOf(difference(ca, cb, polarity), b.sampleRate);
  }
}

function peakDb(b: AudioBuffer | null): number {
  return b ? toDb(samplePeak(channelViews(b))) : -Infinity;
}

/**
 * Integrated loudness as heard on the stereo output over `length` frames, or null when
 * too short or quiet for BS.1770's gates.
 */
function loudnessAsHeard(b: AudioBuffer, length: number): number | null {
  const l = integratedLoudness(padTo(asHeardInStereo(channelViews(b)), length), b.sampleRate);
  return Number.isFinite(l) ? l : null;
}
