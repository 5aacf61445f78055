/**
 * The lab's state, composed of parts with one job each (see README, Architecture):
 * notifications, library (samples, imports, decoding), engine (Tone.js, loaded late),
 * transport (play, seek, loop, zoom), comparison (the slots and how they are heard; its
 * SlotWork loads, renders, matches and measures them) and demo. This root builds them,
 * wires what crosses parts, restores the session and keeps it (session-store.ts is the
 * only code that touches IndexedDB and the URL). Components read the parts' fields and
 * call their methods; they never assign fields and never talk to the audio engine.
 */
import { defaultSettings } from '../audio/settings';
import { defaultComparison, followedSlot } from '../comparison/setup';
import { bundledAs, defaultSample, findSample } from '../samples/catalog';
import type { StoredSession } from '../schema/session';
import { SESSION_VERSION } from '../schema/session-version';
import { Comparison } from './comparison.svelte';
import { Demo } from './demo.svelte';
import { EngineHost } from './engine-host.svelte';
import type { IrSink } from './ir-result';
import { Library } from './library.svelte';
import { Notifications, type MessageLevel } from './notifications.svelte';
import type { UserSampleKind } from './session-store';
import { readAddress, SessionWriter } from './session-store';
import { openingClips, readSession } from './early-loads';
import { Transport } from './transport.svelte';
import { encodeComparison } from './url-state';
import { ViewOptions } from './view-options.svelte';
import { markStartup } from './first-waveform';

export type { PickerEntry } from './library.svelte';
export type { Message, MessageAction, MessageLevel } from './notifications.svelte';

const bundled = (id: string) => Boolean(findSample(id));

export class LabState implements IrSink {
  readonly notifications = new Notifications();
  readonly library = new Library(this.notifications);
  readonly engine = new EngineHost();
  readonly views = new ViewOptions();
  readonly transport: Transport;
  readonly comparison: Comparison;
  readonly demo: Demo;

  /**
   * Settles once init() has decoded the slots (or failed to): the first waveform is then
   * a draw away, and what waits for it counts its grace period from here, not from the
   * page's start (a slow decode otherwise let the lower panels mount first: figure 2).
   */
  readonly slotsLoaded: Promise<void>;
  private settleSlotsLoaded: () => void = () => {};
  /** restore(), started by beginLoading() or init(), whichever runs first. */
  private restoring: Promise<void> | null = null;
  /** The session as restored (JSON): kept again only once something differs from it. */
  private restored = $state<string | null>(null);
  private readonly writer = new SessionWriter((err) => this.notifications.report(err));
  private readonly stopKeeping: () => void;

  constructor() {
    this.slotsLoaded = new Promise<void>((resolve) => (this.settleSlotsLoaded = resolve));
    this.transport = new Transport(
      this.engine,
      this.notifications,
      () => this.comparison.timeline,
      () => Math.max(0, ...this.comparison.slots.map((s) => s.offset + (s.audio?.duration ?? 0))),
    );
    this.comparison = new Comparison(this.library, this.engine, this.transport, this.notifications);
    this.demo = new Demo(this.library, this.comparison, this.transport, this.engine, this.views, this.notifications);
    this.comparison.configure(defaultComparison(defaultSample('clip'), defaultSettings(defaultSample('impulse-response'))));
    this.library.onAddedLater = (id, kind) => this.use(id, kind);
    this.transport.meteredSlot = () => this.comparison.selectedId;
    this.stopKeeping = this.keepSession();
  }

  /**
   * Start what init() needs and the UI does not, while the UI mounts: reading IndexedDB
   * (100–300 ms in a fresh browser profile) and fetching and decoding the bundled clips
   * the page will most likely open with (a comparison shared in the URL, else the
   * defaults). The second is a guess: samples remembered in this browser replace them, at
   * the cost of one small download. In the built page, src/early-start.ts began both
   * before this code arrived; they are taken over here. Bench figure 2 measures the gain.
   */
  beginLoading(): void {
    // Clips only: the IRs are decoded after the first waveform (SlotWork.decode), their 1 MB would delay it.
    for (const id of openingClips()) this.library.decode(id).catch(() => {});
    this.restoring ??= this.restore();
  }

  /** Restore what the user had (or a comparison shared in the URL, which wins), load every slot, build the engine, render. */
  async init(): Promise<void> {
    const { comparison, engine } = this;
    comparison.setLoading(true);
    try {
      // What cannot be restored is said; the slots load and are kept all the same (a failed restore left nothing loaded).
      await (this.restoring ??= this.restore()).catch((err) => {
        this.notifications.report(err);
        this.restored ??= JSON.stringify(this.snapshot());
      });
      // Show the slots as soon as they are decoded; the engine (Tone.js) comes after the first waveform.
      await comparison.load();
      markStartup('slots-loaded');
      this.settleSlotsLoaded();
      const player = await engine.start();
      this.transport.attach(player);
      comparison.work.attach(player);
      engine.markReady(); // a waiting scene now replaces the comparison set above
    } catch (err) {
      this.notifications.report(err);
    } finally {
      this.settleSlotsLoaded();
      engine.markReady(); // also when init failed: waiters then find no player and stop
      comparison.setLoading(false);
    }
  }

