/**
 * The work behind the slots: decoding sources and IRs, keeping the player in step, offline
 * renders of processed slots (a dry slot is its source), loudness and matching gains, the
 * null test, the measurements, alignment. Only the newest render of a slot lands.
 */
import { channelViews } from '../audio/buffer-channels';
import { asAudioBuffer } from '../audio/coded-audio';
import { hiddenMakeupDb } from '../audio/compressor-makeup';
import { addBed } from '../audio/room-tone';
import { cloneSettings } from '../audio/settings';
import type { SlotPlayer } from '../audio/slot-player';
import { toDb } from '../analysis/levels';
import { placedPolarityInSteps, type Placed } from '../analysis/placed-difference';
import { placedClip, placedDifferenceBuffer } from '../audio/placed-difference-buffer';
import { loadEngine, type EngineHost } from './engine-host.svelte';
import { PeakCache } from './peak-cache.svelte';
import { FIRST_WAVEFORM_LATEST_MS, FIRST_WAVEFORM_WAIT_MS, firstWaveformDrawn, markStartup } from './first-waveform';
import type { Library } from './library.svelte';
import { MeasurementsState, withSilenceAfter, type MeasureItem } from './measurements.svelte';
import { ABOUT_COMPARISON, type Notifications } from './notifications.svelte';
import type { RenderRun } from './render-queue.svelte';
import { followedSlot } from '../comparison/setup';
import type { Slot } from './slot.svelte';

/** Silence after a result when its loudness is measured, seconds: one gating block, so a clip shorter than a block still gates. */
const LOUDNESS_TAIL_SECONDS = 0.4;
/** A result whose peak jumps by more than this after a change gets a warning, dB. */
const RENDER_JUMP_WARNING_DB = 6;

/** What the work needs of the comparison it serves (the Comparison part). */
export interface SlotHost {
  readonly slots: readonly Slot[];
  readonly reference: Slot | undefined;
  readonly heard: string;
  readonly difference: readonly [string, string];
  readonly compensateHiddenMakeup: boolean;
  readonly showDifference: boolean;
  readonly peaks: Record<string, number>;
  slot(id: string): Slot | undefined;
  matchDb(s: Slot): number;
  setOffset(id: string, seconds: number): void;
}

export class SlotWork {
  /** The null test X − Y on the timeline (computed while its view is shown). */
  differenceBuffer = $state.raw<AudioBuffer | null>(null);
  /** −1 when Y comes out polarity-inverted relative to X: the null test then adds them. */
  polarity = $state<1 | -1>(1);
  /** Figures of every slot and IR (computed in a worker after every render). */
  readonly measurements = new MeasurementsState(() => this.c.slots.some((s) => s.rendering));
  /** A room-tone bed under one slot (class demo). */
  private bed: { buffer: AudioBuffer; levelDb: number; slotId: string } | null = null;
  private readonly peaks = new PeakCache();
  /** The null test being worked out: a newer pair (or render, or offset) cancels it. */
  private nullTest = new AbortController();

  constructor(
    private readonly c: SlotHost,
    private readonly library: Library,
    private readonly engine: EngineHost,
    private readonly notes: Notifications,
  ) {}

  private get player(): SlotPlayer | null {
    return this.engine.player;
  }

  /** Sample peak of what the slot plays (its result, or its source before that), dBFS: read once per buffer (−∞ while a long one is read). */
  peakDb(s: Slot): number {
    const b = s.rendered ?? s.audio;
    return b ? this.peaks.db(b) : -Infinity;
  }

  /** The slot's sound is made by a render (processing, or the class demo's bed under it); a dry slot's is its source. */
  rendersAudio(s: Slot): boolean {
    return s.processed || this.bed?.slotId === s.id;
  }

  /** The sample a slot plays: its own, or the one of the slot it follows. */
  sampleOf(s: Slot): string {
    const target = followedSlot(s.source);
    return target ? (this.c.slot(target)?.source ?? '') : s.source;
  }

  /** A slot as a blind test's export records it: its setup with the names of its source and space, and its match gain. */
  describe(s: Slot): Record<string, unknown> {
    const ir = s.settings.reverb.enabled ? { ir: this.library.titleOf(s.settings.reverb.irId) } : {};
    return { ...s.setup(), sourceTitle: this.library.titleOf(this.sampleOf(s)), ...ir, matchDb: this.c.matchDb(s) };
  }

