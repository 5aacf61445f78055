/**
 * Which sections of the selected slot's controls (source, reverb, compressor, level and
 * time) are open. Each is a native <details> whose summary gives its values while it is
 * closed, so a closed section hides no value, only the controls that change it.
 *
 * Layout decision (issue 12): with eight slots the slot list takes half of a 1366×768
 * screen's height, and the controls opened in full (~700 px) did not fit beside it. Until
 * the user opens or closes a section, it is open with fewer than MANY_SLOTS slots (the
 * default two slots look as before) and closed from MANY_SLOTS on, when the slot list also
 * goes to one line per slot: eight slots, the transport and every section's summary then
 * fit the screen. A section the user opened or closed stays so, for every slot and after a
 * reload (localStorage, where there is one).
 */

/** From this many slots on, the slot list is one line per slot and the sections start closed. */
export const MANY_SLOTS = 4;

export type SectionId = 'source' | 'reverb' | 'compressor' | 'level';

const STORAGE_KEY = 'canyon-lab:open-sections';
const IDS: readonly SectionId[] = ['source', 'reverb', 'compressor', 'level'];

/** The user's own choice per section; a section missing here follows the number of slots. */
const chosen: Partial<Record<SectionId, boolean>> = $state(readChoices());

export function sectionOpen(id: SectionId, slotCount: number): boolean {
  return chosen[id] ?? slotCount < MANY_SLOTS;
}

/**
 * A section's <details> toggled. The toggle event also follows our own change of `open`
 * (a slot added past MANY_SLOTS): then the state already agrees and nothing is remembered.
 */
export function sectionToggled(id: SectionId, open: boolean, slotCount: number): void {
  if (open === sectionOpen(id, slotCount)) return;
  chosen[id] = open;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(chosen));
  } catch {
    // not remembered after a reload (no storage, or it is full): still for this page
  }
}

function readChoices(): Partial<Record<SectionId, boolean>> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (!stored || typeof stored !== 'object') return {};
    const out: Partial<Record<SectionId, boolean>> = {};
    for (const id of IDS) {
      const v = (stored as Record<string, unknown>)[id];
      if (typeof v === 'boolean') out[id] = v;
    }
    return out;
  } catch {
    return {};
  }
}
