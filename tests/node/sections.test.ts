/**
 * The selected slot's control sections (issue 12): open with few slots, closed with many,
 * and as the user last left each one — for every slot and after a reload.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its state is the page's), over a given localStorage. */
async function load(stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  });
  vi.resetModules();
  return { sections: await import('../../src/ui/sections.svelte'), store };
}

describe('control sections', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('are open with two or three slots and closed from four on, until the user says otherwise', async () => {
    const { sections } = await load();
    for (const id of ['source', 'reverb', 'compressor', 'level'] as const) {
      expect([2, 3, 4, 8].map((n) => sections.sectionOpen(id, n))).toEqual([true, true, false, false]);
    }
    expect(sections.MANY_SLOTS).toBe(4);
  });

  it('remember a section the user opened or closed, not a toggle that only followed the slot count', async () => {
    const { sections, store } = await load();
    // A fifth slot closed the section: its toggle event agrees with the rule, nothing is remembered.
    sections.sectionToggled('compressor', false, 5);
    expect(sections.sectionOpen('compressor', 2)).toBe(true);
    expect(store.size).toBe(0);
    // Opened by hand with eight slots: it stays open, with any number of slots; the others keep the rule.
    sections.sectionToggled('compressor', true, 8);
    expect(sections.sectionOpen('compressor', 8)).toBe(true);
    expect(sections.sectionOpen('reverb', 8)).toBe(false);
    // Closed by hand with two slots.
    sections.sectionToggled('source', false, 2);
    expect(sections.sectionOpen('source', 2)).toBe(false);
    expect(JSON.parse(store.get('canyon-lab:open-sections')!)).toEqual({ compressor: true, source: false });
  });

  it('come back after a reload as they were left; a damaged record is ignored', async () => {
    const { sections } = await load({ 'canyon-lab:open-sections': JSON.stringify({ level: true, reverb: 'yes', other: false }) });
    expect(sections.sectionOpen('level', 8)).toBe(true);
    expect(sections.sectionOpen('reverb', 8)).toBe(false);
    const broken = await load({ 'canyon-lab:open-sections': '{not json' });
    expect(broken.sections.sectionOpen('level', 2)).toBe(true);
  });

  it('without storage (a privacy mode) are still remembered for the page', async () => {
    vi.stubGlobal('localStorage', undefined);
    vi.resetModules();
    const sections = await import('../../src/ui/sections.svelte');
    sections.sectionToggled('level', true, 8);
    expect(sections.sectionOpen('level', 8)).toBe(true);
  });
});
