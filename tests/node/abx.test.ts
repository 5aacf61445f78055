import { describe, expect, it } from 'vitest';
import { abxPValue, binomial, correctNeeded } from '../../src/abx/statistics';
import { AbxSession, secureCoin, type AbSide } from '../../src/abx/session';
import { abxToCsv, abxToJson } from '../../src/abx/export';

describe('ABX statistics', () => {
  it('binomial coefficients', () => {
    expect([binomial(16, 0), binomial(16, 1), binomial(16, 8), binomial(16, 12), binomial(5, 6)]).toEqual([1, 16, 12870, 1820, 0]);
  });

  it('one-sided p-values match the binomial distribution', () => {
    expect(abxPValue(12, 16)).toBeCloseTo(2517 / 65536, 12); // ≈ 0.0384
    expect(abxPValue(12, 16)).toBeCloseTo(0.038, 3);
    expect(abxPValue(16, 16)).toBeCloseTo(1 / 65536, 15);
    expect(abxPValue(0, 16)).toBe(1);
    expect(abxPValue(8, 16)).toBeCloseTo(39203 / 65536, 12); // chance level: ~0.598
    expect(abxPValue(9, 10)).toBeCloseTo(11 / 1024, 12);
    expect(abxPValue(0, 0)).toBe(1);
  });

  it('12 of 16 is the fewest correct answers significant at 5 %', () => {
    expect(correctNeeded(16)).toBe(12);
    expect(correctNeeded(10)).toBe(9);
  });
});

describe('ABX session', () => {
  const scripted = (xs: AbSide[]) => {
    let i = 0;
    return () => xs[i++];
  };

  it('scores answers against the hidden X and reports the p-value', () => {
    const xs: AbSide[] = ['A', 'B', 'B', 'A'];
    const s = new AbxSession(4, scripted(xs));
    expect(s.routeX()).toBe('A');
    s.answer('A');
    s.answer('A'); // wrong: X was B
    s.answer('B');
    expect(s.summary()).toMatchObject({ trials: 4, answered: 3, correct: 2 });
    s.answer('A');
    expect(s.done).toBe(true);
    expect(s.summary().correct).toBe(3);
    expect(s.summary().pValue).toBeCloseTo(5 / 16, 12);
    expect(() => s.answer('A')).toThrow(/finished/);
  });

  it('never exposes an unanswered X through its enumerable state or JSON', () => {
    const s = new AbxSession(16, () => 'B');
    const visible = JSON.stringify(s) + JSON.stringify(Object.values(s)) + JSON.stringify(s.records) + JSON.stringify(s.summary());
    expect(visible).not.toContain('"B"');
    s.answer('A');
    expect(JSON.stringify(s.records)).toContain('"x":"B"');
  });

  it('the secure coin is fair over many draws and uses both sides', () => {
    let b = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (secureCoin() === 'B') b++;
    // 5 standard deviations of Binomial(20000, ½) is ±354.
    expect(Math.abs(b - n / 2)).toBeLessThan(354);
  });

  it('exports every trial as CSV and JSON with the setup', () => {
    const s = new AbxSession(2, scripted(['B', 'A']));
    s.answer('B', new Date('2026-01-01T00:00:00Z'));
    s.answer('B', new Date('2026-01-01T00:00:10Z'));
    const report = {
      tool: 'Canyon Lab ABX' as const,
      listener: 'Ana, row 2',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: '2026-01-01T00:00:10Z',
      setup: { clip: 'gm-gunshot-canned', ir: 'ir, "street"' },
      summary: s.summary(),
      trials: s.records,
    };
    const csv = abxToCsv(report);
    expect(csv.split('\n')[1]).toBe('"Ana, row 2",1,B,B,true,2026-01-01T00:00:00.000Z');
    expect(csv.split('\n')[2]).toBe('"Ana, row 2",2,A,B,false,2026-01-01T00:00:10.000Z');
    expect(csv).toContain('# started,2026-01-01T00:00:00Z,finished,2026-01-01T00:00:10Z');
    expect(csv).toContain('p_value,0.75');
    expect(csv).toContain('# setup,"{""clip"":""gm-gunshot-canned""');
    expect(JSON.parse(abxToJson(report)).trials).toHaveLength(2);
  });
});
