/**
 * The visual analyses' worker is ended once idle (the clip copies it was sent stay in an idle
 * worker's heap as garbage) and started again when a view next asks, with the same results.
 */
import { expect, it } from 'vitest';
import { analyseVisual, IDLE_MS } from '../../src/analysis/visual-client';

it('ends its worker once idle and starts a new one for the next job', { timeout: 20_000 }, async () => {
  const NativeWorker = globalThis.Worker;
  let started = 0;
  let ended = 0;
  globalThis.Worker = class extends NativeWorker {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      started++;
    }
    override terminate(): void {
      ended++;
      super.terminate();
    }
  };
  try {
    // A decaying noise burst: an impulse response's shape.
    const ir = new AudioBuffer({ length: 24_000, numberOfChannels: 1, sampleRate: 48_000 });
    ir.copyToChannel(
      Float32Array.from({ length: ir.length }, (_, i) => Math.sin(i * 12.9898) * Math.exp(-i / 3000)),
      0,
    );
    const [first, second] = await Promise.all([analyseVisual('reflections', ir), analyseVisual('octave-decay', ir)]);
    expect([started, ended]).toEqual([1, 0]); // one worker for jobs asked together, kept while any is pending
    await new Promise((r) => setTimeout(r, IDLE_MS + 300));
    expect(ended).toBe(1);
    const again = await analyseVisual('reflections', ir);
    expect(started).toBe(2);
    expect(again).toEqual(first);
    expect(second.length).toBeGreaterThan(0);
  } finally {
    globalThis.Worker = NativeWorker;
  }
});
