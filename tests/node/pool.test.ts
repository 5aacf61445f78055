import { describe, expect, it } from 'vitest';
import { abxToCsv, abxToJson, type AbxReport } from '../../src/abx/export';
import { AbxSession } from '../../src/abx/session';
import { abxPValue } from '../../src/abx/statistics';
import { mushraToCsv, mushraToJson, type MushraReport } from '../../src/mushra/export';
import { binomialTailP, poolResults, poolToCsv } from '../../src/pool/pool';
import { ResultFileError, parseResultFile } from '../../src/pool/result-file';

const SETUP = {
  A: { source: 'gm-gunshot-canned', trimDb: 0 },
  B: { source: 'location-pistol-canyon', trimDb: -1.5 },
  loudnessMatched: true,
};

/** A real ABX session of 16 trials (X always A) in which the listener gets `correct` right, exported. */
function abxReport(listener: string, correct: number, setup: Record<string, unknown> = SETUP, minute = 0): AbxReport {
  const session = new AbxSession(16, () => 'A');
  for (let i = 0; i < 16; i++) session.answer(i < correct ? 'A' : 'B', new Date(Date.UTC(2026, 11, 1, 10, minute, i)));
  return {
    tool: 'Canyon Lab ABX',
    listener,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:05:00.000Z',
    setup: { ...setup, A: { ...(setup.A as object) } }, // key order differs from SETUP's: the setup is compared by content
    summary: session.summary(),
    trials: session.records,
  };
}

/** P(X ≥ k | n, ½) counted exactly with integers: Σ C(n, i) for i ≥ k, over 2^n. */
function exactTail(k: number, n: number): number {
  let c = 1n; // C(n, 0)
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  return Number((sum * 10n ** 18n) / 2n ** BigInt(n)) / 1e18; // scaled: 2^1500 is beyond doubles
}

describe('exact binomial tail', () => {
  it('is P(X ≥ 35 | 48, ½) ≈ 0.00104 and agrees with exact integer sums and the ABX panel', () => {
    expect(exactTail(35, 48)).toBeCloseTo(0.0010440536669982, 15);
    expect(binomialTailP(35, 48)).toBeCloseTo(exactTail(35, 48), 14);
    for (const [k, n] of [
      [0, 16],
      [9, 16],
      [16, 16],
      [12, 20],
      [60, 100],
    ])
      expect(binomialTailP(k, n)).toBeCloseTo(abxPValue(k, n), 12);
    // A large class: 800 of 1500 (C(1500, k) overflows doubles; the log-space sum does not).
    expect(binomialTailP(800, 1500)).toBeCloseTo(exactTail(800, 1500), 12);
  });
});

describe("pooling a class's ABX files", () => {
  const files = [
    parseResultFile('ana.json', abxToJson(abxReport('Ana', 10))),
    parseResultFile('ben.csv', abxToCsv(abxReport('Ben', 12))),
    parseResultFile('cleo.json', abxToJson(abxReport('Cleo', 13))),
    // Ana's same session handed in again as CSV, and Dan tested another pair.
    parseResultFile('ana.csv', abxToCsv(abxReport('Ana', 10))),
    parseResultFile('dan.json', abxToJson(abxReport('Dan', 16, { ...SETUP, loudnessMatched: false }))),
  ];
  const pool = poolResults(files);

  it('gives each listener and the pooled 35 of 48 with its exact p, and flags the duplicate and the other setup', () => {
    expect(pool.abx!.listeners.map((l) => [l.listener, l.trials, l.correct])).toEqual([
      ['Ana', 16, 10],
      ['Ben', 16, 12],
      ['Cleo', 16, 13],
    ]);
    expect(pool.abx!.listeners[0].pValue).toBeCloseTo(0.2272491455078125, 12);
    expect(pool.abx!.total).toMatchObject({ trials: 48, correct: 35 });
    expect(pool.abx!.total.pValue).toBeCloseTo(0.00104405, 8);
    expect(pool.files.map((f) => f.status)).toEqual(['counted', 'counted', 'counted', 'duplicate', 'other-setup']);
    expect(pool.files[3].note).toBe('the same answers as “ana.json”');
    expect(pool.rating).toBeNull();
  });

  it('exports the pooled table as CSV, with what was left out', () => {
    const csv = poolToCsv(pool).split('\n');
    expect(csv[0]).toBe('test,listener,files,trials,correct,p_one_sided');
    expect(csv[4]).toBe('abx,pooled,3,48,35,0.00104');
    expect(csv).toContain('# not counted,dan.json,another setup than the 3 file(s) pooled');
  });

  it("counts a listener's second session of the same setup with the first", () => {
    const again = poolResults([...files.slice(0, 3), parseResultFile('ana-2.json', abxToJson(abxReport('Ana', 14, SETUP, 30)))]);
    expect(again.abx!.listeners[0]).toMatchObject({ listener: 'Ana', files: 2, trials: 32, correct: 24 });
    expect(again.abx!.total).toMatchObject({ trials: 64, correct: 49 });
  });
});

describe('pooling rating tests', () => {
  const report = (listener: string, b: number, failsScreening = false): MushraReport => ({
    tool: 'Canyon Lab rating test (BS.1534-style)',
    listener,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:05:00.000Z',
    setup: SETUP,
    summary: { trials: 1, submitted: 1, conditions: [], failsScreening },
    trials: [{ trial: 1, order: ['B', 'A'], scores: { A: 100, B: b }, submittedAt: `2026-12-01T10:0${b / 10}:00.000Z` }],
  });

  it('gives the mean and 95 % interval per condition across listeners, after post-screening', () => {
    const pool = poolResults([
      parseResultFile('a.json', mushraToJson(report('A1', 40))),
      parseResultFile('b.csv', mushraToCsv(report('B2', 50))),
      parseResultFile('c.json', mushraToJson(report('C3', 60))),
      parseResultFile('d.csv', mushraToCsv(report('D4', 90, true))),
    ]);
    const b = pool.rating!.conditions.find((c) => c.label === 'B')!;
    expect(b.n).toBe(3);
    expect(b.mean).toBeCloseTo(50, 10);
    // t(0.975, 2) = 4.303 × s (10) / √3
    expect(b.halfWidth).toBeCloseTo((4.303 * 10) / Math.sqrt(3), 6);
    expect(pool.files[3]).toMatchObject({ status: 'screened-out' });
    expect(pool.abx).toBeNull();
  });
});

describe('files that are not results', () => {
  it('says what is wrong with each', () => {
    const bad: [string, string, RegExp][] = [
      ['notes.txt', 'hello, world\n1,2', /not an ABX or rating-test export/],
      ['cut.json', abxToJson(abxReport('Ana', 10)).slice(0, 200), /cannot be read \(cut short/],
      ['cut.csv', abxToCsv(abxReport('Ana', 10)).split('# setup')[0], /“# setup” line is missing/],
      ['empty.csv', '', /is empty/],
      ['other.json', '{"tool":"Something else"}', /not an ABX or rating-test export/],
    ];
    for (const [name, text, message] of bad) {
      expect(() => parseResultFile(name, text), name).toThrow(ResultFileError);
      expect(() => parseResultFile(name, text), name).toThrow(message);
    }
  });
});
