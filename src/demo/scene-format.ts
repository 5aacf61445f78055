/**
 * Demo scenes as data: the shape of `src/demo/scenes.json` and the one function that
 * checks and resolves it. Pure TypeScript (no DOM, no audio), so a teacher's edit is
 * checked in Node by `npm test` as well as in the browser. The format is documented in
 * docs/scenes.md.
 *
 * Two kinds of problem are told apart on purpose:
 * - a *malformed* file (typo in a key, a ratio of "8", a region ending before it starts)
 *   throws SceneFormatError listing every problem with where it is;
 * - a *missing sample* (an id the manifest does not have yet) is not an error of the
 *   file: the scene is kept and lists `missingSamples`, so the demo can say so and go on.
 */
import { defaultSettings, type ChainSettings, type ParamRange } from '../audio/settings';
import { ChainSettingsSchema } from '../schema/chain-settings';
import { conform, show } from '../schema/conform';
import type { SampleKind } from '../samples/manifest';

export type SceneSide = 'A' | 'B';
/** How the views draw amplitude: linear (the default) or in dB, where tails show. */
export type WaveScale = 'linear' | 'decibels';

export interface SceneRegion {
  /** Which waveform the region is drawn on. */
  view: SceneSide;
  /** Seconds on the shared time axis (clip start = 0). */
  start: number;
  end: number;
  label: string;
}

export interface SceneRoomTone {
  sampleId: string;
  /** Level of the bed under the clip, dB of gain. */
  levelDb: number;
}

/** Most pixels per second a scene may zoom to (a few ms across a whole view). */
export const MAX_SCENE_ZOOM = 20_000;

export interface Scene {
  id: string;
  title: string;
  /** What to listen and look for; paragraphs separated by blank lines. */
  caption: string;
  clipId: string;
  /** Complete chain settings: the scene's partial settings merged over the defaults. */
  settings: ChainSettings;
  /** The side heard when the scene opens. */
  side: SceneSide;
  regions: SceneRegion[];
  scale: WaveScale;
  /** Waveform zoom, pixels per second; 0 fits the whole time axis (default). */
  zoom: number;
  roomTone: SceneRoomTone | null;
  /** Sample ids this scene uses that are not bundled (yet), in order of first use. */
  missingSamples: string[];
}

/** What the parser needs to know about a bundled sample. */
export type SampleLookup = (id: string) => { kind: SampleKind } | undefined;

export interface ParseOptions {
  lookup: SampleLookup;
  /** IR used when a scene does not name one. */
  defaultIrId: string;
}

