/**
 * Measurements of A, B and the impulse response, computed in a worker whenever they
 * change. Only the newest request's answer is kept.
 */
import type { ClipMeasurements, Measured } from '../analysis/measure';
import { channelCopies } from '../audio/buffer-channels';
import type { MeasureRequest, MeasureResponse } from '../analysis/worker';

export class MeasurementsState {
  results = $state.raw<Measured>({});
  busy = $state(false);
  error = $state<string | null>(null);

  private worker: Worker | null = null;
  private latest = 0;

  /** Measure the given buffers (null entries are cleared). */
  update(buffers: Record<string, AudioBuffer | null>): void {
    const items: MeasureRequest['items'] = [];
    for (const [name, b] of Object.entries(buffers)) {
      if (!b) continue;
      // Copies: the originals stay with the audio engine; the copies are transferred.
      items.push({
        name,
        sampleRate: b.sampleRate,
        channels: channelCopies(b),
      });
    }
    const id = ++this.latest;
    this.busy = true;
    this.worker ??= this.startWorker();
    this.worker.postMessage(
      { id, items } satisfies MeasureRequest,
      items.flatMap((i) => i.channels.map((c) => c.buffer)),
    );
  }

  get(name: string): ClipMeasurements | null {
    return this.results[name] ?? null;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('../analysis/worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<MeasureResponse>) => {
      if (event.data.id !== this.latest) return;
      this.busy = false;
      this.error = event.data.error ?? null;
      if (!event.data.error) this.results = event.data.results;
    };
    worker.onerror = (event) => {
      this.busy = false;
      this.error = event.message || 'The analysis worker failed.';
    };
    return worker;
  }
}
