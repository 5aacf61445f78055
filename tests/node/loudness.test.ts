/**
 * The meter against the test signals of EBU Tech 3341 (loudness) and Tech 3342 (LRA),
 * generated here from their definitions, and BS.1770's published 48 kHz coefficients.
 */
import { describe, expect, it } from 'vitest';
import { kWeightingFilters } from '../../src/analysis/kweighting';
import { magnitudeAt } from '../../src/analysis/biquad';
import { loudness } from '../../src/analysis/loudness';
import { truePeak } from '../../src/analysis/true-peak';
import { peakAndRms, samplePeak } from '../../src/analysis/levels';

const SR = 48_000;

/** Stereo 1 kHz sine made of [seconds, dBFS] sections (both channels, in phase). */
function sineSections(sections: [number, number][], freq = 1000, sampleRate = SR): Float32Array[] {
  const total = sections.reduce((n, [s]) => n + Math.round(s * sampleRate), 0);
  const x = new Float32Array(total);
  let i = 0;
  for (const [seconds, db] of sections) {
    const a = 10 ** (db / 20);
    for (let n = 0; n < Math.round(seconds * sampleRate); n++, i++) x[i] = a * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  }
  return [x, x.slice()];
}

describe('K-weighting', () => {
  it('reproduces BS.1770-4’s published 48 kHz coefficients', () => {
    const [shelf, hp] = kWeightingFilters(48_000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 7);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 7);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 7);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 7);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 7);
    expect([hp.b0, hp.b1, hp.b2]).toEqual([1, -2, 1]);
    expect(hp.a1).toBeCloseTo(-1.99004745483398, 7);
    expect(hp.a2).toBeCloseTo(0.99007225036621, 7);
  });

  it('has the same response at 44.1 and 96 kHz (re-derived, not copied)', () => {
    for (const sr of [44_100, 96_000]) {
      for (const f of [20, 100, 1000, 4000, 10_000]) {
        const [s48, h48] = kWeightingFilters(48_000);
        const [s, h] = kWeightingFilters(sr);
        const db = (a: number) => 20 * Math.log10(a);
        const ref = db(magnitudeAt(s48, f, 48_000) * magnitudeAt(h48, f, 48_000));
        expect(db(magnitudeAt(s, f, sr) * magnitudeAt(h, f, sr))).toBeCloseTo(ref, 1);
      }
    }
  });
});

