import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/audio/settings';
import { defaultComparison, followRef } from '../../src/comparison/setup';
import { restoreSession, SESSION_VERSION, type StoredSession } from '../../src/schema/session';
import storedByVersion1 from '../fixtures/session-v1.json';

const defaults: StoredSession = {
  version: SESSION_VERSION,
  comparison: defaultComparison('gm-gunshot-canned', defaultSettings('ir-canyon-narrow')),
  loudnessMatching: true,
  compensateHiddenMakeup: true,
  crossfade: 0.008,
  outputLevelDb: -6,
};

describe('the stored session', () => {
  it('restores a session written before sessions were versioned: its clip and chain become slots A and B', () => {
    const restored = restoreSession(storedByVersion1, defaults)!;
    expect(restored.note).toBeNull();
    const [a, b] = restored.session.comparison.slots;
    expect(a.source).toBe('snare-dry');
    expect(a.settings.reverb.enabled).toBe(false);
    expect(a.settings.compressor.enabled).toBe(false);
    expect(b.source).toBe(followRef(a.id));
    expect(b.settings).toEqual({
      reverb: { enabled: true, irId: 'ir-boulevard', wet: 0.5, preDelay: 0 },
      compressor: { enabled: true, threshold: -30, ratio: 8, attack: 0.001, release: 0.15, knee: 6, makeup: 0 },
    });
    expect(restored.session).toMatchObject({
      version: SESSION_VERSION,
      loudnessMatching: true,
      compensateHiddenMakeup: true,
      crossfade: 0.008,
      outputLevelDb: -6,
    });
  });

  it('fills a missing field, resets one of the wrong type and drops an unknown one, saying what it dropped', () => {
    const damaged = structuredClone(storedByVersion1) as Record<string, unknown> & typeof storedByVersion1;
    delete (damaged as Partial<typeof damaged>).crossfade;
    (damaged.settings.compressor as Record<string, unknown>).ratio = 'eight';
    damaged.theme = 'dark';
    const { session, note } = restoreSession(damaged, defaults)!;
    const b = session.comparison.slots[1];
    expect(session.crossfade).toBe(defaults.crossfade);
    expect(b.settings.compressor.ratio).toBe(defaults.comparison.slots[1].settings.compressor.ratio);
    expect(b.settings.compressor.threshold).toBe(-30); // the rest is kept
    expect(session.comparison.slots[0].source).toBe('snare-dry');
    expect(note).toContain('comparison.slots[1].settings.compressor.ratio must be a number from 1 to 20 (:1), got "eight"');
    expect(note).toContain('ignored "theme"');
    expect(note).not.toContain('crossfade'); // missing is not dropped: older data simply lacks it
  });

  it('keeps what a slot comparison can hold: four slots, offsets, trims, a reference that is not the first', () => {
    const four = structuredClone(defaults);
    four.comparison.slots.push(
      { ...defaults.comparison.slots[0], id: 's3', label: 'C', colour: 3, source: 'ufoai-pistol', offset: 0.0123, trimDb: -3 },
      { ...defaults.comparison.slots[1], id: 's4', label: 'D', colour: 4, source: followRef('s3') },
    );
    four.comparison.referenceId = 's3';
    four.comparison.difference = ['s3', 's4'];
    const { session, note } = restoreSession(JSON.parse(JSON.stringify(four)), defaults)!;
    expect(note).toBeNull();
    expect(session).toEqual(four);
  });

  it('mends relations the schema cannot see: a slot following itself or a missing slot, duplicate ids and labels', () => {
    const broken = structuredClone(defaults);
    broken.comparison.slots[1].source = followRef('s9');
    broken.comparison.slots.push({ ...broken.comparison.slots[0], source: followRef('s1') }); // same id s1, same label A
    broken.comparison.referenceId = 'nope';
    const { session } = restoreSession(broken, defaults)!;
    const [a, b, c] = session.comparison.slots;
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(new Set([a.label, b.label, c.label]).size).toBe(3);
    expect(b.source).toBe('gm-gunshot-canned');
    expect(session.comparison.referenceId).toBe(a.id);
  });

  it('never leaves the lab without a session, whatever was stored', () => {
    for (const junk of [
      'settings',
      42,
      [1, 2],
      { settings: null },
      { version: 99, clipId: 7 },
      { version: 3, comparison: { slots: [] } },
    ]) {
      const restored = restoreSession(junk, defaults)!;
      expect(restored.session.comparison.slots.length).toBeGreaterThanOrEqual(2);
      expect(restored.note).toMatch(/reset to the default|newer/);
    }
    expect(restoreSession(undefined, defaults)).toBeNull();
  });

  it('a list of slots outside 2–8 keeps what it can: the first eight of nine, one slot made up to two', () => {
    const nine = structuredClone(defaults);
    nine.comparison.slots = Array.from({ length: 9 }, (_, i) => ({
      ...defaults.comparison.slots[0],
      id: `s${i + 1}`,
      label: `Take ${i + 1}`,
      source: `user:take-${i + 1}`,
    }));
    nine.comparison.referenceId = 's3';
    const nineBack = restoreSession(nine, defaults)!;
    expect(nineBack.session.comparison.slots.map((s) => s.source)).toEqual(nine.comparison.slots.slice(0, 8).map((s) => s.source));
    expect(nineBack.session.comparison.referenceId).toBe('s3');
    expect(nineBack.note).toContain('comparison.slots has 9 items, at most 8 can be used: kept the first 8');
    expect(nineBack.note).not.toContain('reset to the default'); // the slots were kept, not reset

    const one = structuredClone(defaults);
    one.comparison.slots = [{ ...defaults.comparison.slots[0], source: 'user:only-take' }];
    const oneBack = restoreSession(one, defaults)!;
    expect(oneBack.session.comparison.slots.map((s) => s.source)).toEqual(['user:only-take', followRef('s1')]);
    expect(oneBack.note).toContain('comparison.slots has 1 items, at least 2 are needed');
  });

  it('a comparison in which every slot follows another plays the default clip in its first slot', () => {
    const circle = structuredClone(defaults);
    circle.comparison.slots[0].source = followRef('s2');
    const { session } = restoreSession(circle, defaults)!;
    expect(session.comparison.slots.map((s) => s.source)).toEqual(['gm-gunshot-canned', followRef('s1')]);
  });

  it('says what a value was, briefly: NaN as NaN (not null), a long one cut', () => {
    const bad = { ...structuredClone(defaults), crossfade: NaN, outputLevelDb: -Infinity };
    bad.comparison.slots[0].label = 'x'.repeat(5000);
    const { note } = restoreSession(bad, defaults)!;
    expect(note).toContain('crossfade must be a number from 0.001 to 0.05 (s), got NaN');
    expect(note).toContain('outputLevelDb must be a number from -30 to 6 (dB), got -Infinity');
    expect(note).toContain('comparison.slots[0].label must be a label of 1 to 24 characters, got "xxx');
    expect(note!.length).toBeLessThan(600);
  });

  it('says when a newer lab stored the session', () => {
    const newer = { ...structuredClone(defaults), version: SESSION_VERSION + 1, playlists: [] };
    const { note, session } = restoreSession(newer, defaults)!;
    expect(note).toMatch(/newer version/);
    expect(session.comparison.slots[0].source).toBe('gm-gunshot-canned');
  });
});
