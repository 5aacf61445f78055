/**
 * The class demo's hold on the lab: whether it is on, the current scene's marks and
 * view scale, and loading a scene's slots, spaces and room tone into the comparison.
 * The scene list and stepping live in the demo panel (ui/demo).
 */
import { followedSlot, type ComparisonSetup } from '../comparison/setup';
import type { SceneDraft } from '../demo/own-scenes';
import type { Scene, SceneBlindTest, WaveScale } from '../demo/scene-format';
import { sceneComparison } from '../demo/scene-comparison';
import { findSample } from '../samples/catalog';
import { asAudioBuffer } from '../audio/coded-audio';
import type { Comparison } from './comparison.svelte';
import type { EngineHost } from './engine-host.svelte';
import type { Library } from './library.svelte';
import { ABOUT_COMPARISON, type Notifications } from './notifications.svelte';
import { LessonPacks } from './lesson-packs.svelte';
import { OwnScenes } from './own-scenes.svelte';
import { encodeComparison } from './url-state';
import type { Transport } from './transport.svelte';
import type { ViewOptions } from './view-options.svelte';

/** A scene's marked region, on the slot with that label. */
export interface DemoRegion {
  slotId: string;
  start: number;
  end: number;
  label: string;
}

export class Demo {
  /** True while the class demo is shown; keyboard handlers outside it leave ←/→ alone then. */
  active = $state(false);
  /** Regions of the current scene, drawn on the views. */
  regions = $state.raw<DemoRegion[]>([]);
  /** The teacher's own scenes, shown after the bundled ones. */
  readonly own: OwnScenes;
  /** Lesson packs: the teacher's scenes and recordings in one file, made and opened. */
  readonly packs: LessonPacks;
  private request = 0;
  /** The comparison and view from before the demo, given back when it is left. */
  private before: { setup: ComparisonSetup; scale: WaveScale; zoom: number } | null = null;

  constructor(
    private readonly library: Library,
    private readonly comparison: Comparison,
    private readonly transport: Transport,
    private readonly engine: EngineHost,
    private readonly views: ViewOptions,
    private readonly notes: Notifications,
  ) {
    this.own = new OwnScenes(library, notes);
    this.packs = new LessonPacks(library, this.own, notes);
  }

  enter(): void {
    if (!this.active) this.before = { setup: this.comparison.setup(), scale: this.views.scale, zoom: this.transport.zoom };
    this.active = true;
  }

  /** The lab as it is, with the teacher's words and the marked regions: what "Save as scene" saves. */
  draft(title: string, caption: string, blindTest: SceneBlindTest | null = null): SceneDraft {
    const { scale } = this.views;
    return { title, caption, setup: this.comparison.setup(), scale, zoom: this.transport.zoom, regions: this.regions, blindTest };
  }

  /**
   * What Share can give: the page's link with the comparison in its address when every
   * sound is bundled (what a link can carry); else the names of the user's own sounds in use.
   */
  share(base: string): { link: string } | { own: string[] } {
    const setup = this.comparison.setup();
    const used = setup.slots.flatMap((s) => [
      followedSlot(s.source) ? '' : s.source,
      s.settings.reverb.enabled ? s.settings.reverb.irId : '',
    ]);
    const own = [...new Set(used.filter((id) => id && !findSample(id)))];
    if (!own.length) return { link: `${base}#${encodeComparison(setup)}` };
    return { own: own.map((id) => this.library.userSamples.find((m) => m.id === id)?.name ?? id) };
  }

  /** Mark the loop region on the selected slot's view as `label`; false when there is no loop region. */
  markLoop(label: string): boolean {
    const loop = this.transport.loop;
    const slotId = this.comparison.selectedId;
    if (!loop || !slotId) return false;
    this.regions = [...this.regions, { slotId, start: loop.start, end: loop.end, label: label.trim() || 'region' }];
    return true;
  }

  /** Take away the marked region at `index`. */
  unmark(index: number): void {
    this.regions = this.regions.filter((_, i) => i !== index);
  }

