/**
 * The teacher's own scenes: kept in IndexedDB as scenes-file entries (session-store),
 * read through the scene parser against the bundled samples and the user's kept ones
 * (so a scene whose clip was deleted says so), saved from the lab's state, reordered,
 * deleted. The parser (valibot) loads with the first use, not with the page.
 */
import type { Scene } from '../demo/scene-format';
import type { Json } from '../demo/scene-fields';
import type { OwnScenesRead, SceneDraft } from '../demo/own-scenes';
import { SCENE_DEFAULT_IR_ID } from '../demo/scene-defaults';
import { findSample } from '../samples/catalog';
import type { Library } from './library.svelte';
import type { Notifications } from './notifications.svelte';
import { loadOwnScenes, saveOwnScenes } from './session-store';

type Parser = typeof import('../demo/own-scenes');

export class OwnScenes {
  /** The kept entries, in the order the demo shows them. Raw: IndexedDB stores them as they are. */
  entries = $state.raw<Json[]>([]);
  private parser = $state.raw<Parser | null>(null);
  private restoring: Promise<void> | null = null;

  constructor(
    private readonly library: Library,
    private readonly notes: Notifications,
  ) {}

  /** Entries read against the samples this browser has now. */
  readonly read: OwnScenesRead = $derived(
    this.parser ? this.parser.readOwnScenes(this.entries, this.options()) : { kept: [], problems: [] },
  );
  readonly scenes: Scene[] = $derived(this.read.kept.map((k) => k.scene));

  /** Load the parser and the kept entries (once). */
  restore(): Promise<void> {
    this.restoring ??= Promise.all([import('../demo/own-scenes'), loadOwnScenes()]).then(([parser, raw]) => {
      this.parser = parser;
      // Anything else stored (by another version, damaged) is kept as one entry: shown with its problem, never overwritten unseen.
      this.entries = Array.isArray(raw) ? (raw as Json[]) : raw === undefined || raw === null ? [] : [raw as Json];
    });
    return this.restoring;
  }

  /**
   * Save `draft` as a new scene (its id made unique among `reserved` and the kept ones),
   * or in place of the scene `replacing`. Resolves to the saved scene, or null with the
   * reason reported.
   */
  async save(draft: SceneDraft, reserved: ReadonlySet<string>, replacing: string | null = null): Promise<Scene | null> {
    await this.restore();
    const parser = this.parser!;
    try {
      const taken = new Set([...reserved, ...this.entries.map((e) => String(e.id)).filter((id) => id !== replacing)]);
      const id = replacing ?? parser.sceneId(draft.title, taken);
      const entry = parser.sceneEntry(draft, id, (s) => this.lookup(s) !== undefined, SCENE_DEFAULT_IR_ID);
      const scene = parser.parseEntry(entry, this.options());
      const at = this.entries.findIndex((e) => e.id === replacing);
      return (await this.keep(at < 0 ? [...this.entries, entry] : this.entries.map((e, i) => (i === at ? entry : e)))) ? scene : null;
    } catch (err) {
      this.notes.notify('error', err instanceof Error ? err.message : String(err));
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    await this.keep(this.entries.filter((e) => e.id !== id));
  }

  /** Move a scene one place earlier (-1) or later (1) in the demo. */
  async move(id: string, step: -1 | 1): Promise<void> {
    const at = this.entries.findIndex((e) => e.id === id);
    const to = at + step;
    if (at < 0 || to < 0 || to >= this.entries.length) return;
    const next = [...this.entries];
    [next[at], next[to]] = [next[to], next[at]];
    await this.keep(next);
  }

  /** Add entries read from elsewhere (a lesson pack), as they are. */
  async add(entries: readonly Json[]): Promise<boolean> {
    await this.restore();
    return this.keep([...this.entries, ...entries]);
  }

  /** Keep `entries` (here and in IndexedDB); false, reported, when storage refused. */
  private async keep(entries: Json[]): Promise<boolean> {
    const before = this.entries;
    this.entries = entries;
    try {
      await saveOwnScenes(entries);
      return true;
    } catch (err) {
      this.entries = before;
      this.notes.report(err);
      return false;
    }
  }

  /** A sample a scene may use for good: bundled, or the user's own kept in this browser (not an unsaved IR). */
  private lookup(id: string): { kind: 'clip' | 'impulse-response' | 'room-tone' } | undefined {
    return findSample(id) ?? this.library.userSamples.find((m) => m.id === id);
  }

  private options() {
    return { lookup: (id: string) => this.lookup(id), defaultIrId: SCENE_DEFAULT_IR_ID };
  }
}
