/**
 * Demo scenes as data: the shape of `src/demo/scenes.json` and the one function that
 * checks and resolves it. Pure TypeScript (no DOM, no audio), so a teacher's edit is
 * checked in Node by `npm test` as well as in the browser. The format is documented in
 * docs/scenes.md.
 *
 * Version 2 (scene-v2.ts) describes a scene as slots — any recordings, each with its own
 * processing — like the lab itself. Version 1 files (scene-v1.ts: one clip, A dry and B
 * through one chain) are still read, and become two slots.
 *
 * Two kinds of problem are told apart on purpose:
 * - a *malformed* file (typo in a key, a ratio of "8", a region ending before it starts)
 *   throws SceneFormatError listing every problem with where it is;
 * - a *missing sample* (an id the manifest does not have yet) is not an error of the
 *   file: the scene is kept and lists `missingSamples`, so the demo can say so and go on.
 */
import { show } from '../schema/show';
import { isObject, parseAliases, type ParseOptions, type SceneContext } from './scene-fields';
import { parseSceneV1 } from './scene-v1';
import { parseSceneV2 } from './scene-v2';

export type { ParseOptions, SampleLookup, SceneBlindTest, SceneRegion, WaveScale } from './scene-fields';
export { MAX_SCENE_ZOOM, ROOM_TONE_LEVEL_RANGE } from './scene-fields';

export type { Scene, SceneRoomTone, SceneSlot } from './scene-types';
export { SCENE_FORMAT_VERSION } from './scene-types';
import { SCENE_FORMAT_VERSION, type Scene } from './scene-types';

export class SceneFormatError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n- ${problems.join('\n- ')}`);
    this.name = 'SceneFormatError';
  }
}

/**
 * Check `json` (the parsed scenes file) and resolve it into complete scenes.
 * Throws SceneFormatError naming every problem; never throws for a sample that is
 * merely not bundled yet.
 */
export function parseScenes(json: unknown, options: ParseOptions, source = 'scenes.json'): Scene[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);

  if (!isObject(json)) throw new SceneFormatError(source, [`the file must hold an object with "version" and "scenes", got ${show(json)}`]);
  const version = json.version;
  if (version !== 1 && version !== 2) fail('version', `must be 1 or ${SCENE_FORMAT_VERSION}, got ${show(version)}`);
  for (const key of Object.keys(json))
    if (!['version', 'samples', 'scenes'].includes(key)) fail(key, 'unknown top-level key (expected "version", "samples", "scenes")');

  const aliases = parseAliases(json.samples, fail);
  if (!Array.isArray(json.scenes) || json.scenes.length === 0) {
    fail('scenes', `must be a non-empty list of scenes, got ${show(json.scenes)}`);
    throw new SceneFormatError(source, problems);
  }

  const ctx: SceneContext = { ...options, aliases };
  const parse = version === 1 ? parseSceneV1 : parseSceneV2;
  const scenes: Scene[] = [];
  const seenIds = new Set<string>();
  json.scenes.forEach((raw: unknown, index: number) => {
    const where = isObject(raw) && typeof raw.id === 'string' ? `scenes[${index}] ("${raw.id}")` : `scenes[${index}]`;
    const scene = parse(raw, ctx, (what) => problems.push(`${where}: ${what}`));
    if (scene) scenes.push(scene);
    if (isObject(raw) && typeof raw.id === 'string') {
      if (seenIds.has(raw.id)) problems.push(`${where}: id "${raw.id}" is used by an earlier scene too`);
      seenIds.add(raw.id);
    }
  });

  if (problems.length) throw new SceneFormatError(source, problems);
  return scenes;
}
