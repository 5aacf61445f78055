/**
 * Reverb pre-delay in the live ProcessingChain (rendered offline with the browser's own
 * nodes): the reverb starts later by exactly the pre-delay, the dry sound does not move,
 * so the chain's latency — and A/B alignment — is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { renderProcessedByNodes } from '../../src/audio/render';
import { defaultSettings } from '../../src/audio/settings';
import { clickBuffer, loadSample } from './helpers';

const SR = 48_000;

function settings(wet: number, preDelay: number, reverb = true) {
  const s = defaultSettings('ir-antwerp-street');
  s.reverb.enabled = reverb;
  s.reverb.wet = wet;
  s.reverb.preDelay = preDelay;
  return s;
}

describe('reverb pre-delay in the chain', () => {
  it('delays the reverb by exactly the pre-delay (50 ms = 2400 frames)', async () => {
    const ir = await loadSample('ir-antwerp-street');
    const click = clickBuffer(0.5, 0.1);
    const [plain, delayed] = await Promise.all([
      renderProcessedByNodes(click, ir, settings(1, 0)),
      renderProcessedByNodes(click, ir, settings(1, 0.05)),
    ]);
    for (let c = 0; c < 2; c++) {
      const a = plain.getChannelData(c);
      const b = delayed.getChannelData(c);
      expect(b.subarray(0, 2400).every((v) => v === 0)).toBe(true);
      let worst = 0;
      for (let i = 2400; i < b.length; i++) worst = Math.max(worst, Math.abs(b[i] - a[i - 2400]));
      expect(worst).toBeLessThan(1e-6);
      expect(Math.max(...a.subarray(4800, 9600).map(Math.abs))).toBeGreaterThan(0.01); // there was a reverb to move
    }
  });

  it('leaves the dry sound where it was: the chain’s latency does not change', async () => {
    const ir = await loadSample('ir-antwerp-street');
    const click = clickBuffer(0.5, 0.1);
    const at = Math.round(0.1 * SR);
    for (const reverb of [false, true]) {
      const out = await renderProcessedByNodes(click, ir, settings(0.5, 0.2, reverb));
      const left = out.getChannelData(0);
      // The click's first frame is where the clip has it, and nothing comes before it.
      expect(left.subarray(0, at).every((v) => v === 0)).toBe(true);
      expect(left[at]).toBeCloseTo(1, 6);
      if (reverb) expect(left.subarray(at + 48, at + 0.2 * SR).every((v) => v === 0)).toBe(true); // silence until the reverb
    }
  });
});
