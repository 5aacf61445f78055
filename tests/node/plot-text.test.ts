import { describe, expect, it } from 'vitest';
import { measureClip, type Measured } from '../../src/analysis/measure';
import { octaveDecayCurves } from '../../src/analysis/octave-decay';
import { compressorText, decayText, loudnessText, MAX_ROWS, octaveText, reflectionsText, roundStep } from '../../src/ui/plot-text';

const RATE = 48_000;

/** An exponential decay of exactly `t60` seconds (noise under an envelope), after 0.1 s of silence. */
function decayingNoise(t60: number, seconds = 3): Float32Array {
  const out = new Float32Array(seconds * RATE);
  let seed = 1;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const start = 0.1 * RATE;
  for (let i = start; i < out.length; i++) out[i] = rand() * 10 ** ((-60 * ((i - start) / RATE)) / t60 / 20);
  return out;
}

describe('plot text alternatives', () => {
  const results: Measured = { A: measureClip([decayingNoise(1.2)], RATE), B: measureClip([decayingNoise(0.5)], RATE) };

  it('picks round steps that keep a table under MAX_ROWS rows', () => {
    expect(roundStep(3)).toBe(0.2);
    expect(roundStep(0.25)).toBe(0.01);
    for (const span of [0.01, 0.3, 1, 7.5, 60, 300]) expect(span / roundStep(span)).toBeLessThan(MAX_ROWS);
  });

  it('sums up the decay plot with each T30 and its fit, and tabulates the curves it draws', () => {
    const { summary, table } = decayText(results, ['A', 'B']);
    const t30 = (name: string) => Number(new RegExp(`${name}: T30 (\\d+\\.\\d+) s`).exec(summary)?.[1]);
    expect(t30('A')).toBeCloseTo(1.2, 1);
    expect(t30('B')).toBeCloseTo(0.5, 1);
    expect(summary).toMatch(/A: T30 \d\.\d\d s \(fit r −(0\.9\d\d|1\.000), fitted \d\.\d\d–\d\.\d\d s\)/);
    expect(table!.columns).toEqual(['Time (s)', 'A', 'B']);
    expect(table!.rows.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(table!.rows[0].cells).toEqual(['0.0', '0.0']); // the Schroeder curve starts at 0 dB
    // A row's value is the curve at that time: −60 dB per T60, so at 0.5 s A is near −25 dB.
    const half = table!.rows.find((r) => r.head === '0.5')!;
    expect(Number(half.cells[0].replace('−', '-'))).toBeCloseTo(-25, -1);
  });

  it('names the loudness maxima and where the momentary one is', () => {
    const { summary, table } = loudnessText(results, [{ name: 'A' }, { name: 'B', offset: 1 }]);
    expect(summary).toContain(`A: momentary max ${results.A!.momentaryMaxLufs!.toFixed(1).replace('-', '−')} LUFS at 0.`);
    expect(table!.columns).toEqual(['Time (s)', 'A momentary', 'A short-term', 'B momentary', 'B short-term']);
    // B starts 1 s later: it has no momentary reading before 1.4 s.
    expect(table!.rows.find((r) => r.head === '1.0')!.cells[2]).toBe('—');
  });

  it('says the T30 of every octave band, says why a plot is empty, and lists the strongest reflections', () => {
    const bands = octaveDecayCurves([decayingNoise(0.8)], RATE);
    const { summary, table } = octaveText('IR', bands);
    expect(summary).toMatch(/^Decay per octave band of IR, T30: 125 Hz (\d\.\d\d s|—), 250 Hz/);
    expect(table!.columns.slice(1)).toEqual(bands.map((b) => (b.centre >= 1000 ? `${b.centre / 1000} kHz` : `${b.centre} Hz`)));
    expect(decayText({}, ['A']).summary).toBe('Energy decay: not measured yet.');
    const r = reflectionsText('IR', {
      etc: { stepSec: 0.001, directSec: 0, db: new Float32Array(10) },
      reflections: [
        { delaySec: 0.0123, timeSec: 0.0123, levelDb: -6.1, prominenceDb: 12, extraPathM: 4.2 },
        { delaySec: 0.03, timeSec: 0.03, levelDb: -2, prominenceDb: 12, extraPathM: 10.3 },
      ],
      flutter: null,
    });
    expect(r.summary).toBe('Strongest reflections of IR after the direct sound: 30.0 ms at −2.0 dB, 12.3 ms at −6.1 dB.');
    expect(r.table!.rows[0]).toEqual({ head: '1', cells: ['12.3', '−6.1', '4.2'] });
  });

  it('reads the compressor curve and the clips’ commonest levels', () => {
    const curve = Array.from({ length: 361 }, (_, i) => {
      const inputDb = -90 + i * 0.25;
      return { inputDb, outputDb: inputDb > -24 ? -24 + (inputDb + 24) / 4 : inputDb };
    });
    const counts = new Uint32Array(90);
    counts[60] = 30; // −30…−29 dBFS
    counts[80] = 10;
    const t = compressorText('−24 dB, 4:1', curve, [{ label: 'A', histogram: { fromDb: -90, binDb: 1, counts, total: 40 } }]);
    expect(t.summary).toBe(
      'Compressor curve, −24 dB, 4:1: −30 dBFS in gives −30.0 dBFS out, 0 dBFS gives −18.0 dBFS. Most common 10 ms peak level: A −30 dBFS.',
    );
    expect(t.table!.rows[0]).toEqual({ head: '0', cells: ['−18.0', '0'] });
    // −30…−24: three quarters of A's windows.
    expect(t.table!.rows.find((r) => r.head === '−24')!.cells).toEqual(['−24.0', '75']);
  });
});
