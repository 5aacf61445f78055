/**
 * Version 2 of the scene format: a scene is slots, like the lab — any recordings, each
 * with its own processing, trim and offset ("align": aligned to the reference when the
 * scene opens), which one is heard first, which is the reference, regions on a slot's
 * view, and a room-tone bed under a slot. See docs/scenes.md.
 */
import { DIFFERENCE, MAX_SLOTS, MIN_SLOTS, OFFSET_RANGE, TRIM_RANGE, drySettings } from '../comparison/setup';
import { show } from '../schema/show';
import type { Scene, SceneSlot } from './scene-types';
import {
  type Fail,
  PLAYABLE_KINDS,
  type SampleResolver,
  type SceneContext,
  checkKeys,
  inRange,
  isObject,
  parseBlindTest,
  parseHeader,
  parseRegions,
  parseRoomTone,
  parseSettings,
  parseView,
  sampleResolver,
} from './scene-fields';

const SCENE_KEYS = ['id', 'title', 'caption', 'slots', 'heard', 'reference', 'regions', 'scale', 'zoom', 'roomTone', 'blindTest'] as const;
const SLOT_KEYS = ['label', 'source', 'sameSourceAs', 'settings', 'trimDb', 'offset'] as const;

export function parseSceneV2(raw: unknown, ctx: SceneContext, fail: Fail): Scene | null {
  if (!isObject(raw)) {
    fail(`must be an object, got ${show(raw)}`);
    return null;
  }
  let problemCount = 0;
  const problem = (what: string) => {
    problemCount++;
    fail(what);
  };
  const { id, title, caption } = parseHeader(raw, SCENE_KEYS, problem);

  const missing: string[] = [];
  const sample = sampleResolver(ctx, problem, missing);
  const slots = parseSlots(raw.slots, ctx, sample, problem);
  const labels = slots.map((s) => s.label);
  const oneOf = (field: string, v: unknown, allowed: string[], fallback: string): string => {
    if (v === undefined) return fallback;
    if (typeof v === 'string' && allowed.includes(v)) return v;
    problem(`${field} must be ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(v)}`);
    return fallback;
  };
  const heard = oneOf('heard', raw.heard, [...labels, DIFFERENCE], labels[0] ?? '');
  const reference = oneOf('reference', raw.reference, labels, labels[0] ?? '');
  for (const s of slots)
    if (s.offset === 'align' && s.label === reference) problem(`slots: the reference (${reference}) cannot be aligned to itself`);
  const regions = parseRegions(raw.regions, { key: 'slot', allowed: labels, fallback: labels[1] ?? labels[0] ?? '' }, problem);
  const { scale, zoom } = parseView(raw, problem);
  const bed = parseRoomTone(raw.roomTone, sample, problem, true);
  const blindTest = parseBlindTest(raw.blindTest, problem);
  const bedSlot = bed ? oneOf('roomTone.slot', bed.slot ?? undefined, labels, labels[1] ?? labels[0] ?? '') : '';

  if (problemCount > 0) return null;
  return {
    id,
    title,
    caption,
    slots,
    heard,
    reference,
    regions,
    scale,
    zoom,
    roomTone: bed ? { sampleId: bed.sampleId, levelDb: bed.levelDb, slot: bedSlot } : null,
    blindTest,
    missingSamples: missing,
  };
}

function parseSlots(raw: unknown, ctx: SceneContext, sample: SampleResolver, fail: Fail): SceneSlot[] {
  if (!Array.isArray(raw) || raw.length < MIN_SLOTS || raw.length > MAX_SLOTS) {
    fail(`slots must be a list of ${MIN_SLOTS} to ${MAX_SLOTS} slots, got ${show(raw)}`);
    return [];
  }
  const slots: SceneSlot[] = [];
  raw.forEach((r: unknown, i: number) => {
    const at = `slots[${i}]`;
    if (!isObject(r)) {
      fail(`${at} must be an object with a label and a source, got ${show(r)}`);
      return;
    }
    checkKeys(r, SLOT_KEYS, fail, at);
    const label = typeof r.label === 'string' && r.label.trim() && r.label.length <= 24 ? r.label : '';
    if (!label) fail(`${at}.label must be a name of 1 to 24 characters, got ${show(r.label)}`);
    else if (slots.some((s) => s.label === label)) fail(`${at}.label "${label}" is used by an earlier slot too`);
    const hasSource = r.source !== undefined;
    if (hasSource === (r.sameSourceAs !== undefined)) fail(`${at} must have either "source" (a sample) or "sameSourceAs" (a slot's label)`);
    const source = hasSource ? sample(`${at}.source`, r.source, PLAYABLE_KINDS) : null;
    const sameSourceAs = typeof r.sameSourceAs === 'string' ? r.sameSourceAs : null;
    // Not a label at all (5, null): refused here, or the slot kept neither a source nor a slot to follow.
    if (r.sameSourceAs !== undefined && sameSourceAs === null)
      fail(`${at}.sameSourceAs must be another slot's label, got ${show(r.sameSourceAs)}`);
    const settings = parseSettings(r.settings, drySettings(ctx.defaultIrId), ctx, sample, fail, `${at}.settings`);
    const trimDb = r.trimDb === undefined ? 0 : inRange(`${at}.trimDb`, r.trimDb, TRIM_RANGE, fail);
    const offset = r.offset === 'align' ? 'align' : r.offset === undefined ? 0 : inRange(`${at}.offset`, r.offset, OFFSET_RANGE, fail);
    slots.push({ label, source, sameSourceAs, settings, trimDb, offset });
  });
  // "The same source as X": X must be another slot that plays a sample of its own.
  for (const [i, s] of slots.entries()) {
    if (s.sameSourceAs === null) continue;
    const target = slots.find((t) => t.label === s.sameSourceAs);
    if (!target || target === s || target.source === null) {
      fail(`slots[${i}].sameSourceAs must name another slot that has a "source", got ${show(s.sameSourceAs)}`);
    }
  }
  return slots;
}
