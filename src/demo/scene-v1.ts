/**
 * Version 1 of the scene format: one clip, heard as A (dry) and as B (through one chain),
 * with regions on "A" or "B". Read as it always was — same checks, same messages — and
 * turned into the two slots it describes.
 */
import { drySettings } from '../comparison/setup';
import { show } from '../schema/show';
import type { Scene } from './scene-types';
import {
  type Fail,
  PLAYABLE_KINDS,
  type SceneContext,
  isObject,
  parseHeader,
  parseRegions,
  parseRoomTone,
  parseSettings,
  parseView,
  sampleResolver,
  sceneDefaults,
} from './scene-fields';

const SCENE_KEYS = ['id', 'title', 'caption', 'clip', 'settings', 'side', 'regions', 'scale', 'zoom', 'roomTone'] as const;

export function parseSceneV1(raw: unknown, ctx: SceneContext, fail: Fail): Scene | null {
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
  const clipId = sample('clip', raw.clip, PLAYABLE_KINDS);
  const settings = parseSettings(raw.settings, sceneDefaults(ctx), ctx, sample, problem);
  const side = raw.side === undefined ? 'A' : raw.side;
  if (side !== 'A' && side !== 'B') problem(`side must be "A" or "B", got ${show(raw.side)}`);
  const regions = parseRegions(raw.regions, { key: 'view', allowed: ['A', 'B'], fallback: 'B' }, problem);
  const { scale, zoom } = parseView(raw, problem);
  const roomTone = parseRoomTone(raw.roomTone, sample, problem, false);

  if (problemCount > 0) return null;
  return {
    id,
    title,
    caption,
    slots: [
      { label: 'A', source: clipId, sameSourceAs: null, settings: drySettings(ctx.defaultIrId), trimDb: 0, offset: 0 },
      { label: 'B', source: null, sameSourceAs: 'A', settings, trimDb: 0, offset: 0 },
    ],
    heard: side as string,
    reference: 'A',
    regions,
    scale,
    zoom,
    roomTone: roomTone ? { sampleId: roomTone.sampleId, levelDb: roomTone.levelDb, slot: 'B' } : null,
    blindTest: null,
    missingSamples: missing,
  };
}
