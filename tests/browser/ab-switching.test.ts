/**
 * Issue 8's proof on real Web Audio: switch sequences rendered offline through the real
 * ABPlayer graph (Tone.js nodes in Chromium), then compared sample by sample.
 */
import { describe, expect, it } from 'vitest';
import { Offline } from 'tone';
import { LIMITER_LATENCY_FRAMES } from '../../src/audio/output-stage';
import { OUTPUT_LATENCY_FRAMES } from '../../src/audio/slot-player';
import { ABPlayer, type Side } from './ab-player';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';

import { loadSample } from './helpers';

const SR = 48_000;
const XF = 0.008;
/** A switch at the selector reaches the output after the limiter's look-ahead. */
const LAT = LIMITER_LATENCY_FRAMES / SR;

function sineClip(seconds: number, freq: number, amplitude: number): AudioBuffer {
  const b = new AudioBuffer({ length: Math.round(seconds * SR), sampleRate: SR, numberOfChannels: 1 });
  const d = b.getChannelData(0);
  for (let i = 0; i < d.length; i++) d[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / SR);
  return b;
}

interface Run {
  clip: AudioBuffer;
  ir: AudioBuffer | null;
  settings: ChainSettings;
  trimB?: number;
  first: Side;
  switches: { at: number; to: Side; crossfade?: number }[];
  seconds: number;
  channels?: number;
}

async function render(run: Run): Promise<Float32Array[]> {
  const out = await Offline(
    async () => {
      const p = new ABPlayer(run.settings, run.ir);
      await p.ready;
      p.setClip(run.clip);
      if (run.trimB !== undefined) p.setTrimB(run.trimB);
      p.select(run.first, 0);
      for (const s of run.switches) p.select(s.to, s.crossfade ?? XF, s.at);
      p.startAt(0);
    },
    run.seconds,
    run.channels ?? 2,
    SR,
  );
  return Array.from({ length: out.numberOfChannels }, (_, c) => out.getChannelData(c).slice());
}

