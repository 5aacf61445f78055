/**
 * The parts of a scene that every version of the scene format shares, each checked with
 * a message a scene author can act on: where the problem is, what was expected, what was
 * found. Sample references (an id or an "@alias") are resolved here; a sample that is not
 * bundled yet is not an error: it is collected in `missing`.
 */
import { type ChainSettings, type ParamRange, defaultSettings } from '../audio/settings';
import { ChainSettingsSchema } from '../schema/chain-settings';
import { conform } from '../schema/conform';
import { show } from '../schema/show';
import type { SampleKind } from '../samples/manifest';

/** How the views draw amplitude: linear (the default) or in dB, where tails show. */
export type WaveScale = 'linear' | 'decibels';

/** A labelled time range drawn on one slot's view. */
export interface SceneRegion {
  /** The label of the slot whose view it is drawn on. */
  view: string;
  /** Seconds on the shared time axis. */
  start: number;
  end: number;
  label: string;
}

/** Most pixels per second a scene may zoom to (a few ms across a whole view). */
export const MAX_SCENE_ZOOM = 20_000;
/** Gain range of a room-tone bed, dB: from barely there to as loud as the clip. */
export const ROOM_TONE_LEVEL_RANGE: ParamRange = { min: -60, max: 0, step: 1, unit: 'dB' };
/** Lower-case words joined by hyphens: safe in file names (docs/scenes/NN-id.png) and URLs. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A clip or a room-tone recording can be played (as a slot, or as the bed); an IR is heard through the reverb. */
export const PLAYABLE_KINDS: readonly SampleKind[] = ['clip', 'room-tone'];
export const IR_KINDS: readonly SampleKind[] = ['impulse-response'];
const ALIAS_PREFIX = '@';

export type Json = Record<string, unknown>;
export type Fail = (what: string) => void;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the parser needs to know about a bundled sample. */
export type SampleLookup = (id: string) => { kind: SampleKind } | undefined;

export interface ParseOptions {
  lookup: SampleLookup;
  /** IR used when a scene does not name one. */
  defaultIrId: string;
}

export interface SceneContext extends ParseOptions {
  aliases: Map<string, string>;
}

/** Resolves a field's sample reference to an id ('' when it cannot), checking its kind. */
export type SampleResolver = (field: string, ref: unknown, kinds: readonly SampleKind[]) => string;

/** A resolver for one scene: problems go to `fail`, samples not bundled to `missing`. */
export function sampleResolver(ctx: SceneContext, fail: Fail, missing: string[]): SampleResolver {
  return (field, ref, kinds) => {
    if (typeof ref !== 'string' || !ref) {
      fail(`${field} must be a sample id or "@name" from "samples", got ${show(ref)}`);
      return '';
    }
    let id = ref;
    if (ref.startsWith(ALIAS_PREFIX)) {
      const resolved = ctx.aliases.get(ref.slice(ALIAS_PREFIX.length));
      if (!resolved) {
        fail(`${field} refers to ${show(ref)}, but "samples" has no "${ref.slice(ALIAS_PREFIX.length)}"`);
        return '';
      }
      id = resolved;
    }
    const entry = ctx.lookup(id);
    if (!entry) {
      if (!missing.includes(id)) missing.push(id);
    } else if (!kinds.includes(entry.kind)) {
      fail(`${field} ${show(ref)} is of kind "${entry.kind}", but this needs ${kinds.map((k) => `"${k}"`).join(' or ')}`);
    }
    return id;
  };
}

