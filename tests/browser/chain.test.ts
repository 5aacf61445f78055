import { describe, expect, it } from 'vitest';
import { renderProcessed } from '../../src/audio/engine';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { crestFactorDb, windowRmsDb } from '../../src/analysis/levels';
import { channelsOf, clickBuffer, loadSample } from './helpers';

const IR_ID = 'ir-antwerp-street';

function settings(patch: (s: ChainSettings) => void): ChainSettings {
  const s = defaultSettings(IR_ID);
  patch(s);
  return s;
}

describe('offline render through the Tone.js chain (real Chromium Web Audio)', () => {
  it('a dry click gets a reverb tail with reverb on, and stays dry with reverb off', async () => {
    const ir = await loadSample(IR_ID);
    const click = clickBuffer(1, 0.1);
    const wet = await renderProcessed(
      click,
      ir,
      settings((s) => {
        s.reverb.enabled = true;
        s.reverb.wet = 1;
      }),
    );
    const dry = await renderProcessed(
      click,
      ir,
      settings((s) => {
        s.reverb.enabled = false;
      }),
    );
    // Window starting 100 ms after the click, 50 ms long.
    const tailWet = windowRmsDb(channelsOf(wet), wet.sampleRate, 0.2, 0.25);
    const tailDry = windowRmsDb(channelsOf(dry), dry.sampleRate, 0.2, 0.25);
    console.info(`tail 100–150 ms after the click: ${tailWet.toFixed(1)} dBFS wet, ${tailDry} dBFS dry`);
    expect(tailWet).toBeGreaterThan(-60);
    expect(tailDry).toBeLessThan(-90);
    // The click itself passes through untouched when dry.
    expect(windowRmsDb(channelsOf(dry), dry.sampleRate, 0.1, 0.101)).toBeGreaterThan(-1);
  });

  it('the render holds the whole IR tail: its length is clip + IR', async () => {
    const ir = await loadSample(IR_ID);
    const clip = await loadSample('ufoai-pistol');
    const out = await renderProcessed(
      clip,
      ir,
      settings(() => {}),
    );
    expect(out.sampleRate).toBe(48_000);
    expect(out.numberOfChannels).toBe(2);
    expect(Math.abs(out.length - (clip.length + ir.length))).toBeLessThanOrEqual(128);
    // Energy is still arriving in the last tenth of the IR's span after the clip ends.
    const tailStart = clip.duration + ir.duration * 0.5;
    expect(windowRmsDb(channelsOf(out), out.sampleRate, tailStart, tailStart + ir.duration * 0.1)).toBeGreaterThan(-100);
  });

  it('compression lowers the gunshot’s crest factor by at least 3 dB', async () => {
    const clip = await loadSample('ufoai-pistol');
    const ir = await loadSample(IR_ID);
    const plain = await renderProcessed(
      clip,
      ir,
      settings((s) => {
        s.reverb.enabled = false;
        s.compressor.enabled = false;
      }),
    );
    const squashed = await renderProcessed(
      clip,
      ir,
      settings((s) => {
        s.reverb.enabled = false;
        s.compressor.enabled = true;
      }),
    );
    const span = [0, clip.length] as const; // the shot itself, not the silent tail padding
    const before = crestFactorDb(channelsOf(plain), ...span);
    const after = crestFactorDb(channelsOf(squashed), ...span);
    console.info(`crest factor: ${before.toFixed(2)} dB → ${after.toFixed(2)} dB`);
    expect(before - crestFactorDb(channelsOf(clip), ...span)).toBeCloseTo(0, 1); // bypass is transparent
    expect(before - after).toBeGreaterThanOrEqual(3);
  });
});