  /** Bring in the user's files (decoded, checked, kept) and use the last one in the selected slot. */
  async addFiles(files: readonly File[], kind: UserSampleKind): Promise<void> {
    const id = await this.library.addFiles(files, kind, { whole: kind === 'clip' && this.rendersAtOnce() });
    if (id) await this.use(id, kind);
  }

  /** A clip put in the selected slot now would be rendered at once: that slot or one following it is processed. */
  private rendersAtOnce(): boolean {
    const slot = this.comparison.selected;
    const target = slot && (followedSlot(slot.source) ?? slot.id);
    return this.comparison.slots.some((s) => s.processed && (s.id === target || followedSlot(s.source) === target));
  }

  /** Add audio made in the lab (a recording, a captured IR) as the user's own. */
  async addRecording(bytes: ArrayBuffer, name: string, kind: UserSampleKind): Promise<void> {
    await this.addFiles([new File([bytes], name)], kind);
  }

  /** Forget one of the user's samples; slots that used it go back to the defaults. */
  async removeUserSample(id: string): Promise<void> {
    await this.library.remove(id);
    for (const s of this.comparison.slots) {
      if (s.source === id) await this.comparison.setSource(s.id, defaultSample('clip'));
      if (s.settings.reverb.irId === id) await this.comparison.selectImpulseResponse(s.id, defaultSample('impulse-response'));
    }
  }

  /**
   * Put an IR made in the lab into the selected slot's reverb at once (turning it on),
   * listed as `title` until the page is left; the same `id` again replaces it.
   */
  async useImpulseResponse(id: string, title: string, buffer: AudioBuffer): Promise<void> {
    const kept = this.library.keepSessionIr(id, title, buffer);
    const slot = this.comparison.selected;
    if (slot) {
      if (!slot.settings.reverb.enabled) this.comparison.changeSettings(slot.id, (s) => (s.reverb.enabled = true));
      await this.comparison.selectImpulseResponse(slot.id, id);
    }
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

  /** A clip goes into the selected slot (or, when it follows another, into the one it follows); an IR into its reverb. */
  private async use(id: string, kind: UserSampleKind): Promise<void> {
    const slot = this.comparison.selected;
    if (!slot) return;
    if (kind === 'impulse-response') await this.comparison.selectImpulseResponse(slot.id, id);
    else await this.comparison.setSource(followedSlot(slot.source) ?? slot.id, id);
  }

  private async restore(): Promise<void> {
    const { comparison, library, transport } = this;
    // The schema (valibot) is not needed to draw the first waveform: it loads meanwhile.
    const [raw, { restoreSession }, { parseComparison }] = await Promise.all([
      readSession(),
      import('../schema/session'),
      import('../schema/shared-comparison'),
      library.restore(),
    ]);
    const restored = restoreSession(raw, this.snapshot());
    const setup = restored?.session.comparison;
    await Promise.all((setup?.slots ?? []).map((s) => library.restoreSessionIr(s.settings.reverb.irId)));
    if (restored && setup) {
      if (restored.note) this.notifications.notify('warning', restored.note);
      const fallback = this.comparison.setup().slots[0];
      const gone = new Set<string>();
      for (const s of setup.slots) {
        if (!followedSlot(s.source) && !library.known(s.source)) {
          gone.add(s.source);
          s.source = fallback.source;
        }
        if (!library.known(s.settings.reverb.irId)) {
          gone.add(s.settings.reverb.irId);
          s.settings.reverb.irId = fallback.settings.reverb.irId;
        }
      }
      if (gone.size)
        this.notify('info', `What you used last time (${[...gone].join(', ')}) is no longer in this browser: the lab's default is back.`);
      comparison.configure(setup, restored.session);
      transport.setOutputLevel(restored.session.outputLevelDb);
    }
    // A comparison shared in the URL wins over what this browser remembered.
    const shared = parseComparison(readAddress(), comparison.setup(), bundledAs, (text) => this.notify('warning', text));
    if (shared) comparison.configure(shared);
    this.restored = JSON.stringify(this.snapshot());
    markStartup('restored');
  }

  /** What is kept across reloads. */
  private snapshot(): StoredSession {
    const c = this.comparison;
    return {
      version: SESSION_VERSION,
      comparison: c.setup(),
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
        if (JSON.stringify(session) === this.restored) return; // nothing new since the restore
        const slots = session.comparison.slots;
        const shareable = slots.every(
          (s) => (followedSlot(s.source) || bundled(s.source)) && (!s.settings.reverb.enabled || bundled(s.settings.reverb.irId)),
        );
        this.writer.schedule(session, shareable ? `#${encodeComparison(session.comparison)}` : '');
      });
    });
  }
}
