import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/audio/settings';
import { restoreSession, SESSION_VERSION, type StoredSession } from '../../src/schema/session';
import storedByVersion1 from '../fixtures/session-v1.json';

const defaults: StoredSession = {
  version: SESSION_VERSION,
  clipId: 'gm-gunshot-canned',
  settings: defaultSettings('ir-canyon-narrow'),
  loudnessMatching: true,
  compensateHiddenMakeup: true,
  crossfade: 0.008,
  outputLevelDb: -6,
};

describe('the stored session', () => {
  it('restores a session written before sessions were versioned, gaining the new fields quietly', () => {
    const restored = restoreSession(storedByVersion1, defaults)!;
    expect(restored.note).toBeNull();
    expect(restored.session).toEqual({
      version: SESSION_VERSION,
      clipId: 'snare-dry',
      settings: {
        reverb: { enabled: true, irId: 'ir-boulevard', wet: 0.5, preDelay: 0 },
        compressor: { enabled: true, threshold: -30, ratio: 8, attack: 0.001, release: 0.15, knee: 6, makeup: 0 },
      },
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
    expect(session.crossfade).toBe(defaults.crossfade);
    expect(session.settings.compressor.ratio).toBe(defaults.settings.compressor.ratio);
    expect(session.settings.compressor.threshold).toBe(-30); // the rest is kept
    expect(session.clipId).toBe('snare-dry');
    expect(note).toContain('settings.compressor.ratio must be a number from 1 to 20 (:1), got "eight"');
    expect(note).toContain('ignored "theme"');
    expect(note).not.toContain('crossfade'); // missing is not dropped: older data simply lacks it
  });

  it('never leaves the lab without a session, whatever was stored', () => {
    for (const junk of ['settings', 42, [1, 2], { settings: null }, { version: 99, clipId: 7 }]) {
      const restored = restoreSession(junk, defaults)!;
      expect(restored.session.settings).toEqual(defaults.settings);
      expect(restored.note).toMatch(/reset to the default|newer/);
    }
    expect(restoreSession(undefined, defaults)).toBeNull();
  });

  it('says when a newer lab stored the session', () => {
    const { note, session } = restoreSession({ ...storedByVersion1, version: SESSION_VERSION + 1, slots: [] }, defaults)!;
    expect(note).toMatch(/newer version/);
    expect(session.clipId).toBe('snare-dry');
  });
});
