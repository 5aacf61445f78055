import { describe, expect, it } from 'vitest';
import { LOW_ANCHOR, MushraSession } from '../../src/mushra/session';
import { mushraToCsv, mushraToJson, type MushraReport } from '../../src/mushra/export';
import { failsReferenceScreening, meanInterval, tQuantile975 } from '../../src/mushra/statistics';
import { shuffled } from '../../src/mushra/random';

const setup = {
  slots: [
    { key: 's1', label: 'A' },
    { key: 's2', label: 'B' },
    { key: 's3', label: 'C' },
  ],
  referenceKey: 's1',
  lowAnchor: true,
  trials: 3,
};

/** A listener who knows what they hear: the reference 100, B 70, C 40, the anchor 10. */
const truth: Record<string, number> = { s1: 100, s2: 70, s3: 40, [LOW_ANCHOR]: 10 };

describe('a multi-stimulus rating test', () => {
  it('shows every condition once per trial, hidden reference and anchor included, and records what was rated', () => {
    const session = new MushraSession(setup);
    expect(session.size).toBe(4);
    for (let t = 0; t < 3; t++) {
      const keys = Array.from({ length: session.size }, (_, i) => session.routeOf(i));
      expect([...keys].sort()).toEqual(['anchor', 's1', 's2', 's3']);
      keys.forEach((k, i) => session.rate(i, truth[k]));
      session.submit(new Date(Date.UTC(2026, 11, 1, 12, t)));
    }
    expect(session.done).toBe(true);
    expect(session.records.map((r) => r.scores)).toEqual(
      Array(3).fill({ 'hidden reference': 100, B: 70, C: 40, 'low anchor (3.5 kHz)': 10 }),
    );
    const summary = session.summary();
    expect(summary.conditions.map((c) => [c.label, c.mean, c.halfWidth])).toEqual([
      ['hidden reference', 100, 0],
      ['B', 70, 0],
      ['C', 40, 0],
      ['low anchor (3.5 kHz)', 10, 0],
    ]);
    expect(summary.failsScreening).toBe(false);
  });

  it('draws a new order for each trial, from a supplied random source', () => {
    let calls = 0;
    const session = new MushraSession({ ...setup, trials: 2 }, (n) => (calls++ % 2 ? n - 1 : 0));
    const first = Array.from({ length: 4 }, (_, i) => session.routeOf(i));
    for (let i = 0; i < 4; i++) session.rate(i, 50);
    session.submit();
    const second = Array.from({ length: 4 }, (_, i) => session.routeOf(i));
    expect(second).not.toEqual(first);
  });

  it('will not move on until every stimulus is rated, and clamps scores to 0–100', () => {
    const session = new MushraSession(setup);
    session.rate(0, 130);
    session.rate(1, -5);
    expect(session.rating(0)).toBe(100);
    expect(session.rating(1)).toBe(0);
    expect(() => session.submit()).toThrow(/Rate every stimulus/);
    expect(session.records).toEqual([]);
  });

  it('exports the listener, the date, the setup and every score (CSV long format and JSON)', () => {
    const session = new MushraSession({ ...setup, trials: 1 });
    for (let i = 0; i < session.size; i++) session.rate(i, truth[session.routeOf(i)]);
    session.submit(new Date('2026-12-01T12:00:00Z'));
    const report: MushraReport = {
      tool: 'Canyon Lab rating test (BS.1534-style)',
      listener: 'student 7',
      startedAt: '2026-12-01T11:58:00Z',
      finishedAt: '2026-12-01T12:00:00Z',
      setup: { reference: 'A' },
      summary: session.summary(),
      trials: session.records,
    };
    const csv = mushraToCsv(report);
    const rows = csv.split('\n').filter((l) => /^student 7,/.test(l));
    expect(rows).toHaveLength(4);
    expect(rows.some((r) => r.endsWith(',hidden reference,100,2026-12-01T12:00:00.000Z'))).toBe(true);
    expect(csv).toContain('# setup,"{""reference"":""A""}"');
    expect(JSON.parse(mushraToJson(report)).listener).toBe('student 7');
  });

  it('post-screens a listener who rates the hidden reference below 90 too often (BS.1534-3)', () => {
    expect(failsReferenceScreening([100, 95, 92, 100, 100, 100, 100])).toBe(false);
    expect(failsReferenceScreening([100, 85, 100, 100, 100, 100])).toBe(true); // 1 of 6 = 17 % > 15 %
  });

  it('gives the 95 % interval with Student’s t', () => {
    expect(tQuantile975(2)).toBeCloseTo(4.303, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 2);
    expect(tQuantile975(100)).toBeCloseTo(1.984, 2);
    const m = meanInterval([60, 70, 80]);
    expect(m.mean).toBe(70);
    expect(m.halfWidth).toBeCloseTo(4.303 * (10 / Math.sqrt(3)), 2);
  });

  it('shuffles without bias from the platform’s random source', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const k = shuffled(['a', 'b', 'c']).join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150); // 6 orders, 1000 each ± 4.5 σ
  });
});
