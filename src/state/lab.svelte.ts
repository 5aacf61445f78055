/**
 * The lab's state, in one place. Components read these fields and call these methods;
 * they never talk to the audio engine themselves. Audio buffers are `$state.raw`:
 * Svelte must not wrap megabytes of samples in proxies.
 */
import type { ABPlayer, LoopRange, Side } from '../audio/player';
import { AudioInputError, checkFile, decodeAudio, fetchAndDecode } from '../audio/decode';
import { MAX_IR_SECONDS, validateImpulseResponse } from '../capture/validate';
import { trimToSeconds } from '../capture/shape';
import { encodeWav } from '../codec/wav';
import { hiddenMakeupDb } from '../audio/compressor-makeup';
import { AB_CROSSFADE_SECONDS, RERENDER_DEBOUNCE_MS } from '../audio/constants';
import { cloneSettings, defaultSettings, type ChainSettings } from '../audio/settings';
import { difference, relativePolarity } from '../analysis/null-test';
import { samplePeak, toDb } from '../analysis/levels';
import { asHeardInStereo, integratedLoudness, padTo } from '../analysis/loudness';
import { findSample, samplesOfKind, type CatalogEntry } from '../samples/catalog';
import { MeasurementsState } from './measurements.svelte';
import {
  StorageError,
  deleteUserSample,
  listUserSamples,
  loadSettings,
  loadUserSampleBytes,
  loadValue,
  saveSettings,
  saveUserSample,
  saveValue,
  type UserSampleKind,
  type UserSampleMeta,
} from './persistence';
import { encodeComparison, parseComparison } from './url-state';
import { FIRST_WAVEFORM_WAIT_MS, firstWaveformDrawn } from './first-waveform';

/** Tone.js and everything built on it, fetched after the first waveform is drawn (see engine.ts). */
const loadEngine = () => import('../audio/engine');
import type { Scene } from '../demo/scene-format';
import { addBed } from '../audio/room-tone';
import { bufferOf, channelViews } from '../audio/buffer-channels';

/** Ids of IRs made in the lab and not saved to the user's samples (`session:captured`, `session:designed`). */
const SESSION_ID_PREFIX = 'session:';
const sessionIrKey = (id: string) => `in-use:${id}`;
/** An unsaved IR in use, as kept in IndexedDB (typed arrays are stored as they are). */
interface StoredSessionIr {
  title: string;
  sampleRate: number;
  channels: Float32Array<ArrayBuffer>[];
}

export type MessageLevel = 'info' | 'warning' | 'error';
export interface Message {
  id: number;
  level: MessageLevel;
  text: string;
  /** Choices offered with the message (e.g. "Trim to 20 s"); choosing one dismisses it. */
  actions?: MessageAction[];
}
export interface MessageAction {
  label: string;
  run: () => void | Promise<void>;
}

/** The clip the lab opens with: the story starts with the canned shot. */
const DEFAULT_CLIP_ID = 'gm-gunshot-canned';
/** …heard among the towers of a narrow downtown street. */
const DEFAULT_IR_ID = 'ir-canyon-narrow';
/** A level jump bigger than this between what is heard now and next gets a warning. */
export const LEVEL_JUMP_WARNING_DB = 6;
/** Output peaks above this get a warning (the limiter engages at the same ceiling). */
export const OUTPUT_WARNING_DBFS = -1;

/** One line of a clip or IR picker: a bundled sample or one the user brought. */
export interface PickerEntry {
  id: string;
  title: string;
  illustrates: string;
  license: string;
  user: boolean;
}

/** What is kept across reloads (IndexedDB) besides the user's own audio. */
interface StoredState {
  clipId: string;
  settings: ChainSettings;
  loudnessMatching: boolean;
  compensateHiddenMakeup: boolean;
  crossfade: number;
  outputLevelDb: number;
}

const USER_PREFIX = 'user:';
const bundledEntry = (e: CatalogEntry): PickerEntry => ({
  id: e.id,
  title: e.title,
  illustrates: e.illustrates,
  license: e.license,
  user: false,
});
const userEntry = (m: UserSampleMeta): PickerEntry => ({
  id: m.id,
  title: `${m.name} (yours)`,
  illustrates: `Your ${m.kind === 'clip' ? 'clip' : 'impulse response'}, added ${new Date(m.addedAt).toLocaleString()}.`,
  license: 'yours',
  user: true,
});

