/**
 * A scene as a comparison: its slots (ids s1, s2… in order, with the scene's labels and
 * the palette's colours in order), what is heard, the reference, which slots align
 * automatically once loaded, and the room-tone bed.
 */
import { DIFFERENCE, followRef, type ComparisonSetup } from '../comparison/setup';
import type { Scene } from './scene-format';

export interface SceneComparison {
  setup: ComparisonSetup;
  /** Slots to align to the reference once loaded (their offset in the scene is "align"). */
  align: string[];
  roomTone: { sampleId: string; levelDb: number; slotId: string } | null;
}

export function sceneComparison(scene: Scene): SceneComparison {
  const idOf = (label: string) => `s${scene.slots.findIndex((s) => s.label === label) + 1}`;
  const slots = scene.slots.map((s, i) => ({
    id: `s${i + 1}`,
    label: s.label,
    colour: i + 1,
    source: s.source ?? followRef(idOf(s.sameSourceAs ?? '')),
    settings: s.settings,
    trimDb: s.trimDb,
    offset: s.offset === 'align' ? 0 : s.offset,
  }));
  const heard = scene.heard === DIFFERENCE ? DIFFERENCE : idOf(scene.heard);
  const reference = idOf(scene.reference);
  const processed = slots.find((s) => s.settings.reverb.enabled || s.settings.compressor.enabled) ?? slots[1];
  return {
    setup: {
      slots,
      referenceId: reference,
      heard,
      selectedId: processed.id,
      difference: [reference, slots.find((s) => s.id !== reference)!.id],
    },
    align: scene.slots.flatMap((s, i) => (s.offset === 'align' ? [`s${i + 1}`] : [])),
    roomTone: scene.roomTone
      ? { sampleId: scene.roomTone.sampleId, levelDb: scene.roomTone.levelDb, slotId: idOf(scene.roomTone.slot) }
      : null,
  };
}
