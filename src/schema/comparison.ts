/**
 * A comparison's slots as a schema: what the session (IndexedDB), the URL and scenes
 * keep of each slot. Structure and ranges here; the relations between slots (unique
 * ids, a followed slot that exists) are made sound by tidyComparison() afterwards.
 */
import * as v from 'valibot';
import {
  DIFFERENCE,
  MAX_SLOTS,
  MIN_SLOTS,
  OFFSET_RANGE,
  SLOT_COLOURS,
  TRIM_RANGE,
  followedSlot,
  type ComparisonSetup,
} from '../comparison/setup';
import { ChainSettingsSchema } from './chain-settings';
import { listOf, rangedNumber, text } from './fields';

export const SlotSchema = v.strictObject({
  id: text('a slot id'),
  label: v.pipe(v.string(), v.nonEmpty(), v.maxLength(24), v.description('a label of 1 to 24 characters')),
  colour: v.pipe(rangedNumber({ min: 1, max: SLOT_COLOURS, step: 1, unit: '' }), v.integer()),
  source: text('a sample id'),
  settings: ChainSettingsSchema,
  trimDb: rangedNumber(TRIM_RANGE),
  offset: rangedNumber(OFFSET_RANGE),
});

export const ComparisonSchema = v.strictObject({
  slots: listOf(SlotSchema, MIN_SLOTS, MAX_SLOTS, `a list of ${MIN_SLOTS} to ${MAX_SLOTS} slots`),
  referenceId: text('a slot id'),
  heard: text('a slot id or "difference"'),
  selectedId: text('a slot id'),
  difference: v.pipe(v.tuple([v.string(), v.string()]), v.description('two slot ids')),
});

/**
 * Make a comparison's relations sound: unique ids and labels, a followed slot that
 * exists and plays a sample itself, a reference, a heard and a selected slot that exist.
 * When every slot follows another (a hand-edited link, a damaged store), nothing plays a
 * sample: the first slot then plays `sample` (the caller's default clip).
 */
export function tidyComparison(c: ComparisonSetup, sample: string): ComparisonSetup {
  const seen = new Set<string>();
  const labels = new Set<string>();
  const slots = c.slots.map((s, i) => {
    const id = seen.has(s.id) ? `s${i + 1}-${seen.size}` : s.id;
    seen.add(id);
    let label = s.label;
    for (let n = 2; labels.has(label); n++) label = `${s.label} ${n}`;
    labels.add(label);
    return { ...s, id, label };
  });
  if (slots.every((s) => followedSlot(s.source))) slots[0].source = sample;
  const byId = new Map(slots.map((s) => [s.id, s]));
  for (const s of slots) {
    const target = followedSlot(s.source);
    if (!target) continue;
    const t = byId.get(target);
    // Following nothing, itself, or a follower: play the first slot's sample instead.
    if (!t || t === s || followedSlot(t.source)) s.source = slots.find((o) => !followedSlot(o.source))?.source ?? s.source;
  }
  const ids = slots.map((s) => s.id);
  const pick = (id: string) => (ids.includes(id) ? id : ids[0]);
  const [x, y] = c.difference;
  const dx = pick(x);
  return {
    slots,
    referenceId: pick(c.referenceId),
    heard: c.heard === DIFFERENCE ? c.heard : pick(c.heard),
    selectedId: pick(c.selectedId),
    difference: [dx, ids.includes(y) && y !== dx ? y : (ids.find((i) => i !== dx) ?? dx)],
  };
}