export class LabState {
  /** What the user brought (files, recordings, captured IRs), restored from IndexedDB. */
  userSamples = $state<UserSampleMeta[]>([]);
  readonly clips: PickerEntry[] = $derived([
    ...samplesOfKind('clip').map(bundledEntry),
    ...this.userSamples.filter((m) => m.kind === 'clip').map(userEntry),
  ]);
  /**
   * IRs made in the lab (captured, designed) and in use before or without saving. The one
   * in use is kept in IndexedDB too, so a reload comes back to the same reverb.
   */
  sessionIrs = $state<PickerEntry[]>([]);
  readonly impulseResponses: PickerEntry[] = $derived([
    ...samplesOfKind('impulse-response').map(bundledEntry),
    ...this.userSamples.filter((m) => m.kind === 'impulse-response').map(userEntry),
    ...this.sessionIrs,
  ]);
  /** A file being read and decoded: its name and how far reading got (0–1). */
  importing = $state<{ name: string; fraction: number } | null>(null);

  clipId = $state('');
  settings = $state<ChainSettings>(defaultSettings(''));
  original = $state.raw<AudioBuffer | null>(null);
  processed = $state.raw<AudioBuffer | null>(null);
  impulseResponse = $state.raw<AudioBuffer | null>(null);
  loading = $state(false);
  rendering = $state(false);
  playing = $state(false);
  position = $state(0);
  /** What the listener hears. In ABX mode the engine may route X elsewhere; this stays what the UI shows. */
  side = $state<Side>('A');
  /** The browser has not let audio start yet: a click or key press is needed. */
  needsGesture = $state(false);
  messages = $state<Message[]>([]);

  /** A/B switch crossfade, seconds. */
  crossfade = $state(AB_CROSSFADE_SECONDS);
  /** Loop region (applies to both sides) and whether looping is on. */
  loop = $state<LoopRange | null>(null);
  loopEnabled = $state(false);
  /** Waveform zoom, pixels per second; 0 fits the whole timeline. Shared by every view. */
  zoom = $state(0);
  /** Left edge of the visible window, seconds, shared so the views scroll together. */
  scrollTime = $state(0);
  /** Show the null test (A − B) view. */
  showDifference = $state(false);
  /** Output level before the limiter, dB. */
  outputLevelDb = $state(-6);
  /** Peak output level of the last frame, dBFS (after the limiter). */
  outputPeakDb = $state(-Infinity);

  /** Take the browser compressor's hidden makeup gain off (on by default: honest A/B). */
  compensateHiddenMakeup = $state(true);
  /** The browser compressor's hidden makeup at the current settings, dB (measured). */
  hiddenMakeupDb = $state(0);

  /** A − B of the rendered B (polarity-corrected): what the processing added or removed. */
  differenceBuffer = $state.raw<AudioBuffer | null>(null);
  /** −1 when B came out polarity-inverted relative to A. */
  polarity = $state<1 | -1>(1);

  /** Common time axis of all views: the clip plus the reverb tail. */
  readonly timeline = $derived((this.original?.duration ?? 0) + (this.impulseResponse?.duration ?? 0));
  /** Match B's integrated loudness to A's (BS.1770) so louder cannot win: on by default. */
  loudnessMatching = $state(true);
  /** Integrated loudness of A and of the rendered B, LUFS (null until measured or when too quiet to gate). */
  loudnessA = $state<number | null>(null);
  loudnessB = $state<number | null>(null);
  /** Gain applied to B alone (loudness matching), dB. */
  readonly trimBDb = $derived(
    this.loudnessMatching && this.loudnessA !== null && this.loudnessB !== null ? this.loudnessA - this.loudnessB : 0,
  );
  /** Sample peaks of what each side would play, dBFS (B after its trim). */
  readonly peaks = $derived({
    A: this.original ? toDb(samplePeak(channelViews(this.original))) + this.outputLevelDb : -Infinity,
    B: this.processed ? toDb(samplePeak(channelViews(this.processed))) + this.trimBDb + this.outputLevelDb : -Infinity,
  });

  /** Figures of A, B and the IR (computed in a worker after every render). */
  readonly measurements = new MeasurementsState();

