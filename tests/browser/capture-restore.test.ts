/**
 * The capture panel's kept state (IndexedDB) as an older or damaged lab may have left it:
 * only lengths the panel offers are taken back, and a last capture that cannot be read is
 * named and forgotten.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clear, createStore } from 'idb-keyval';
import { CaptureState } from '../../src/state/capture.svelte';
import type { IrSink } from '../../src/state/ir-result';
import { loadValue, saveValue } from '../../src/state/session-store';

/** Where the panel sends its results and messages: only the messages matter here. */
function sink(): IrSink & { said: string[] } {
  const said: string[] = [];
  return {
    said,
    useImpulseResponse: () => Promise.resolve(),
    addRecording: () => Promise.resolve(),
    notify: (_level, text) => said.push(text),
  };
}

afterEach(async () => {
  await clear(createStore('canyon-lab', 'kv'));
});

describe('the capture panel restored', () => {
  it('takes back lengths it offers and leaves the rest at their defaults', async () => {
    const lab = sink();
    await saveValue('capture:options', { sweepSeconds: 10, tailSeconds: 8, clapSeconds: 5 }, 'options');
    const kept = new CaptureState(lab);
    await kept.restore();
    expect([kept.sweepSeconds, kept.tailSeconds, kept.clapSeconds]).toEqual([10, 8, 5]);
    kept.dispose();

    await saveValue('capture:options', { sweepSeconds: 'abc', tailSeconds: -5, clapSeconds: NaN }, 'options');
    const damaged = new CaptureState(lab);
    await damaged.restore();
    expect([damaged.sweepSeconds, damaged.tailSeconds, damaged.clapSeconds]).toEqual([5, 2, 3]);
    expect(damaged.sweepSpec.seconds).toBe(5);
    damaged.dispose();
  });

  it('a last capture that cannot be read back is named and forgotten', async () => {
    const lab = sink();
    await saveValue('capture:last', { name: 'Hall', source: 'sweep', sampleRate: 48_000, channels: 'not samples' }, 'last');
    const capture = new CaptureState(lab);
    await capture.restore();
    expect(capture.result).toBeNull();
    expect(lab.said).toEqual(['The last capture kept in this browser could not be read back (its samples are not a list of channels).']);
    expect(await loadValue('capture:last')).toBeUndefined();
    capture.dispose();
  });
});
