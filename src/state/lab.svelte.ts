/**
 * The lab's state, composed of parts with one job each (see README, Architecture):
 * notifications, library (samples, imports, decoding), engine (Tone.js, loaded late),
 * transport (play, seek, loop, zoom), comparison (what is compared and how, renders,
 * fair levels, null test, measurements) and demo. This root builds them, wires what
 * crosses parts, restores the session and keeps it (session-store.ts is the only code
 * that touches IndexedDB and the URL). Components read the parts' fields and call their
 * methods; they never assign fields and never talk to the audio engine themselves.
 */
import type { UserSampleKind } from './session-store';
import { loadSession, readAddress, SessionWriter } from './session-store';
import { cloneSettings, defaultSettings } from '../audio/settings';
import { findSample } from '../samples/catalog';
import type { StoredSession } from '../schema/session';
import { SESSION_VERSION } from '../schema/session-version';
import { Comparison } from './comparison.svelte';
import { Demo } from './demo.svelte';
import { EngineHost } from './engine-host.svelte';
import type { IrSink } from './ir-result';
import { Library, pickDefault } from './library.svelte';
import { Notifications, type MessageLevel } from './notifications.svelte';
import { Transport } from './transport.svelte';
import { encodeComparison, idsInAddress } from './url-state';

export type { PickerEntry } from './library.svelte';
export type { Message, MessageAction, MessageLevel } from './notifications.svelte';

/** The clip the lab opens with: the story starts with the canned shot… */
const DEFAULT_CLIP_ID = 'gm-gunshot-canned';
/** …heard among the towers of a narrow downtown street. */
const DEFAULT_IR_ID = 'ir-canyon-narrow';

const bundled = (id: string) => Boolean(findSample(id));

export class LabState implements IrSink {
  readonly notifications = new Notifications();
  readonly library = new Library(this.notifications);
  readonly engine = new EngineHost();
  readonly transport: Transport;
  readonly comparison: Comparison;
  readonly demo: Demo;

  /** restore(), started by beginLoading() or init(), whichever runs first. */
  private restoring: Promise<void> | null = null;
  /** The session as restored (JSON): kept again only once something differs from it. */
  private restored = $state<string | null>(null);
  private readonly writer = new SessionWriter((err) => this.notifications.report(err));
  private readonly stopKeeping: () => void;

  constructor() {
    this.transport = new Transport(this.engine, this.notifications, () => this.comparison.timeline);
    this.comparison = new Comparison(this.library, this.engine, this.transport, this.notifications);
    this.demo = new Demo(this.library, this.comparison, this.transport, this.engine, this.notifications);
    this.comparison.configure(pickDefault('clip', DEFAULT_CLIP_ID), defaultSettings(pickDefault('impulse-response', DEFAULT_IR_ID)));
    this.library.onAddedLater = (id, kind) => this.use(id, kind);
    this.stopKeeping = this.keepSession();
  }

  /**
   * Start what init() needs and the UI does not, while the UI mounts: reading IndexedDB
   * (100–300 ms in a fresh browser profile) and fetching and decoding the bundled clip
   * and IR the page will most likely open with (a comparison shared in the URL, else the
   * defaults). The second is a guess: a clip remembered in this browser replaces it, at
   * the cost of one small download. Bench figure 2 measures the gain.
   */
  beginLoading(): void {
    const shared = idsInAddress(readAddress());
    const guess = shared.clipId && bundled(shared.clipId) ? shared : { clipId: this.comparison.clipId, irId: null };
    for (const id of [guess.clipId, guess.irId ?? this.comparison.settings.reverb.irId])
      if (id && bundled(id)) this.library.decode(id).catch(() => {});
    this.restoring ??= this.restore();
  }

  /**
   * Restore what the user had (their samples, the last settings — or a comparison
   * shared in the URL, which wins), load the clip and IR, build the engine, render B.
   */
  async init(): Promise<void> {
    const { comparison, library, engine } = this;
    comparison.setLoading(true);
    try {
      await (this.restoring ??= this.restore());
      const pendingIr = library.decode(comparison.settings.reverb.irId);
      pendingIr.catch(() => {}); // reported below, once awaited
      // Show A as soon as it is decoded; the IR, then the engine (Tone.js), come after.
      const clip = await library.decode(comparison.clipId);
      await comparison.replace({ clipId: comparison.clipId, settings: comparison.settings, clip, ir: await pendingIr });
      const player = await engine.start(cloneSettings(comparison.settings), comparison.impulseResponse);
      this.transport.attach(player);
      comparison.attach(player, clip);
      engine.markReady(); // a waiting scene now replaces the clip and settings set above
      await comparison.updateCompensation();
      await comparison.renderNow();
    } catch (err) {
      this.notifications.report(err);
    } finally {
      engine.markReady(); // also when init failed: waiters then find no player and stop
      comparison.setLoading(false);
    }
  }