  private player: ABPlayer | null = null;
  /**
   * Settles once init() has built the player, or has failed to. A promise made up front,
   * not when init() gets to the engine: a scene opened from the address (#demo-2) asks
   * for it while init() is still reading IndexedDB and decoding.
   */
  private engineSettled: () => void = () => {};
  private readonly engineLoaded = new Promise<void>((resolve) => (this.engineSettled = resolve));
  private readonly decoded = new Map<string, Promise<AudioBuffer>>();
  private renderTimer: ReturnType<typeof setTimeout> | null = null;
  private renderGeneration = 0;
  private frame = 0;
  private nextMessageId = 1;

  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  /** restore(), started by beginLoading() or init(), whichever runs first. */
  private restoring: Promise<void> | null = null;

  constructor() {
    this.clipId = pickDefault(samplesOfKind('clip'), DEFAULT_CLIP_ID);
    this.settings = defaultSettings(pickDefault(samplesOfKind('impulse-response'), DEFAULT_IR_ID));
  }

  /**
   * Restore what the user had (their samples, the last settings — or a comparison
   * shared in the URL, which wins), load the clip and IR, build the engine, render B.
   */
  async init(): Promise<void> {
    this.loading = true;
    try {
      await (this.restoring ??= this.restore());
      const pendingIr = this.decode(this.settings.reverb.irId);
      pendingIr.catch(() => {}); // reported below, once awaited
      // Show A as soon as it is decoded; the IR, then the engine (Tone.js), come after.
      const clip = await this.decode(this.clipId);
      this.original = clip;
      const ir = await pendingIr;
      this.impulseResponse = ir;
      const { ABPlayer } = await firstWaveformDrawn(FIRST_WAVEFORM_WAIT_MS).then(loadEngine);
      this.player = new ABPlayer(cloneSettings(this.settings), ir);
      this.player.onEnded = () => this.onEnded();
      this.player.setOutputLevel(this.outputLevelDb);
      this.player.setClip(clip);
      this.player.select(this.side, 0); // A or B may have been picked while the engine loaded
      this.player.setLoop(this.loopEnabled ? this.loop : null);
      this.engineSettled(); // a waiting scene now replaces the clip and settings set above
      void this.checkSoundAllowed();
      await this.updateCompensation();
      await this.renderNow();
    } catch (err) {
      this.report(err);
    } finally {
      this.engineSettled(); // also when init failed: waiters then find no player and stop
      this.loading = false;
    }
  }

  /**
   * Start what init() needs and the UI does not, while the UI mounts: reading IndexedDB
   * (100–300 ms in a fresh browser profile) and fetching and decoding the bundled clip
   * and IR the page will most likely open with (a comparison shared in the URL, else the
   * defaults). The second is a guess: a clip remembered in this browser replaces it, at
   * the cost of one small download. Bench figure 2 measures the gain.
   */
  beginLoading(): void {
    const known = (id: string) => Boolean(findSample(id));
    const guess = parseComparison(location.hash, { clipId: this.clipId, settings: this.settings }, known) ?? {
      clipId: this.clipId,
      settings: this.settings,
    };
    for (const id of [guess.clipId, guess.settings.reverb.irId]) if (known(id)) this.decode(id).catch(() => {});
    this.restoring ??= this.restore();
  }

  async selectClip(id: string): Promise<void> {
    if (id === this.clipId && this.original) return;
    this.clipId = id;
    this.persist();
    this.loading = true;
    try {
      const clip = await this.decode(id);
      if (this.clipId !== id) return; // the user picked another one meanwhile
      this.pauseUi();
      this.player?.setClip(clip);
      this.position = 0;
      this.loop = null;
      this.loopEnabled = false;
      this.original = clip;
      this.processed = null;
      this.differenceBuffer = null;
      await this.renderNow();
    } catch (err) {
      this.report(err);
    } finally {
      this.loading = false;
    }
  }

  async selectImpulseResponse(id: string): Promise<void> {
    this.settings.reverb.irId = id;
    this.persist();
    try {
      const ir = await this.decode(id);
      if (this.settings.reverb.irId !== id) return;
      this.player?.setImpulseResponse(ir, cloneSettings(this.settings), this.compensationDb);
      this.impulseResponse = ir;
      this.scheduleRender();
    } catch (err) {
      this.report(err);
    }
  }

