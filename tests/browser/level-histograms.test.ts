/**
 * The compressor curve's level distributions: read from each AudioBuffer in place, once per
 * buffer however often the curve asks (it asks for every item whenever a slot changes), and
 * without a worker (each ask used to send a whole copy of the clip to the visual worker).
 */
import { expect, it } from 'vitest';
import { levelHistogram } from '../../src/analysis/level-histogram';
import { levelHistogramOf } from '../../src/ui/level-histograms';

it('reads a buffer once, in place, with the figures of levelHistogram', async () => {
  const buffer = new AudioBuffer({ length: 20 * 48_000, numberOfChannels: 2, sampleRate: 48_000 });
  for (let c = 0; c < 2; c++)
    buffer.copyToChannel(
      Float32Array.from({ length: buffer.length }, (_, i) => Math.sin(i * (0.01 + c)) * (i / buffer.length)),
      c,
    );
  const NativeWorker = globalThis.Worker;
  let workers = 0;
  globalThis.Worker = class extends NativeWorker {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      workers++;
    }
  };
  try {
    const first = levelHistogramOf(buffer);
    expect(levelHistogramOf(buffer)).toBe(first);
    const h = await first;
    const expected = levelHistogram([buffer.getChannelData(0), buffer.getChannelData(1)], buffer.sampleRate);
    expect(h.total).toBe(expected.total);
    expect([...h.counts]).toEqual([...expected.counts]);
    expect(workers).toBe(0);
  } finally {
    globalThis.Worker = NativeWorker;
  }
});
