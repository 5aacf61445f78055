/**
 * The class demo's hold on the lab: whether it is on, the current scene's marks and
 * view scale, and loading a scene's slots, spaces and room tone into the comparison.
 * The scene list and stepping live in the demo panel (ui/demo).
 */
import type { Scene } from '../demo/scene-format';
import { sceneComparison } from '../demo/scene-comparison';
import type { Comparison } from './comparison.svelte';
import type { EngineHost } from './engine-host.svelte';
import type { Library } from './library.svelte';
import type { Notifications } from './notifications.svelte';
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
  private request = 0;

  constructor(
    private readonly library: Library,
    private readonly comparison: Comparison,
    private readonly transport: Transport,
    private readonly engine: EngineHost,
    private readonly views: ViewOptions,
    private readonly notes: Notifications,
  ) {}

  enter(): void {
    this.active = true;
  }

  /**
   * Load a scene's slots (sources, spaces, settings, alignment), open on its heard slot,
   * render. Resolves to false when the scene cannot be loaded (its samples are not
   * bundled: the caller says so; a decoding error: reported as a message); the lab then
   * stays as it was.
   */
  async applyScene(scene: Scene): Promise<boolean> {
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
        const buffer = await this.library.decode(roomTone.sampleId);
        comparison.work.setRoomTone({ buffer, levelDb: roomTone.levelDb, slotId: roomTone.slotId });
        await comparison.slot(roomTone.slotId)?.renders.now();
      }
      return true;
    } catch (err) {
      this.notes.report(err);
      return false;
    } finally {
      if (request === this.request) comparison.setLoading(false);
    }
  }

  /** Leave the demo: the lab stays on the last scene's sounds, without its markings. */
  leave(): void {
    this.comparison.work.setRoomTone(null);
    this.active = false;
    this.regions = [];
    this.views.leaveScene();
    this.transport.setZoom(0);
  }
}