  /** The gain that cancels the browser compressor's hidden makeup at a slot's settings. */
  compensationDb(s: Slot): number {
    return this.c.compensateHiddenMakeup ? -s.hiddenMakeupDb : 0;
  }

  /**
   * Decode every slot's source and IR and put them in the player (when it is up); the
   * renders start and run on (a dry slot is shown at once, a processed one once rendered).
   */
  async loadAll(): Promise<void> {
    await Promise.all(this.c.slots.map((s) => this.decode(s)));
    await Promise.all(this.c.slots.map((s) => this.updateCompensation(s)));
    const player = this.player;
    if (player) this.attach(player);
    for (const s of this.c.slots) void s.renders.now();
  }

  /** Give a freshly built player every slot as it stands. */
  attach(player: SlotPlayer): void {
    for (const s of this.c.slots) {
      player.removeSlot(s.id);
      player.addSlot(s.id, cloneSettings(s.settings), s.settings.reverb.enabled ? s.ir : null, this.compensationDb(s));
      player.setSource(s.id, s.audio, s.offset);
      player.setTrim(s.id, s.trimDb, 0);
      player.setMatch(s.id, this.c.matchDb(s), 0);
    }
    player.setDifference(...this.c.difference, this.polarity);
    player.select(this.c.heard, 0);
    if (this.bed) player.setBed(this.bed.buffer, this.bed.levelDb, this.bed.slotId);
  }

  async added(s: Slot): Promise<void> {
    // In the player at once (silent until decoded): anything done to the slot meanwhile has somewhere to go.
    this.player?.addSlot(s.id, cloneSettings(s.settings), null, this.compensationDb(s));
    this.player?.setTrim(s.id, s.trimDb, 0);
    await this.decode(s);
    await this.updateCompensation(s);
    if (this.c.slots.includes(s)) {
      if (s.settings.reverb.enabled && s.ir)
        this.player?.setImpulseResponse(s.id, s.ir, cloneSettings(s.settings), this.compensationDb(s), 0);
      else this.player?.applySettings(s.id, cloneSettings(s.settings), this.compensationDb(s));
      this.player?.setSource(s.id, s.audio, s.offset);
    }
    await s.renders.now();
  }

  dropped(s: Slot): void {
    this.player?.removeSlot(s.id);
    if (this.bed?.slotId === s.id) this.setRoomTone(null);
    this.matchLevels();
    this.measure();
  }

  /** A slot's source changed: it, and every slot that follows it, load and render anew. */
  async sourceChanged(s: Slot): Promise<void> {
    const affected = this.c.slots.filter((o) => o === s || followedSlot(o.source) === s.id);
    await Promise.all(
      affected.map(async (o) => {
        o.rendered = null;
        await this.decode(o);
        this.player?.setSource(o.id, o.audio, o.offset);
        await o.renders.now();
      }),
    );
  }

  settingsChanged(s: Slot): void {
    this.player?.applySettings(s.id, cloneSettings(s.settings), this.compensationDb(s));
    // A slot that gains a reverb needs its IR loaded (dry slots never load one).
    if (s.settings.reverb.enabled && !s.ir) void this.impulseResponseChanged(s);
    s.renders.schedule();
    void this.updateCompensation(s).then((changed) => {
      if (!changed) return;
      this.player?.applySettings(s.id, cloneSettings(s.settings), this.compensationDb(s));
      s.renders.schedule();
    });
  }

  async impulseResponseChanged(s: Slot): Promise<void> {
    const id = s.settings.reverb.irId;
    try {
      const ir = await asAudioBuffer(await this.library.decode(id));
      if (s.settings.reverb.irId !== id) return;
      s.ir = ir;
      this.player?.setImpulseResponse(s.id, ir, cloneSettings(s.settings), this.compensationDb(s));
      s.renders.schedule();
    } catch (err) {
      this.notes.report(err);
    }
  }

  /** A slot's trim changed: heard at once; peaks follow; the null test too if it is in it. */
  levelsChanged(s: Slot): void {
    this.player?.setTrim(s.id, s.trimDb);
    if (this.c.difference.includes(s.id)) this.pairChanged();
  }

  /** A slot moved on the timeline. */
  placed(s: Slot): void {
    this.player?.setSource(s.id, s.audio, s.offset);
    if (this.c.difference.includes(s.id)) this.pairChanged();
  }

  /** Every slot's matching gain to the reference, heard at once. */
  matchLevels(): void {
    for (const s of this.c.slots) this.player?.setMatch(s.id, this.c.matchDb(s));
  }

