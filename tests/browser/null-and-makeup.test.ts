/**
 * Honest comparisons: the null test A − B on offline renders, the compressor's measured
 * look-ahead, and the hidden makeup gain taken off.
 */
import { describe, expect, it } from 'vitest';
import { renderProcessed } from '../../src/audio/engine';
import { hiddenMakeupDb } from '../../src/audio/compressor-makeup';
import { CHAIN_LATENCY_FRAMES } from '../../src/audio/constants';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { rms, toDb } from '../../src/analysis/levels';
import { channelsOf, loadSample } from './helpers';

const IR = 'ir-antwerp-street';

function settings(patch: (s: ChainSettings) => void): ChainSettings {
  const s = defaultSettings(IR);
  patch(s);
  return s;
}

/** Peak of (A − B) over B's length, A (mono) padded with silence; dBFS. */
function nullPeakDb(a: AudioBuffer, b: AudioBuffer, plus?: AudioBuffer): number {
  const x = a.getChannelData(0);
  let peak = 0;
  for (let c = 0; c < b.numberOfChannels; c++) {
    const y = b.getChannelData(c);
    const z = plus?.getChannelData(c);
    for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs((i < x.length ? x[i] : 0) - y[i] + (z ? z[i] : 0)));
  }
  return toDb(peak);
}

describe('null test on real Web Audio', () => {
  it('with everything off, A − B is below −120 dBFS (B is A, aligned sample for sample)', async () => {
    const [clip, ir] = await Promise.all([loadSample('ufoai-pistol'), loadSample(IR)]);
    const b = await renderProcessed(
      clip,
      ir,
      settings((s) => {
        s.reverb.enabled = false;
        s.compressor.enabled = false;
      }),
    );
    expect(nullPeakDb(clip, b)).toBeLessThan(-120);
  });

  it('with only reverb on, A − B is exactly the reverb that was added (the wet signal)', async () => {
    const [clip, ir] = await Promise.all([loadSample('ufoai-pistol'), loadSample(IR)]);
    const mixed = await renderProcessed(
      clip,
      ir,
      settings((s) => {
        s.reverb.wet = 0.5;
      }),
    );
    const wetOnly = await renderProcessed(
      clip,
      ir,
      settings((s) => {
        s.reverb.wet = 1;
      }),
    );
    // A − B + wet = 0: the difference is the wet signal (with its sign).
    expect(nullPeakDb(clip, mixed, wetOnly)).toBeLessThan(-120);
    // …and the wet signal is far from silent, so that was not 0 − 0.
    expect(toDb(rms(channelsOf(wetOnly)))).toBeGreaterThan(-50);
  });
});

describe('compressor honesty', () => {
  it('the chain latency constant is the real DynamicsCompressorNode look-ahead', async () => {
    const ctx = new OfflineAudioContext(1, 4800, 48_000);
    const buf = ctx.createBuffer(1, 4800, 48_000);
    buf.getChannelData(0)[100] = 0.01; // far below threshold: no gain change, just the delay
    const src = new AudioBufferSourceNode(ctx, { buffer: buf });
    src.connect(new DynamicsCompressorNode(ctx, { ratio: 1 })).connect(ctx.destination);
    src.start();
    const out = (await ctx.startRendering()).getChannelData(0);
    let at = 0;
    for (let i = 0; i < out.length; i++) if (Math.abs(out[i]) > Math.abs(out[at])) at = i;
    expect(at - 100).toBe(CHAIN_LATENCY_FRAMES);
  });

  it('measures the hidden makeup gain: about +14.6 dB at the lab defaults, 0 dB at ratio 1', async () => {
    const d = defaultSettings(IR).compressor;
    const makeup = await hiddenMakeupDb(d);
    console.info(`hidden makeup at −30 dB, 8:1, 6 dB knee: ${makeup.toFixed(2)} dB`);
    expect(makeup).toBeGreaterThan(10);
    expect(makeup).toBeLessThan(20);
    expect(Math.abs(await hiddenMakeupDb({ threshold: 0, ratio: 1, knee: 0 }))).toBeLessThan(0.01);
  });

  it('with compensation, a quiet signal below threshold passes the compressor at unity gain', async () => {
    const clip = new AudioBuffer({ length: 48_000, sampleRate: 48_000, numberOfChannels: 1 });
    const d = clip.getChannelData(0);
    for (let i = 0; i < d.length; i++) d[i] = 0.001 * Math.sin((2 * Math.PI * 500 * i) / 48_000); // −60 dBFS < threshold
    const s = settings((x) => {
      x.reverb.enabled = false;
      x.compressor.enabled = true;
      x.compressor.threshold = -30;
    });
    const makeup = await hiddenMakeupDb(s.compressor);
    const raw = await renderProcessed(clip, null, s, 0);
    const fixed = await renderProcessed(clip, null, s, -makeup);
    const level = (b: AudioBuffer) => toDb(rms([b.getChannelData(0)], 24_000, 48_000));
    const input = toDb(rms([d], 24_000, 48_000));
    expect(level(raw) - input).toBeCloseTo(makeup, 1); // uncompensated: louder by the hidden makeup
    expect(Math.abs(level(fixed) - input)).toBeLessThan(0.1); // compensated: unity
  });
});
