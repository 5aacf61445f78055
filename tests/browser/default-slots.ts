/** The lab's opening comparison, slot by slot: A (the clip, dry) and B (its processed copy). */
import type { LabState } from '../../src/state/lab.svelte';

export const slotA = (lab: LabState) => lab.comparison.slots[0];
export const slotB = (lab: LabState) => lab.comparison.slots[1];