  /** The null test's pair, polarity or view changed: the engine and the drawn difference follow once worked out in steps. */
  pairChanged(): void {
    this.nullTest.abort();
    const stop = (this.nullTest = new AbortController());
    this.differenceBuffer = null;
    const [x, y] = this.c.difference.map((id) => this.c.slot(id));
    if (!x?.rendered || !y?.rendered) {
      this.player?.setDifference(this.c.difference[0], this.c.difference[1], this.polarity);
      return;
    }
    this.runNullTest(x, y, x.rendered.sampleRate, stop.signal).catch((err: unknown) => {
      if (!stop.signal.aborted) this.notes.report(err);
    });
  }

  private async runNullTest(x: Slot, y: Slot, sampleRate: number, signal: AbortSignal): Promise<void> {
    const px = await this.placed_(x, signal);
    const py = await this.placed_(y, signal);
    const polarity = await placedPolarityInSteps(px, py, signal);
    if (polarity !== this.polarity && polarity < 0) {
      this.notes.notify(
        'info',
        `${y.label} comes out polarity-inverted relative to ${x.label}; the null test adds them.`,
        undefined,
        ABOUT_COMPARISON,
      );
    }
    this.polarity = polarity;
    this.player?.setDifference(x.id, y.id, polarity);
    // Drawn only while shown: on a long clip it is one more full copy.
    if (this.c.showDifference) this.differenceBuffer = await placedDifferenceBuffer(px, py, sampleRate, { polarity, signal });
  }

  /**
   * Measure every slot's result (and IR) in the worker, by label: a dry slot's file at its own
   * rate (resampling moves peaks), each gated with the matching's silence after it (as the Listening panel).
   */
  measure(): void {
    const items: Record<string, MeasureItem | null> = {};
    for (const s of this.c.slots) {
      const native = s.processed ? undefined : this.library.nativeOf(this.sampleOf(s));
      const audio = native ?? s.making ?? s.rendered;
      items[s.label] = audio ? withSilenceAfter(audio, LOUDNESS_TAIL_SECONDS) : null;
      if (s.settings.reverb.enabled && s.ir) items[`${s.label} · IR`] = { audio: s.ir };
    }
    this.measurements.update(items);
  }

  /** Align slot `id` to the reference and set its offset (align-client.ts). */
  async align(id: string): Promise<void> {
    await (await import('./align-client')).alignSlot(this.c, this.notes, id);
  }

  /** Slot `s`'s render has its first `frames` frames written into `b`: its measurement reads them as they come. */
  private written(s: Slot, b: AudioBuffer, frames: number): void {
    this.measurements.written(b, frames);
    if (s.making === b) return;
    s.making = b;
    this.measure();
  }

  /** A room-tone bed under slot `slotId` (class demo), heard live and added to its render; null removes it. */
  setRoomTone(bed: { buffer: AudioBuffer; levelDb: number; slotId: string } | null): void {
    const was = this.bed;
    this.bed = bed;
    this.player?.setBed(bed?.buffer ?? null, bed?.levelDb ?? 0, bed?.slotId);
    for (const id of new Set([was?.slotId, bed?.slotId])) if (id) this.c.slot(id)?.renders.schedule();
  }

