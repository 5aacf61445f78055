import { describe, expect, it } from 'vitest';
import { Offline } from 'tone';
import { OUTPUT_LATENCY_FRAMES } from '../../src/audio/slot-player';
import { ABPlayer } from './ab-player';
import { defaultSettings } from '../../src/audio/settings';
import { checkSignal } from '../../src/audio/headphone-check';

const SR = 48_000;

describe('loops in the engine', () => {
  it('are sample-accurate: the output repeats the region exactly, period for period', async () => {
    // A clip whose every sample is different, so a loop off by one sample shows.
    const clip = new AudioBuffer({ length: SR, sampleRate: SR, numberOfChannels: 1 });
    const d = clip.getChannelData(0);
    for (let i = 0; i < d.length; i++) d[i] = ((i * 7919) % 10007) / 10007 - 0.5;
    const settings = defaultSettings('none');
    settings.reverb.enabled = false;
    const loop = { start: 0.1, end: 0.2 };
    const out = await Offline(
      async () => {
        const p = new ABPlayer(settings, null);
        await p.ready;
        p.setClip(clip);
        p.setOutputLevel(-20); // keep the limiter far away
        p.setLoop(loop);
        p.startAt(0);
      },
      0.8,
      1,
      SR,
    );
    const y = out.getChannelData(0);
    const gain = 10 ** (-20 / 20);
    const start = loop.start * SR;
    const period = (loop.end - loop.start) * SR;
    // Every output sample after the first pass is the clip at start + (n mod period).
    for (let n = 0.2 * SR + 100; n < 0.8 * SR - OUTPUT_LATENCY_FRAMES; n += 37) {
      const k = n - 0.2 * SR; // frames since the loop first wrapped
      const expected = d[start + (k % period)] * gain;
      expect(y[n + OUTPUT_LATENCY_FRAMES]).toBeCloseTo(expected, 5);
    }
  });

  it('the position follows the loop on the audio clock', async () => {
    const clip = new AudioBuffer({ length: SR, sampleRate: SR, numberOfChannels: 1 });
    clip.getChannelData(0).fill(0.1);
    let positions: number[] = [];
    await Offline(
      (ctx) => {
        const p = new ABPlayer(defaultSettings('none'), null);
        p.setClip(clip);
        p.setLoop({ start: 0.25, end: 0.5 });
        p.startAt(0);
        for (const t of [0.1, 0.3, 0.6, 0.8]) ctx.setTimeout(() => positions.push(p.position), t);
      },
      1,
      1,
      SR,
    );
    positions = positions.map((v) => Math.round(v * 100) / 100);
    expect(positions).toEqual([0.1, 0.3, 0.35, 0.3]);
  });
});

describe('headphone check signals', () => {
  const energy = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);

  it('left and right play in one ear only', async () => {
    const left = await checkSignal('left');
    const right = await checkSignal('right');
    expect(energy(left.getChannelData(0))).toBeGreaterThan(100);
    expect(energy(left.getChannelData(1))).toBe(0);
    expect(energy(right.getChannelData(0))).toBe(0);
    expect(energy(right.getChannelData(1))).toBeGreaterThan(100);
  });

  it('in phase is the same in both ears, out of phase is inverted in one', async () => {
    const inPhase = await checkSignal('in-phase');
    const outPhase = await checkSignal('out-of-phase');
    const [l1, r1] = [inPhase.getChannelData(0), inPhase.getChannelData(1)];
    const [l2, r2] = [outPhase.getChannelData(0), outPhase.getChannelData(1)];
    for (let i = 0; i < l1.length; i += 101) {
      expect(r1[i]).toBe(l1[i]);
      expect(r2[i] + l2[i]).toBe(0);
    }
    // Mostly low frequencies (where polarity is heard): little energy in sample-to-sample steps.
    let diff = 0;
    for (let i = 1; i < l1.length; i++) diff += (l1[i] - l1[i - 1]) ** 2;
    expect(diff / energy(l1)).toBeLessThan(0.01);
  });
});