export function parseAliases(raw: unknown, fail: (where: string, what: string) => void): Map<string, string> {
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

/** Longest title and caption a scene may have: a title is a heading on a projector, a caption a few sentences read aloud. */
export const SCENE_TEXT_MAX = { id: 80, title: 120, caption: 4000 } as const;

export function requireString(raw: Json, key: string, fail: Fail, max?: number): string {
  const v = raw[key];
  if (typeof v !== 'string' || !v.trim()) {
    fail(`${key} must be a non-empty string, got ${show(v)}`);
    return '';
  }
  if (max !== undefined && v.length > max) {
    fail(`${key} is ${v.length} characters long: at most ${max}`);
    return v.slice(0, max);
  }
  return v;
}

/** The header every version of a scene has: its keys checked, its id, title and caption. */
export function parseHeader(raw: Json, keys: readonly string[], fail: Fail): { id: string; title: string; caption: string } {
  checkKeys(raw, keys, fail);
  const id = requireString(raw, 'id', fail, SCENE_TEXT_MAX.id);
  if (id && !ID_PATTERN.test(id)) fail(`id ${show(id)} must be lower-case words joined by hyphens, e.g. "canned-vs-location"`);
  return {
    id,
    title: requireString(raw, 'title', fail, SCENE_TEXT_MAX.title),
    caption: requireString(raw, 'caption', fail, SCENE_TEXT_MAX.caption),
  };
}

/** Unknown keys of an object, each a problem naming what was expected. */
export function checkKeys(raw: Json, allowed: readonly string[], fail: Fail, where = ''): void {
  for (const key of Object.keys(raw))
    if (!allowed.includes(key)) fail(`${where ? `${where} has an ` : ''}unknown key "${key}" (expected one of ${allowed.join(', ')})`);
}

/**
 * Partial chain settings over `base`: parsed by the one chain-settings schema (src/schema),
 * every problem reported. The IR is resolved like every sample reference first.
 */
export function parseSettings(
  raw: unknown,
  base: ChainSettings,
  ctx: SceneContext,
  sample: SampleResolver,
  fail: Fail,
  path = 'settings',
): ChainSettings {
  const given = raw ?? {};
  const irRef = isObject(given) && isObject(given.reverb) ? given.reverb.irId : undefined;
  const irId =
    (irRef === undefined ? base.reverb.irId || ctx.defaultIrId : sample(`${path}.reverb.irId`, irRef, IR_KINDS)) || ctx.defaultIrId;
  const resolved = isObject(given) && isObject(given.reverb) ? { ...given, reverb: { ...given.reverb, irId } } : given;
  const over = { ...base, reverb: { ...base.reverb, irId } };
  const { value, problems } = conform(ChainSettingsSchema, resolved, over, { path });
  for (const p of problems) fail(p.message);
  return value;
}

/** The lab's default settings with the scene's default IR: what version-1 scenes' settings are given over. */
export function sceneDefaults(ctx: SceneContext): ChainSettings {
  return defaultSettings(ctx.defaultIrId);
}

export function inRange(field: string, v: unknown, range: ParamRange, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < range.min || v > range.max) {
    fail(`${field} must be a number from ${range.min} to ${range.max}${range.unit ? ` (${range.unit})` : ''}, got ${show(v)}`);
    return range.min;
  }
  return v;
}

/** How a region names its view: version 1 by "view" ("A"/"B"), version 2 by "slot" (a slot's label). */
export interface ViewRule {
  key: 'view' | 'slot';
  /** The views allowed, or null for any string (checked against the slots afterwards). */
  allowed: readonly string[] | null;
  fallback: string;
}

export function parseRegions(raw: unknown, rule: ViewRule, fail: Fail): SceneRegion[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    fail(`regions must be a list, got ${show(raw)}`);
    return [];
  }
  const keys = [rule.key, 'start', 'end', 'label'];
  const regions: SceneRegion[] = [];
  raw.forEach((r: unknown, i: number) => {
    const at = `regions[${i}]`;
    if (!isObject(r)) {
      fail(`${at} must be an object with start, end and label, got ${show(r)}`);
      return;
    }
    checkKeys(r, keys, fail, at);
    const view = r[rule.key] ?? rule.fallback;
    if (typeof view !== 'string' || (rule.allowed && !rule.allowed.includes(view))) {
      fail(
        `${at}.${rule.key} must be ${rule.allowed ? rule.allowed.map((v) => `"${v}"`).join(' or ') : "a slot's label"}, got ${show(r[rule.key])}`,
      );
    }
    const { start, end, label } = r;
    if (typeof start !== 'number' || !Number.isFinite(start) || start < 0)
      fail(`${at}.start must be a number of seconds ≥ 0, got ${show(start)}`);
    else if (typeof end !== 'number' || !Number.isFinite(end) || end <= start)
      fail(`${at}.end must be a number of seconds after start (${start}), got ${show(end)}`);
    if (typeof label !== 'string' || !label.trim()) fail(`${at}.label must be a non-empty string, got ${show(label)}`);
    if (typeof view === 'string' && typeof start === 'number' && typeof end === 'number' && typeof label === 'string')
      regions.push({ view, start, end, label });
  });
  return regions;
}