  unmarkAll(): void {
    this.regions = [];
  }

  /** Open a scene in the lab to change it (outside the demo: its view stays until changed). */
  async edit(scene: Scene): Promise<boolean> {
    const ok = await this.applyScene(scene);
    if (ok && !this.active) {
      this.views.leaveScene();
      this.views.setScale(scene.scale);
    }
    return ok;
  }

  /**
   * Load a scene's slots (sources, spaces, settings, alignment), open on its heard slot,
   * render. Resolves to false when the scene cannot be loaded (its samples are not
   * bundled: the caller says so; a decoding error: reported as a message); the lab then
   * stays as it was.
   */
  applyScene(scene: Scene): Promise<boolean> {
    const loading = this.loadScene(scene);
    this.loading = loading;
    return loading;
  }

  /** The newest scene's loading: what waits for the scene (its blind test's key) waits for this. */
  private loading: Promise<boolean> = Promise.resolve(true);

  /** Settles once the newest scene asked for has loaded (or failed to): a scene asked for meanwhile is waited for too. */
  async whenLoaded(): Promise<void> {
    for (let p = this.loading; ; p = this.loading) {
      await p.catch(() => false);
      if (p === this.loading) return;
    }
  }

  private async loadScene(scene: Scene): Promise<boolean> {
    const request = ++this.request;
    const comparison = this.comparison;
    if (scene.missingSamples.length) {
      // The demo panel says which samples are missing; the lab keeps what it has.
      comparison.setLoading(false); // an older scene still loading will not land now
      this.regions = [];
      return false;
    }
    this.transport.pause();
    comparison.setLoading(true);
    try {
      const { setup, align, roomTone } = sceneComparison(scene);
      // Decode first: a scene that cannot load leaves the lab as it was.
      await Promise.all(
        [...setup.slots.map((s) => s.source), ...setup.slots.map((s) => s.settings.reverb.irId), roomTone?.sampleId]
          .filter((id): id is string => Boolean(id) && !id!.startsWith('follow:'))
          .map((id) => this.library.decode(id)),
      );
      await this.engine.whenReady(); // the demo can open before Tone.js has loaded
      if (request !== this.request || !this.engine.player) return false; // a newer scene won
      comparison.work.setRoomTone(null);
      comparison.configure(setup);
      await comparison.load();
      for (const id of align) await comparison.align(id);
      const byLabel = new Map(comparison.slots.map((s) => [s.label, s.id]));
      this.regions = scene.regions.flatMap((r) =>
        byLabel.has(r.view) ? [{ slotId: byLabel.get(r.view)!, start: r.start, end: r.end, label: r.label }] : [],
      );
      this.views.sceneScale(scene.scale);
      this.transport.setView(scene.zoom);
      if (roomTone) {
        const buffer = await asAudioBuffer(await this.library.decode(roomTone.sampleId));
        comparison.work.setRoomTone({ buffer, levelDb: roomTone.levelDb, slotId: roomTone.slotId });
        await comparison.slot(roomTone.slotId)?.renders.now();
      }
      // Level jumps and polarity notes raised while it loaded compared it with the scene before: they no longer hold.
      this.notes.clear(ABOUT_COMPARISON);
      return true;
    } catch (err) {
      this.notes.report(err);
      return false;
    } finally {
      if (request === this.request) comparison.setLoading(false);
    }
  }

  /** Leave the demo: the comparison and view from before it come back, without the scenes' markings. */
  leave(): void {
    this.request++; // a scene still loading will not land now
    this.comparison.work.setRoomTone(null);
    this.active = false;
    this.regions = [];
    this.views.leaveScene();
    const before = this.before;
    this.before = null;
    if (!before) return void this.transport.setZoom(0);
    this.transport.pause();
    this.comparison.configure(before.setup);
    this.views.setScale(before.scale);
    this.transport.setView(before.zoom);
    void this.comparison.load().catch((err: unknown) => this.notes.report(err));
  }
}