describe('EBU Tech 3341 (loudness meters)', () => {
  it('case 1: 1 kHz at −23 dBFS → M, S, I = −23.0 ± 0.1 LUFS', () => {
    const r = loudness(sineSections([[20, -23]]), SR);
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
    expect(Math.abs(r.momentary[50] + 23)).toBeLessThan(0.1);
    expect(Math.abs(r.shortTerm[50] + 23)).toBeLessThan(0.1);
  });

  it('case 2: 1 kHz at −33 dBFS → −33.0 ± 0.1 LUFS', () => {
    const r = loudness(sineSections([[20, -33]]), SR);
    expect(Math.abs(r.integrated + 33)).toBeLessThan(0.1);
  });

  it('case 3: −36 / −23 / −36 dBFS (10, 60, 10 s) → I = −23.0 ± 0.1 (relative gate)', () => {
    const r = loudness(
      sineSections([
        [10, -36],
        [60, -23],
        [10, -36],
      ]),
      SR,
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 4: −72 / −36 / −23 / −36 / −72 dBFS → I = −23.0 ± 0.1 (absolute gate)', () => {
    const r = loudness(
      sineSections([
        [10, -72],
        [10, -36],
        [60, -23],
        [10, -36],
        [10, -72],
      ]),
      SR,
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 5: −26 / −20 / −26 dBFS (20, 20.1, 20 s) → I = −23.0 ± 0.1', () => {
    const r = loudness(
      sineSections([
        [20, -26],
        [20.1, -20],
        [20, -26],
      ]),
      SR,
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('the same readings at 44.1 kHz', () => {
    const r = loudness(sineSections([[20, -23]], 1000, 44_100), 44_100);
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('silence and clips shorter than one block have no integrated loudness', () => {
    expect(loudness([new Float32Array(SR)], SR).integrated).toBe(-Infinity);
    expect(loudness(sineSections([[0.3, -10]]), SR).integrated).toBe(-Infinity);
  });
});

describe('EBU Tech 3342 (loudness range)', () => {
  const cases: [string, [number, number][], number][] = [
    [
      'case 1: −20 / −30 dBFS → 10 LU',
      [
        [20, -20],
        [20, -30],
      ],
      10,
    ],
    [
      'case 2: −20 / −15 dBFS → 5 LU',
      [
        [20, -20],
        [20, -15],
      ],
      5,
    ],
    [
      'case 3: −40 / −20 dBFS → 20 LU',
      [
        [20, -40],
        [20, -20],
      ],
      20,
    ],
    [
      'case 4: −50 / −35 / −20 / −35 / −50 dBFS → 15 LU',
      [
        [20, -50],
        [20, -35],
        [20, -20],
        [20, -35],
        [20, -50],
      ],
      15,
    ],
  ];
  for (const [name, sections, expected] of cases) {
    it(`${name} ± 1 LU`, () => {
      const r = loudness(sineSections(sections), SR);
      expect(r.range).not.toBeNull();
      expect(Math.abs(r.range! - expected)).toBeLessThan(1);
    });
  }
});

describe('true peak (BS.1770-4 Annex 2, 4× oversampling)', () => {
  it('finds the peak between samples: fs/4 sine sampled 45° off its crest', () => {
    // Samples are ±0.7071·A: sample peak −3.01 dB below the true peak A.
    const a = 0.5;
    const x = Float32Array.from({ length: 4800 }, (_, n) => a * Math.sin((Math.PI / 2) * n + Math.PI / 4));
    const tp = 20 * Math.log10(truePeak([x]) / a);
    // Tech 3341's true-peak tolerance: +0.2 / −0.4 dB.
    expect(tp).toBeLessThan(0.2);
    expect(tp).toBeGreaterThan(-0.4);
  });

  it('equals the sample peak where the samples hit the crest', () => {
    // Faded in and out: an abrupt start is a step, whose reconstruction really overshoots.
    const fade = (n: number) => Math.min(1, n / 480, (4799 - n) / 480);
    const x = Float32Array.from({ length: 4800 }, (_, n) => fade(n) * 0.8 * Math.cos((2 * Math.PI * 1000 * n) / SR));
    expect(20 * Math.log10(truePeak([x]) / 0.8)).toBeCloseTo(0, 1);
  });

  it('catches an inter-sample overshoot in either channel', () => {
    const quiet = new Float32Array(4800);
    const x = Float32Array.from({ length: 4800 }, (_, n) => 0.9 * Math.sin((2 * Math.PI * 11_025 * n) / 44_100 + 0.3));
    expect(truePeak([quiet, x])).toBeGreaterThan(0.88);
    expect(truePeak([quiet, x])).toBeLessThan(0.92);
  });

  it('skips only stretches that cannot hold the peak: same answer as interpolating everywhere', () => {
    // truePeak with a known sample peak of 0 interpolates every interval (its pruning threshold is 0).
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const signals = [
      Float32Array.from({ length: 48_000 }, () => 0.5 * noise()), // white noise: overshoots everywhere
      Float32Array.from({ length: 48_000 }, (_, n) => (n % 2 ? 0.6 : -0.6) * Math.min(1, n / 4800) + 0.01 * noise()), // near Nyquist
      Float32Array.from({ length: 48_000 }, (_, n) => Math.exp(-n / 2400) * noise()), // a shot's decay
    ];
    for (const x of signals) {
      const everywhere = Math.max(samplePeak([x]), truePeak([x], { samplePeak: 0 }));
      expect(truePeak([x])).toBe(everywhere);
      // …and when it reads only the blocks whose peak reaches the threshold.
      const levels = peakAndRms([x]);
      expect(levels.peak).toBe(samplePeak([x]));
      expect(truePeak([x], { samplePeak: levels.peak, blockPeaks: levels.blockPeaks })).toBe(everywhere);
    }
  });
});

describe('comparing like with like', () => {
  it('a mono clip heard in stereo is 3.01 LU louder than the mono file', async () => {
    const { asHeardInStereo } = await import('../../src/analysis/loudness');
    const [x] = sineSections([[5, -20]]);
    const mono = loudness([x], SR).integrated;
    const heard = loudness(asHeardInStereo([x]), SR).integrated;
    expect(heard - mono).toBeCloseTo(10 * Math.log10(2), 2);
  });

  it('silence after a short clip changes its integrated loudness, so A is padded to B’s span', async () => {
    const { padTo } = await import('../../src/analysis/loudness');
    // A 1 s tone that stops dead: blocks straddling its end still pass the relative gate.
    const x = Float32Array.from({ length: SR }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / SR));
    const alone = loudness([x], SR).integrated;
    const padded = loudness(padTo([x], 2 * SR), SR).integrated;
    expect(padTo([x], 2 * SR)[0]).toHaveLength(2 * SR);
    expect(Math.abs(padded - alone)).toBeGreaterThan(0.05);
  });
});

describe('loudness over a span', () => {
  it('measures a clip followed by silence exactly as a padded copy of it, filters ringing into the silence', async () => {
    const { readSample } = await import('./samples-helpers');
    const { padTo } = await import('../../src/analysis/loudness');
    // Speech cut off mid-word: the K-weighting filters ring on after its last sample.
    const speech = readSample('speech-dry');
    const cut = speech.channels.map((c) => c.subarray(0, Math.round(1.23 * speech.sampleRate)));
    const span = cut[0].length + Math.round(0.4 * speech.sampleRate);
    const spanned = loudness(cut, speech.sampleRate, span);
    expect(spanned).toEqual(loudness(padTo(cut, span), speech.sampleRate));
    expect(spanned.blockCount).toBeGreaterThan(loudness(cut, speech.sampleRate).blockCount);
  });
});