  /** Change settings: heard at once (ramped), B's view re-rendered after a short pause. */
  changeSettings(mutate: (s: ChainSettings) => void): void {
    mutate(this.settings);
    this.player?.applySettings(cloneSettings(this.settings), this.compensationDb);
    this.scheduleRender();
    void this.updateCompensation();
    this.persist();
  }

  /**
   * Bring in the user's files: read (with progress), decode and check each, keep it in
   * IndexedDB, and select the last one. Problems are reported per file; the rest go on.
   */
  async addFiles(files: readonly File[], kind: UserSampleKind, options: { keepLong?: boolean } = {}): Promise<void> {
    let lastId: string | null = null;
    for (const file of files) {
      try {
        await checkFile(file);
        const bytes = await readWithProgress(file, (fraction) => (this.importing = { name: file.name, fraction }));
        this.importing = { name: file.name, fraction: 1 };
        const isIr = kind === 'impulse-response';
        const { buffer, notes } = await decodeAudio(bytes, file.name, { checkSamples: !isIr });
        if (isIr && !this.checkImpulseResponse(file, buffer, notes, options.keepLong ?? false)) continue;
        const meta: UserSampleMeta = {
          id: `${USER_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
          name: file.name,
          kind,
          addedAt: new Date().toISOString(),
          bytes: bytes.byteLength,
          notes,
        };
        this.decoded.set(meta.id, Promise.resolve(buffer));
        this.userSamples = [...this.userSamples, meta];
        for (const n of notes) this.notify('info', n);
        lastId = meta.id;
        await saveUserSample(meta, bytes).catch((err) => this.report(err));
      } catch (err) {
        this.report(err);
      } finally {
        this.importing = null;
      }
    }
    if (lastId) {
      if (kind === 'clip') await this.selectClip(lastId);
      else await this.selectImpulseResponse(lastId);
    }
  }

  /**
   * Run a user's impulse response through validateImpulseResponse: errors reject it
   * (thrown), warnings go with its notes. One longer than MAX_IR_SECONDS is held back
   * (false) with an offer to trim it or to use it as it is.
   */
  private checkImpulseResponse(file: File, buffer: AudioBuffer, notes: string[], keepLong: boolean): boolean {
    const { problems } = validateImpulseResponse(channelViews(buffer), buffer.sampleRate);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new AudioInputError(`“${file.name}”: ${errors.map((p) => p.message).join(' ')}`);
    const tooLong = keepLong ? undefined : problems.find((p) => p.offer === 'trim');
    notes.push(...problems.filter((p) => p.offer !== 'trim').map((p) => `“${file.name}”: ${p.message}`));
    if (!tooLong) return true;
    const base = file.name.replace(/\.[a-z0-9]+$/i, '');
    this.notify('warning', `“${file.name}”: ${tooLong.message}`, [
      {
        label: `Trim to ${MAX_IR_SECONDS} s`,
        run: () => {
          const trimmed = trimToSeconds(channelViews(buffer), buffer.sampleRate, MAX_IR_SECONDS);
          const wav = encodeWav({ sampleRate: buffer.sampleRate, channels: trimmed }, 'float32');
          return this.addFiles([new File([wav], `${base} (first ${MAX_IR_SECONDS} s).wav`)], 'impulse-response');
        },
      },
      { label: `Use all ${buffer.duration.toFixed(1)} s`, run: () => this.addFiles([file], 'impulse-response', { keepLong: true }) },
    ]);
    return false;
  }

  /**
   * Put an IR made in the lab into the reverb at once (turning the reverb on), listed as
   * `title` until the page is left; the same `id` again replaces it.
   */
  async useImpulseResponse(id: string, title: string, buffer: AudioBuffer): Promise<void> {
    this.listSessionIr(id, title, buffer);
    if (!this.settings.reverb.enabled) this.changeSettings((s) => (s.reverb.enabled = true));
    await this.selectImpulseResponse(id);
    // IndexedDB stores a structured clone: the channels need no copy of their own here.
    const kept: StoredSessionIr = { title, sampleRate: buffer.sampleRate, channels: channelViews(buffer) };
    await saveValue(sessionIrKey(id), kept, 'the impulse response in use').catch((err: Error) => this.notify('warning', err.message));
  }

  private listSessionIr(id: string, title: string, buffer: AudioBuffer): void {
    this.decoded.set(id, Promise.resolve(buffer));
    const entry: PickerEntry = {
      id,
      title,
      illustrates: 'Made in the lab and not saved to your samples: save it to keep it for good.',
      license: 'yours',
      user: false,
    };
    this.sessionIrs = [...this.sessionIrs.filter((e) => e.id !== id), entry];
  }

  /** Add audio made in the lab (a recording, a captured IR) as the user's own. */
  async addRecording(bytes: ArrayBuffer, name: string, kind: UserSampleKind): Promise<void> {
    await this.addFiles([new File([bytes], name)], kind);
  }

  async removeUserSample(id: string): Promise<void> {
    this.userSamples = this.userSamples.filter((m) => m.id !== id);
    this.decoded.delete(id);
    await deleteUserSample(id).catch((err) => this.report(err));
    if (this.clipId === id) await this.selectClip(pickDefault(samplesOfKind('clip'), DEFAULT_CLIP_ID));
    if (this.settings.reverb.irId === id) await this.selectImpulseResponse(pickDefault(samplesOfKind('impulse-response'), DEFAULT_IR_ID));
  }

  setLoudnessMatching(on: boolean): void {
    this.loudnessMatching = on;
    this.player?.setTrimB(this.trimBDb);
    this.persist();
  }

  setCompensateHiddenMakeup(on: boolean): void {
    this.compensateHiddenMakeup = on;
    this.changeSettings(() => {});
  }

  async play(): Promise<void> {
    // Play is offered as soon as A is drawn, which can be a moment before the engine is built.
    if (!this.player) await this.engineLoaded;
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

  /** Switch what is heard (crossfaded, never a restart), warning of a big jump in level. */
  select(side: Side): void {
    if (side !== this.side && side !== 'difference') {
      const jump = Math.abs(this.peaks[side] - this.peaks[this.side === 'difference' ? 'A' : this.side]);
      if (Number.isFinite(jump) && jump > LEVEL_JUMP_WARNING_DB) {
        this.notify('warning', `Switching to ${side} changes the peak level by ${jump.toFixed(1)} dB — mind your ears.`);
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
    this.player?.select(side, this.crossfade);
  }

  seek(seconds: number): void {
    this.player?.seek(seconds);
    this.position = this.player?.position ?? 0;
  }

  /** Seek by a step (arrow keys), staying inside the timeline. */
  nudge(seconds: number): void {
    this.seek(Math.max(0, Math.min(this.timeline, this.position + seconds)));
  }

  /** Set the loop region (drawn on either view); looping turns on with it. */
  setLoop(range: LoopRange | null): void {
    this.loop = range ? { start: Math.min(range.start, range.end), end: Math.max(range.start, range.end) } : null;
    this.loopEnabled = this.loop !== null;
    this.player?.setLoop(this.loopEnabled ? this.loop : null);
    if (this.loop && this.player && this.loop.end > this.player.clipDuration) {
      this.notify('info', 'Loops stay within the clip; the reverb tail after it rings out on its own.');
    }
  }

  toggleLoop(): void {
    if (!this.loop) {
      this.notify('info', 'Drag across a waveform to choose a loop region first.');
      return;
    }
    this.loopEnabled = !this.loopEnabled;
    this.player?.setLoop(this.loopEnabled ? this.loop : null);
  }

  setZoom(pxPerSecond: number): void {
    this.zoom = Math.max(0, pxPerSecond);
  }

  setOutputLevel(db: number): void {
    this.outputLevelDb = db;
    this.player?.setOutputLevel(db);
    this.persist();
  }

  setCrossfade(seconds: number): void {
    this.crossfade = seconds;
    this.persist();
  }

  dismiss(id: number): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  notify(level: MessageLevel, text: string, actions?: MessageAction[]): void {
    // The same message twice in a row is noise, not news.
    if (this.messages.at(-1)?.text === text) return;
    this.messages = [...this.messages, { id: this.nextMessageId++, level, text, ...(actions ? { actions } : {}) }];
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
    this.engineSettled();
    this.clearRoomTone();
    cancelAnimationFrame(this.frame);
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.player?.dispose();
    this.player = null;
    this.measurements.dispose();
  }

  /** The gain that cancels the browser compressor's hidden makeup, when that is wanted. */
  private get compensationDb(): number {
    return this.compensateHiddenMakeup ? -this.hiddenMakeupDb : 0;
  }

  private async updateCompensation(): Promise<void> {
    const c = this.settings.compressor;
    const measured = await hiddenMakeupDb(c);
    if (measured === this.hiddenMakeupDb) return;
    this.hiddenMakeupDb = measured;
    this.player?.applySettings(cloneSettings(this.settings), this.compensationDb);
    this.scheduleRender();
  }

  private async restore(): Promise<void> {
    const [userSamples, stored] = await Promise.all([listUserSamples(), loadSettings<StoredState>()]);
    this.userSamples = userSamples;
    // An unsaved IR made in the lab (captured, designed) that was in use: bring it back as it was.
    const inUse = stored?.settings?.reverb?.irId;
    if (inUse?.startsWith(SESSION_ID_PREFIX)) {
      const kept = await loadValue<StoredSessionIr>(sessionIrKey(inUse));
      if (kept?.channels?.length) this.listSessionIr(inUse, kept.title, bufferOf(kept.channels, kept.sampleRate));
    }
    const known = (id: string) =>
      Boolean(findSample(id)) || this.userSamples.some((m) => m.id === id) || this.sessionIrs.some((e) => e.id === id);
    if (stored) {
      if (known(stored.clipId)) this.clipId = stored.clipId;
      const s = { ...cloneSettings(this.settings), ...stored.settings };
      if (!known(s.reverb.irId)) s.reverb.irId = this.settings.reverb.irId;
      this.settings = cloneSettings(s);
      this.loudnessMatching = stored.loudnessMatching ?? true;
      this.compensateHiddenMakeup = stored.compensateHiddenMakeup ?? true;
      this.crossfade = stored.crossfade ?? AB_CROSSFADE_SECONDS;
      this.outputLevelDb = stored.outputLevelDb ?? this.outputLevelDb;
    }
    // A shared comparison in the URL wins over what this browser remembered.
    const shared = parseComparison(location.hash, { clipId: this.clipId, settings: this.settings }, (id) => Boolean(findSample(id)));
    if (shared) {
      this.clipId = shared.clipId;
      this.settings = shared.settings;
    }
  }

  /** Remember the state (IndexedDB) and, when it is all bundled samples, share it in the URL. */
  private persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      const state: StoredState = {
        clipId: this.clipId,
        settings: cloneSettings(this.settings),
        loudnessMatching: this.loudnessMatching,
        compensateHiddenMakeup: this.compensateHiddenMakeup,
        crossfade: this.crossfade,
        outputLevelDb: this.outputLevelDb,
      };
      saveSettings(state).catch((err) => this.report(err));
      const shareable = Boolean(findSample(this.clipId)) && Boolean(findSample(this.settings.reverb.irId));
      const hash = shareable ? `#${encodeComparison({ clipId: this.clipId, settings: this.settings })}` : '';
      // The class demo keeps its own address (#demo-N), so a reload returns to the scene.
      if (!this.demoActive) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    }, 300);
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
  private roomTone: { buffer: AudioBuffer; levelDb: number } | null = null;

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
      if (!this.player) await this.engineLoaded; // the demo can open before Tone.js has loaded
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
      this.impulseResponse = ir;
      this.original = clip;
      this.processed = null;
      this.differenceBuffer = null;
      this.position = 0;
      this.loop = null;
      this.loopEnabled = false;
      await this.updateCompensation(); // the scene's compressor has its own hidden makeup
      this.player.setImpulseResponse(ir, cloneSettings(this.settings), this.compensationDb);
      this.sceneRegions = scene.regions;
      this.sceneScale = scene.scale;
      this.zoom = scene.zoom;
      this.scrollTime = 0;
      this.select(scene.side);
      if (bed && scene.roomTone) {
        this.roomTone = { buffer: bed, levelDb: scene.roomTone.levelDb };
        this.player.setBed(bed, scene.roomTone.levelDb);
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
    this.zoom = 0;
    this.persist();
  }
  private clearRoomTone(): void {
    this.player?.setBed(null);
    this.roomTone = null;
  }

  private addRoomToneTo(rendered: AudioBuffer): void {
    if (!this.roomTone) return;
    const { buffer, levelDb } = this.roomTone;
    addBed(channelViews(rendered), channelViews(buffer), levelDb);
  }
  // ── end of demo scenes block ───────────────────────────────────────────────────

  private decode(id: string): Promise<AudioBuffer> {
    let pending = this.decoded.get(id);
    if (!pending && id.startsWith(USER_PREFIX)) {
      const meta = this.userSamples.find((m) => m.id === id);
      pending = loadUserSampleBytes(id).then((bytes) => {
        if (!bytes) throw new AudioInputError(`“${meta?.name ?? id}” is no longer in this browser's storage.`);
        return decodeAudio(bytes, meta?.name ?? id, { consume: true }).then((d) => d.buffer);
      });
      pending.catch(() => this.decoded.delete(id));
      this.decoded.set(id, pending);
    }
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
      const { renderProcessed } = await loadEngine();
      const out = await renderProcessed(clip, this.impulseResponse, cloneSettings(this.settings), this.compensationDb);
      this.addRoomToneTo(out); // demo scenes: a bed under B, drawn as heard
      // Only the newest request may land: an older, slower render must not overwrite it.
      if (generation !== this.renderGeneration) return;
      const before = this.peaks.B;
      this.processed = out;
      // Both over B's span: A followed by the silence during which B's tail rings.
      this.loudnessA = measuredLoudness(clip, out.length);
      this.loudnessB = measuredLoudness(out, out.length);
      this.player?.setTrimB(this.trimBDb);
      const jump = this.peaks.B - before;
      if (this.side === 'B' && Number.isFinite(jump) && Math.abs(jump) > LEVEL_JUMP_WARNING_DB) {
        this.notify('warning', `That change moved B's peak level by ${jump > 0 ? '+' : ''}${jump.toFixed(1)} dB — mind your ears.`);
      }
      this.updateDifference(clip, out);
      this.measurements.update({ A: clip, B: out, IR: this.settings.reverb.enabled ? this.impulseResponse : null });
    } catch (err) {
      this.report(err);
    } finally {
      // A change made meanwhile has its render scheduled: B is still not up to date.
      if (generation === this.renderGeneration && !this.renderTimer) this.rendering = false;
    }
  }

  private updateDifference(a: AudioBuffer, b: AudioBuffer): void {
    const ca = channelViews(a);
    const cb = channelViews(b);
    const polarity = relativePolarity(ca, cb);
    if (polarity !== this.polarity) {
      this.polarity = polarity;
      this.player?.setDifferencePolarity(polarity);
      if (polarity < 0) this.notify('info', 'B comes out polarity-inverted relative to A; the null test uses A + B.');
    }
    const diff = difference(ca, cb, polarity);
    const buffer = new AudioBuffer({ length: b.length, numberOfChannels: diff.length, sampleRate: b.sampleRate });
    diff.forEach((d, c) => buffer.copyToChannel(d, c));
    this.differenceBuffer = buffer;
  }

  private tick = (): void => {
    if (!this.player || !this.playing) return;
    this.position = this.player.position;
    this.outputPeakDb = toDb(this.player.outputPeak());
    this.frame = requestAnimationFrame(this.tick);
  };

  private onEnded(): void {
    this.pauseUi();
    this.position = 0;
  }

  private pauseUi(): void {
    this.playing = false;
    this.outputPeakDb = -Infinity;
    cancelAnimationFrame(this.frame);
    if (this.player) this.position = this.player.position;
  }

  private report(err: unknown): void {
    if (err instanceof AudioInputError || err instanceof StorageError) this.notify('error', err.message);
    else this.notify('error', `Something went wrong: ${err instanceof Error ? err.message : String(err)}`);
    console.error(err);
  }
}

/**
 * Integrated loudness as heard on the stereo output over `length` frames, or null when
 * too short or quiet for BS.1770's gates.
 */
function measuredLoudness(b: AudioBuffer, length: number): number | null {
  const l = integratedLoudness(padTo(asHeardInStereo(channelViews(b)), length), b.sampleRate);
  return Number.isFinite(l) ? l : null;
}

/** Read a file with progress (a large file takes a moment even before decoding starts). */
async function readWithProgress(file: File, onProgress: (fraction: number) => void): Promise<ArrayBuffer> {
  if (!file.stream || file.size < 4 << 20) return file.arrayBuffer();
  const out = new Uint8Array(file.size);
  let at = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
    onProgress(at / file.size);
  }
  return out.buffer;
}

function pickDefault(entries: CatalogEntry[], preferred: string): string {
  return entries.find((e) => e.id === preferred)?.id ?? entries[0]?.id ?? '';
}
