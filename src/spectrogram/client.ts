/**
 * Main-thread side of the spectrogram worker: hands it a buffer once, asks for the visible
 * part (the latest request wins), and reports the whole clip's spectrogram when it is done.
 */
import { channelCopies } from '../audio/buffer-channels';
import type { SpectrogramRequest, SpectrogramResponse } from './protocol';
import type { SpectrogramTile } from './stft';

export interface SpectrogramEvents {
  /** A visible tile arrived (the newest request only). */
  ontile?: (tile: SpectrogramTile, info: { engine: string; ms: number }) => void;
  /** The whole clip, computed once per buffer and FFT size. */
  onoverview?: (tile: SpectrogramTile, info: { ms: number }) => void;
  onprogress?: (done: number, total: number) => void;
  onerror?: (message: string) => void;
}

export class SpectrogramSource {
  private worker: Worker | null = null;
  private generation = 0;
  private request = 0;

  constructor(private readonly events: SpectrogramEvents) {}

  /** Start over with a new buffer or FFT size; any work for the previous one is dropped. */
  load(buffer: AudioBuffer, fftSize: number): void {
    this.generation++;
    this.worker ??= this.start();
    const channels = channelCopies(buffer);
    this.send(
      { type: 'load', generation: this.generation, channels, sampleRate: buffer.sampleRate, fftSize },
      channels.map((c) => c.buffer),
    );
  }

  /** The spectrogram of [t0, t1) seconds at one frame per column. */
  requestTile(t0: number, t1: number, columns: number): void {
    if (!this.worker) return;
    this.send({ type: 'tile', generation: this.generation, request: ++this.request, t0, t1, columns });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(m: SpectrogramRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SpectrogramResponse>) => {
      const m = event.data;
      if (m.generation !== this.generation) return;
      if (m.type === 'tile' && m.request === this.request) this.events.ontile?.(m.tile, { engine: m.engine, ms: m.ms });
      else if (m.type === 'overview') this.events.onoverview?.(m.tile, { ms: m.ms });
      else if (m.type === 'progress') this.events.onprogress?.(m.done, m.total);
      else if (m.type === 'error') this.events.onerror?.(m.message);
    };
    worker.onerror = (event) => this.events.onerror?.(event.message || 'The spectrogram worker failed.');
    return worker;
  }
}
