/**
 * Main-thread side of the spectrogram worker: hands it a buffer in chunks (no long copy on
 * the main thread), asks for the visible part (the latest request wins; before the whole clip
 * has arrived a request carries the samples it needs), and reports the whole clip's
 * spectrogram when it is done.
 */
import type { SpectrogramRequest, SpectrogramResponse } from './protocol';
import { channelViews } from '../audio/buffer-channels';
import { CodedAudio, readRange, type ClipAudio } from '../audio/coded-audio';
import { cutExcerpt, excerptColumns, spanOf } from './excerpt';
import { visibleRange, type SpectrogramTile } from './stft';

export interface SpectrogramEvents {
  /** A visible tile arrived (newer than any delivered before). */
  ontile?: (tile: SpectrogramTile, info: { engine: string; ms: number }) => void;
  /** The whole clip, computed once per buffer and FFT size. */
  onoverview?: (tile: SpectrogramTile, info: { ms: number }) => void;
  onprogress?: (done: number, total: number) => void;
  onerror?: (message: string) => void;
}

/** Samples per channel per upload step: 1 MB, a few ms to copy even on a loaded machine. */
const CHUNK = 2 ** 18;

export class SpectrogramSource {
  private worker: Worker | null = null;
  private generation = 0;
  private request = 0;
  /** Frames a window asked for needs uploaded first (a clip read from its file: no excerpt is cut), or null. */
  private waitingFor: number | null = null;
  /** Newest request whose tile was delivered: an older tile arriving later is dropped. */
  private shown = 0;
  private buffer: ClipAudio | null = null;
  private fftSize = 2048;
  private uploaded = 0;
  private last: { t0: number; t1: number; columns: number } | null = null;

  /** The worker starts (and compiles its FFT) at once, so it is ready when the buffer comes. */
  constructor(private readonly events: SpectrogramEvents) {
    this.worker = this.start();
  }

  /** Start over with a new buffer or FFT size; any work for the previous one is dropped. */
  load(buffer: ClipAudio, fftSize: number): void {
    const generation = ++this.generation;
    this.shown = this.request;
    this.worker ??= this.start();
    this.buffer = buffer;
    this.fftSize = fftSize;
    this.uploaded = 0;
    this.waitingFor = null;
    this.send({
      type: 'begin',
      generation,
      sampleRate: buffer.sampleRate,
      length: buffer.length,
      channelCount: buffer.numberOfChannels,
      fftSize,
    });
    void this.upload(buffer, generation);
  }

  /** The spectrogram of [t0, t1) seconds at one frame per column. */
  requestTile(t0: number, t1: number, columns: number): void {
    const buffer = this.buffer;
    if (!this.worker || !buffer) return;
    this.last = { t0, t1, columns };
    let range = visibleRange(t0, t1, columns, buffer.sampleRate);
    const needed = Math.min(buffer.length, spanOf(range, this.fftSize)[1]);
    if (this.uploaded >= needed) {
      this.send({ type: 'tile', generation: this.generation, request: ++this.request, t0, t1, columns });
      return;
    }
    // A clip kept in its file is read in order by the upload, which asks again once this window is in.
    if (buffer instanceof CodedAudio) return void (this.waitingFor = needed);
    // Not there yet: send what this window needs (fewer columns if that would be a big copy).
    const fewer = excerptColumns(columns, range, this.fftSize, buffer.numberOfChannels);
    range = visibleRange(t0, t1, fewer, buffer.sampleRate);
    const excerpt = cutExcerpt(channelViews(buffer), range, this.fftSize);
    this.send(
      { type: 'tile', generation: this.generation, request: ++this.request, t0, t1, columns: fewer, excerpt },
      excerpt.channels.map((c) => c.buffer),
    );
  }

  dispose(): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.buffer = null;
  }

  /** Resolves when the first tile of the current clip is in: the upload waits for it (or 300 ms). */
  private firstTile: () => void = () => {};

  private async upload(buffer: ClipAudio, generation: number): Promise<void> {
    // No excerpt comes first for a clip read from its file (requestTile): its upload starts at once.
    if (!(buffer instanceof CodedAudio))
      await new Promise<void>((resolve) => {
        this.firstTile = resolve;
        setTimeout(resolve, 300);
      });
    for (let offset = 0; offset < buffer.length; offset += CHUNK) {
      if (generation !== this.generation) return;
      const end = Math.min(buffer.length, offset + CHUNK);
      const channels = await readRange(buffer, offset, end).catch(() => null);
      // A file no longer readable: what was uploaded stays drawn (the slot says why).
      if (generation !== this.generation || !channels) return;
      this.send(
        { type: 'chunk', generation, offset, channels },
        channels.map((c) => c.buffer),
      );
      this.uploaded = end;
      if (this.waitingFor !== null && end >= this.waitingFor && this.last) {
        this.waitingFor = null;
        this.requestTile(this.last.t0, this.last.t1, this.last.columns);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // The picture so far may have come from a coarse excerpt: ask again at full resolution.
    if (generation === this.generation && this.last) this.requestTile(this.last.t0, this.last.t1, this.last.columns);
  }

  private send(m: SpectrogramRequest, transfer: Transferable[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SpectrogramResponse>) => {
      const m = event.data;
      if (m.generation !== this.generation) return;
      if (m.type === 'tile') {
        // A tile carries its own time span, so a superseded one still paints correctly where it reaches.
        if (m.request <= this.shown) return;
        this.shown = m.request;
        this.firstTile();
        this.events.ontile?.(m.tile, { engine: m.engine, ms: m.ms });
      } else if (m.type === 'overview') this.events.onoverview?.(m.tile, { ms: m.ms });
      else if (m.type === 'progress') this.events.onprogress?.(m.done, m.total);
      else if (m.type === 'error') this.events.onerror?.(m.message);
    };
    worker.onerror = (event) => this.events.onerror?.(event.message || 'The spectrogram worker failed.');
    return worker;
  }
}
