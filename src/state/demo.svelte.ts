/**
 * The class demo's hold on the lab: whether it is on, the current scene's marks and
 * view scale, and loading a scene's clip, space, settings and room tone into the
 * comparison. The scene list and stepping live in the demo panel (ui/demo).
 */
import type { Scene } from '../demo/scene-format';
import type { Comparison } from './comparison.svelte';
import type { EngineHost } from './engine-host.svelte';
import type { Library } from './library.svelte';
import type { Notifications } from './notifications.svelte';
import type { Transport } from './transport.svelte';

export class Demo {
  /** True while the class demo is shown; keyboard handlers outside it leave ←/→ alone then. */
  active = $state(false);
  /** Regions of the current scene, drawn on the views. */
  regions = $state.raw<Scene['regions']>([]);
  /** Amplitude scale of the views for the current scene. */
  scale = $state<Scene['scale']>('linear');
  private request = 0;

  constructor(
    private readonly library: Library,
    private readonly comparison: Comparison,
    private readonly transport: Transport,
    private readonly engine: EngineHost,
    private readonly notes: Notifications,
  ) {}

  enter(): void {
    this.active = true;
  }

  /**
   * Load a scene's clip, IR and complete settings, open on its side, render B.
   * Resolves to false when the scene cannot be loaded (its samples are not bundled:
   * the caller says so; a decoding error: reported as a message); the lab then stays
   * as it was.
   */
  async applyScene(scene: Scene): Promise<boolean> {
    const request = ++this.request;
    const comparison = this.comparison;
    if (scene.missingSamples.length) {
      // The demo panel says which samples are missing; the lab keeps what it has.
      comparison.setLoading(false); // an older scene still loading will not land now
      this.regions = [];
      this.scale = 'linear';
      return false;
    }
    this.transport.pause();
    comparison.setLoading(true);
    try {
      await this.engine.whenReady(); // the demo can open before Tone.js has loaded
      const [clip, ir, bed] = await Promise.all([
        this.library.decode(scene.clipId),
        this.library.decode(scene.settings.reverb.irId),
        scene.roomTone ? this.library.decode(scene.roomTone.sampleId) : null,
      ]);
      if (request !== this.request || !this.engine.player) return false; // a newer scene won
      await comparison.replace({ clipId: scene.clipId, settings: scene.settings, clip, ir });
      this.regions = scene.regions;
      this.scale = scene.scale;
      this.transport.setView(scene.zoom);
      comparison.select(scene.side);
      if (bed && scene.roomTone) comparison.setRoomTone({ buffer: bed, levelDb: scene.roomTone.levelDb });
      await comparison.renderNow();
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
    this.comparison.setRoomTone(null);
    this.active = false;
    this.regions = [];
    this.scale = 'linear';
    this.transport.setZoom(0);
  }
}