export class SceneFormatError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n- ${problems.join('\n- ')}`);
    this.name = 'SceneFormatError';
  }
}

const SCENE_KEYS = ['id', 'title', 'caption', 'clip', 'settings', 'side', 'regions', 'scale', 'zoom', 'roomTone'] as const;
const REGION_KEYS = ['view', 'start', 'end', 'label'] as const;
/** Lower-case words joined by hyphens: safe in file names (docs/scenes/NN-id.png) and URLs. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ALIAS_PREFIX = '@';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
  if (json.version !== 1) fail('version', `must be 1, got ${show(json.version)}`);
  for (const key of Object.keys(json))
    if (!['version', 'samples', 'scenes'].includes(key)) fail(key, 'unknown top-level key (expected "version", "samples", "scenes")');

  const aliases = parseAliases(json.samples, fail);
  if (!Array.isArray(json.scenes) || json.scenes.length === 0) {
    fail('scenes', `must be a non-empty list of scenes, got ${show(json.scenes)}`);
    throw new SceneFormatError(source, problems);
  }

  const scenes: Scene[] = [];
  const seenIds = new Set<string>();
  json.scenes.forEach((raw: unknown, index: number) => {
    const where = isObject(raw) && typeof raw.id === 'string' ? `scenes[${index}] ("${raw.id}")` : `scenes[${index}]`;
    const scene = parseScene(raw, { ...options, aliases }, (what) => problems.push(`${where}: ${what}`));
    if (scene) scenes.push(scene);
    if (isObject(raw) && typeof raw.id === 'string') {
      if (seenIds.has(raw.id)) problems.push(`${where}: id "${raw.id}" is used by an earlier scene too`);
      seenIds.add(raw.id);
    }
  });

  if (problems.length) throw new SceneFormatError(source, problems);
  return scenes;
}

function parseAliases(raw: unknown, fail: (where: string, what: string) => void): Map<string, string> {
  const aliases = new Map<string, string>();
  if (raw === undefined) return aliases;
  if (!isObject(raw)) {
    fail('samples', `must be an object of name → sample id, got ${show(raw)}`);
    return aliases;
  }
  for (const [name, id] of Object.entries(raw)) {
    if (typeof id !== 'string' || !id) fail(`samples.${name}`, `must be a sample id (a string), got ${show(id)}`);
    else aliases.set(name, id);
  }
  return aliases;
}

interface SceneContext extends ParseOptions {
  aliases: Map<string, string>;
}

function parseScene(raw: unknown, ctx: SceneContext, fail: (what: string) => void): Scene | null {
  if (!isObject(raw)) {
    fail(`must be an object, got ${show(raw)}`);
    return null;
  }
  let problemCount = 0;
  const problem = (what: string) => {
    problemCount++;
    fail(what);
  };
  for (const key of Object.keys(raw))
    if (!(SCENE_KEYS as readonly string[]).includes(key)) problem(`unknown key "${key}" (expected one of ${SCENE_KEYS.join(', ')})`);

  const id = requireString(raw, 'id', problem);
  if (id && !ID_PATTERN.test(id)) problem(`id ${show(id)} must be lower-case words joined by hyphens, e.g. "canned-vs-location"`);
  const title = requireString(raw, 'title', problem);
  const caption = requireString(raw, 'caption', problem);

  const missing: string[] = [];
  const sample = (field: string, ref: unknown, kinds: readonly SampleKind[]): string => {
    if (typeof ref !== 'string' || !ref) {
      problem(`${field} must be a sample id or "@name" from "samples", got ${show(ref)}`);
      return '';
    }
    let id = ref;
    if (ref.startsWith(ALIAS_PREFIX)) {
      const resolved = ctx.aliases.get(ref.slice(ALIAS_PREFIX.length));
      if (!resolved) {
        problem(`${field} refers to ${show(ref)}, but "samples" has no "${ref.slice(ALIAS_PREFIX.length)}"`);
        return '';
      }
      id = resolved;
    }
    const entry = ctx.lookup(id);
    if (!entry) {
      if (!missing.includes(id)) missing.push(id);
    } else if (!kinds.includes(entry.kind)) {
      problem(`${field} ${show(ref)} is of kind "${entry.kind}", but this needs ${kinds.map((k) => `"${k}"`).join(' or ')}`);
    }
    return id;
  };

  const clipId = sample('clip', raw.clip, PLAYABLE_KINDS);
  const settings = parseSettings(raw.settings, ctx, sample, problem);
  const side = raw.side === undefined ? 'A' : raw.side;
  if (side !== 'A' && side !== 'B') problem(`side must be "A" or "B", got ${show(raw.side)}`);
  const regions = parseRegions(raw.regions, problem);
  const scale = raw.scale === undefined ? 'linear' : raw.scale;
  if (scale !== 'linear' && scale !== 'decibels') problem(`scale must be "linear" or "decibels", got ${show(raw.scale)}`);
  const zoom = raw.zoom === undefined ? 0 : raw.zoom;
  if (typeof zoom !== 'number' || !Number.isFinite(zoom) || zoom < 0 || zoom > MAX_SCENE_ZOOM) {
    problem(`zoom must be a number of pixels per second from 0 (fit) to ${MAX_SCENE_ZOOM}, got ${show(raw.zoom)}`);
  }
  const roomTone = parseRoomTone(raw.roomTone, sample, problem);

  if (problemCount > 0) return null;
  return {
    id,
    title,
    caption,
    clipId,
    settings,
    side: side as SceneSide,
    regions,
    scale: scale as WaveScale,
    zoom: zoom as number,
    roomTone,
    missingSamples: missing,
  };
}

function requireString(raw: Json, key: string, fail: (what: string) => void): string {
  const v = raw[key];
  if (typeof v !== 'string' || !v.trim()) {
    fail(`${key} must be a non-empty string, got ${show(v)}`);
    return '';
  }
  return v;
}

type SampleResolver = (field: string, ref: unknown, kinds: readonly SampleKind[]) => string;

/** A clip or a room-tone recording can be played (as the clip, or as the bed under B); an IR cannot. */
const PLAYABLE_KINDS: readonly SampleKind[] = ['clip', 'room-tone'];
const IR_KINDS: readonly SampleKind[] = ['impulse-response'];

/**
 * The scene's settings, partial, over the lab's defaults: parsed by the one chain-settings
 * schema (src/schema), every problem reported. The IR is resolved like every sample
 * reference (aliases, kinds, not bundled yet) before the schema sees it.
 */
function parseSettings(raw: unknown, ctx: SceneContext, sample: SampleResolver, fail: (what: string) => void): ChainSettings {
  const given = raw ?? {};
  const irRef = isObject(given) && isObject(given.reverb) ? given.reverb.irId : undefined;
  const irId = (irRef === undefined ? ctx.defaultIrId : sample('settings.reverb.irId', irRef, IR_KINDS)) || ctx.defaultIrId;
  const resolved = isObject(given) && isObject(given.reverb) ? { ...given, reverb: { ...given.reverb, irId } } : given;
  const { value, problems } = conform(ChainSettingsSchema, resolved, defaultSettings(irId), { path: 'settings' });
  for (const p of problems) fail(p.message);
  return value;
}

function inRange(field: string, v: unknown, range: ParamRange, fail: (what: string) => void): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max) {
    fail(`${field} must be a number from ${range.min} to ${range.max}${range.unit ? ` (${range.unit})` : ''}, got ${show(v)}`);
    return range.min;
  }
  return v;
}

function parseRegions(raw: unknown, fail: (what: string) => void): SceneRegion[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    fail(`regions must be a list, got ${show(raw)}`);
    return [];
  }
  const regions: SceneRegion[] = [];
  raw.forEach((r: unknown, i: number) => {
    const at = `regions[${i}]`;
    if (!isObject(r)) {
      fail(`${at} must be an object with start, end and label, got ${show(r)}`);
      return;
    }
    for (const key of Object.keys(r))
      if (!(REGION_KEYS as readonly string[]).includes(key))
        fail(`${at} has an unknown key "${key}" (expected one of ${REGION_KEYS.join(', ')})`);
    const view = r.view ?? 'B';
    if (view !== 'A' && view !== 'B') fail(`${at}.view must be "A" or "B", got ${show(r.view)}`);
    const { start, end, label } = r;
    if (typeof start !== 'number' || !Number.isFinite(start) || start < 0)
      fail(`${at}.start must be a number of seconds ≥ 0, got ${show(start)}`);
    else if (typeof end !== 'number' || !Number.isFinite(end) || end <= start)
      fail(`${at}.end must be a number of seconds after start (${start}), got ${show(end)}`);
    if (typeof label !== 'string' || !label.trim()) fail(`${at}.label must be a non-empty string, got ${show(label)}`);
    if (typeof start === 'number' && typeof end === 'number' && typeof label === 'string')
      regions.push({ view: view as SceneSide, start, end, label });
  });
  return regions;
}

/** Gain range of a room-tone bed, dB: from barely there to as loud as the clip. */
export const ROOM_TONE_LEVEL_RANGE: ParamRange = { min: -60, max: 0, step: 1, unit: 'dB' };

function parseRoomTone(raw: unknown, sample: SampleResolver, fail: (what: string) => void): SceneRoomTone | null {
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    fail(`roomTone must be an object with sample and levelDb, got ${show(raw)}`);
    return null;
  }
  for (const key of Object.keys(raw))
    if (key !== 'sample' && key !== 'levelDb') fail(`roomTone has an unknown key "${key}" (expected sample, levelDb)`);
  const sampleId = sample('roomTone.sample', raw.sample, PLAYABLE_KINDS);
  const levelDb = inRange('roomTone.levelDb', raw.levelDb, ROOM_TONE_LEVEL_RANGE, fail);
  return { sampleId, levelDb };
}
