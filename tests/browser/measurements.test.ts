import { describe, expect, it } from 'vitest';
import { MeasurementsState } from '../../src/state/measurements.svelte';
import { measureClip } from '../../src/analysis/measure';
import { loadSample, channelsOf } from './helpers';

describe('measurements in a worker', () => {
  it('measures A and the IR off the main thread with the same figures as on it', async () => {
    const [clip, ir] = await Promise.all([loadSample('ufoai-pistol'), loadSample('ir-antwerp-street')]);
    const m = new MeasurementsState();
    m.update({ A: { audio: clip }, IR: { audio: ir }, B: null });
    expect(m.busy).toBe(true);
    await expect.poll(() => m.busy, { timeout: 20_000 }).toBe(false);
    expect(m.error).toBeNull();
    const direct = measureClip(channelsOf(clip), clip.sampleRate);
    expect(m.get('A')!.integratedLufs).toBeCloseTo(direct.integratedLufs!, 6);
    expect(m.get('A')!.crestFactorDb).toBeCloseTo(direct.crestFactorDb, 6);
    // The measured street IR is short and noisy: EDT is there; T30 may need more range than it has.
    expect(m.get('IR')!.edt.seconds).toBeGreaterThan(0.05);
    expect(m.get('IR')!.bands.length).toBe(7);
    expect(m.get('B')).toBeNull();
    m.dispose();
  });
});
