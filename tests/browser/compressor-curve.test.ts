/**
 * The pure transfer curve (src/analysis/compressor-curve.ts) against the real
 * DynamicsCompressorNode in Chromium: a constant input level (a DC offset, so the detector
 * sees one steady magnitude) is rendered through the node and its settled gain read.
 */
import { describe, expect, it } from 'vitest';
import { compressionGainDb, staticCurve, transferCurve } from '../../src/analysis/compressor-curve';
import { hiddenMakeupDb } from '../../src/audio/compressor-makeup';
import { defaultSettings } from '../../src/audio/settings';

const SR = 48_000;

async function measuredGainDb(inputDb: number, s: { threshold: number; knee: number; ratio: number }): Promise<number> {
  const frames = SR; // 1 s: the detector has long settled by the end
  const ctx = new OfflineAudioContext(1, frames, SR);
  const level = new ConstantSourceNode(ctx, { offset: 10 ** (inputDb / 20) });
  const comp = new DynamicsCompressorNode(ctx, { ...s, attack: 0.003, release: 0.1 });
  level.connect(comp).connect(ctx.destination);
  level.start();
  const out = (await ctx.startRendering()).getChannelData(0);
  return 20 * Math.log10(Math.abs(out[frames - 1])) - inputDb;
}

describe('compressor transfer curve', () => {
  const settings = [
    { threshold: -30, knee: 6, ratio: 8 },
    { threshold: -20, knee: 0, ratio: 4 },
    { threshold: -40, knee: 20, ratio: 12 },
  ];
  for (const s of settings) {
    it(`matches the real node's static gain at five levels within 0.5 dB (threshold ${s.threshold}, knee ${s.knee}, ${s.ratio}:1)`, async () => {
      const { hiddenMakeupDb: hidden } = staticCurve(s);
      for (const inputDb of [s.threshold - 12, s.threshold + s.knee / 2, s.threshold + s.knee + 3, -10, -3]) {
        const measured = await measuredGainDb(inputDb, s);
        const predicted = compressionGainDb(s, inputDb) + hidden;
        expect(Math.abs(measured - predicted), `at ${inputDb} dBFS: measured ${measured}, predicted ${predicted}`).toBeLessThan(0.5);
      }
    });
  }

  it('predicts the hidden makeup gain the lab measures on the node (defaults: about +14.6 dB)', async () => {
    const c = defaultSettings('x').compressor;
    expect(Math.abs(staticCurve(c).hiddenMakeupDb - (await hiddenMakeupDb(c)))).toBeLessThan(0.1);
  });

  it('with the hidden makeup compensated, compresses by the ratio above the knee and adds the lab makeup', () => {
    const s = { threshold: -30, knee: 6, ratio: 8, makeup: 5 };
    const curve = transferCurve(s, { fromDb: -60, toDb: 0, stepDb: 1 });
    const at = (db: number) => curve.find((p) => Math.abs(p.inputDb - db) < 1e-6)!.outputDb;
    expect(at(-50)).toBeCloseTo(-45, 6); // below threshold: only the makeup
    expect(at(-8) - at(-16)).toBeCloseTo(8 / 8, 2); // 8 dB in → 1 dB out at 8:1
  });
});