/** The scale and zoom of the views. */
export function parseView(raw: Json, fail: Fail): { scale: WaveScale; zoom: number } {
  const scale = raw.scale === undefined ? 'linear' : raw.scale;
  if (scale !== 'linear' && scale !== 'decibels') fail(`scale must be "linear" or "decibels", got ${show(raw.scale)}`);
  const zoom = raw.zoom === undefined ? 0 : raw.zoom;
  if (typeof zoom !== 'number' || !Number.isFinite(zoom) || zoom < 0 || zoom > MAX_SCENE_ZOOM) {
    fail(`zoom must be a number of pixels per second from 0 (fit) to ${MAX_SCENE_ZOOM}, got ${show(raw.zoom)}`);
  }
  return { scale: scale as WaveScale, zoom: zoom as number };
}

/** A blind test the scene starts with one key (version 2): which test, and the key. */
export interface SceneBlindTest {
  kind: 'abx';
  /** One lower-case letter. */
  key: string;
}

/** Keys a blind test cannot take: the page and the demo use them already (hear A/B, difference, loop, caption, rating reference). */
const TAKEN_KEYS = ['a', 'b', 'd', 'l', 'h', 'r'];

export function parseBlindTest(raw: unknown, fail: Fail): SceneBlindTest | null {
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    fail(`blindTest must be an object like { "kind": "abx", "key": "x" }, got ${show(raw)}`);
    return null;
  }
  checkKeys(raw, ['kind', 'key'], fail, 'blindTest');
  if (raw.kind !== 'abx') fail(`blindTest.kind must be "abx", got ${show(raw.kind)}`);
  const key = raw.key;
  if (typeof key !== 'string' || !/^[a-z]$/.test(key) || TAKEN_KEYS.includes(key)) {
    fail(`blindTest.key must be one lower-case letter other than ${TAKEN_KEYS.join(', ')} (they have jobs already), got ${show(key)}`);
    return null;
  }
  return raw.kind === 'abx' ? { kind: 'abx', key } : null;
}

/** A room-tone bed: its sample and level; `slot` (version 2) names the slot it lies under. */
export function parseRoomTone(
  raw: unknown,
  sample: SampleResolver,
  fail: Fail,
  withSlot: boolean,
): { sampleId: string; levelDb: number; slot: string | null } | null {
  if (raw === undefined) return null;
  if (!isObject(raw)) {
    fail(`roomTone must be an object with sample and levelDb, got ${show(raw)}`);
    return null;
  }
  const keys = withSlot ? ['sample', 'levelDb', 'slot'] : ['sample', 'levelDb'];
  for (const key of Object.keys(raw)) if (!keys.includes(key)) fail(`roomTone has an unknown key "${key}" (expected ${keys.join(', ')})`);
  const sampleId = sample('roomTone.sample', raw.sample, PLAYABLE_KINDS);
  const levelDb = inRange('roomTone.levelDb', raw.levelDb, ROOM_TONE_LEVEL_RANGE, fail);
  const slot =
    withSlot && raw.slot !== undefined
      ? typeof raw.slot === 'string'
        ? raw.slot
        : (fail(`roomTone.slot must be a slot's label, got ${show(raw.slot)}`), null)
      : null;
  return { sampleId, levelDb, slot };
}
