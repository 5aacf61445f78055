/**
 * A teacher's own scenes: the lab's current comparison written as a version-2 scene
 * entry (exactly what a hand-written scenes file would hold), and the teacher's kept
 * entries read back through the same parser as the bundled file — so a saved scene is
 * what the file would give, and a scene that no longer parses is named, not dropped
 * silently.
 */
import { DIFFERENCE, followedSlot, type ComparisonSetup } from '../comparison/setup';
import { SCENE_FORMAT_VERSION, SceneFormatError, parseScenes, type ParseOptions, type Scene, type WaveScale } from './scene-format';
import { ID_PATTERN, type Json, type SceneBlindTest } from './scene-fields';

/** A region marked on a slot's view while the scene is made. */
export interface DraftRegion {
  slotId: string;
  start: number;
  end: number;
  label: string;
}

/** What "Save as scene" takes: the words the teacher typed and the lab's state as it is. */
export interface SceneDraft {
  title: string;
  caption: string;
  setup: ComparisonSetup;
  scale: WaveScale;
  /** Pixels per second; 0 fits. */
  zoom: number;
  regions: readonly DraftRegion[];
  /** The blind test the scene's key starts, if any. */
  blindTest?: SceneBlindTest | null;
}

/** Why a draft cannot be a scene, in words for the teacher. */
export class SceneDraftError extends Error {
  override name = 'SceneDraftError';
}

/** A scene id from a title: lower-case words joined by hyphens, unique among `taken`. */
export function sceneId(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '') // accents off: "Ü" → "u"
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'scene';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The draft as a scene entry of scenes-file version 2. `known` says which sample ids the
 * lab can load for good (bundled or the user's kept samples); an IR made in the lab and
 * not saved cannot be part of a scene.
 */
export function sceneEntry(draft: SceneDraft, id: string, known: (sampleId: string) => boolean, defaultIrId: string): Json {
  const { setup } = draft;
  const title = draft.title.trim();
  if (!title) throw new SceneDraftError('Give the scene a title first.');
  if (!ID_PATTERN.test(id)) throw new SceneDraftError(`“${id}” cannot be a scene id: lower-case words joined by hyphens.`);
  const labelOf = new Map(setup.slots.map((s) => [s.id, s.label]));
  const slots = setup.slots.map((s) => {
    const follows = followedSlot(s.source);
    if (!follows && !known(s.source)) throw new SceneDraftError(`Slot ${s.label} plays “${s.source}”, which is not kept in this browser.`);
    let irId = s.settings.reverb.irId;
    if (!known(irId)) {
      if (s.settings.reverb.enabled)
        throw new SceneDraftError(`Slot ${s.label}'s space was made in the lab and not saved: save it to your samples first.`);
      irId = defaultIrId; // unused while the reverb is off
    }
    const settings = { reverb: { ...s.settings.reverb, irId }, compressor: { ...s.settings.compressor } };
    const source = follows ? { sameSourceAs: labelOf.get(follows) ?? '' } : { source: s.source };
    return { label: s.label, ...source, settings, trimDb: s.trimDb, offset: s.offset };
  });
  const reference = labelOf.get(setup.referenceId) ?? slots[0]?.label;
  // A rating test's anchor is not part of a scene: it opens on the reference then.
  const heard = setup.heard === DIFFERENCE ? DIFFERENCE : (labelOf.get(setup.heard) ?? reference);
  return {
    id,
    title,
    caption: draft.caption.trim() || title,
    slots,
    heard,
    reference,
    regions: draft.regions
      .filter((r) => labelOf.has(r.slotId) && r.end > r.start && r.label.trim())
      .map((r) => ({ slot: labelOf.get(r.slotId), start: round(r.start), end: round(r.end), label: r.label.trim() })),
    scale: draft.scale,
    zoom: draft.zoom,
    ...(draft.blindTest ? { blindTest: { ...draft.blindTest } } : {}),
  };
}

/** Seconds to the microsecond: enough for any region, and a file a person can read. */
const round = (s: number) => Math.round(Math.max(0, s) * 1e6) / 1e6;

/** The scenes file that holds `entries`, as the lab keeps and packs it. */
export function scenesFile(entries: readonly Json[]): { version: number; scenes: Json[] } {
  return { version: SCENE_FORMAT_VERSION, scenes: [...entries] };
}

export interface OwnScenesRead {
  /** The entries that parse, in order, each with its scene. */
  kept: { entry: Json; scene: Scene }[];
  /** One line per entry that does not parse (with the parser's words). */
  problems: string[];
}

/** Read kept entries one by one, so one broken entry does not hide the others. */
export function readOwnScenes(entries: unknown, options: ParseOptions): OwnScenesRead {
  const read: OwnScenesRead = { kept: [], problems: [] };
  if (!Array.isArray(entries)) return read;
  for (const [i, entry] of entries.entries()) {
    const name = typeof (entry as Json | null)?.title === 'string' ? `“${String((entry as Json).title)}”` : `scene ${i + 1}`;
    try {
      const [scene] = parseScenes(scenesFile([entry as Json]), options, `Your scene ${name}`);
      read.kept.push({ entry: entry as Json, scene });
    } catch (err) {
      if (!(err instanceof SceneFormatError)) throw err;
      read.problems.push(err.message);
    }
  }
  return read;
}

/** Parse one new entry (the same parser as any scenes file); throws SceneFormatError with the parser's words. */
export function parseEntry(entry: Json, options: ParseOptions): Scene {
  return parseScenes(scenesFile([entry]), options, `The scene “${String(entry.title)}”`)[0];
}