  /** Bring in the user's files (decoded, checked, kept) and use the last one. */
  async addFiles(files: readonly File[], kind: UserSampleKind): Promise<void> {
    const id = await this.library.addFiles(files, kind);
    if (id) await this.use(id, kind);
  }

  /** Add audio made in the lab (a recording, a captured IR) as the user's own. */
  async addRecording(bytes: ArrayBuffer, name: string, kind: UserSampleKind): Promise<void> {
    await this.addFiles([new File([bytes], name)], kind);
  }

  /** Forget one of the user's samples; what used it goes back to the default. */
  async removeUserSample(id: string): Promise<void> {
    await this.library.remove(id);
    if (this.comparison.clipId === id) await this.comparison.selectClip(pickDefault('clip', DEFAULT_CLIP_ID));
    if (this.comparison.settings.reverb.irId === id) {
      await this.comparison.selectImpulseResponse(pickDefault('impulse-response', DEFAULT_IR_ID));
    }
  }

  /**
   * Put an IR made in the lab into the reverb at once (turning the reverb on), listed as
   * `title` until the page is left; the same `id` again replaces it.
   */
  async useImpulseResponse(id: string, title: string, buffer: AudioBuffer): Promise<void> {
    const kept = this.library.keepSessionIr(id, title, buffer);
    if (!this.comparison.settings.reverb.enabled) this.comparison.changeSettings((s) => (s.reverb.enabled = true));
    await this.comparison.selectImpulseResponse(id);
    await kept;
  }

  notify(level: MessageLevel, text: string): void {
    this.notifications.notify(level, text);
  }

  dispose(): void {
    this.stopKeeping();
    this.writer.dispose();
    this.engine.dispose();
    this.transport.dispose();
    this.comparison.dispose();
  }

  private async use(id: string, kind: UserSampleKind): Promise<void> {
    if (kind === 'clip') await this.comparison.selectClip(id);
    else await this.comparison.selectImpulseResponse(id);
  }

  private async restore(): Promise<void> {
    const { comparison, library, transport } = this;
    // The schema (valibot) is not needed to draw the first waveform: it loads meanwhile.
    const [raw, { restoreSession }, { parseComparison }] = await Promise.all([
      loadSession(),
      import('../schema/session'),
      import('../schema/shared-comparison'),
      library.restore(),
    ]);
    const restored = restoreSession(raw, this.snapshot());
    await library.restoreSessionIr(restored?.session.settings.reverb.irId);
    if (restored) {
      const { session, note } = restored;
      if (note) this.notifications.notify('warning', note);
      const settings = cloneSettings(session.settings);
      const gone = [session.clipId, settings.reverb.irId].filter((id) => !library.known(id));
      if (gone.length)
        this.notifications.notify(
          'info',
          `What you used last time (${gone.join(', ')}) is no longer in this browser: the lab's default is back.`,
        );
      if (!library.known(settings.reverb.irId)) settings.reverb.irId = comparison.settings.reverb.irId;
      comparison.configure(library.known(session.clipId) ? session.clipId : comparison.clipId, settings, session);
      transport.setOutputLevel(session.outputLevelDb);
    }
    // A shared comparison in the URL wins over what this browser remembered.
    const current = { clipId: comparison.clipId, settings: cloneSettings(comparison.settings) };
    const shared = parseComparison(readAddress(), current, bundled);
    if (shared) comparison.configure(shared.clipId, shared.settings);
    this.restored = JSON.stringify(this.snapshot());
  }

  /** What is kept across reloads. */
  private snapshot(): StoredSession {
    const c = this.comparison;
    return {
      version: SESSION_VERSION,
      clipId: c.clipId,
      settings: cloneSettings(c.settings),
      loudnessMatching: c.loudnessMatching,
      compensateHiddenMakeup: c.compensateHiddenMakeup,
      crossfade: c.crossfade,
      outputLevelDb: this.transport.outputLevelDb,
    };
  }

  /**
   * Keep the session (IndexedDB) and, when it is all bundled samples, share it in the
   * URL — whenever it changes after the restore. Not during the class demo: a scene's
   * settings are the scene's, and the demo keeps its own address (#demo-N).
   */
  private keepSession(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const session = this.snapshot();
        if (this.restored === null || this.demo.active) return;
        const key = JSON.stringify(session);
        if (key === this.restored) return; // nothing new since the restore
        const shareable = bundled(session.clipId) && bundled(session.settings.reverb.irId);
        this.writer.schedule(session, shareable ? `#${encodeComparison(session)}` : '');
      });
    });
  }
}
