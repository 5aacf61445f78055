import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from '../../src/state/announcer.svelte';

const timing = { gapMs: 1000, progressGapMs: 5000, repeatMs: 10_000 };

describe('Announcer (the one polite live region)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const make = () => new Announcer(timing, () => Date.now());
  const lines = (a: Announcer) => a.spoken.map((s) => s.text);

  it('words results as the lab reports them', () => {
    const a = make();
    a.rendered('B', 6.94);
    expect(a.latest).toBe('B rendered, 6.9 s');
    vi.advanceTimersByTime(1000);
    a.aligned('C', 'B', 0.01234);
    vi.advanceTimersByTime(1000);
    expect(a.latest).toBe('C aligned to B: lag 12.3 ms');
    a.measured(['A', 'B']);
    vi.advanceTimersByTime(1000);
    expect(a.latest).toBe('Measurements of A, B ready');
    a.abxTrial(3, true);
    vi.advanceTimersByTime(1000);
    expect(a.latest).toBe('Trial 3: correct');
    a.abxTrial(4, null);
    vi.advanceTimersByTime(1000);
    expect(a.latest).toBe('Trial 4 answered');
    a.ratingSaved(2, 3);
    vi.advanceTimersByTime(1000);
    expect(a.latest).toBe('Trial 2 of 3 saved');
  });

  it('speaks results one at a time, in order, a gap apart, keeping the last three lines', () => {
    const a = make();
    for (const t of ['one', 'two', 'three', 'four']) a.say(t);
    expect(lines(a)).toEqual(['one']);
    vi.advanceTimersByTime(999);
    expect(lines(a)).toEqual(['one']);
    vi.advanceTimersByTime(1);
    expect(lines(a)).toEqual(['one', 'two']);
    vi.advanceTimersByTime(2000);
    expect(lines(a)).toEqual(['two', 'three', 'four']);
    // Each line is a new node (a new id): a reader speaks additions only.
    expect(new Set(a.spoken.map((s) => s.id)).size).toBe(3);
  });

  it('drops the same words said within the repeat window, and says them again after it', () => {
    const a = make();
    a.say('Analysis done');
    a.say('Analysis done'); // already waiting: not queued twice
    vi.advanceTimersByTime(5000);
    a.say('Analysis done');
    vi.advanceTimersByTime(5000);
    expect(lines(a)).toEqual(['Analysis done']);
    a.say('Analysis done');
    expect(lines(a)).toEqual(['Analysis done', 'Analysis done']);
  });

  it('does not let progress percentages flood: at most one per progress gap, and never ahead of a waiting result', () => {
    const a = make();
    for (let p = 0; p < 100; p++) {
      a.rendering('B', p / 100);
      vi.advanceTimersByTime(100); // 10 s of progress reports, one per 100 ms
    }
    expect(lines(a)).toEqual(['Rendering B… 0 %', 'Rendering B… 50 %']);
    a.rendered('B', 10);
    a.rendering('C', 0.5); // a result was just said: no progress now
    vi.advanceTimersByTime(10_000);
    expect(lines(a)).toEqual(['Rendering B… 0 %', 'Rendering B… 50 %', 'B rendered, 10.0 s']);
  });

  it('says a newer zoom level in place of one still waiting, and the same level again after another', () => {
    const a = make();
    a.say('first');
    for (const z of ['Zoom 2×', 'Zoom 4×', 'Zoom 8×']) a.say(z, 'zoom');
    vi.advanceTimersByTime(1000);
    expect(lines(a)).toEqual(['first', 'Zoom 8×']);
    a.say('Zoom 4×', 'zoom');
    vi.advanceTimersByTime(1000);
    a.say('Zoom 8×', 'zoom');
    vi.advanceTimersByTime(1000);
    expect(lines(a)).toEqual(['Zoom 8×', 'Zoom 4×', 'Zoom 8×']);
  });

  it('stops speaking once disposed', () => {
    const a = make();
    a.say('first');
    a.say('second');
    a.dispose();
    vi.advanceTimersByTime(5000);
    expect(lines(a)).toEqual(['first']);
  });
});
