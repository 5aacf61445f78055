import { describe, expect, it } from 'vitest';
import { readSampleIndex } from '../../src/state/sample-index';

const good = { id: 'user:a', name: 'a.wav', kind: 'clip', addedAt: '2026-11-30T10:00:00Z', bytes: 64, notes: ['resampled'] };

describe('the stored list of the user samples', () => {
  it('keeps every entry it can use, mended, and names those it cannot', () => {
    const { samples, unusable } = readSampleIndex([
      null,
      7,
      { name: 'no id.wav', kind: 'clip' },
      { id: 'user:v', name: 'film.webm', kind: 'video' },
      good,
      { ...good, name: 'again' },
      { id: 'user:b', kind: 'impulse-response', bytes: NaN, notes: 'none', hash: 5 },
    ]);
    expect(samples).toEqual([good, { id: 'user:b', name: 'user:b', kind: 'impulse-response', addedAt: '', notes: [] }]);
    expect(unusable).toEqual([
      'an entry without an id (null)',
      'an entry without an id (7)',
      'an entry without an id ({"name":"no id.wav","kind":"clip"})',
      '“film.webm” (of a kind this version does not know, "video")',
    ]);
  });

  it('nothing stored is no samples and nothing to say; a list that is not one is said', () => {
    expect(readSampleIndex(undefined)).toEqual({ samples: [], unusable: [] });
    const { samples, unusable } = readSampleIndex({ 0: good });
    expect(samples).toEqual([]);
    expect(unusable).toHaveLength(1);
    expect(unusable[0]).toMatch(/^the list itself \(\{"0":\{"id":"user:a",.{10,50}…, not a list\)$/);
  });
});