  /**
   * Render a slot (a dry one is its source) and land the result if it is still the newest
   * request. The render runs in workers (cancelled through `run.signal`, progress through
   * `run.progress`) and brings B's peak and loudness with it: no pass over B here.
   */
  async render(s: Slot, run: RenderRun): Promise<void> {
    const audio = s.audio;
    if (!audio) return;
    let out = audio;
    let measured: { peak: number; loudness: number | null } | null = null;
    const bed = this.bed?.slotId === s.id ? this.bed : null;
    let started = 0;
    let making: AudioBuffer | null = null;
    if (s.processed || bed) {
      // A clip read from its file is made whole for the browser's compressor, for as long as the render runs. It is
      // read while the first waveform draws and Tone.js loads (bench figure 12: the read took as long as they did).
      const whole = asAudioBuffer(audio, run.signal);
      whole.catch(() => {}); // its failure is the render's, awaited below
      // Tone.js (the renderer) loads after the first waveform is drawn: it would delay it.
      await firstWaveformDrawn(FIRST_WAVEFORM_WAIT_MS);
      run.signal.throwIfAborted();
      const { renderProcessedFast } = await loadEngine();
      started = performance.now();
      const result = await renderProcessedFast(
        await whole,
        s.settings.reverb.enabled ? s.ir : null,
        cloneSettings(s.settings),
        this.compensationDb(s),
        {
          signal: run.signal,
          onProgress: (f) => (run.progress(f), this.notes.announcer.rendering(s.label, f)),
          loudnessTailSeconds: LOUDNESS_TAIL_SECONDS,
          // Measured as it is written (not with a bed: that is added afterwards).
          ...(bed ? {} : { onWritten: (b: AudioBuffer, frames: number) => this.written(s, (making = b), frames) }),
        },
      ).catch((err: unknown) => {
        // Nothing waits for a render that will not land: its slot is measured as it stands.
        if (making && s.making === making) {
          s.making = null;
          this.measure();
        }
        throw err;
      });
      out = result.buffer;
      // The bed is added after the render: its figures are the buffer's, measured afterwards.
      if (bed) addBed(channelViews(out), channelViews(bed.buffer), bed.levelDb);
      else measured = result;
    } else if (run.current() && this.c.slots.includes(s)) {
      // A dry slot is its source: shown and measured at once. Its peak and loudness (the matching gains) are the analysis
      // worker's, unless that measures the file at its own rate: then the render workers measure what is heard, as a bed's.
      s.rendered = audio;
      this.measure();
      if (!this.library.nativeOf(this.sampleOf(s))) measured = await this.measurements.levelsOf(audio, LOUDNESS_TAIL_SECONDS, run.signal);
    }
    measured ??= await (
      await import('../render/measure-in-workers')
    ).measureInWorkers(await asAudioBuffer(out, run.signal), {
      signal: run.signal,
      loudnessTailSeconds: LOUDNESS_TAIL_SECONDS,
    });
    if (!run.current() || !this.c.slots.includes(s)) return;
    markStartup(`landed ${s.label}`);
    const before = this.c.peaks[s.id];
    this.peaks.set(out, toDb(measured.peak));
    s.rendered = out;
    if (s.making === out) s.making = null;
    if (out !== audio) this.notes.announcer.rendered(s.label, (performance.now() - started) / 1000);
    s.loudness = measured.loudness;
    this.matchLevels();
    const jump = this.c.peaks[s.id] - before;
    if (this.c.heard === s.id && Number.isFinite(jump) && Math.abs(jump) > RENDER_JUMP_WARNING_DB) {
      this.notes.notify(
        'warning',
        `That change moved ${s.label}'s peak level by ${jump > 0 ? '+' : ''}${jump.toFixed(1)} dB — mind your ears.`,
        undefined,
        ABOUT_COMPARISON,
      );
    }
    if (this.c.difference.includes(s.id)) this.pairChanged();
    this.measure();
  }

  dispose(): void {
    this.measurements.dispose();
  }

  private placed_(s: Slot, signal: AbortSignal): Promise<Placed> {
    return placedClip(s.rendered!, s.offset, s.trimDb, signal);
  }

  /**
   * Decode a slot's source and IR. One that can no longer be used (a stored file that no
   * longer decodes, a sample gone) is replaced by the lab's default, with the reason: the
   * slot keeps working rather than staying silent.
   */
  private async decode(s: Slot): Promise<void> {
    const source = this.sampleOf(s);
    s.audio = await this.library.decodeOrDefault(source, 'clip', (id) => {
      const owner = this.c.slot(followedSlot(s.source) ?? '') ?? s;
      if (owner.source === source) owner.source = id;
    });
    if (s.settings.reverb.enabled) {
      // The source is shown now; the IR (up to 1 MB to fetch and check) waits for the first waveform.
      await firstWaveformDrawn(FIRST_WAVEFORM_LATEST_MS);
      const irId = s.settings.reverb.irId;
      const ir = await this.library.decodeOrDefault(irId, 'impulse-response', (id) => {
        if (s.settings.reverb.irId === irId) s.settings.reverb.irId = id;
      });
      s.ir = ir && (await asAudioBuffer(ir));
    }
  }

  /** Measure the hidden makeup at the slot's compressor settings; true when it changed. */
  private async updateCompensation(s: Slot): Promise<boolean> {
    const measured = await hiddenMakeupDb(s.settings.compressor);
    if (measured === s.hiddenMakeupDb) return false;
    s.hiddenMakeupDb = measured;
    return true;
  }
}