function maxAbsDiff(a: Float32Array, b: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.round(from * SR); i < Math.round(to * SR); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * The click detector: an 8th-order high-pass (four cascaded 2nd-order sections,
 * bilinear transform) that takes a 220 Hz sine down by about 200 dB, so what is left
 * near a switch is what the switch itself added.
 */
function highPass(x: ArrayLike<number>, cutoff: number, sections = 4): Float64Array {
  let y: ArrayLike<number> = x;
  for (let s = 0; s < sections; s++) y = highPassSection(y, cutoff);
  return y as Float64Array;
}

function highPassSection(x: ArrayLike<number>, cutoff: number): Float64Array {
  const k = Math.tan((Math.PI * cutoff) / SR);
  const q = Math.SQRT1_2;
  const norm = 1 / (1 + k / q + k * k);
  const b0 = norm,
    b1 = -2 * norm,
    b2 = norm;
  const a1 = 2 * (k * k - 1) * norm,
    a2 = (1 - k / q + k * k) * norm;
  const y = new Float64Array(x.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = v;
    y[i] = v;
  }
  return y;
}

function peakDb(x: ArrayLike<number>, from: number, to: number): number {
  let m = 0;
  for (let i = Math.round(from * SR); i < Math.round(to * SR); i++) m = Math.max(m, Math.abs(x[i]));
  return 20 * Math.log10(m);
}

function maxJump(x: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = Math.round(from * SR) + 1; i < Math.round(to * SR); i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
  return m;
}

describe('A/B switching on real Web Audio', () => {
  it('after each switch the output is the chosen side sample for sample (outside the crossfade)', async () => {
    const ir = await loadSample('ir-antwerp-street');
    const clip = sineClip(2.5, 220, 0.25);
    const settings = defaultSettings('ir-antwerp-street'); // reverb on: B really differs from A
    const base = { clip, ir, settings, seconds: 2.5 };
    const allA = await render({ ...base, first: 'A', switches: [] });
    const allB = await render({ ...base, first: 'B', switches: [] });
    const seq = await render({
      ...base,
      first: 'A',
      switches: [
        { at: 0.5, to: 'B' },
        { at: 1.0, to: 'A' },
        { at: 1.5, to: 'B' },
      ],
    });
    const sides: [number, number, Float32Array[]][] = [
      [0.01, 0.5 + LAT, allA],
      [0.5 + XF + LAT, 1.0 + LAT, allB],
      [1.0 + XF + LAT, 1.5 + LAT, allA],
      [1.5 + XF + LAT, 2.5, allB],
    ];
    for (const [from, to, ref] of sides) {
      for (let c = 0; c < 2; c++) expect(maxAbsDiff(seq[c], ref[c], from, to)).toBe(0);
    }
    // …and B really is different from A there, so the comparison means something.
    expect(maxAbsDiff(allA[0], allB[0], 0.6, 1.0)).toBeGreaterThan(0.01);
  });

  it('the crossfade is click-free; an instant switch is not (the detector works)', async () => {
    // A and B are the same 220 Hz sine, B 12 dB quieter: a hard cut is a step in level.
    const clip = sineClip(1, 220, 0.5);
    const settings = defaultSettings('none');
    settings.reverb.enabled = false;
    const base = { clip, ir: null, settings, trimB: -12, seconds: 1, first: 'A' as Side };
    const smooth = await render({ ...base, switches: [{ at: 0.5, to: 'B' }] });
    const hard = await render({ ...base, switches: [{ at: 0.5, to: 'B', crossfade: 0 }] });
    const window = [0.45 + LAT, 0.6 + LAT] as const;
    const residueSmooth = peakDb(highPass(smooth[0], 4000), ...window);
    const residueHard = peakDb(highPass(hard[0], 4000), ...window);
    console.info(
      `high-pass residue around the switch: crossfade ${residueSmooth.toFixed(1)} dBFS, hard cut ${residueHard.toFixed(1)} dBFS`,
    );
    expect(residueSmooth).toBeLessThan(-60);
    expect(residueHard).toBeGreaterThan(-60);
    // No sample-to-sample step larger than the signals' own, allowing for the one thing
    // an equal-power fade of two in-phase sides does: their sum bulges to at most
    // √(a² + b²) (here a = 0.5, b = 0.125: +0.26 dB) half-way through.
    const bulge = Math.hypot(0.5, 0.125) / 0.5;
    const ownJump = maxJump(smooth[0], 0.3, 0.45) * bulge;
    // Away from the switch the detector sees nothing but the filter's floor.
    expect(peakDb(highPass(smooth[0], 4000), 0.3, 0.45)).toBeLessThan(-100);
    expect(maxJump(smooth[0], ...window)).toBeLessThanOrEqual(ownJump * 1.01);
  });

  it('stays in sync after 10 minutes of audio: an impulse at 9:59 lands on the same frame in A and B', async () => {
    const seconds = 600;
    const clip = new AudioBuffer({ length: seconds * SR, sampleRate: SR, numberOfChannels: 1 });
    const mark = 599 * SR + 12_345;
    clip.getChannelData(0)[mark] = 0.5;
    const settings = defaultSettings('none');
    settings.reverb.enabled = false;
    const base = { clip, ir: null, settings, seconds, channels: 1 };
    const b = await render({ ...base, first: 'A', switches: [{ at: 598, to: 'B' }] });
    const a = await render({ ...base, first: 'A', switches: [] });
    const peakAt = (x: Float32Array) => {
      let best = 0;
      for (let i = 598 * SR; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
      return best;
    };
    expect(peakAt(a[0])).toBe(mark + OUTPUT_LATENCY_FRAMES);
    expect(peakAt(b[0])).toBe(mark + OUTPUT_LATENCY_FRAMES);
    expect(b[0][mark + OUTPUT_LATENCY_FRAMES]).toBeCloseTo(0.5, 6);
  }, 120_000);

  it('the difference side of a chain with everything off is silent', async () => {
    const clip = await loadSample('ufoai-pistol');
    const settings = defaultSettings('none');
    settings.reverb.enabled = false;
    const diff = await render({ clip, ir: null, settings, first: 'difference', switches: [], seconds: clip.duration });
    expect(peakDb(diff[0], 0, clip.duration)).toBeLessThan(-120);
    const a = await render({ clip, ir: null, settings, first: 'A', switches: [], seconds: clip.duration });
    expect(peakDb(a[0], 0, clip.duration)).toBeGreaterThan(-3); // and the clip itself is loud
  });
});

describe('loudness matching', () => {
  it('leaves A and B within 0.1 LU of each other (measured on the real output)', async () => {
    const { asHeardInStereo, integratedLoudness, padTo } = await import('../../src/analysis/loudness');
    const { renderProcessed } = await import('../../src/audio/engine');
    const [clip, ir] = await Promise.all([loadSample('gm-gunshot-canned'), loadSample('ir-antwerp-street')]);
    const settings = defaultSettings('ir-antwerp-street');
    settings.reverb.wet = 0.5; // the street adds its reverb: B is louder than A
    const b = await renderProcessed(clip, ir, settings);
    const ch = (x: AudioBuffer) => Array.from({ length: x.numberOfChannels }, (_, c) => x.getChannelData(c));
    // What the lab does: measure A and the rendered B as heard, trim B by the difference.
    const la = integratedLoudness(padTo(asHeardInStereo(ch(clip)), b.length), SR);
    const lb = integratedLoudness(asHeardInStereo(ch(b)), SR);
    const seconds = clip.duration + ir.duration;
    const LEVEL = -6; // output level: keeps every peak below the −1 dBFS limiter
    const SETTLE = 0.25;
    const outputLoudness = async (side: Side, trim: number) => {
      const out = await Offline(
        async () => {
          const p = new ABPlayer(settings, ir);
          await p.ready;
          p.setClip(clip);
          p.setOutputLevel(LEVEL, 0);
          p.setTrimB(trim, 0);
          p.select(side, 0);
          // The limiter (a DynamicsCompressorNode) starts fully compressed and releases
          // within 50 ms; live it has long settled when anyone presses play.
          p.startAt(SETTLE);
        },
        SETTLE + seconds + OUTPUT_LATENCY_FRAMES / SR,
        2,
        SR,
      );
      // Cut settling and latency so the 400 ms gating blocks fall where they fell on the files.
      const cut = (c: number) => out.getChannelData(c).subarray(SETTLE * SR + OUTPUT_LATENCY_FRAMES);
      return integratedLoudness([cut(0), cut(1)], SR);
    };
    const a = await outputLoudness('A', 0);
    const unmatched = await outputLoudness('B', 0);
    const matched = await outputLoudness('B', la - lb);
    console.info(
      `A ${a.toFixed(2)} LUFS; B ${unmatched.toFixed(2)} → matched ${matched.toFixed(2)} LUFS (files: A ${la.toFixed(2)}, B ${lb.toFixed(2)})`,
    );
    expect(Math.abs(unmatched - a)).toBeGreaterThan(0.5); // there was something to match
    expect(Math.abs(matched - a)).toBeLessThan(0.1);
    expect(Math.abs(a - (la + LEVEL))).toBeLessThan(0.1); // and the output is what the files said
  });
});
