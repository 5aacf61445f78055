/**
 * Measurements of A, B and the impulse response, computed in a worker whenever they
 * change. Only the newest request's answer is kept.
 */
import type { ClipMeasurements, Measured, MeasureOptions } from '../analysis/measure';
import { channelCopies } from '../audio/buffer-channels';
import type { MeasureRequest, MeasureResponse } from '../analysis/worker';

/** What to measure: a buffer at the lab rate, or a file's channels at its own rate; with the measuring options. */
export interface MeasureItem {
  audio: AudioBuffer | { sampleRate: number; channels: readonly Float32Array[] };
  options?: MeasureOptions;
}

export class MeasurementsState {
  results = $state.raw<Measured>({});
  busy = $state(false);
  error = $state<string | null>(null);

  private worker: Worker | null = null;
  private latest = 0;

  /**
   * Measure the given items (null entries are cleared): an AudioBuffer (at the lab rate),
   * or channels at their own rate (a file measured unresampled), each with its options.
   */
  update(entries: Record<string, MeasureItem | null>): void {
    const items: MeasureRequest['items'] = [];
    for (const [name, entry] of Object.entries(entries)) {
      if (!entry) continue;
      const { audio, options } = entry;
      // Copies: the originals stay with the audio engine; the copies are transferred.
      const channels = audio instanceof AudioBuffer ? channelCopies(audio) : audio.channels.map((c) => c.slice());
      items.push({ name, sampleRate: audio.sampleRate, channels, ...(options ? { options } : {}) });
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
